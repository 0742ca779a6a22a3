"""Apprise channel: any Apprise URL (Slack, Teams, Telegram, Discord, ntfy, …).

Settings (``type: apprise``): ``urls`` (secrets: use ``${ENV_VAR}``). Needs the optional extra:
``pip install 'sinowatch[apprise]'``. Apprise reports only success or failure, so every failure
is retried until the channel's ``max_attempts``/``max_age``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
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
        ok = await asyncio.to_thread(self._apprise.notify, body=body, title=title)
        if not ok:
            raise TransientError(f"apprise channel {self.name!r}: a notification failed")
