"""Email channel: SMTP with STARTTLS, TLS or none, optional login; text + HTML from Jinja2.

Settings (``type: email``): ``host``, ``port``, ``security`` (starttls | tls | none),
``username``, ``password`` (use ``${ENV_VAR}``), ``from``, ``to``, ``timeout``.

Bodies come from :mod:`alerts.render` (Jinja2, HTML autoescaped). Header
values pass through :func:`one_line` and :class:`email.message.EmailMessage` (which refuses CR/LF),
so an article title cannot add headers. ``Message-ID`` carries the delivery's idempotency key.
smtplib runs in a worker thread so a slow server never blocks the event loop.
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
from alerts.render import digest_groups, render
from crawler.models import utcnow

if TYPE_CHECKING:
    from alerts.payload import AlertView
    from sinowatch.settings import EmailChannel

SUBJECT_PREFIX = "[sinowatch]"
SUBJECT_MAX = 200


class EmailClient(ChannelClient):
    def __init__(self, name: str, settings: EmailChannel) -> None:
        super().__init__(name)
        self._settings = settings

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
        settings = self._settings
        message = EmailMessage(policy=SMTP)
        message["Subject"] = one_line(subject)[:SUBJECT_MAX]
        message["From"] = settings.sender
        message["To"] = ", ".join(settings.to)
        message["Date"] = format_datetime(utcnow())
        domain = settings.sender.rpartition("@")[2].strip("> ") or "sinowatch.invalid"
        message["Message-ID"] = f"<{key}@{domain}>"
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
                if settings.security == "starttls":
                    smtp.starttls(context=context)
                if settings.username:
                    password = settings.password.get_secret_value() if settings.password else ""
                    smtp.login(settings.username, password)
                smtp.send_message(message, from_addr=settings.sender, to_addrs=settings.to)
        except smtplib.SMTPNotSupportedError as exc:
            raise PermanentError(
                f"{where} does not support STARTTLS; set security: tls or none ({exc})"
            ) from exc
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


def one_line(value: str) -> str:
    """Collapse every line break and run of whitespace to one space (header values)."""
    return " ".join(value.split())


def _by_code(code: int, message: str) -> DeliveryError:
    return PermanentError(message) if code >= 500 else TransientError(message)
