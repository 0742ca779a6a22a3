"""SQLAlchemy 2 models of the crawler's tables, and the one ``Base`` every sinowatch table uses.

The alerts' tables (``alerts``, ``deliveries``) are declared by :mod:`alerts.storage.tables` on
this same ``Base.metadata``, so Alembic keeps one migration history for both.

Uniqueness lives in the database, never only in memory:
- ``articles.canonical_url`` and ``article_aliases.url`` (one row per page, however many URLs).

All columns use portable types so the same schema runs on SQLite and PostgreSQL.
Timestamps are stored as timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A DateTime that always comes back timezone-aware UTC (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


MULTI_OUTLET = "json_array_length(outlets) > 1"
"""A story carried by several outlets (the partial index behind ``stories --min-outlets``)."""
FINISHED = "finished_at IS NOT NULL"
"""A finished crawl run (the partial index behind each source's last ledger in ``status``)."""

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Source(Base):
    """A configured source and its crawl state (the config is the truth for everything else)."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    last_run_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_status: Mapped[str | None] = mapped_column(String(30))
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_errors: Mapped[int] = mapped_column(Integer, default=0)
    baseline_done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    """The process crawling the source now (``host:pid:nonce``), None when no crawl runs."""
    lease_until: Mapped[datetime | None]
    """Until when :attr:`lease_owner` holds it: renewed while the crawl runs; once past, another
    process may take the source over (its owner died)."""


class FetchState(Base):
    """HTTP validators for one source URL, sent back as a conditional GET."""

    __tablename__ = "fetch_states"

    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CrawlRun(Base):
    """One crawl of one source: what it fetched, found and stored."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(30), default="running")
    requests: Mapped[int] = mapped_column(Integer, default=0)
    not_modified: Mapped[int] = mapped_column(Integer, default=0)
    new_articles: Mapped[int] = mapped_column(Integer, default=0)
    known: Mapped[int] = mapped_column(Integer, default=0)
    relevant: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None]

    __table_args__ = (
        Index("ix_crawl_runs_source_started", "source_id", "started_at"),
        # ``status``: each source's newest finished runs, walked newest first (not every run).
        Index(
            "ix_crawl_runs_source_finished",
            "source_id",
            "id",
            sqlite_where=text(FINISHED),
            postgresql_where=text(FINISHED),
        ),
    )


class EntryRetry(Base):
    """An entry whose page failed (fetch, extraction or storage): retried on later crawls of its
    source, even behind a 304, until it is stored or given up (``given_up_at``, with the reason).
    """

    __tablename__ = "entry_retries"

    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(String(100))
    """The short category (``HTTP 500``, ``timeout``, ``storage error``…)."""
    detail: Mapped[str | None] = mapped_column(Text)
    baseline: Mapped[bool] = mapped_column(Boolean, default=False)
    """Offered during the source's baseline: stored silently when a retry succeeds."""
    entry: Mapped[dict[str, Any] | None]
    """What the index said about the entry (title, summary, dates, authors, outlet)."""
    first_failed_at: Mapped[datetime] = mapped_column(default=utcnow)
    given_up_at: Mapped[datetime | None]


class Story(Base):
    """One news story: every copy of it (wire reprints, syndications, new headlines)."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    first_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", use_alter=True, ondelete="SET NULL"), index=True
    )
    first_outlet: Mapped[str | None] = mapped_column(String(300))
    outlets: Mapped[list[Any]] = mapped_column(JSON, default=list)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    __table_args__ = (
        # `stories --min-outlets 2+` walks only the stories several outlets carried, newest first.
        Index(
            "ix_stories_multi_outlet_last_seen",
            "last_seen",
            sqlite_where=text(MULTI_OUTLET),
            postgresql_where=text(MULTI_OUTLET),
        ),
    )


class Article(Base):
    """One page, stored once under its canonical URL."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    source_id: Mapped[str | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    outlet: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[Any]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    language: Mapped[str | None] = mapped_column(String(20))
    summary: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    relevance_score: Mapped[float] = mapped_column(Float, default=0.0)
    relevant: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    relevance_terms: Mapped[dict[str, Any] | None]
    fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    revision: Mapped[int] = mapped_column(Integer, default=1)
    baseline: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    story: Mapped[Story | None] = relationship(foreign_keys=[story_id])


class ArticleAlias(Base):
    """Another URL of a stored page (tracking parameters, AMP, mobile, pre-redirect)."""

    __tablename__ = "article_aliases"

    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )


class ArticleRevision(Base):
    """An earlier text of an article that was later edited (the article row holds the latest)."""

    __tablename__ = "article_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("article_id", "revision"),)


class LshBand(Base):
    """One MinHash LSH band hash of an article: the persistent near-duplicate index."""

    __tablename__ = "lsh_bands"

    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    story_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Counter(Base):
    """A maintained row count (``articles``, ``deliveries:sent``…) so ``status`` reads a handful
    of rows instead of counting tables. Kept by database triggers (migration 0005, see
    :mod:`crawler.storage.counters`), never written by the application except to compact."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class CounterDelta(Base):
    """PostgreSQL: a change to a counter, appended by a trigger (no row lock shared between
    writers) and folded into ``counters`` by :func:`crawler.storage.counters.compact`."""

    __tablename__ = "counter_deltas"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    delta: Mapped[int] = mapped_column(BigInteger)
