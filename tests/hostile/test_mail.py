"""Mail as servers expect it: real aiosmtpd servers with and without SMTPUTF8, 8BITMIME and AUTH.

Every received message is parsed back with ``BytesParser(policy=email.policy.default)`` and must
have no defects; the envelope must hold bare addresses.
"""

from __future__ import annotations

import asyncio
import email.policy
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from email.parser import BytesParser, Parser
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult
from typer.testing import CliRunner

from alerts.channels import PermanentError, build_client
from alerts.channels.email import EmailChannel
from alerts.channels.mailbox import parse_mailbox
from alerts.payload import AlertView, sample_view
from sinowatch.cli import app
from sinowatch.config_loader import ConfigError, load_settings
from tests.smtp import free_port, start

CJK_FROM = "sinowatch 监测 <alerts@example.org>"
CJK_TO = ["王记者 <wang@example.org>", "desk@例子.中国"]


@dataclass
class Server:
    """An SMTP server keeping raw messages and envelopes; ``drop`` removes EHLO extensions."""

    port: int
    drop: tuple[str, ...] = ()
    received: list[dict[str, Any]] = field(default_factory=list)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # type: ignore[no-untyped-def]
        session.host_name = hostname
        return [r for r in responses if not r[4:].upper().startswith(self.drop)]

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.received.append(
            {
                "mail_from": envelope.mail_from,
                "mail_options": list(envelope.mail_options),
                "rcpt_tos": list(envelope.rcpt_tos),
                "raw": envelope.original_content,
            }
        )
        return "250 OK"


