"""Alert channels: one small client class per module behind :class:`ChannelClient`.

``build_client(name, settings)`` turns a channel's settings (``channels:`` in the config) into its
client; each module is imported only when a channel of its type is configured, so the optional
``apprise`` extra is needed only by apprise channels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alerts.channels.base import (
    ChannelClient,
    DeliveryError,
    PermanentError,
    TimedOut,
    TransientError,
)

if TYPE_CHECKING:
    from sinowatch.settings import Channel

__all__ = [
    "ChannelClient",
    "DeliveryError",
    "PermanentError",
    "TimedOut",
    "TransientError",
    "build_client",
]


def build_client(name: str, settings: Channel) -> ChannelClient:
    """The client for channel ``name``; raises ValueError when its settings cannot work."""
    if settings.type == "email":
        from alerts.channels.email import EmailClient

        return EmailClient(name, settings)
    if settings.type == "webhook":
        from alerts.channels.webhook import WebhookClient

        return WebhookClient(name, settings)
    if settings.type == "apprise":
        from alerts.channels.apprise import AppriseClient

        return AppriseClient(name, settings)
    if settings.type == "console":
        from alerts.channels.console import ConsoleClient

        return ConsoleClient(name, settings)
    from alerts.channels.jsonl import JsonlClient

    return JsonlClient(name, settings)
