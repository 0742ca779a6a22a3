"""The crawl ledger: what became of every entry a source's index documents offered.

Each crawl of a source accounts for every entry its feeds, sitemaps or listing pages offered:
``new``, ``updated`` (a stored article whose text changed), ``known`` (already stored, nothing
to do), ``skipped`` by reason (other domain, robots.txt, too old, …) and ``failed`` by reason
(HTTP status, timeout, extraction error, …). :meth:`CrawlLedger.check` enforces the invariant
``entries = new + updated + known + Σ skipped + Σ failed``; warnings are about the source as a
whole (an empty feed, a failing child sitemap) and are shown with the counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

MAX_FAILED_PAGES = 100
"""Failed pages kept with their reasons per crawl (the counts are always exact)."""

# Skip reasons shared by the spiders (keys of ``skipped``).
SKIP_DUPLICATE = "duplicate entry"
SKIP_OFFSITE = "other domain"
SKIP_ROBOTS = "robots.txt"
SKIP_TOO_OLD = "too old"
SKIP_BAD_URL = "malformed URL"
SKIP_NOT_WEB = "not a public web page"
SKIP_NO_LINK = "no web link"
SKIP_OVER_LIMIT = "over max_articles_per_run"
"""Left for the next crawl (the index's validators are not saved, so it is read again)."""
SKIP_RETRY_WAITING = "retry not due yet"
"""A failed entry offered again before its backoff ended (it is retried later)."""
SKIP_INTERRUPTED = "interrupted"
"""The crawl was stopped before the entry was done: left for the next crawl."""

# Failure reasons (keys of ``failed``): short categories; the detail is kept per page.
FAIL_TIMEOUT = "timeout"
FAIL_CONNECTION = "connection error"
FAIL_TOO_LARGE = "page too large"
FAIL_NOT_HTML = "not an HTML page"
FAIL_EXTRACTION = "extraction error"
FAIL_STORAGE = "storage error"
FAIL_OFFSITE_REDIRECT = "redirect to another host"
FAIL_REDIRECT_LOOP = "redirect loop"
FAIL_ROBOTS_UNAVAILABLE = "robots.txt unavailable"


class LedgerError(AssertionError):
    """The ledger's counts do not add up: an entry was lost without an outcome."""


OUTCOME = {"outcome": True}
"""Field metadata of the ledger's outcome counts: :attr:`CrawlLedger.accounted` adds them up."""


@dataclass
class CrawlLedger:
    """The counts of one crawl. A new count is one field here (``metadata=OUTCOME`` when it is
    an outcome of an entry): :meth:`as_dict`, :meth:`from_dict` and the invariant follow it;
    :class:`crawler.report.CrawlReport` is the one place that records it."""

    entries: int = 0
    new: int = field(default=0, metadata=OUTCOME)
    updated: int = field(default=0, metadata=OUTCOME)
    known: int = field(default=0, metadata=OUTCOME)
    skipped: Counter[str] = field(default_factory=Counter, metadata=OUTCOME)
    failed: Counter[str] = field(default_factory=Counter, metadata=OUTCOME)
    warnings: list[str] = field(default_factory=list)
    failed_pages: list[dict[str, str]] = field(default_factory=list, metadata={"stored": False})
    """Up to :data:`MAX_FAILED_PAGES` failed entries: ``url``, ``reason`` and ``detail`` (kept
    beside the ledger in the run's details, not in it)."""

    def offered(self, count: int = 1) -> None:
        """Entries found in an index document (each gets exactly one outcome below)."""
        self.entries += count

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def fail(self, reason: str, url: str, detail: str | None = None) -> None:
        """An entry failed: ``reason`` is its short category, ``detail`` the full message."""
        self.failed[reason] += 1
        if len(self.failed_pages) < MAX_FAILED_PAGES:
            self.failed_pages.append({"url": url, "reason": reason, "detail": detail or reason})

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    @property
    def accounted(self) -> int:
        """The entries that have an outcome (the sum of the outcome counts)."""
        total = 0
        for item in fields(self):
            if item.metadata.get("outcome"):
                value = getattr(self, item.name)
                total += sum(value.values()) if isinstance(value, Counter) else value
        return total

    def check(self) -> None:
        """Raise :class:`LedgerError` unless every offered entry has exactly one outcome."""
        if self.entries != self.accounted:
            raise LedgerError(
                f"crawl ledger does not add up: {self.entries} entries offered, "
                f"{self.accounted} accounted for ({self.as_dict()})"
            )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlLedger:
        """The ledger :meth:`as_dict` stored (failed pages are kept beside it, not in it)."""
        defaults = cls()
        return cls(
            **{name: type(getattr(defaults, name))(data[name]) for name in cls._stored_fields()}
        )

    def as_dict(self) -> dict[str, Any]:
        """The ledger as ``status --json`` shows it (``last_crawl``)."""
        return {name: _plain(getattr(self, name)) for name in self._stored_fields()}

    @classmethod
    def _stored_fields(cls) -> list[str]:
        return [item.name for item in fields(cls) if item.metadata.get("stored", True)]


def _plain(value: Any) -> Any:
    """A copy of a count as JSON-ready data (a Counter as a plain dict)."""
    if isinstance(value, Counter):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value
