"""Apprise channel: any Apprise URL (Slack, Teams, Telegram, Discord, ntfy, …).

Settings (``type: apprise``): ``urls`` (secrets: use ``${ENV_VAR}``). Needs the optional extra:
``pip install 'sinowatch[apprise]'``. Apprise reports only success or failure, so every failure
is retried until the channel's ``max_attempts``/``max_age``; the error is what apprise itself
logged (warnings and errors) during that notify call, e.g. "Failed to send JSON POST
notification: Servers are overloaded., error=503." (notify calls are serialised for that).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Literal

from pydantic import SecretStr

from alerts.channels.base import ChannelBase, ChannelClient, TransientError
from alerts.render import digest_groups, render
from crawler.redact import MASK

if TYPE_CHECKING:
    from alerts.payload import AlertView


class AppriseChannel(ChannelBase):
    type: Literal["apprise"]
    urls: list[SecretStr]

    def client(self, name: str) -> AppriseClient:
        return AppriseClient(name, self)

    def masked_target(self) -> str:
        return f"{len(self.urls)} apprise URL(s) {MASK}"


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
        with _CAPTURE_LOCK, _apprise_messages() as said:
            ok = bool(self._apprise.notify(body=body, title=title))
        return ok, said


_CAPTURE_LOCK = threading.Lock()
"""One notify call at a time: apprise logs from its own worker threads, so what it logs while
the lock is held belongs to that call."""


class _Messages(logging.Handler):
    """Collects the warnings and errors apprise logs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _apprise_messages() -> Iterator[list[str]]:
    """What apprise logs at WARNING and above while the block runs."""
    handler = _Messages()
    logger = logging.getLogger("apprise")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
