"""Who may see and change what: loopback by default, a token or password, CSRF on every change.

The rules (README "Web dashboard"):

- ``sinowatch serve`` binds 127.0.0.1. Binding any other address needs a credential from the
  environment — ``SINOWATCH_WEB_TOKEN`` (an access token) or ``SINOWATCH_WEB_PASSWORD`` (HTTP basic
  auth, user ``SINOWATCH_WEB_USER``, default ``sinowatch``) — or the server refuses to start
  (:func:`check_bind`). There, every request but ``/healthz``, ``/login`` and ``/static`` must
  be authenticated.
- On loopback anyone on the machine may read; nothing changes unless authenticated (with no
  credential configured the dashboard is read-only).
- Authenticated means: ``Authorization: Bearer <token>``, basic auth with the password, or the
  session cookie ``/login`` sets after it was given the token or password.
- Every unsafe request (POST…) carries a CSRF token (form field ``csrf_token`` or header
  ``X-CSRF-Token``) that matches the request's CSRF cookie (signed double submit), except one
  authenticated by a bearer token (a browser never sends that header by itself).
- ``/login``, bearer tokens and basic auth share one budget of :data:`LOGIN_FAILURE_LIMIT`
  wrong secrets per client address; past that every sign-in and every request carrying
  credentials from the address gets 429 with ``Retry-After`` until the window has room
  (:class:`LoginThrottle`), so the token or password cannot be guessed at network speed.
- Every response forbids inline script, framing and MIME sniffing (Content-Security-Policy):
  article text is escaped by the templates, and would not run even if it were not.

The middleware is plain ASGI (not ``BaseHTTPMiddleware``) because it must read a form body to
find the CSRF token and still hand the same body to the route.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
import logging
import math
import os
import secrets
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Any, Literal
from urllib.parse import parse_qs, quote

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

TOKEN_ENV = "SINOWATCH_WEB_TOKEN"
PASSWORD_ENV = "SINOWATCH_WEB_PASSWORD"
USER_ENV = "SINOWATCH_WEB_USER"
DEFAULT_USER = "sinowatch"

SESSION_COOKIE = "sinowatch_session"
CSRF_COOKIE = "sinowatch_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_FORM_BYTES = 64 * 1024
"""A dashboard form is a few fields; a bigger body is refused before it is read."""

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_PATHS = ("/healthz", "/login", "/static/")
"""Open without a credential even on a public bind (a probe, the sign-in page, its CSS)."""

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]

LOGIN_FAILURE_LIMIT = "10/minute"
"""Wrong secrets ``/login`` accepts from one client address in a moving window."""

AuthMethod = Literal["bearer", "basic", "session"]


class InsecureBind(ValueError):
    """A non-loopback address without a credential: the server must not start."""


@dataclass(frozen=True)
class Access:
    """The credentials the environment configures (none: loopback only, read-only)."""

    token: str | None = None
    password: str | None = None
    username: str = DEFAULT_USER

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Access:
        """Read ``SINOWATCH_WEB_TOKEN`` / ``_PASSWORD`` / ``_USER``; an empty value is unset."""
        env = os.environ if environ is None else environ
        return cls(
            token=env.get(TOKEN_ENV) or None,
            password=env.get(PASSWORD_ENV) or None,
            username=env.get(USER_ENV) or DEFAULT_USER,
        )

    @property
    def configured(self) -> bool:
        return self.token is not None or self.password is not None

    def accepts_secret(self, secret: str) -> bool:
        """True when ``secret`` is the token or the password (``/login`` takes either)."""
        return any(
            known is not None and _same(secret, known) for known in (self.token, self.password)
        )

    def accepts_basic(self, username: str, password: str) -> bool:
        return (
            self.password is not None
            and _same(username, self.username)
            and _same(password, self.password)
        )

    def accepts_bearer(self, token: str) -> bool:
        return self.token is not None and _same(token, self.token)


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback IP; any other name or address (``0.0.0.0`` too) is not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, access: Access) -> None:
    """Raise :class:`InsecureBind` for a non-loopback ``host`` when no credential is set."""
    if not is_loopback(host) and not access.configured:
        raise InsecureBind(
            f"refusing to serve on {host}: it is not a loopback address, and neither "
            f"{TOKEN_ENV} nor {PASSWORD_ENV} is set. Set one of them (the dashboard then asks "
            "for it), or bind 127.0.0.1 (the default) and reach it through an SSH tunnel or a "
            "reverse proxy"
        )


def _same(given: str, known: str) -> bool:
    return hmac.compare_digest(given.encode(), known.encode())


class Signer:
    """HMAC signatures under a key made when the app starts (a restart signs everyone out)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def sign(self, purpose: str, value: str) -> str:
        return hmac.new(self._key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    def session_cookie(self) -> str:
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self.sign('session', nonce)}"

    def valid_session(self, cookie: str) -> bool:
        nonce, _, signature = cookie.partition(".")
        return bool(nonce) and hmac.compare_digest(signature, self.sign("session", nonce))

    def csrf_token(self, nonce: str) -> str:
        """The token a form must send back with the CSRF cookie ``nonce``."""
        return self.sign("csrf", nonce)


