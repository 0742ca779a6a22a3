"""The interface every alert channel implements, and the errors that steer retries.

A channel client sends; it never touches the database. The dispatcher turns the outcome into
``sent``, a later retry (:class:`TransientError`, honouring ``retry_after``) or ``dead``
(:class:`PermanentError`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alerts.payload import AlertView


class DeliveryError(Exception):
    """A send failed; the message says why in words an operator can act on."""

    permanent = False

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        """Seconds the receiver asked us to wait (``Retry-After``), if it said."""


class TransientError(DeliveryError):
    """Worth retrying later: the receiver is down, busy, or timed out."""


class TimedOut(TransientError):
    """The send did not finish within its deadline (the receiver is stuck or dripping)."""


class PermanentError(DeliveryError):
    """Retrying cannot help: the receiver rejected the message or the address."""

    permanent = True


class ChannelClient(ABC):
    """One configured channel. ``key`` is the delivery's idempotency key, sent to the receiver."""

    def __init__(self, name: str) -> None:
        self.name = name

    @abstractmethod
    async def send(self, alert: AlertView, *, key: str) -> None:
        """Deliver one alert; raise :class:`DeliveryError` on failure."""

    @abstractmethod
    async def send_digest(self, alerts: Sequence[AlertView], *, key: str) -> None:
        """Deliver several alerts as one message (grouped by watchlist and story)."""

    async def aclose(self) -> None:  # noqa: B027 - optional hook, most clients hold nothing
        """Release connections."""
