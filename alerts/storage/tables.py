"""SQLAlchemy 2 models of the alerts' tables, declared on the crawler's ``Base.metadata``.

One metadata, one Alembic history (:mod:`crawler.migrations`). Uniqueness lives in the
database, never only in memory:
- ``alerts (watchlist, story_id)`` (one alert per watchlist and story);
- ``deliveries (alert_id, channel)`` and ``deliveries.idempotency_key``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crawler.storage.tables import Base, utcnow


class Alert(Base):
    """A watchlist's alert about a story: at most one per (watchlist, story)."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    watchlist: Mapped[str] = mapped_column(String(100))
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    hits: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    __table_args__ = (UniqueConstraint("watchlist", "story_id"),)


class Delivery(Base):
    """One alert to one channel: the persistent outbox row a dispatcher claims and sends."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(100))
    mode: Mapped[str] = mapped_column(String(20), default="instant")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    attempts_at_retry: Mapped[int] = mapped_column(Integer, default=0)
    """``attempts`` when ``sinowatch alerts retry`` last re-armed the delivery: ``attempts`` keeps
    counting, ``max_attempts`` and the backoff count only the attempts since."""
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)
    """The latest failure; kept after a later success so the history stays visible."""
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    alert: Mapped[Alert] = relationship()

    __table_args__ = (
        UniqueConstraint("alert_id", "channel"),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
        # `alerts list --status X` reads the newest of one status without sorting them all.
        Index("ix_deliveries_status_id", "status", "id"),
    )
