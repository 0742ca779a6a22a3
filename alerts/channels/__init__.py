"""Alert channels: one module per channel type, each with its settings model and its client.

:data:`Channel` is the registry: the discriminated union of every channel settings model (a
:class:`ChannelBase` with ``type: Literal[...]``). Adding a channel type is a new module here and
its model in that union. Optional packages (``apprise``) are imported only when a client of their
type is built, so a config without such channels does not need them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from alerts.channels.apprise import AppriseChannel
from alerts.channels.base import (
    ChannelBase,
    ChannelClient,
    DeliveryError,
    PermanentError,
    TimedOut,
    TransientError,
)
from alerts.channels.console import ConsoleChannel
from alerts.channels.email import EmailChannel
from alerts.channels.jsonl import JsonlChannel
from alerts.channels.webhook import WebhookChannel

Channel = Annotated[
    EmailChannel | WebhookChannel | AppriseChannel | ConsoleChannel | JsonlChannel,
    Field(discriminator="type"),
]
"""A channel's settings, told apart by their ``type``."""

__all__ = [
    "Channel",
    "ChannelBase",
    "ChannelClient",
    "DeliveryError",
    "PermanentError",
    "TimedOut",
    "TransientError",
    "build_client",
]


def build_client(name: str, settings: ChannelBase) -> ChannelClient:
    """The client for channel ``name``; raises ValueError when its settings cannot work."""
    return settings.client(name)
