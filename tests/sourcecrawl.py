"""Crawl sources and return each source's report *and* crawl ledger.

Like ``tests/test_crawl.py``'s ``crawl()`` helper (a real Scrapy crawl of a local site, in this
process on the session's reactor: tests/reactor.py), and what the crawl ledger stored
for each source's run (``skipped``/``failed`` by reason, ``warnings``, failed pages) is read back
from the database, so tests can assert the reason an entry was not stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crawler.db import Database
from crawler.ledger import CrawlLedger
from crawler.records import SourceReport
from crawler.store import last_ledger
from tests.reactor import crawl_rounds


@dataclass
class Crawled:
    report: SourceReport
    ledger: dict[str, Any]
    """``CrawlLedger.as_dict()``: entries, skipped/failed by reason, warnings."""
    failed_pages: list[dict[str, str]]
    """The run's failed pages: ``url``, ``reason`` (the ledger key) and ``detail``."""

    @property
    def skipped(self) -> dict[str, int]:
        return self.ledger["skipped"]

    @property
    def warnings(self) -> list[str]:
        return self.ledger["warnings"]

    def page_error_reasons(self) -> list[str]:
        """The full reason of each failed page, as ``status SOURCE_ID`` shows it."""
        return [page["detail"] for page in self.failed_pages]


def crawl_sources(
    database: Database, sources: list[dict[str, Any]], **crawler: Any
) -> dict[str, Crawled]:
    """Crawl ``sources`` once; what became of each, by source id."""
    [reports] = crawl_rounds(database, sources, **crawler)
    with database.session() as session:
        stored = {report.source_id: last_ledger(session, report.source_id) for report in reports}
    for ledger in stored.values():  # every entry offered has exactly one outcome
        CrawlLedger.from_dict(ledger["last_crawl"]).check()
    return {
        report.source_id: Crawled(
            report,
            stored[report.source_id]["last_crawl"],
            stored[report.source_id]["failed_pages"],
        )
        for report in reports
    }
