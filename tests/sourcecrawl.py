"""Crawl sources in a child process and return each source's report *and* crawl ledger.

Like ``tests/test_crawl.py``'s ``crawl()`` helper (a real Scrapy crawl of a local site, one child
process per crawl because the reactor cannot restart), but the child also prints what the crawl
ledger recorded for each source (``skipped``/``failed`` by reason, ``warnings``) and the run's
page errors, so tests can assert the reason an entry was not stored.
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
from crawler.records import SourceReport

CHILD = textwrap.dedent(
    """
    import dataclasses, json, sys
    from crawler.db import Database
    from crawler.runner import CrawlRunner, run_crawl
    from sinowatch.settings import Settings
    runs = {}
    begin = CrawlRunner._begin
    def recording_begin(self, source):
        run_id, run = begin(self, source)
        runs[source.id] = run
        return run_id, run
    CrawlRunner._begin = recording_begin
    settings = Settings.model_validate_json(sys.argv[1])
    reports = run_crawl(settings, Database(sys.argv[2]), settings.sources)
    print(json.dumps([
        {
            "report": dataclasses.asdict(report),
            "ledger": runs[report.source_id].ledger.as_dict(),
            "page_errors": runs[report.source_id].page_errors,
        }
        for report in reports
    ]))
    """
)

FAST = {"download_delay": "0s", "autothrottle": False, "retries": 0, "download_timeout": "5s"}


@dataclass
class Crawled:
    report: SourceReport
    ledger: dict[str, Any]
    """``CrawlLedger.as_dict()``: entries, skipped/failed by reason, warnings."""
    page_errors: list[dict[str, str]]

    @property
    def skipped(self) -> dict[str, int]:
        return self.ledger["skipped"]

    @property
    def warnings(self) -> list[str]:
        return self.ledger["warnings"]

    def page_error_reasons(self) -> list[str]:
        return [error["reason"] for error in self.page_errors]


def crawl_sources(
    database: Database,
    sources: list[dict[str, Any]],
    *,
    env: dict[str, str] | None = None,
    **crawler: Any,
) -> dict[str, Crawled]:
    """Crawl ``sources`` once in a child process; what became of each, by source id."""
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
    results = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        r["report"]["source_id"]: Crawled(
            SourceReport(**r["report"]), r["ledger"], r["page_errors"]
        )
        for r in results
    }
