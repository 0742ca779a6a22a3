"""Crawl sources and return each source's report *and* crawl ledger.

Like ``tests/test_crawl.py``'s ``crawl()`` helper (a real Scrapy crawl of a local site, in this
process on the session's reactor: tests/reactor.py; in a child process when the test sets its
environment), and what the crawl ledger stored for each source's run (``skipped``/``failed`` by
reason, ``warnings``, failed pages) is read back from the database, so tests can assert the
reason an entry was not stored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from typing import Any

from crawler.db import Database
from crawler.ledger import CrawlLedger
from crawler.records import SourceReport
from crawler.store import last_ledger
from tests.reactor import FAST, crawl_rounds

CHILD = textwrap.dedent(
    """
    import dataclasses, json, sys
    from crawler.db import Database
    from crawler.runner import run_crawl
    from sinowatch.settings import Settings
    settings = Settings.model_validate_json(sys.argv[1])
    reports = run_crawl(
        Database(sys.argv[2]),
        settings.sources,
        crawler=settings.crawler,
        dedup=settings.dedup,
        relevance=settings.relevance,
    )
    print(json.dumps([dataclasses.asdict(report) for report in reports]))
    """
)


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
    database: Database,
    sources: list[dict[str, Any]],
    *,
    env: dict[str, str] | None = None,
    **crawler: Any,
) -> dict[str, Crawled]:
    """Crawl ``sources`` once; what became of each, by source id.

    ``env``: crawl in a child process with these environment variables added (what a fresh
    process reads from its environment, e.g. where its caches go); otherwise in this process.
    """
    if env is None:
        [reports] = crawl_rounds(database, sources, **crawler)
    else:
        reports = crawl_in_a_child(database, sources, env=env, **crawler)
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


def crawl_in_a_child(
    database: Database,
    sources: list[dict[str, Any]],
    *,
    env: dict[str, str] | None = None,
    **crawler: Any,
) -> list[SourceReport]:
    """Crawl ``sources`` once with ``run_crawl`` in a child process (its own reactor, its own
    extraction workers, ``env`` added to its environment); the reports."""
    settings = {"sources": sources, "crawler": {**FAST, **crawler}}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(settings), database.url],
        capture_output=True,
        text=True,
        timeout=150,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    return [SourceReport(**r) for r in json.loads(done.stdout.strip().splitlines()[-1])]