LoginOutcome = Literal["signed_in", "wrong_secret", "rate_limited"]


class LoginThrottle:
    """Failed sign-ins per client address, in a moving window (``limits``, kept in memory).

    Only failures count: a visitor who knows the secret is never slowed down, unless its address
    is already past the limit — then even the right secret waits, or a guesser could tell. Every
    outcome is counted (:attr:`outcomes`) and every refusal logged with its reason.
    """

    def __init__(self, limit: str = LOGIN_FAILURE_LIMIT) -> None:
        self.limit = parse(limit)
        self._window = MovingWindowRateLimiter(MemoryStorage())
        self.outcomes: Counter[LoginOutcome] = Counter()

    def retry_after(self, client: str) -> int | None:
        """Whole seconds until ``client`` may try again, or None while it is under the limit."""
        if self._window.test(self.limit, client):
            return None
        reset_at = self._window.get_window_stats(self.limit, client).reset_time
        return max(1, math.ceil(reset_at - time.time()))

    def record(self, client: str, outcome: LoginOutcome, retry_after: int | None = None) -> None:
        """Count ``outcome``; a wrong secret also uses up one of ``client``'s attempts."""
        self.outcomes[outcome] += 1
        if outcome == "wrong_secret":
            self._window.hit(self.limit, client)
            log.warning("sign-in refused from %s: wrong secret", client)
        elif outcome == "rate_limited":
            log.warning(
                "sign-in refused from %s: rate limited (more than %s failed sign-ins), "
                "retry after %ss",
                client,
                self.limit,
                retry_after,
            )


@dataclass(frozen=True)
class Visitor:
    """What the middleware found out about a request; pages read it as ``request.state.visitor``."""

    authenticated: bool
    method: AuthMethod | None
    csrf_token: str
    can_sign_in: bool
    """A credential is configured, so ``/login`` can make this visitor authenticated."""


