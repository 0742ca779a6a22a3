"""The state of one crawl of one source, shared by its spider, middleware and pipeline.

The runner creates a :class:`RunContext` per source run (with the stored validators, the
source's failed entries waiting for a retry and a known-URL lookup), hands it to the spider, and
turns it into a :class:`SourceReport` and the run ``details`` when the crawl ends. Only plain
values and counters live here; nothing writes to the database.

Every entry offered gets exactly one outcome in :attr:`RunContext.ledger`. A run is *settled*
when that holds and nothing was left for later (no entry over the per-run limit, no
interruption): only then are its validators and its source's baseline saved, so an entry left
behind is offered again instead of hiding behind a 304.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from crawler.crawlstate import EntryFailure, RetryEntry
from crawler.ledger import SKIP_INTERRUPTED, SKIP_OVER_LIMIT, CrawlLedger, LedgerError
from crawler.records import SourceReport

if TYPE_CHECKING:
    from crawler.config import SourceSettings
    from crawler.crawlstate import Validators
    from crawler.records import FetchedPage


@dataclass
class RunContext:
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
    ledger: CrawlLedger = field(default_factory=CrawlLedger)
    """What became of every entry offered in this run (see :mod:`crawler.ledger`)."""
    validators: dict[str, Validators] = field(default_factory=dict)
    """Stored validators per index URL (feed, sitemap, listing page), sent as conditional GETs."""
    new_validators: dict[str, Validators] = field(default_factory=dict)
    """Validators received in this run, saved when the run finishes settled."""
    retries: dict[str, RetryEntry] = field(default_factory=dict)
    """The source's failed entries not given up yet (by URL), loaded when the run starts."""
    seen: set[str] = field(default_factory=set)
    """Entry URLs offered so far in this run (a repeat is a duplicate entry)."""
    failures: dict[str, EntryFailure] = field(default_factory=dict)
    """Entries that failed in this run: recorded for a retry, or as given up."""
    stored: set[str] = field(default_factory=set)
    """Entry URLs stored (or found unchanged) in this run: their retries are done."""
    index_ok: set[str] = field(default_factory=set)
    index_not_modified: set[str] = field(default_factory=set)
    index_errors: dict[str, str] = field(default_factory=dict)
    scheduled: int = 0
    relevant: int = 0
    alerts: int = 0
    interrupted: bool = False
    """The crawl was stopped (a signal, the service stopping): unfinished entries are left."""
    unbalanced: str | None = None
    """Why the ledger did not add up (a bug: logged, and the run is not settled)."""

    def index_failed(self, url: str, reason: str) -> None:
        """A feed, sitemap or listing page could not be fetched or read."""
        self.index_errors[url] = reason

    def take(self, count: int) -> int:
        """How many of ``count`` new candidates may still be fetched in this run.

        A baseline takes every one: it must cover everything offered, or the entries left out
        would alert as new on the next crawl.
        """
        if self.baseline:
            self.scheduled += count
            return count
        remaining = max(self.source_limit - self.scheduled, 0)
        allowed = min(count, remaining)
        self.scheduled += allowed
        return allowed

    def page_failed(
        self, page: FetchedPage, reason: str, detail: str, *, final: bool = False
    ) -> bool:
        """An entry's page failed (fetch, extraction or storage): a ``failed`` outcome, kept
        for a retry on a later crawl, or given up once its attempts are spent (or ``final``).
        Returns True when given up. A source that does not fetch articles has nothing to
        retry: its failures are given up at once."""
        prior = self.retries.get(page.url)
        attempts = (prior.attempts if prior else 0) + 1
        given_up = final or not self.source.fetch_articles or attempts >= self.max_attempts
        note = detail
        if given_up and attempts > 1:
            note = f"given up after {attempts} attempts: {detail}"
        elif not given_up:
            note = f"{detail} (attempt {attempts} of {self.max_attempts}; retried later)"
        self.ledger.fail(reason, page.url, note)
        self.failures[page.url] = EntryFailure(
            reason=reason,
            detail=note,
            attempts=attempts,
            given_up=given_up,
            baseline=self.baseline or page.baseline or bool(prior and prior.baseline),
            entry=page.entry(),
        )
        return given_up

    def due_retries(self) -> list[RetryEntry]:
        """Failed entries due for a retry that no index offered in this run (marked seen)."""
        due = [r for url, r in self.retries.items() if r.due and url not in self.seen]
        self.seen.update(r.url for r in due)
        return due

    def finish(self) -> None:
        """Close the ledger: unfinished entries of an interrupted run are left for the next
        crawl; otherwise the invariant is checked (a mismatch is kept in :attr:`unbalanced`)."""
        if self.interrupted and self.ledger.entries > self.ledger.accounted:
            self.ledger.skip(SKIP_INTERRUPTED, self.ledger.entries - self.ledger.accounted)
        if self.stored_nothing and not self.all_failed and not self.interrupted:
            outcomes = {**self.ledger.skipped, **self.ledger.failed}
            reasons = ", ".join(f"{reason} ×{count}" for reason, count in outcomes.items())
            self.ledger.warn(
                f"none of the {self.ledger.entries} entries offered was stored ({reasons})"
            )
        try:
            self.ledger.check()
        except LedgerError as exc:
            self.unbalanced = str(exc)

    @property
    def settled(self) -> bool:
        """Every entry offered has its outcome and none was left for later."""
        over_limit = self.ledger.skipped[SKIP_OVER_LIMIT]
        return not (self.interrupted or over_limit or self.unbalanced)

    @property
    def all_failed(self) -> bool:
        """Entries were offered, some failed, and none was stored or known."""
        ledger = self.ledger
        return bool(ledger.failed) and not (ledger.new or ledger.updated or ledger.known)

    @property
    def status(self) -> str:
        if self.interrupted:
            return "interrupted"
        if self.index_errors or self.all_failed:
            return "error"
        if self.stored_nothing:  # every entry skipped: never "ok" (the warning says why)
            return "warning"
        if self.baseline:  # articles stored silently; alerts start with the next crawl
            return "baseline"
        if self.index_not_modified and not self.index_ok:
            return "not_modified"
        return "ok"

    @property
    def stored_nothing(self) -> bool:
        """Entries were offered and none of them is stored (new, updated or already known)."""
        ledger = self.ledger
        return ledger.entries > 0 and ledger.new + ledger.updated + ledger.known == 0

    @property
    def error(self) -> str | None:
        reasons = [f"{url}: {reason}" for url, reason in self.index_errors.items()]
        if self.all_failed:
            counts = ", ".join(f"{reason} ×{n}" for reason, n in self.ledger.failed.items())
            reasons.append(f"every entry failed ({counts})")
        if self.interrupted:
            reasons.append("interrupted: unfinished entries are left for the next crawl")
        return "; ".join(reasons) or None

    def report(self, *, requests: int, seconds: float) -> SourceReport:
        ledger = self.ledger
        warnings = list(ledger.warnings)
        if self.unbalanced:
            warnings.append(self.unbalanced)
        return SourceReport(
            source_id=self.source.id,
            status=self.status,
            requests=requests,
            not_modified=len(self.index_not_modified),
            new_articles=ledger.new,
            revised=ledger.updated,
            known=ledger.known,
            relevant=self.relevant,
            alerts=self.alerts,
            errors=sum(ledger.failed.values()) + len(self.index_errors),
            error=self.error,
            seconds=seconds,
            entries=ledger.entries,
            skipped=dict(ledger.skipped),
            failed=dict(ledger.failed),
            warnings=warnings,
        )

    def details(self) -> dict[str, Any]:
        """What the run's ``details`` column keeps: the ledger and every reason."""
        details: dict[str, Any] = {"baseline": self.baseline, "ledger": self.ledger.as_dict()}
        if self.ledger.failed_pages:
            details["failed_pages"] = list(self.ledger.failed_pages)
        if self.index_errors:
            details["index_errors"] = dict(self.index_errors)
        if self.unbalanced:
            details["unbalanced"] = self.unbalanced
        if not self.settled:
            details["validators_saved"] = False
        return details
