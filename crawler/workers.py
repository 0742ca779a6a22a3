"""Extraction worker processes that survive signals, OOM kills and crashes.

``crawler.extract_workers > 0`` runs extraction in a :class:`ExtractionPool`: spawned worker
processes that ignore SIGINT and SIGTERM (a signal to the whole process group — ``timeout``,
systemd's ``KillMode=control-group``, Ctrl-C — reaches the parent, which decides how to stop and
lets the workers finish the pages in flight). A worker that dies anyway (the OOM killer, a crash
in a C library) breaks a ``ProcessPoolExecutor`` for good: the pool is then replaced and the
pages that were in flight are submitted again to the new one. The broken pool's other workers
are killed with SIGKILL: the executor ends them with SIGTERM, which they ignore, and would then
wait for them forever (a process that never exits).

``extract_workers: 0`` runs extraction in one thread of the crawling process, its own: not in
asyncio's default executor (up to six threads on two cores), where the pages' extractions took
turns on the GIL. On an idle 2-core machine that cost ~700 context switches and ~4 ms of CPU an
article (a bench crawl 17.7 → 13.8 ms an article), and more threads add no throughput to work that
holds the GIL.

The service keeps one pool for its whole life (across crawls and config reloads).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from crawler.workerinit import init_worker

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_SUBMISSIONS = 3
"""Times one page is submitted to a (new) pool before its extraction counts as failed: a page
that kills its worker every time must not take the pool down forever."""


class ExtractionPool:
    """Run blocking functions in worker processes (or, with ``workers=0``, in one thread)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.replaced = 0
        """How many broken pools were replaced (for logs and tests)."""
        self._executor: ProcessPoolExecutor | None = None
        self._thread: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _extraction_thread(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError("the extraction pool is shut down")
            if self._thread is None:
                self._thread = ThreadPoolExecutor(1, thread_name_prefix="sinowatch-extract")
            return self._thread

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError("the extraction pool is shut down")
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=init_worker,
                )
            return self._executor

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is not broken:  # another page saw it first
                return
            self._executor = None
            self.replaced += 1
        log.warning(
            "an extraction worker process died; starting new workers and re-queuing its pages"
        )
        _kill_workers(broken)
        broken.shutdown(wait=False, cancel_futures=True)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        if self.workers <= 0:
            return await loop.run_in_executor(self._extraction_thread(), function, *args)
        submissions = 1
        while True:
            executor = self._current()
            try:
                return await loop.run_in_executor(executor, function, *args)
            except BrokenProcessPool:
                self._replace(executor)
                if submissions >= MAX_SUBMISSIONS:
                    raise
                submissions += 1

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.shutdown(wait=True, cancel_futures=True)
        if executor is not None:
            if getattr(executor, "_broken", False):  # a worker died after the last page
                _kill_workers(executor)
            executor.shutdown(wait=True, cancel_futures=True)


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """SIGKILL the live workers of a broken pool (they ignore the SIGTERM it would send)."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(ValueError, OSError):  # already reaped or closed
            process.kill()
