"""crawler.heap: the objects alive after a process's first crawl are frozen once."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crawler import runner as runner_module
from crawler.config import SourceSettings
from crawler.db import Database
from crawler.records import SourceReport
from crawler.runner import CrawlRunner
from crawler.workers import ExtractionPool
from sinowatch.settings import Settings
from tests.reactor import run_on_reactor

ROOT = Path(__file__).resolve().parents[1]


def test_the_first_call_freezes_what_is_alive_and_later_calls_freeze_nothing_more() -> None:
    code = textwrap.dedent(
        """
        import gc
        from crawler.heap import freeze_long_lived
        assert gc.get_freeze_count() == 0
        first = freeze_long_lived()
        later_objects = [[index] for index in range(5000)]
        again = freeze_long_lived()
        print(first, again, gc.get_freeze_count())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    first, again, frozen = map(int, done.stdout.split())
    assert first > 1000  # the imported modules at least
    assert again == first == frozen  # the later objects stay with the collector


def test_the_heap_is_not_frozen_while_another_crawl_of_the_runner_is_in_flight(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crawl still running holds cyclic objects (Scrapy's crawler, spider, engine) that a freeze
    would keep for good once it ends: the freeze waits for the last crawl in flight."""
    frozen: list[int] = []
    monkeypatch.setattr(runner_module, "freeze_long_lived", lambda: frozen.append(1) or 1)
    settings = Settings.model_validate({"sources": []})
    runner = CrawlRunner(
        database,
        crawler=settings.crawler,
        dedup=settings.dedup,
        relevance=settings.relevance,
        pool=ExtractionPool(0),
    )

    async def scenario() -> list[int]:
        release = asyncio.Event()

        async def crawl_one(source: SourceSettings) -> SourceReport:
            if source.id == "slow":
                await release.wait()
            return SourceReport(source_id=source.id, status="ok")

        monkeypatch.setattr(runner, "_sync_sources", lambda sources: None)
        monkeypatch.setattr(runner, "_crawl_one", crawl_one)
        slow = asyncio.create_task(runner.crawl([source("slow")]))
        await asyncio.sleep(0)
        await runner.crawl([source("fast")])
        seen = [len(frozen)]  # the slow crawl is still in flight
        release.set()
        await slow
        return [*seen, len(frozen)]

    assert run_on_reactor(scenario()) == [0, 1]


def source(source_id: str) -> SourceSettings:
    return SourceSettings(id=source_id, name=source_id, kind="feed", url="http://127.0.0.1:9/feed")
