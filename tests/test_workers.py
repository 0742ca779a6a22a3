"""crawler.workers: an extraction worker process imports extraction and scoring, nothing else.

Each worker lives as long as its pool and holds only what a page's analysis needs in memory:
not the crawling, storage or config stacks of the parent (`bench/service_memory.py` measures
what that saves).
"""

from __future__ import annotations

import asyncio
import threading
import time

from loadedmodules import top_level_packages

from crawler.analysis import analyse, scorer
from crawler.records import FetchedPage
from crawler.relevance import ScorerSettings
from crawler.workers import ExtractionPool

PAGE = b"""<html><head><title>Harbour talks resume | Example Times</title></head><body>
<article><h1>Harbour talks resume</h1>
<p>Negotiators from China and the United States met again in the harbour town on Tuesday.</p>
<p>Beijing and Washington both called the talks useful, and a second round is planned.</p>
</article></body></html>"""

PARENT_ONLY = {"pydantic", "asyncio", "scrapy", "twisted", "sqlalchemy", "datasketch", "sinowatch"}
"""Packages the parent needs (config, event loop, crawling, storage) and a worker does not."""


def test_a_worker_analyses_with_extraction_and_scoring_imported_only() -> None:
    pool = ExtractionPool(1)
    page = FetchedPage(source_id="s", url="https://example.com/harbour", html=PAGE)
    try:
        analysed = asyncio.run(pool.run(analyse, page, ScorerSettings(), False))
        packages = asyncio.run(pool.run(top_level_packages))
    finally:
        pool.shutdown()
    assert analysed.article.title == "Harbour talks resume"
    assert analysed.relevance.relevant
    assert {"crawler", "trafilatura", "lxml"} <= packages  # the probe ran in a worker
    assert not PARENT_ONLY & packages


def test_one_scorer_per_settings_in_a_process() -> None:
    assert scorer(ScorerSettings()) is scorer(ScorerSettings())
    assert scorer(ScorerSettings(threshold=2.0)) is not scorer(ScorerSettings())


def test_without_workers_every_extraction_runs_in_one_thread_of_its_own() -> None:
    """Pages extracted at once take turns in one thread (threads only fight over the GIL)."""
    pool = ExtractionPool(0)

    async def extract_many() -> set[str]:
        names = await asyncio.gather(*(pool.run(_thread_name) for _ in range(12)))
        return set(names)

    try:
        names = asyncio.run(extract_many())
    finally:
        pool.shutdown()
    assert len(names) == 1
    assert names.pop().startswith("sinowatch-extract")


def _thread_name() -> str:
    time.sleep(0.01)  # long enough for a pool of several threads to use more than one
    return threading.current_thread().name
