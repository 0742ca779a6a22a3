"""Plain records passed between the gathering stages (spider → extract → relevance → store).

They hold values only; the storage layer turns them into rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crawler.storage.tables import Article, Story


@dataclass(slots=True)
class FetchedPage:
    """What a spider yields for one article: the page (or why there is none) plus feed metadata."""

    source_id: str
    url: str
    """The URL the feed, sitemap or listing gave (before redirects)."""
    final_url: str | None = None
    """The URL the page was finally served from (after redirects); None when not fetched."""
    html: bytes | None = None
    encoding: str | None = None
    error: str | None = None
    """Why the page could not be fetched: set only once the entry is given up (its retries
    spent), when the article is stored as partial from the feed's metadata."""
    feed_title: str | None = None
    feed_summary: str | None = None
    feed_published: datetime | None = None
    feed_authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    baseline: bool = False
    """Offered during its source's baseline (a retry of such an entry): stored silently."""

    def entry(self) -> dict[str, object]:
        """What the index said about this entry, JSON-ready (kept with a failed entry's retry)."""
        return {
            "title": self.feed_title,
            "summary": self.feed_summary,
            "published": self.feed_published.isoformat() if self.feed_published else None,
            "authors": list(self.feed_authors),
            "outlet": self.outlet,
        }


@dataclass(slots=True)
class ExtractedArticle:
    """Text and metadata extracted from one article page."""

    url: str
    title: str | None
    text: str
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    language: str | None = None
    summary: str | None = None
    canonical_hint: str | None = None
    """The page's own <link rel=canonical> or og:url, when it names one."""
    partial: bool = False
    """True when the page could not be fetched or extracted and feed metadata stands in."""
    partial_reason: str | None = None
    """Why the article is partial (fetch error or extraction failure), for logs and reports."""


@dataclass(slots=True)
class Relevance:
    """A China–U.S. relevance score and the terms that drove it."""

    score: float
    relevant: bool
    china_terms: dict[str, int] = field(default_factory=dict)
    us_terms: dict[str, int] = field(default_factory=dict)


IngestStatus = Literal["new", "duplicate", "revision", "unchanged"]


@dataclass(slots=True)
class IngestResult:
    """What storing one fetched article did.

    - ``new``: a page not seen before, starting a new story;
    - ``duplicate``: a page not seen before that joined an existing story (copy, syndication);
    - ``revision``: a known page whose text changed (``previous_*`` hold the old version);
    - ``unchanged``: a known page re-fetched with the same text (never alerts).
    """

    status: IngestStatus
    article: Article
    story: Story
    previous_title: str | None = None
    previous_text: str | None = None
    new_outlet: bool = False
    """True when this article added an outlet the story had not listed before."""


@dataclass(slots=True)
class SourceReport:
    """The outcome of crawling one source once (printed by `sinowatch crawl`, logged by `run`)."""

    source_id: str
    status: str = "ok"
    """ok | not_modified | error | interrupted | warning (entries offered, none stored: all
    skipped), or baseline: the source's first successful crawl, whose articles are stored without
    alerting."""
    requests: int = 0
    not_modified: int = 0
    new_articles: int = 0
    known: int = 0
    relevant: int = 0
    alerts: int = 0
    errors: int = 0
    error: str | None = None
    seconds: float = 0.0
    revised: int = 0
    """Stored articles fetched again because their index dated a change, whose text changed."""
    entries: int = 0
    """Entries its index documents offered (plus failed entries retried): each one is new,
    updated, known, skipped or failed (see :mod:`crawler.ledger`)."""
    skipped: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped.values())

    @property
    def failed_count(self) -> int:
        return sum(self.failed.values())


ArticleHook = Callable[["Session", IngestResult], int]
"""Called by the pipeline for each stored article inside the storing transaction; returns the
number of alerts it created. The alerts package provides the real one; the crawler knows no more."""
