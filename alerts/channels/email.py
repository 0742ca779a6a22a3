"""Email channel: SMTP with STARTTLS, TLS or none, optional login; text + HTML from Jinja2.

Settings (``type: email``): ``host``, ``port``, ``security`` (starttls | tls | none),
``username``, ``password`` (use ``${ENV_VAR}``), ``from``, ``to``, ``timeout``.

Bodies come from :mod:`alerts.render` (Jinja2, HTML autoescaped). Header
values pass through :func:`one_line` and :class:`email.message.EmailMessage` (which refuses CR/LF),
so an article title cannot add headers. ``Message-ID`` carries the delivery's idempotency key.
smtplib runs in a worker thread so a slow server never blocks the event loop.

Mail as servers expect it: the envelope (``MAIL FROM`` / ``RCPT TO``) carries bare addresses,
display names and subjects are RFC 2047 encoded words, domains IDNA (:mod:`.mailbox`), bodies
quoted-printable or base64 (never raw 8-bit, so no server needs 8BITMIME). Only a non-ASCII
local part asks for SMTPUTF8, and a server that does not offer it is named as the cause; so is a
server without STARTTLS (``security: starttls``) or without AUTH (a ``username`` is set).
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import TYPE_CHECKING

from alerts.channels.base import ChannelClient, DeliveryError, PermanentError, TransientError
from alerts.channels.mailbox import parse_mailbox
from alerts.render import digest_groups, render
from crawler.storage.tables import utcnow

if TYPE_CHECKING:
    from alerts.payload import AlertView
    from sinowatch.settings import EmailChannel

SUBJECT_PREFIX = "[sinowatch]"
SUBJECT_MAX = 200
MAIL_POLICY = SMTP.clone(cte_type="7bit")
"""CRLF line ends, and non-ASCII bodies quoted-printable or base64 (7-bit clean)."""


class EmailClient(ChannelClient):
    def __init__(self, name: str, settings: EmailChannel) -> None:
        super().__init__(name)
        self._settings = settings
        self._sender = parse_mailbox(settings.sender)
        self._to = [parse_mailbox(address) for address in settings.to]

    async def send(self, alert: AlertView, *, key: str) -> None:
        test = " TEST:" if alert.test else ""
        subject = f"{SUBJECT_PREFIX}{test} {alert.headline}: {alert.display_title}"
        text, html = render("instant", alert=alert)
        await asyncio.to_thread(self._deliver, self.compose(subject, text, html, key))

    async def send_digest(self, alerts: Sequence[AlertView], *, key: str) -> None:
        groups = digest_groups(alerts)
        names = ", ".join(watchlist for watchlist, _ in groups)
        count = len(alerts)
        subject = f"{SUBJECT_PREFIX} Digest: {count} alert{'s' if count != 1 else ''} ({names})"
        text, html = render("digest", groups=groups, count=count)
        await asyncio.to_thread(self._deliver, self.compose(subject, text, html, key))

    def compose(self, subject: str, text: str, html: str, key: str) -> EmailMessage:
        """A multipart/alternative message; ``key`` becomes the Message-ID."""
        message = EmailMessage(policy=MAIL_POLICY)
        message["Subject"] = one_line(subject)[:SUBJECT_MAX]
        message["From"] = self._sender.address
        message["To"] = [mailbox.address for mailbox in self._to]
        message["Date"] = format_datetime(utcnow())
        message["Message-ID"] = f"<{key}@{self._sender.domain}>"
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(text)
        message.add_alternative(html, subtype="html")
        return message

    def _deliver(self, message: EmailMessage) -> None:
        settings = self._settings
        timeout = settings.timeout.total_seconds()
        context = ssl.create_default_context()
        where = f"SMTP {settings.host}:{settings.port}"
        try:
            smtp = (
                smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
                if settings.security == "tls"
                else smtplib.SMTP(settings.host, settings.port, timeout=timeout)
            )
            with smtp:
                smtp.ehlo_or_helo_if_needed()
                if settings.security == "starttls":
                    _require(smtp, "starttls", f"{where} does not offer STARTTLS: {_NO_STARTTLS}")
                    smtp.starttls(context=context)
                    smtp.ehlo()
                if settings.username:
                    _require(smtp, "auth", f"{where} does not offer AUTH: {self._no_auth()}")
                    password = settings.password.get_secret_value() if settings.password else ""
                    smtp.login(settings.username, password)
                self._require_smtputf8(smtp, where)
                smtp.send_message(
                    message,
                    from_addr=self._sender.addr_spec,
                    to_addrs=[mailbox.addr_spec for mailbox in self._to],
                )
        except smtplib.SMTPNotSupportedError as exc:
            raise PermanentError(f"{where} lacks an SMTP extension sinowatch needs: {exc}") from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise PermanentError(
                f"{where} refused the login of {settings.username!r}: check username and "
                f"password ({exc.smtp_code})"
            ) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = {code for code, _ in exc.recipients.values()}
            detail = "; ".join(
                f"{rcpt}: {code} {msg.decode(errors='replace')}"
                for rcpt, (code, msg) in exc.recipients.items()
            )
            error = PermanentError if all(code >= 500 for code in codes) else TransientError
            raise error(f"{where} refused every recipient: {detail}") from exc
        except smtplib.SMTPResponseException as exc:
            message = f"{where} answered {exc.smtp_code}: {exc.smtp_error!r}"
            raise _by_code(exc.smtp_code, message) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TransientError(f"{where} unreachable: {exc or type(exc).__name__}") from exc

    def _no_auth(self) -> str:
        advice = f"username {self._settings.username!r} cannot log in; remove username and password"
        if self._settings.security == "none":
            return (
                f"{advice}, or set security: starttls or tls (servers often offer AUTH only there)"
            )
        return advice

    def _require_smtputf8(self, smtp: smtplib.SMTP, where: str) -> None:
        """A non-ASCII local part (``用户@…``) can only travel with SMTPUTF8 (RFC 6531)."""
        wide = [m.addr_spec for m in (self._sender, *self._to) if m.needs_smtputf8]
        if wide:
            _require(
                smtp,
                "smtputf8",
                f"{where} does not offer SMTPUTF8, which the non-ASCII address "
                f"{', '.join(wide)} needs: use an ASCII address or a server that offers SMTPUTF8",
            )


_NO_STARTTLS = "set security: tls or none (tls is implicit TLS, usually port 465)"


def _require(smtp: smtplib.SMTP, extension: str, problem: str) -> None:
    if not smtp.has_extn(extension):
        raise PermanentError(problem)


def one_line(value: str) -> str:
    """Collapse every line break and run of whitespace to one space (header values)."""
    return " ".join(value.split())


def _by_code(code: int, message: str) -> DeliveryError:
    return PermanentError(message) if code >= 500 else TransientError(message)
