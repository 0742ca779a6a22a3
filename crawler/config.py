"""The settings the crawler reads: ``crawler``, ``relevance``, ``dedup``, ``sources`` (with their
``schedule``) and ``database``. :mod:`sinowatch.settings` composes them into the whole config;
crawler components receive only the models they read.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from pydantic import Field, field_validator, model_validator

from crawler.configtypes import (
    CronExpression,
    Duration,
    DurationOrZero,
    HttpUrl,
    Identifier,
    Model,
    Number,
)


class Schedule(Model):
    """When a source is crawled: a fixed interval or a cron expression, plus random jitter."""

    interval: Duration | None = None
    cron: CronExpression | None = None
    jitter: DurationOrZero = timedelta(seconds=0)

    @model_validator(mode="after")
    def _one_of(self) -> Schedule:
        if self.interval is not None and self.cron is not None:
            raise ValueError("give either interval or cron, not both")
        return self


class DatabaseSettings(Model):
    """Where articles, stories, alerts and deliveries are stored."""

    url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: a SQLite file sinowatch.db in data_dir.",
    )
    echo: bool = False


class CrawlerSettings(Model):
    """Politeness and safety limits shared by every spider."""

    user_agent: str = "sinowatch/0.1 (+https://github.com/sinowatch/sinowatch)"
    contact_url: str = "https://github.com/sinowatch/sinowatch"
    concurrency: int = Field(default=16, ge=1, le=256)
    per_domain_concurrency: int = Field(default=4, ge=1, le=64)
    download_delay: DurationOrZero = timedelta(seconds=0.25)
    autothrottle: bool = True
    obey_robots: bool = True
    download_timeout: Duration = timedelta(seconds=30)
    max_page_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, le=1024**3)
    max_index_bytes: int = Field(default=50 * 1024 * 1024, ge=1024, le=1024**3)
    """Largest feed or sitemap read (a sitemap may legally be 50 MB; both are streamed)."""
    retries: int = Field(default=2, ge=0, le=10)
    max_articles_per_run: int = Field(default=200, ge=1, le=100_000)
    extract_workers: int = Field(default=0, ge=0, le=64, description="0: extract in a thread")
    page_attempts: int = Field(default=4, ge=1, le=20)
    """Fetches of a failed entry's page (this crawl and later ones) before it is given up."""
    page_retry_backoff: DurationOrZero = timedelta(minutes=10)
    """Wait before the first retry of a failed entry; doubles with each further attempt."""


class RelevanceSettings(Model):
    """China–U.S. relevance: two term sides, and the score an article needs to count."""

    threshold: Number = Field(
        default=1.0,
        ge=0,
        le=1000,
        description="1.0: each side needs one title mention's worth of hits",
    )
    china_terms: list[str] | None = Field(
        default=None,
        description="replace the built-in China side (any language; `word*` matches inflections;"
        " a term also on us_terms names the relation and counts double)",
    )
    us_terms: list[str] | None = Field(
        default=None, description="replace the built-in U.S. side (same rules as china_terms)"
    )


class DedupSettings(Model):
    """Near-duplicate detection (MinHash LSH) parameters."""

    window: Duration = timedelta(days=7)
    lsh_threshold: float = Field(default=0.6, gt=0, lt=1)
    confirm_threshold: float = Field(default=0.7, gt=0, le=1)
    num_perm: int = Field(default=128, ge=16, le=512)
    shingle_size: int = Field(default=4, ge=1, le=10)


class SourceSettings(Model):
    """One news source: a feed, a news sitemap or an HTML listing page."""

    id: Identifier
    name: str
    kind: Literal["feed", "sitemap", "listing"]
    url: HttpUrl | None = None
    urls: list[HttpUrl] = Field(default_factory=list)
    schedule: Schedule | None = None
    language: str | None = None
    country: str | None = None
    outlet_type: str | None = None
    relevance: Literal["auto", "always"] = "auto"
    allowed_domains: list[str] = Field(default_factory=list)
    link_selector: str | None = Field(
        default=None, description="listing only: CSS selector (or xpath:…) for article links"
    )
    max_age: Duration = Field(
        default=timedelta(days=2), description="sitemap: ignore entries older than this"
    )
    fetch_articles: bool = True
    enabled: bool = True

    @field_validator("link_selector")
    @classmethod
    def _selector_compiles(cls, value: str | None) -> str | None:
        from crawler.linkselect import selector_error  # parsel and lxml: only when used

        if value is not None and (problem := selector_error(value)):
            raise ValueError(problem)
        return value

    @field_validator("allowed_domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        """``example.com`` (standard ports) or ``example.com:8080`` (that port only)."""
        from crawler.entrylinks import AllowedSite  # tldextract: only when used

        return [str(AllowedSite.parse(entry)) for entry in value]

    @model_validator(mode="after")
    def _urls(self) -> SourceSettings:
        if not self.url and not self.urls:
            raise ValueError("give url or urls")
        if self.kind == "listing" and not self.link_selector:
            raise ValueError("a listing source needs link_selector")
        return self

    @property
    def all_urls(self) -> list[str]:
        return ([self.url] if self.url else []) + [u for u in self.urls if u != self.url]
