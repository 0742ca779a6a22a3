"""The state of one crawl of one source, shared by its spider, middleware and pipeline.

The runner creates a :class:`RunContext` per source run (with the stored validators and a
known-URL lookup), hands it to the spider, and turns it into a :class:`SourceReport` and the run
``details`` when the crawl ends. Only plain values and counters live here; nothing writes to the
database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from crawler.ledger import CrawlLedger
from crawler.records import SourceReport

if TYPE_CHECKING:
    from crawler.crawlstate import Validators
    from sinowatch.settings import SourceSettings

MAX_DETAIL_ERRORS = 100
"""Per-page failures kept in a run's details (the count is always exact)."""


@dataclass
class RunContext:
    source: SourceSettings
    baseline: bool
    """True until the source's first successful crawl: its articles are stored, never alerted."""
    known_urls: Callable[[list[str]], Mapping[str, datetime]]
    """Blocking lookup (run it in a thread): of the given URLs, those already stored, each with
    when sinowatch last stored or re-checked its article."""
    source_limit: int = 200
    """``crawler.max_articles_per_run``: article pages fetched at most per run."""
    ledger: CrawlLedger = field(default_factory=CrawlLedger)
    """What became of every entry offered in this run (see :mod:`crawler.ledger`)."""
    validators: dict[str, Validators] = field(default_factory=dict)
    """Stored validators per index URL (feed, sitemap, listing page), sent as conditional GETs."""
    new_validators: dict[str, Validators] = field(default_factory=dict)
    """Validators received in this run, saved when the run finishes."""
    index_ok: set[str] = field(default_factory=set)
    index_not_modified: set[str] = field(default_factory=set)
    index_errors: dict[str, str] = field(default_factory=dict)
    index_warnings: dict[str, str] = field(default_factory=dict)
    page_errors: list[dict[str, str]] = field(default_factory=list)
    errors: int = 0
    known: int = 0
    too_old: int = 0
    over_limit: int = 0
    scheduled: int = 0
    new_articles: int = 0
    revised: int = 0
    relevant: int = 0
    alerts: int = 0

    def index_failed(self, url: str, reason: str) -> None:
        """A feed, sitemap or listing page could not be fetched or read."""
        self.index_errors[url] = reason

    def page_failed(self, url: str, reason: str) -> None:
        """An article page failed (fetch, extraction or storage): counted, reason kept."""
        self.errors += 1
        if len(self.page_errors) < MAX_DETAIL_ERRORS:
            self.page_errors.append({"url": url, "reason": reason})

    def take(self, count: int) -> int:
        """How many of ``count`` new candidates may still be fetched in this run."""
        remaining = max(self.source_limit - self.scheduled, 0)
        allowed = min(count, remaining)
        self.scheduled += allowed
        self.over_limit += count - allowed
        return allowed

    @property
    def status(self) -> str:
        if self.index_errors:
            return "error"
        if self.baseline:  # articles stored silently; alerts start with the next crawl
            return "baseline"
        if self.index_not_modified and not self.index_ok:
            return "not_modified"
        return "ok"

    @property
    def error(self) -> str | None:
        if not self.index_errors:
            return None
        return "; ".join(f"{url}: {reason}" for url, reason in self.index_errors.items())

    def report(self, *, requests: int, seconds: float) -> SourceReport:
        return SourceReport(
            source_id=self.source.id,
            status=self.status,
            requests=requests,
            not_modified=len(self.index_not_modified),
            new_articles=self.new_articles,
            revised=self.revised,
            known=self.known,
            relevant=self.relevant,
            alerts=self.alerts,
            errors=self.errors + len(self.index_errors),
            error=self.error,
            seconds=seconds,
        )

    def details(self) -> dict[str, Any]:
        """What the run's ``details`` column keeps: every reason, for `sinowatch` to show."""
        details: dict[str, Any] = {"baseline": self.baseline}
        if self.index_errors:
            details["index_errors"] = dict(self.index_errors)
        if self.index_warnings:
            details["index_warnings"] = dict(self.index_warnings)
        if self.page_errors:
            details["page_errors"] = list(self.page_errors)
        for name in ("too_old", "over_limit", "revised"):
            if value := getattr(self, name):
                details[name] = value
        return details


def dedupe(urls: Iterable[str]) -> list[str]:
    """URLs in first-seen order without repeats."""
    return list(dict.fromkeys(urls))
