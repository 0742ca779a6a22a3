"""Console channel: print alerts to the terminal with rich (for the demo and debugging).

Settings (``type: console``): none beyond ``mode``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from alerts.channels.base import ChannelBase, ChannelClient
from alerts.payload import sort_for_digest

if TYPE_CHECKING:
    from alerts.payload import AlertView


class ConsoleChannel(ChannelBase):
    type: Literal["console"]

    def client(self, name: str) -> ConsoleClient:
        return ConsoleClient(name, self)

    def masked_target(self) -> str:
        return "standard output"


class ConsoleClient(ChannelClient):
    def __init__(
        self, name: str, settings: ConsoleChannel, *, console: Console | None = None
    ) -> None:
        super().__init__(name)
        self._console = console or Console()

    async def send(self, alert: AlertView, *, key: str) -> None:
        self._console.print(_panel(alert))

    async def send_digest(self, alerts: Sequence[AlertView], *, key: str) -> None:
        self._console.rule(f"sinowatch digest: {len(alerts)} alerts")
        for alert in sort_for_digest(alerts):
            self._console.print(_panel(alert))


def _panel(alert: AlertView) -> Panel:
    lines = [f"[link={escape(alert.article.url)}]{escape(alert.article.url)}[/link]"]
    for hit in alert.hits:
        label = hit.get("name") or hit.get("id")
        if hit.get("mention"):
            label = f"{label} ({hit['mention']})"
        lines.append(f"• [bold]{escape(str(label))}[/bold] {escape(hit.get('snippet') or '')}")
    if len(alert.story.outlets) > 1:
        lines.append(f"Outlets: {escape(', '.join(alert.story.outlets))}")
    return Panel(
        "\n".join(lines),
        title=escape(f"{alert.headline}: {alert.display_title}"),
        subtitle=escape(f"{alert.watchlist} · alert {alert.id}"),
    )
