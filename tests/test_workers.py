"""crawler.workers: an extraction worker process imports extraction and scoring, nothing else.

Each worker lives as long as its pool and holds only what a page's analysis needs in memory:
not the crawling, storage or config stacks of the parent (`bench/service_memory.py` measures
what that saves).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from concurrent.futures.process import BrokenProcessPool

from loadedmodules import top_level_packages

from crawler.analysis import analyse, scorer
from crawler.records import FetchedPage
from crawler.relevance import ScorerSettings
from crawler.workerinit import batched_by, run_calls
from crawler.workers import MAX_SUBMISSIONS, ExtractionPool

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


def test_pages_waiting_for_busy_workers_go_in_batches_each_with_its_own_outcome() -> None:
    """Calls that wait while the workers are busy are sent together (fewer, longer wake-ups);
    each call still gets its own result, or its own exception, in any order."""
    pool = ExtractionPool(2)

    async def run_many() -> list[object]:
        runs = [pool.run(_slow_square, n) for n in range(24)]
        return await asyncio.gather(*runs, return_exceptions=True)

    try:
        outcomes = asyncio.run(run_many())
    finally:
        pool.shutdown()
    for n, outcome in enumerate(outcomes):
        if n % 5 == 3:
            assert isinstance(outcome, ValueError) and str(outcome) == f"no square for {n}"
        else:
            assert outcome == n * n
    assert 2 < pool.batches < 24
    assert pool.replaced == 0


def test_a_page_that_kills_its_worker_fails_alone_and_its_batch_is_sent_again() -> None:
    """A call that kills its worker process breaks the pool with its whole batch: the pool is
    replaced, the batch's calls are sent again one by one, and only the killer fails, after
    MAX_SUBMISSIONS tries."""
    pool = ExtractionPool(1)

    async def run_batch() -> list[object]:
        first = asyncio.ensure_future(pool.run(_slow_square, 1))  # keeps the worker busy
        await asyncio.sleep(0)
        rest = [pool.run(_slow_square, 2), pool.run(_exit_worker), pool.run(_slow_square, 4)]
        return await asyncio.gather(first, *rest, return_exceptions=True)

    try:
        outcomes = asyncio.run(run_batch())
    finally:
        pool.shutdown()
    assert outcomes[0] == 1 and outcomes[1] == 4 and outcomes[3] == 16
    assert isinstance(outcomes[2], BrokenProcessPool)
    assert pool.replaced == MAX_SUBMISSIONS


def _slow_square(n: int) -> int:
    time.sleep(0.05)
    if n % 5 == 3:
        raise ValueError(f"no square for {n}")
    return n * n


def _exit_worker() -> None:
    os._exit(1)  # as the OOM killer would end it


def test_calls_marked_batched_by_run_together_and_each_keeps_its_outcome() -> None:
    """run_calls hands a batch's consecutive calls of a batched_by function to its together
    function (analyse: every page extracted, then every page scored); if that fails, each call
    runs alone and keeps its own outcome."""
    assert run_calls([(_tagged, (1,)), (_tagged, (2,)), (_slow_square, (4,)), (_tagged, (3,))]) == [
        (True, ("together", 1)),
        (True, ("together", 2)),
        (True, 16),
        (True, ("alone", 3)),
    ]
    outcomes = run_calls([(_tagged, (1,)), (_tagged, (-1,))])
    assert outcomes[0] == (True, ("alone", 1))
    assert not outcomes[1][0] and str(outcomes[1][1]) == "no tag for -1"
    page = FetchedPage(source_id="s", url="https://example.com/harbour", html=PAGE)
    together = run_calls([(analyse, (page, ScorerSettings(), False))] * 3)
    assert [outcome[1] for outcome in together] == [analyse(page, ScorerSettings(), False)] * 3


def test_without_workers_pages_waiting_for_the_thread_go_in_batches() -> None:
    pool = ExtractionPool(0)

    async def run_many() -> list[int]:
        return await asyncio.gather(*(pool.run(_slow_square, n) for n in (1, 2, 4, 5, 6, 7)))

    try:
        squares = asyncio.run(run_many())
    finally:
        pool.shutdown()
    assert squares == [1, 4, 16, 25, 36, 49]
    assert pool.batches < 6


def _tagged_together(calls: list[tuple[int]]) -> list[tuple[str, int]]:
    if any(n < 0 for (n,) in calls):
        raise ValueError("a negative tag")
    return [("together", n) for (n,) in calls]


@batched_by(_tagged_together)
def _tagged(n: int) -> tuple[str, int]:
    if n < 0:
        raise ValueError(f"no tag for {n}")
    return ("alone", n)
