"""What one crawl of one source runs with, and how it reaches the Scrapy components.

The runner builds, per source run, a :class:`RunPlan` (read-only: the source, whether it is a
baseline, the stored validators, the failed entries waiting for a retry, a known-URL lookup)
and a :class:`~crawler.report.CrawlReport` to record into, and creates a :class:`SourceCrawler`
carrying them with the runner's long-lived :class:`CrawlServices`. The spider, the middlewares
and the pipeline take what they need from the crawler in ``from_crawler`` — Scrapy's channel
for a component's dependencies — so nothing travels through the (deep-copied) settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.settings import Settings as ScrapySettings

    from crawler.config import DedupSettings, RelevanceSettings, SourceSettings
    from crawler.crawlstate import RetryEntry, Validators
    from crawler.db import Database
    from crawler.records import ArticleHook
    from crawler.report import CrawlReport
    from crawler.workers import ExtractionPool


@dataclass(frozen=True)
class RunPlan:
    """The inputs of one source run (nothing here changes while it runs)."""

    source: SourceSettings
    baseline: bool
    """True until the source's first settled crawl: its articles are stored, never alerted."""
    known_urls: Callable[[list[str]], Mapping[str, datetime]]
    """Blocking lookup (run it in a thread): of the given URLs, those already stored, each with
    when sinowatch last stored or re-checked its article."""
    source_limit: int = 200
    """``crawler.max_articles_per_run``: article pages fetched at most per (non-baseline) run."""
    max_attempts: int = 4
    """``crawler.page_attempts``: attempts at a failed entry's page before it is given up."""
    retry_backoff: timedelta = timedelta(minutes=10)
    validators: Mapping[str, Validators] = field(default_factory=dict)
    """Stored validators per index URL (feed, sitemap, listing page), sent as conditional GETs."""
    retries: Mapping[str, RetryEntry] = field(default_factory=dict)
    """The source's failed entries not given up yet (by URL), loaded when the run starts."""


@dataclass(frozen=True)
class CrawlServices:
    """What the pipeline needs from the runner: settings and long-lived helpers, shared by
    every crawl of the runner."""

    database: Database
    dedup: DedupSettings
    relevance: RelevanceSettings
    pool: ExtractionPool
    """Where extraction runs (worker processes, or a thread)."""
    on_article: ArticleHook | None = None


class SourceCrawler(Crawler):
    """A Scrapy crawler for one run of one source, carrying its report and the services."""

    def __init__(
        self,
        spidercls: type[Spider],
        settings: dict[str, Any] | ScrapySettings,
        *,
        report: CrawlReport,
        services: CrawlServices,
    ) -> None:
        super().__init__(spidercls, settings)
        self.report = report
        self.services = services

    @property
    def plan(self) -> RunPlan:
        return self.report.plan


def source_crawler(crawler: Crawler) -> SourceCrawler:
    """``crawler`` as a :class:`SourceCrawler`; a sinowatch component is not configured in any
    other crawler (``NotConfigured``, which Scrapy reports when it leaves it out)."""
    if not isinstance(crawler, SourceCrawler):
        raise NotConfigured("sinowatch components run only in crawls of crawler.runner")
    return crawler