class SecurityMiddleware:
    """Authentication, the read-only default, CSRF checks and security headers (see module doc)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        access: Access,
        public_bind: bool,
        signer: Signer | None = None,
        throttle: LoginThrottle | None = None,
    ) -> None:
        self.app = app
        self.access = access
        self.public_bind = public_bind
        self.signer = signer or Signer()
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        cookies = _cookies(headers.get("cookie", ""))
        csrf_nonce = cookies.get(CSRF_COOKIE) or ""
        new_csrf = not csrf_nonce
        if new_csrf:
            csrf_nonce = secrets.token_urlsafe(16)
        authorization = headers.get("authorization", "")
        offered = authorization.partition(" ")[0].lower() in ("bearer", "basic")
        client = scope["client"][0] if scope.get("client") else "unknown"
        if offered and (wait := self.throttle.retry_after(client)) is not None:
            self.throttle.record(client, "rate_limited", wait)
            retry = [(b"retry-after", str(wait).encode())]
            await _refuse(send, 429, "too many failed sign-ins: retry later", retry)
            return
        method = self._authenticate(authorization, cookies)
        if offered and method not in ("bearer", "basic"):
            self.throttle.record(client, "wrong_secret")
        visitor = Visitor(
            authenticated=method is not None,
            method=method,
            csrf_token=self.signer.csrf_token(csrf_nonce),
            can_sign_in=self.access.configured,
        )
        scope.setdefault("state", {})["visitor"] = visitor
        send = _with_headers(send, csrf_nonce if new_csrf else None)
        path: str = scope["path"]
        public = path.startswith(PUBLIC_PATHS)
        if self.public_bind and not visitor.authenticated and not public:
            await self._unauthenticated(scope, headers, send)
            return
        if scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        if not visitor.authenticated and path != "/login":
            await _refuse(
                send,
                403,
                "read-only: sign in to change anything"
                if self.access.configured
                else f"read-only: set {TOKEN_ENV} or {PASSWORD_ENV} to allow changes",
            )
            return
        if method == "bearer":
            await self.app(scope, receive, send)
            return
        given = headers.get(CSRF_HEADER)
        if given is None:
            body = await _read_body(receive, headers)
            if body is None:
                await _refuse(send, 413, "request body too large")
                return
            given = _form_field(headers, body, CSRF_FIELD)
            receive = _replay(body, receive)
        if new_csrf or not given or not hmac.compare_digest(given, visitor.csrf_token):
            await _refuse(send, 403, "missing or invalid CSRF token: reload the page and retry")
            return
        await self.app(scope, receive, send)

    def _authenticate(self, authorization: str, cookies: dict[str, str]) -> AuthMethod | None:
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and self.access.accepts_bearer(credentials.strip()):
            return "bearer"
        pair = _basic(credentials) if scheme.lower() == "basic" else None
        if pair is not None and self.access.accepts_basic(*pair):
            return "basic"
        session = cookies.get(SESSION_COOKIE)
        if session and self.access.configured and self.signer.valid_session(session):
            return "session"
        return None

    async def _unauthenticated(self, scope: Scope, headers: dict[str, str], send: Send) -> None:
        """A browser goes to ``/login``; anything else gets 401 (basic-auth challenge if set)."""
        if scope["method"] == "GET" and "text/html" in headers.get("accept", ""):
            target = scope["path"] + (
                "?" + scope["query_string"].decode("latin-1") if scope["query_string"] else ""
            )
            location = f"/login?next={quote(target, safe='')}"
            headers = [(b"location", location.encode()), (b"content-length", b"0")]
            await send({"type": "http.response.start", "status": 303, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        extra = []
        if self.access.password is not None:
            extra.append((b"www-authenticate", b'Basic realm="sinowatch"'))
        await _refuse(send, 401, "authentication required", extra)


def _headers(scope: Scope) -> dict[str, str]:
    return {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:  # a malformed header: no cookies
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def _basic(credentials: str) -> tuple[str, str] | None:
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, password = decoded.partition(":")
    return (username, password) if sep else None


def cookie_header(name: str, value: str, *, max_age: int | None = None) -> bytes:
    """A ``Set-Cookie`` value: HttpOnly, SameSite=Strict, whole site."""
    cookie = f"{name}={value}; Path=/; HttpOnly; SameSite=Strict"
    if max_age is not None:
        cookie += f"; Max-Age={max_age}"
    return cookie.encode()


def _with_headers(send: Send, new_csrf_nonce: str | None) -> Send:
    """``send`` adding the security headers (and the new CSRF cookie) to the response."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers.extend(SECURITY_HEADERS)
            if new_csrf_nonce is not None:
                headers.append((b"set-cookie", cookie_header(CSRF_COOKIE, new_csrf_nonce)))
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


async def _refuse(
    send: Send, status: int, reason: str, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps({"detail": reason}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers.extend(extra or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive: Receive, headers: dict[str, str]) -> bytes | None:
    """The whole request body, or None past :data:`MAX_FORM_BYTES`."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FORM_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the route the body already read, then the client's messages."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> Message:
        return pending.pop() if pending else await receive()

    return replayed


def _form_field(headers: dict[str, str], body: bytes, name: str) -> str | None:
    if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return None
    values: dict[str, list[Any]] = parse_qs(body.decode("utf-8", "replace"))
    found = values.get(name)
    return found[0] if found else None
