"""The dashboard's security over real HTTP on 127.0.0.1: escaping, CSRF, sign-in, binding.

The database comes from real crawls of a local site (tests/web/filled.py), with one story given a
``<script>`` title in storage.
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from alerts.storage.tables import Alert, Delivery
from sinowatch.web.security import (
    CSRF_COOKIE,
    PASSWORD_ENV,
    SESSION_COOKIE,
    TOKEN_ENV,
    Access,
    InsecureBind,
    LoginThrottle,
    check_bind,
    is_loopback,
)
from sinowatch.web.server import background_server
from tests.web.filled import HOSTILE_QUOTE, HOSTILE_TITLE, TOKEN, Filled

pytestmark = pytest.mark.timeout(300)

PAGES = ["/", "/stories", "/experts", "/sources", "/deliveries", "/search?q=chip*&since=1d"]


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has a form with a CSRF token"
    return found.group(1)


@pytest.fixture
def client(dashboard) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=dashboard.url, follow_redirects=False, timeout=20) as http:
        yield http


def hostile_story_id(filled: Filled) -> int:
    database = filled.database()
    try:
        with database.session() as session:
            alert = session.scalars(select(Alert).where(Alert.title == HOSTILE_TITLE)).one()
            return alert.story_id
    finally:
        database.dispose()


def signed_in(client: httpx.Client) -> httpx.Client:
    """``client`` after signing in through the login form (session cookie set)."""
    token = csrf_token(client.get("/login").text)
    answer = client.post("/login", data={"secret": TOKEN, "csrf_token": token, "next": "/"})
    assert answer.status_code == 303, answer.text
    assert SESSION_COOKIE in client.cookies
    return client


# --- escaping ----------------------------------------------------------------------------------


def test_script_title_is_escaped_on_every_page(client: httpx.Client, filled: Filled):
    story_id = hostile_story_id(filled)
    for path in [*PAGES, "/stories", f"/stories/{story_id}", "/deliveries?status=dead"]:
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:500])
        assert "<script" not in answer.text.lower(), path  # the pages have no script of their own
        assert "<img" not in answer.text, path
    story_page = client.get(f"/stories/{story_id}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in story_page
    assert "&lt;b&gt;tighten&lt;/b&gt;" in story_page
    assert "&lt;img src=x onerror=alert(&#34;quote&#34;)&gt;" in client.get("/experts").text
    assert HOSTILE_QUOTE.startswith("Export controls <img")


def test_every_response_forbids_inline_script_and_framing(client: httpx.Client):
    for path in ["/", "/login", "/api/v1/openapi.json", "/static/style.css", "/nowhere"]:
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"


# --- read-only unless authenticated, CSRF ---------------------------------------------------------


def dead_delivery(filled: Filled) -> int:
    database = filled.database()
    try:
        with database.session() as session:
            return session.scalars(
                select(Delivery.id).where(Delivery.status == "dead").order_by(Delivery.id)
            ).first()
    finally:
        database.dispose()


def status_of(filled: Filled, delivery_id: int) -> str:
    database = filled.database()
    try:
        with database.session() as session:
            return session.get(Delivery, delivery_id).status
    finally:
        database.dispose()


def test_post_without_authentication_is_refused(client: httpx.Client, filled: Filled):
    delivery = dead_delivery(filled)
    token = csrf_token(client.get("/login").text)  # a valid CSRF token is not enough
    answer = client.post(f"/deliveries/{delivery}/retry", data={"csrf_token": token})
    assert answer.status_code == 403
    assert "read-only" in answer.json()["detail"]
    assert status_of(filled, delivery) == "dead"


def test_post_without_csrf_token_is_refused(client: httpx.Client, filled: Filled):
    delivery = dead_delivery(filled)
    signed_in(client)
    for data in ({}, {"csrf_token": "forged"}, {"csrf_token": ""}):
        answer = client.post(f"/deliveries/{delivery}/retry", data=data)
        assert answer.status_code == 403, data
        assert "CSRF" in answer.json()["detail"]
    # the token of another visitor's cookie does not fit this one's
    other = httpx.get(f"{client.base_url}/login").cookies[CSRF_COOKIE]
    assert other != client.cookies[CSRF_COOKIE]
    assert status_of(filled, delivery) == "dead"


def test_basic_auth_alone_still_needs_the_csrf_token(dashboard, filled: Filled):
    """A browser resends basic credentials by itself, so they do not replace the CSRF token."""
    database = filled.database()
    try:
        with background_server(
            filled.settings,
            database,
            host="127.0.0.1",
            port=0,
            access=Access(password="pw", username="ana"),
        ) as running:
            auth = httpx.BasicAuth("ana", "pw")
            delivery = dead_delivery(filled)
            with httpx.Client(base_url=running.url, auth=auth) as http:
                refused = http.post(f"/deliveries/{delivery}/retry", data={})
                assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
                wrong = httpx.post(
                    f"{running.url}/deliveries/{delivery}/retry",
                    auth=httpx.BasicAuth("ana", "nope"),
                )
                assert wrong.status_code == 403 and "read-only" in wrong.json()["detail"]
    finally:
        database.dispose()
    assert status_of(filled, delivery) == "dead"


def test_signed_in_post_with_csrf_token_retries(client: httpx.Client, filled: Filled):
    delivery = dead_delivery(filled)
    signed_in(client)
    token = csrf_token(client.get("/deliveries?status=dead").text)
    answer = client.post(f"/deliveries/{delivery}/retry", data={"csrf_token": token})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/deliveries?retried={delivery}"
    assert status_of(filled, delivery) == "pending"


def test_forged_session_cookie_is_not_a_sign_in(client: httpx.Client):
    client.cookies.set(SESSION_COOKIE, "nonce.0123456789abcdef")
    assert "sign in" in client.get("/").text
    client.cookies.set(SESSION_COOKIE, "garbage")
    assert "sign in" in client.get("/").text


def test_login_refuses_a_wrong_secret_and_redirects_only_locally(client: httpx.Client):
    token = csrf_token(client.get("/login").text)
    wrong = client.post("/login", data={"secret": "nope", "csrf_token": token})
    assert wrong.status_code == 401 and SESSION_COOKIE not in client.cookies
    for target, expected in (("//evil.example/", "/"), ("https://evil.example/", "/"),
                             ("/stories?x=1", "/stories?x=1")):  # fmt: skip
        answer = client.post("/login", data={"secret": TOKEN, "csrf_token": token, "next": target})
        assert answer.headers["location"] == expected, target


@contextmanager
def guesser_and_neighbour(filled: Filled) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """Two clients of a token-protected dashboard on loopback: one from 127.0.0.1, one from
    127.0.0.2 (another address, for the per-address sign-in limit)."""
    database = filled.database()
    try:
        with (
            background_server(
                filled.settings, database, host="127.0.0.1", port=0, access=Access(token=TOKEN)
            ) as running,
            httpx.Client(base_url=running.url, follow_redirects=False, timeout=20) as guesser,
            httpx.Client(
                base_url=running.url,
                transport=httpx.HTTPTransport(local_address="127.0.0.2"),
                follow_redirects=False,
                timeout=20,
            ) as neighbour,
        ):
            yield guesser, neighbour
    finally:
        database.dispose()


def test_failed_sign_ins_are_limited_per_client_address(
    filled: Filled, caplog: pytest.LogCaptureFixture
):
    """Past 10 wrong secrets a minute, an address gets 429 with Retry-After, even with the right
    secret; another address (127.0.0.2, also loopback) still signs in."""
    with guesser_and_neighbour(filled) as (guesser, neighbour):
        caplog.set_level("WARNING", logger="sinowatch.web.security")
        token = csrf_token(guesser.get("/login").text)
        for _ in range(10):
            wrong = guesser.post("/login", data={"secret": "guess", "csrf_token": token})
            assert wrong.status_code == 401
        for secret in ("guess", TOKEN):
            held = guesser.post("/login", data={"secret": secret, "csrf_token": token})
            assert held.status_code == 429, secret
            assert 1 <= int(held.headers["retry-after"]) <= 60
            assert "Too many failed sign-ins" in held.text
            assert SESSION_COOKIE not in guesser.cookies
        signed_in(neighbour)
    reasons = [r.getMessage() for r in caplog.records if r.name == "sinowatch.web.security"]
    assert sum("127.0.0.1: wrong secret" in m for m in reasons) == 10
    assert sum("127.0.0.1: rate limited" in m for m in reasons) == 2
    assert not any("127.0.0.2" in m for m in reasons)


def test_wrong_bearer_tokens_and_basic_passwords_share_the_sign_in_limit(
    filled: Filled, caplog: pytest.LogCaptureFixture
):
    """A guesser cannot go around /login's limit through the Authorization header: wrong bearer
    tokens and basic passwords use up the same 10 attempts; then even the right token gets 429
    with Retry-After, while another address's right token is served."""
    with guesser_and_neighbour(filled) as (guesser, neighbour):
        caplog.set_level("WARNING", logger="sinowatch.web.security")
        right = {"authorization": f"Bearer {TOKEN}"}
        assert guesser.post("/deliveries/0/retry", headers=right).status_code != 429
        basic = base64.b64encode(b"sinowatch:guess").decode()
        for n in range(10):
            wrong = f"Bearer guess-{n}" if n % 2 else f"Basic {basic}"
            answer = guesser.post("/deliveries/0/retry", headers={"authorization": wrong})
            assert answer.status_code == 403, n  # not signed in: read-only
        held = guesser.get("/api/v1/stories", headers=right)
        assert held.status_code == 429 and 1 <= int(held.headers["retry-after"]) <= 60
        assert guesser.get("/api/v1/stories").status_code == 200  # no credentials: reads
        assert neighbour.get("/api/v1/stories", headers=right).status_code == 200
    reasons = [r.getMessage() for r in caplog.records if r.name == "sinowatch.web.security"]
    assert sum("127.0.0.1: wrong secret" in m for m in reasons) == 10
    assert sum("127.0.0.1: rate limited" in m for m in reasons) == 1


