"""Apprise channel: any Apprise URL (Slack, Teams, Telegram, Discord, ntfy, …).

Settings (``type: apprise``): ``urls`` (secrets: use ``${ENV_VAR}``). Needs the optional extra:
``pip install 'sinowatch[apprise]'``. Apprise reports only success or failure, so every failure
is retried until the channel's ``max_attempts``/``max_age``; the error is what apprise itself
logged (warnings and errors) during that notify call, e.g. "A Connection error occurred sending
JSON notification to 127.0.0.1.".
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from alerts.channels.base import ChannelClient, TransientError
from alerts.render import digest_groups, render

if TYPE_CHECKING:
    from alerts.payload import AlertView
    from sinowatch.settings import AppriseChannel


class AppriseClient(ChannelClient):
    def __init__(self, name: str, settings: AppriseChannel) -> None:
        super().__init__(name)
        try:
            import apprise
        except ImportError:
            raise ValueError(
                f"channel {name!r} needs the apprise package: pip install 'sinowatch[apprise]'"
            ) from None
        self._apprise = apprise.Apprise()
        for url in settings.urls:
            if not self._apprise.add(url.get_secret_value()):
                raise ValueError(f"channel {name!r}: apprise does not accept one of its urls")

    async def send(self, alert: AlertView, *, key: str) -> None:
        text, _ = render("instant", alert=alert)
        await self._notify(f"{alert.headline}: {alert.display_title}", text)

    async def send_digest(self, alerts: Sequence[AlertView], *, key: str) -> None:
        text, _ = render("digest", groups=digest_groups(alerts), count=len(alerts))
        await self._notify(f"sinowatch digest: {len(alerts)} alerts", text)

    async def _notify(self, title: str, body: str) -> None:
        ok, said = await asyncio.to_thread(self._notify_capturing, title, body)
        if not ok:
            reason = "; ".join(dict.fromkeys(said)) or "apprise gave no reason"
            raise TransientError(f"apprise channel {self.name!r}: notification failed: {reason}")

    def _notify_capturing(self, title: str, body: str) -> tuple[bool, list[str]]:
        with _apprise_messages() as said:
            ok = bool(self._apprise.notify(body=body, title=title))
        return ok, said


class _ThreadMessages(logging.Handler):
    """Collects the warnings and errors one thread logs (other threads notify concurrently)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextmanager
def _apprise_messages() -> Iterator[list[str]]:
    """What apprise logs at WARNING and above in this thread while the block runs."""
    handler = _ThreadMessages()
    logger = logging.getLogger("apprise")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