def serve(**kwargs: Any) -> Iterator[Server]:
    drop = kwargs.pop("drop", ())
    server = Server(free_port(), drop=drop)
    controller = start(server, **kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def plain_7bit() -> Iterator[Server]:
    """Neither SMTPUTF8 nor 8BITMIME: only 7-bit mail passes."""
    yield from serve(drop=("8BITMIME", "SMTPUTF8"))


@pytest.fixture
def smtputf8() -> Iterator[Server]:
    yield from serve(enable_SMTPUTF8=True)


def channel(port: int, **extra: Any) -> EmailChannel:
    values = {
        "type": "email",
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "from": CJK_FROM,
        "to": CJK_TO,
        "timeout": "5s",
    }
    return EmailChannel.model_validate({**values, **extra})


def alert(title: str) -> AlertView:
    base = sample_view()
    return replace(base, title=title, article=replace(base.article, title=title), test=False)


def send(settings: EmailChannel, view: AlertView) -> None:
    asyncio.run(build_client("mail", settings).send(view, key="swd_k1"))


def parsed(raw: bytes) -> EmailMessage:
    """The message as a reader parses it; fails on any defect of the message or its parts."""
    message = BytesParser(policy=email.policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    for part in message.walk():
        assert not part.defects, part.defects
        for name, value in part.items():
            assert not getattr(value, "defects", ()), (name, value.defects)
    return message


TITLE = "中美关系: tariffs — «talks» ✓"


@pytest.mark.parametrize("server", ["plain_7bit", "smtputf8"])
def test_display_names_and_idn_go_out_as_7bit_mail_with_a_bare_envelope(
    server: str, request: pytest.FixtureRequest
) -> None:
    inbox: Server = request.getfixturevalue(server)
    send(channel(inbox.port), alert(TITLE))
    ((got,),) = [inbox.received]
    assert got["mail_from"] == "alerts@example.org"
    assert got["rcpt_tos"] == ["wang@example.org", "desk@xn--fsqu00a.xn--fiqs8s"]
    assert "SMTPUTF8" not in got["mail_options"]
    assert not any(o.upper().startswith("BODY=8BITMIME") for o in got["mail_options"])
    assert got["raw"].isascii()  # headers RFC 2047, bodies quoted-printable or base64
    message = parsed(got["raw"])
    assert message["From"].addresses[0].display_name == "sinowatch 监测"
    assert [a.display_name for a in message["To"].addresses] == ["王记者", ""]
    assert message["Subject"] == f"[sinowatch] Sample Expert quoted: {TITLE}"
    assert "=?utf-8?" in got["raw"].decode("ascii").split("\r\n\r\n", 1)[0]
    for part in message.walk():
        if not part.is_multipart():
            assert part["Content-Transfer-Encoding"] in ("quoted-printable", "base64", "7bit")
    assert TITLE in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert message["Message-ID"] == "<swd_k1@example.org>"


def test_a_non_ascii_local_part_uses_smtputf8_where_offered(smtputf8: Server) -> None:
    send(channel(smtputf8.port, to=["用户@example.org"]), alert(TITLE))
    ((got,),) = [smtputf8.received]
    assert got["rcpt_tos"] == ["用户@example.org"]
    assert "SMTPUTF8" in got["mail_options"]
    # RFC 6532: the headers are UTF-8 text
    message = Parser(policy=email.policy.SMTPUTF8).parsestr(got["raw"].decode("utf-8"))
    assert not message.defects
    assert message["To"].addresses[0].username == "用户"
    assert message["Subject"] == f"[sinowatch] Sample Expert quoted: {TITLE}"


def test_a_non_ascii_local_part_without_smtputf8_names_the_cause(plain_7bit: Server) -> None:
    with pytest.raises(PermanentError) as caught:
        send(channel(plain_7bit.port, to=["用户@example.org"]), alert(TITLE))
    message = str(caught.value)
    assert "does not offer SMTPUTF8" in message and "用户@example.org" in message
    assert "STARTTLS" not in message
    assert plain_7bit.received == []


def test_a_username_against_a_server_without_auth_names_auth_not_starttls() -> None:
    # aiosmtpd offers AUTH only over TLS by default: over a plain connection it has none
    for inbox in serve():
        with pytest.raises(PermanentError) as caught:
            send(channel(inbox.port, username="bot", password="pw"), alert(TITLE))
        message = str(caught.value)
        assert "does not offer AUTH" in message and "'bot'" in message
        assert "security: starttls or tls" in message and "STARTTLS" not in message
        assert inbox.received == []


def test_a_username_against_a_server_with_auth_logs_in_and_delivers() -> None:
    logins: list[bytes] = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        logins.append(auth_data.login)
        return AuthResult(success=auth_data.password == b"pw")

    for inbox in serve(authenticator=authenticator, auth_require_tls=False):
        send(channel(inbox.port, username="bot", password="pw"), alert(TITLE))
        assert logins == [b"bot"] and len(inbox.received) == 1
        parsed(inbox.received[0]["raw"])


def test_a_title_cannot_add_headers(plain_7bit: Server) -> None:
    send(channel(plain_7bit.port), alert("Tariffs\r\nBcc: victim@example.org\nX-Evil: 1"))
    message = parsed(plain_7bit.received[0]["raw"])
    assert message["Bcc"] is None and message["X-Evil"] is None
    assert message["Subject"].endswith("Tariffs Bcc: victim@example.org X-Evil: 1")


# --- every address is checked when the config loads -----------------------------------------

CONFIG = """\
channels:
  mail:
    type: email
    host: localhost
    from: {sender}
    to:
      - desk@example.org
      - {recipient}
"""


def config(tmp_path: Path, sender: str, recipient: str) -> Path:
    path = tmp_path / "sinowatch.yaml"
    text = CONFIG.format(sender=sender, recipient=recipient)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_good_addresses_load(tmp_path: Path) -> None:
    settings = load_settings(config(tmp_path, f'"{CJK_FROM}"', '"王记者 <wang@例子.中国>"'))
    assert settings.channels["mail"].to[1] == "王记者 <wang@例子.中国>"


@pytest.mark.parametrize(
    ("sender", "recipient", "where", "reason"),
    [
        ("alerts@example.org", "desk", "8:9: channels.mail.to[1]:", "'desk' is not a mail address"),
        ("alerts@example.org", '"a@x.org, b@x.org"', "8:9: channels.mail.to[1]:", "one address"),
        ('"Alerts <alerts@example.org"', "b@x.org", "5:5: channels.mail.from:", "trailing '>'"),
        ("alerts@-bad-.中国", "b@x.org", "5:5: channels.mail.from:", "not a valid IDN"),
    ],
)
def test_a_bad_address_is_a_config_error_at_its_line(
    tmp_path: Path, sender: str, recipient: str, where: str, reason: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(config(tmp_path, sender, recipient))
    (problem,) = caught.value.problems
    assert problem.startswith(f"{tmp_path / 'sinowatch.yaml'}:{where} "), problem
    assert reason in problem


def test_check_reports_a_bad_address_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config(tmp_path, "alerts@example.org", "desk")
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 2
    assert "sinowatch.yaml:8:9: channels.mail.to[1]: 'desk' is not a mail address" in result.stderr


# --- one configured address, split for envelope and headers ----------------------------------


@pytest.mark.parametrize(
    ("value", "envelope", "display", "smtputf8"),
    [
        ("alerts@example.org", "alerts@example.org", "", False),
        (CJK_FROM, "alerts@example.org", "sinowatch 监测", False),
        ('"Desk, China" <desk@example.org>', "desk@example.org", "Desk, China", False),
        ("wang@例子.中国", "wang@xn--fsqu00a.xn--fiqs8s", "", False),
        ('"first last"@example.org', '"first last"@example.org', "", False),
        ("root@[127.0.0.1]", "root@[127.0.0.1]", "", False),
        ("用户@example.org", "用户@example.org", "", True),
    ],
)
def test_a_mailbox_splits_into_envelope_address_and_display_name(
    value: str, envelope: str, display: str, smtputf8: bool
) -> None:
    mailbox = parse_mailbox(value)
    assert mailbox.addr_spec == envelope
    assert mailbox.display_name == display
    assert mailbox.needs_smtputf8 is smtputf8


@pytest.mark.parametrize(
    "value",
    ["", "desk", "a@b@c", "<>", "Desk <desk@example.org", "a b@example.org", "x@y\r\nBcc: z@w"],
)
def test_a_malformed_address_is_refused_with_the_reason(value: str) -> None:
    with pytest.raises(ValueError, match="mail address"):
        parse_mailbox(value)
