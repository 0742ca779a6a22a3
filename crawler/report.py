"""The crawl report: what one crawl of one source did, recorded through one object.

The spider, the conditional-GET middleware, the pipeline and the runner each get the run's
:class:`CrawlReport` from the crawler (:class:`crawler.runcontext.SourceCrawler`) and record what
happened through its methods — never by writing its counts. Entry outcomes go to the run's
:class:`~crawler.ledger.CrawlLedger` (every entry offered gets exactly one: new, updated, known,
skipped or failed), index outcomes and validators beside it; when the crawl ends the runner
turns the report into a :class:`SourceReport` and the run's ``details``.

A run is *settled* when the ledger adds up and nothing was left for later (no entry over the
per-run limit, no interruption): only then are its validators and its source's baseline saved,
so an entry left behind is offered again instead of hiding behind a 304.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crawler.crawlstate import EntryFailure
from crawler.ledger import (
    FAIL_EXTRACTION,
    SKIP_INTERRUPTED,
    SKIP_OVER_LIMIT,
    CrawlLedger,
    LedgerError,
)
from crawler.records import SourceReport

if TYPE_CHECKING:
    from crawler.crawlstate import Validators
    from crawler.records import FetchedPage, IngestStatus
    from crawler.runcontext import RunPlan


@dataclass
class CrawlReport:
    """The outcomes of one source run; read its fields, record through its methods."""

    plan: RunPlan
    ledger: CrawlLedger = field(default_factory=CrawlLedger)
    """What became of every entry offered in this run (see :mod:`crawler.ledger`)."""
    failures: dict[str, EntryFailure] = field(default_factory=dict)
    """Entries that failed in this run: recorded for a retry, or as given up."""
    stored: set[str] = field(default_factory=set)
    """Entry URLs stored in this run, and known ones with a pending retry: their retries are
    done."""
    new_validators: dict[str, Validators] = field(default_factory=dict)
    """Validators received in this run, saved when the run finishes settled."""
    index_ok: set[str] = field(default_factory=set)
    index_not_modified: set[str] = field(default_factory=set)
    index_errors: dict[str, str] = field(default_factory=dict)
    relevant: int = 0
    alerts: int = 0
    interrupted: bool = False
    """The crawl was stopped (a signal, the service stopping): unfinished entries are left."""
    unbalanced: str | None = None
    """Why the ledger did not add up (a bug: logged, and the run is not settled)."""

    # --- index documents (feeds, sitemaps, listing pages) -------------------------------------

    def index_read(self, url: str) -> None:
        """An index document answered 200 and is read."""
        self.index_ok.add(url)

    def index_unchanged(self, url: str) -> None:
        """An index document answered 304 Not Modified."""
        self.index_not_modified.add(url)

    def index_failed(self, url: str, reason: str) -> None:
        """A feed, sitemap or listing page could not be fetched or read."""
        self.index_errors[url] = reason

    def validators_received(self, url: str, validators: Validators) -> None:
        """An index document's validators, saved for the next conditional GET if settled."""
        self.new_validators[url] = validators

    # --- entries: each one offered gets exactly one outcome -----------------------------------

    def offered(self, count: int = 1) -> None:
        self.ledger.offered(count)

    def skipped(self, reason: str, count: int = 1) -> None:
        self.ledger.skip(reason, count)

    def known(self, url: str) -> None:
        """An entry already stored, with nothing to do (its pending retry, if any, is done)."""
        self.ledger.known += 1
        if url in self.plan.retries:  # only those matter (and a big feed's would add up)
            self.stored.add(url)

    def stored_page(
        self, url: str, status: IngestStatus, *, relevant: bool, partial: str | None = None
    ) -> None:
        """An entry's page committed to the store with the ingest ``status``. ``partial``: why
        the page had no article text (stored from its index's metadata): a failed entry
        (extraction), not retried."""
        self.stored.add(url)
        if status in ("new", "duplicate"):
            self.relevant += relevant
        if partial is not None:
            self.ledger.fail(FAIL_EXTRACTION, url, f"stored partial: {partial}")
        elif status in ("new", "duplicate"):
            self.ledger.new += 1
        elif status == "revision":
            self.ledger.updated += 1
        else:
            self.ledger.known += 1

    def failed(self, page: FetchedPage, reason: str, detail: str, *, final: bool = False) -> bool:
        """An entry's page failed (fetch, extraction or storage): a ``failed`` outcome, kept
        for a retry on a later crawl, or given up once its attempts are spent (or ``final``).
        Returns True when given up. A source that does not fetch articles has nothing to
        retry: its failures are given up at once."""
        plan = self.plan
        prior = plan.retries.get(page.url)
        attempts = (prior.attempts if prior else 0) + 1
        given_up = final or not plan.source.fetch_articles or attempts >= plan.max_attempts
        note = detail
        if given_up and attempts > 1:
            note = f"given up after {attempts} attempts: {detail}"
        elif not given_up:
            note = f"{detail} (attempt {attempts} of {plan.max_attempts}; retried later)"
        self.ledger.fail(reason, page.url, note)
        self.failures[page.url] = EntryFailure(
            reason=reason,
            detail=note,
            attempts=attempts,
            given_up=given_up,
            baseline=plan.baseline or page.baseline or bool(prior and prior.baseline),
            entry=page.entry(),
        )
        return given_up

    # --- the source as a whole ----------------------------------------------------------------

    def warning(self, text: str) -> None:
        """Something about the source the user should see with the counts (kept once)."""
        self.ledger.warn(text)

    def alerted(self, count: int) -> None:
        """Alerts created for an article stored in this run."""
        self.alerts += count

    def interrupt(self) -> None:
        """The crawl is being stopped: what is unfinished is left for the next crawl."""
        self.interrupted = True

    def finish(self) -> None:
        """Close the ledger: unfinished entries of an interrupted run are left for the next
        crawl; otherwise the invariant is checked (a mismatch is kept in :attr:`unbalanced`)."""
        ledger = self.ledger
        if self.interrupted and ledger.entries > ledger.accounted:
            ledger.skip(SKIP_INTERRUPTED, ledger.entries - ledger.accounted)
        if self.stored_nothing and not self.all_failed and not self.interrupted:
            outcomes = {**ledger.skipped, **ledger.failed}
            reasons = ", ".join(f"{reason} ×{count}" for reason, count in outcomes.items())
            ledger.warn(f"none of the {ledger.entries} entries offered was stored ({reasons})")
        try:
            ledger.check()
        except LedgerError as exc:
            self.unbalanced = str(exc)

    # --- what the run comes to ----------------------------------------------------------------

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
    def stored_nothing(self) -> bool:
        """Entries were offered and none of them is stored (new, updated or already known)."""
        ledger = self.ledger
        return ledger.entries > 0 and ledger.new + ledger.updated + ledger.known == 0

    @property
    def status(self) -> str:
        if self.interrupted:
            return "interrupted"
        if self.index_errors or self.all_failed:
            return "error"
        if self.stored_nothing:  # every entry skipped: never "ok" (the warning says why)
            return "warning"
        if self.plan.baseline:  # articles stored silently; alerts start with the next crawl
            return "baseline"
        if self.index_not_modified and not self.index_ok:
            return "not_modified"
        return "ok"

    @property
    def error(self) -> str | None:
        reasons = [f"{url}: {reason}" for url, reason in self.index_errors.items()]
        if self.all_failed:
            counts = ", ".join(f"{reason} ×{n}" for reason, n in self.ledger.failed.items())
            reasons.append(f"every entry failed ({counts})")
        if self.interrupted:
            reasons.append("interrupted: unfinished entries are left for the next crawl")
        return "; ".join(reasons) or None

    def validators_to_save(self) -> dict[str, Validators]:
        """The validators to store: none unless the run is settled, none of a failed index."""
        if not self.settled:  # entries left for later: read the index again next time
            return {}
        return {
            url: validators
            for url, validators in self.new_validators.items()
            if url not in self.index_errors
        }

    def source_report(self, *, requests: int, seconds: float) -> SourceReport:
        ledger = self.ledger
        warnings = list(ledger.warnings)
        if self.unbalanced:
            warnings.append(self.unbalanced)
        return SourceReport(
            source_id=self.plan.source.id,
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
        details: dict[str, Any] = {
            "baseline": self.plan.baseline,
            "ledger": self.ledger.as_dict(),
        }
        if self.ledger.failed_pages:
            details["failed_pages"] = list(self.ledger.failed_pages)
        if self.index_errors:
            details["index_errors"] = dict(self.index_errors)
        if self.unbalanced:
            details["unbalanced"] = self.unbalanced
        if not self.settled:
            details["validators_saved"] = False
        return details