def test_login_throttle_counts_every_outcome_and_forgets_old_failures():
    throttle = LoginThrottle("2 per 1 second")
    throttle.record("198.51.100.7", "wrong_secret")
    assert throttle.retry_after("198.51.100.7") is None
    throttle.record("198.51.100.7", "wrong_secret")
    assert throttle.retry_after("198.51.100.7") == 1
    throttle.record("198.51.100.7", "rate_limited", 1)
    throttle.record("203.0.113.9", "signed_in")
    assert throttle.retry_after("203.0.113.9") is None  # successes use up nothing
    time.sleep(1.1)  # the moving window passes
    assert throttle.retry_after("198.51.100.7") is None
    assert throttle.outcomes == Counter(wrong_secret=2, rate_limited=1, signed_in=1)


# --- binding --------------------------------------------------------------------------------------


def test_loopback_addresses():
    assert all(map(is_loopback, ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "10.0.0.5", "example.com", ""]))


def test_public_bind_needs_a_credential():
    with pytest.raises(InsecureBind, match=TOKEN_ENV):
        check_bind("0.0.0.0", Access())
    check_bind("0.0.0.0", Access(token="t"))
    check_bind("0.0.0.0", Access(password="p"))
    check_bind("127.0.0.1", Access())
    assert Access.from_env({TOKEN_ENV: "", PASSWORD_ENV: ""}).configured is False


