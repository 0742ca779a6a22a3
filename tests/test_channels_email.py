"""Email channel through a real aiosmtpd server on 127.0.0.1 (plain, STARTTLS, login)."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from alerts.channels import PermanentError, TransientError, build_client
from alerts.channels.email import EmailChannel
from alerts.payload import AlertView, StoryView, sample_view
from tests.smtp import Inbox, free_port, parts, smtp_inbox, start


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    yield from smtp_inbox()


def channel(port: int, **extra: Any) -> EmailChannel:
    values = {
        "type": "email",
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "from": "sinowatch@example.org",
        "to": ["desk@example.org"],
        "timeout": "5s",
    }
    return EmailChannel.model_validate({**values, **extra})


def send(settings: EmailChannel, alerts: Sequence[AlertView], key: str = "swd_k1") -> None:
    client = build_client("mail", settings)
    if len(alerts) == 1:
        asyncio.run(client.send(alerts[0], key=key))
    else:
        asyncio.run(client.send_digest(alerts, key=key))


def view(title: str, *, watchlist: str = "experts", story: int = 1, **kw: Any) -> AlertView:
    base = sample_view()
    article = replace(base.article, title=title, url=f"https://news.example.org/{story}")
    outlets = kw.pop("outlets", ["Reuters"])
    kw.setdefault("test", False)  # a real alert unless a test says otherwise
    return replace(
        base,
        id=story,
        title=title,
        watchlist=watchlist,
        article=article,
        story=StoryView(id=story, title=title, outlets=outlets, article_count=len(outlets)),
        **kw,
    )


def test_instant_email_headers_parts_links_and_cjk(inbox: Inbox) -> None:
    title = "Xi–Trump call offers a breakthrough 中美关系"
    send(channel(inbox.port), [view(title, outlets=["Reuters", "SCMP"])], key="swd_abc")
    ((rcpts, message),) = inbox.messages
    assert rcpts == ["desk@example.org"]
    assert message["Subject"] == f"[sinowatch] Sample Expert quoted: {title}"
    assert message["Message-ID"] == "<swd_abc@example.org>"
    assert message["From"] == "sinowatch@example.org" and message["To"] == "desk@example.org"
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)
    assert title in text and "https://news.example.org/1" in text
    assert "Also carried by: Reuters, SCMP" in text
    assert '<a href="https://news.example.org/1">' in html and "中美关系" in html
    assert "<mark>Sample Expert</mark>" in html


def test_a_test_alert_is_marked_in_the_subject(inbox: Inbox) -> None:
    send(channel(inbox.port), [sample_view()], key="swd_test")
    ((_, message),) = inbox.messages
    assert message["Subject"].startswith("[sinowatch] TEST: Sample Expert quoted: ")


def test_hostile_title_cannot_inject_headers_or_html(inbox: Inbox) -> None:
    title = "Breaking\r\nBcc: victim@evil.example\r\n\r\n<script>alert(1)</script>"
    hostile = view(title)
    hostile = replace(hostile, article=replace(hostile.article, url="javascript:alert(1)"))
    send(channel(inbox.port), [hostile])
    ((rcpts, message),) = inbox.messages
    assert rcpts == ["desk@example.org"]
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"] and "Bcc: victim@evil.example" in message["Subject"]
    _, html = parts(message)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="#"' in html and "javascript:" not in html.split("<body")[1].split("href=")[1][:20]


def test_digest_groups_alerts_by_watchlist_and_story(inbox: Inbox) -> None:
    alerts = [
        view("Tariff truce extended", watchlist="topics", story=3),
        view("Gao on the summit", watchlist="experts", story=2, outlets=["Reuters", "AP"]),
        view("Chip export rules", watchlist="topics", story=1),
    ]
    send(channel(inbox.port), alerts, key="swg_digest")
    ((_, message),) = inbox.messages
    assert message["Subject"] == "[sinowatch] Digest: 3 alerts (experts, topics)"
    text, html = parts(message)
    order = [
        text.index(s)
        for s in (
            "== experts (1)",
            "Gao on the summit",
            "== topics (2)",
            "Chip export rules",
            "Tariff truce extended",
        )
    ]
    assert order == sorted(order)
    assert "outlets: Reuters, AP" in text
    assert html.count('<section class="watchlist">') == 2


def test_rejected_recipient_is_permanent(inbox: Inbox) -> None:
    with pytest.raises(PermanentError, match="550"):
        send(channel(inbox.port, to=["gone@example.org"]), [view("t")])
    assert inbox.messages == []


def test_temporarily_refused_recipient_is_transient(inbox: Inbox) -> None:
    with pytest.raises(TransientError, match="451"):
        send(channel(inbox.port, to=["busy@example.org"]), [view("t")])


def test_one_refused_recipient_of_two_still_delivers(inbox: Inbox) -> None:
    send(channel(inbox.port, to=["gone@example.org", "desk@example.org"]), [view("t")])
    assert [rcpts for rcpts, _ in inbox.messages] == [["desk@example.org"]]


def test_server_down_is_transient() -> None:
    with pytest.raises(TransientError, match="unreachable"):
        send(channel(free_port()), [view("t")])


def test_starttls_against_a_server_without_it_is_permanent_with_advice(inbox: Inbox) -> None:
    with pytest.raises(PermanentError, match="security: tls or none"):
        send(channel(inbox.port, security="starttls"), [view("t")])


# --- STARTTLS and login, with a throwaway certificate trusted through SSL_CERT_FILE -----------


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def check_login(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret-pass"
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def tls_inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    box = Inbox(free_port())
    controller = start(
        box,
        tls_context=context,
        require_starttls=True,
        authenticator=check_login,
        auth_required=True,
    )
    yield box
    controller.stop()


def test_starttls_and_login_with_a_secret_password(tls_inbox: Inbox) -> None:
    settings = channel(tls_inbox.port, security="starttls", username="desk", password="s3cret-pass")
    assert "s3cret-pass" not in repr(settings)
    send(settings, [view("Secure delivery")])
    assert len(tls_inbox.messages) == 1


def test_wrong_password_is_permanent_and_says_what_to_check(tls_inbox: Inbox) -> None:
    settings = channel(tls_inbox.port, security="starttls", username="desk", password="nope")
    with pytest.raises(PermanentError, match="check username and password") as caught:
        send(settings, [view("t")])
    assert "nope" not in str(caught.value)
