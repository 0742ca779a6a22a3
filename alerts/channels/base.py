"""The interface every alert channel implements, its settings base, and the errors that steer
retries.

Each channel module defines a settings model (a :class:`ChannelBase` with ``type: Literal[...]``)
that builds its client and describes its target with secrets masked. A channel client sends; it
never touches the database. The dispatcher turns the outcome into ``sent``, a later retry
(:class:`TransientError`, honouring ``retry_after``) or ``dead`` (:class:`PermanentError`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from pydantic import Field, SecretStr

from crawler.configtypes import CronExpression, Duration, Model
from crawler.redact import MASK

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


class ChannelBase(Model, ABC):
    """Settings every channel has; a channel module subclasses it with its ``type`` and own keys."""

    mode: Literal["instant", "digest"] = "instant"
    digest_cron: CronExpression = "0 8 * * *"
    max_attempts: int = Field(default=8, ge=1, le=1000)
    max_age: Duration = timedelta(days=2)

    @abstractmethod
    def client(self, name: str) -> ChannelClient:
        """The client that sends for channel ``name``; ValueError when these settings cannot
        work (a missing optional package, a URL the library refuses)."""

    @abstractmethod
    def masked_target(self) -> str:
        """Where the channel sends, every secret replaced by ``****`` (``sinowatch check``)."""

    def plain_secrets(self) -> list[str]:
        """Secrets held outside ``SecretStr`` fields (credential headers, a URL's password),
        which the logs must redact too; ``SecretStr`` values are found without help."""
        return []


def masked(secret: SecretStr | None) -> str:
    """``****`` for a set secret, ``(not set)`` for a missing or empty one."""
    return MASK if secret is not None and secret.get_secret_value() else "(not set)"