@pytest.mark.parametrize("command", [["serve", "--host", "0.0.0.0"],
                                     ["run", "--web", "--web-host", "0.0.0.0"]])  # fmt: skip
def test_public_bind_without_a_token_refuses_to_start(filled: Filled, command: list[str]):
    env = {k: v for k, v in os.environ.items() if k not in (TOKEN_ENV, PASSWORD_ENV)}
    done = subprocess.run(
        [sys.executable, "-m", "sinowatch", "-c", str(filled.config_path), *command],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "refusing to serve on 0.0.0.0" in done.stderr
    assert TOKEN_ENV in done.stderr


def test_public_bind_asks_every_page_for_the_credential(filled: Filled):
    database = filled.database()
    try:
        with background_server(
            filled.settings, database, host="0.0.0.0", port=0, access=Access(token=TOKEN)
        ) as running:
            url = f"http://127.0.0.1:{running.port}"
            page = httpx.get(f"{url}/stories?watchlist=x", headers={"accept": "text/html"})
            assert page.status_code == 303
            assert page.headers["location"] == "/login?next=%2Fstories%3Fwatchlist%3Dx"
            assert httpx.get(f"{url}/api/v1/stories").status_code == 401
            assert httpx.get(f"{url}/metrics").status_code == 401
            assert httpx.get(f"{url}/healthz").status_code in (200, 503)
            assert httpx.get(f"{url}/login").status_code == 200
            bearer = {"authorization": f"Bearer {TOKEN}"}
            assert httpx.get(f"{url}/api/v1/stories", headers=bearer).status_code == 200
            wrong = {"authorization": "Bearer nope"}
            assert httpx.get(f"{url}/api/v1/stories", headers=wrong).status_code == 401
            basic = "Basic " + base64.b64encode(f"sinowatch:{TOKEN}".encode()).decode()
            assert httpx.get(f"{url}/", headers={"authorization": basic}).status_code == 401
    finally:
        database.dispose()


def test_serve_help_states_the_security_defaults():
    done = subprocess.run(
        [sys.executable, "-m", "sinowatch", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
        cwd=Path(__file__).parent,
    )
    assert done.returncode == 0, done.stderr
    assert "127.0.0.1" in done.stdout and TOKEN_ENV in done.stdout


def test_bearer_token_needs_no_csrf_token_a_wrong_one_changes_nothing(dashboard, filled: Filled):
    """A browser never adds an Authorization: Bearer header by itself: no CSRF risk there."""
    delivery = dead_delivery(filled)
    wrong = httpx.post(
        f"{dashboard.url}/deliveries/{delivery}/retry", headers={"authorization": "Bearer nope"}
    )
    assert wrong.status_code == 403 and status_of(filled, delivery) == "dead"
    answer = httpx.post(
        f"{dashboard.url}/deliveries/{delivery}/retry", headers={"authorization": f"Bearer {TOKEN}"}
    )
    assert answer.status_code == 303 and status_of(filled, delivery) == "pending"


def test_login_needs_the_csrf_token_and_logout_ends_the_session(client: httpx.Client):
    client.get("/login")  # the CSRF cookie, without its form token
    refused = client.post("/login", data={"secret": TOKEN})
    assert refused.status_code == 403 and SESSION_COOKIE not in client.cookies
    signed_in(client)
    assert "signed in" in client.get("/").text
    answer = client.post("/logout", data={"csrf_token": csrf_token(client.get("/").text)})
    assert answer.status_code == 303
    assert SESSION_COOKIE not in client.cookies
    assert "sign in" in client.get("/").text


def test_reflected_parameters_are_escaped(client: httpx.Client):
    hostile = '"><script>alert(1)</script>'
    for path, params in (
        ("/search", {"q": hostile + " ("}),  # a malformed query: its error shows the query
        ("/search", {"q": hostile}),
        ("/stories", {"outlet": hostile, "min_relevance": "", "since": ""}),
        ("/deliveries", {"channel": hostile}),
        ("/login", {"next": hostile}),
    ):
        answer = client.get(path, params=params)
        assert answer.status_code in (200, 400), (path, answer.status_code)
        assert "<script" not in answer.text, path
        assert "&#34;&gt;&lt;script&gt;" in answer.text or path == "/login", path


def test_bad_filters_are_refused_not_guessed(client: httpx.Client):
    assert client.get("/stories", params={"since": "last week"}).status_code == 400
    assert client.get("/stories", params={"min_relevance": "high"}).status_code == 400
    assert client.get("/stories", params={"cursor": "forged"}).status_code == 400
    assert client.get("/search", params={"since": "5y"}).status_code == 400
    assert client.get("/stories/424242").status_code == 404
