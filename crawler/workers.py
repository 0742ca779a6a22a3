"""Extraction worker processes that survive signals, OOM kills and crashes.

``crawler.extract_workers > 0`` runs extraction in a :class:`ExtractionPool`: spawned worker
processes that ignore SIGINT and SIGTERM (a signal to the whole process group — ``timeout``,
systemd's ``KillMode=control-group``, Ctrl-C — reaches the parent, which decides how to stop and
lets the workers finish the pages in flight). A worker that dies anyway (the OOM killer, a crash
in a C library) breaks a ``ProcessPoolExecutor`` for good: the pool is then replaced and the
pages that were in flight are submitted again to the new one. The broken pool's other workers
are killed with SIGKILL: the executor ends them with SIGTERM, which they ignore, and would then
wait for them forever (a process that never exits).

Pages go to the worker processes in batches: while the workers are busy, the pages waiting
for them are queued here, not in the executor, and an idle worker is sent its share of them (up
to :data:`MAX_BATCH`) as one task that runs them one after the other. One page per task woke a
worker for every page, on a core the crawling process had just used: a page's extraction cost
1.6× its CPU time in a loop (6.0 against 3.7 ms on the crawl bench's pages; 3.7 ms with
batches; the bench's crawl with 2 workers, A/B on one machine, 8.8–9.5 → 7.9–8.2 ms an
article). Each page keeps its own outcome; a page that breaks the pool sends its batch's pages
again one by one, so only it fails. A batch's analyses run together
(:func:`crawler.workerinit.batched_by`: every page extracted, then every page scored, with the
scorer warm: relevance scoring 2.30 → 1.26 % of a crawl's CPU).

``extract_workers: 0`` runs extraction in one thread of the crawling process, its own, which takes
its pages in batches too: not in asyncio's default executor (up to six threads on two cores),
where the pages' extractions took turns on the GIL. On an idle 2-core machine that cost ~700
context switches and ~4 ms of CPU an article (a bench crawl 17.7 → 13.8 ms an article), and more
threads add no throughput to work that holds the GIL.

The service keeps one pool for its whole life (across crawls and config reloads).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, TypeVar

from crawler.workerinit import Outcome, init_worker, run_calls

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_BATCH = 8
"""Most pages sent to a worker (or the thread) at once. A worker is sent what waited while it
was busy (an even share with the other idle workers): fewer, longer wake-ups, each running
several pages with its caches warm, where one page a wake-up cost 1.6× its CPU time in a
loop."""

MAX_SUBMISSIONS = 3
"""Times one page is submitted to a (new) pool before its extraction counts as failed: a page
that kills its worker every time must not take the pool down forever."""


class _Call:
    """One ``run`` waiting for a worker: what to call, and where its outcome goes."""

    __slots__ = ("alone", "args", "function", "future", "loop", "submissions")

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.function = function
        self.args = args
        self.loop = asyncio.get_running_loop()
        self.future: asyncio.Future[Any] = self.loop.create_future()
        self.submissions = 0
        self.alone = False
        """Sent to a worker on its own: it was in a batch that broke its pool."""

    def settle(self, outcome: Outcome) -> None:
        """Hand ``outcome`` to the awaiting coroutine, on its own event loop (any thread)."""
        with contextlib.suppress(RuntimeError):  # its loop is closed: nobody awaits it
            self.loop.call_soon_threadsafe(_settle, self.future, outcome)


def _settle(future: asyncio.Future[Any], outcome: Outcome) -> None:
    if future.done():  # cancelled while it ran
        return
    done, value = outcome
    if done:
        future.set_result(value)
    else:
        future.set_exception(value)


class ExtractionPool:
    """Run blocking functions in worker processes (or, with ``workers=0``, in one thread)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.replaced = 0
        """How many broken pools were replaced (for logs and tests)."""
        self.batches = 0
        """How many batches were sent to the workers or the thread (for tests)."""
        self._executor: ProcessPoolExecutor | None = None
        self._thread: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False
        self._waiting: deque[_Call] = deque()
        self._in_flight = 0

    def _current(self) -> ProcessPoolExecutor | ThreadPoolExecutor:
        """The live process pool, or the extraction thread (the caller holds the lock)."""
        if self.workers <= 0:
            if self._thread is None:
                self._thread = ThreadPoolExecutor(1, thread_name_prefix="sinowatch-extract")
            return self._thread
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=init_worker,
            )
        return self._executor

    @property
    def _capacity(self) -> int:
        """Batches run at once: one a worker process, or the one extraction thread."""
        return max(1, self.workers)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is not broken:  # another batch saw it first
                return
            self._executor = None
            self.replaced += 1
        log.warning(
            "an extraction worker process died; starting new workers and re-queuing its pages"
        )
        _kill_workers(broken)
        broken.shutdown(wait=False, cancel_futures=True)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        call = _Call(function, args)
        with self._lock:
            if self._closed:
                raise RuntimeError("the extraction pool is shut down")
            self._waiting.append(call)
        self._send()
        return await call.future

    def _send(self) -> None:
        """Send the waiting calls to the idle workers, a batch each (any thread)."""
        while True:
            with self._lock:
                if self._closed or not self._waiting or self._in_flight >= self._capacity:
                    return
                batch = self._next_batch()
                if not batch:
                    continue
                self._in_flight += 1
                self.batches += 1
                executor = self._current()
            for call in batch:
                call.submissions += 1
            try:
                sent = executor.submit(run_calls, [(call.function, call.args) for call in batch])
            except BrokenProcessPool as exc:  # it broke since its last batch came back
                sent = Future()
                sent.set_exception(exc)
            except RuntimeError:  # shut down meanwhile: replaced by another thread, or closed
                sent = Future()
                sent.cancel()
            sent.add_done_callback(partial(self._returned, executor, batch))

    def _next_batch(self) -> list[_Call]:
        """Up to :data:`MAX_BATCH` waiting calls, an even share of them per idle worker (the
        caller holds the lock). A call from a batch that broke its pool goes alone."""
        idle = self._capacity - self._in_flight
        size = min(MAX_BATCH, -(-len(self._waiting) // idle))
        batch: list[_Call] = []
        while self._waiting and len(batch) < size:
            call = self._waiting[0]
            if call.future.cancelled():
                self._waiting.popleft()
                continue
            if call.alone and batch:
                break
            batch.append(self._waiting.popleft())
            if call.alone:
                break
        return batch

    def _returned(
        self,
        executor: ProcessPoolExecutor | ThreadPoolExecutor,
        batch: list[_Call],
        sent: Future[list[Outcome]],
    ) -> None:
        """A batch came back (in the pool's thread): settle its calls or send them again."""
        with self._lock:
            self._in_flight -= 1
            closed = self._closed
        if sent.cancelled():  # the pool was shut down or replaced before the batch ran
            for call in batch:
                call.submissions -= 1
            if closed:
                _settle_all(batch, RuntimeError("the extraction pool is shut down"))
            else:
                self._again(batch)
        elif isinstance(error := sent.exception(), BrokenProcessPool):
            if isinstance(executor, ProcessPoolExecutor):
                self._replace(executor)
            spent = [call for call in batch if call.submissions >= MAX_SUBMISSIONS]
            _settle_all(spent, error)
            for call in batch:
                call.alone = True
            self._again([call for call in batch if call.submissions < MAX_SUBMISSIONS])
        elif error is not None:
            # the batch as a whole failed (a result that could not be pickled): each call
            # again on its own, so each gets its own outcome
            if len(batch) == 1:
                _settle_all(batch, error)
            else:
                for call in batch:
                    call.alone = True
                    call.submissions -= 1
                self._again(batch)
        else:
            for call, outcome in zip(batch, sent.result(), strict=True):
                call.settle(outcome)
        self._send()

    def _again(self, calls: list[_Call]) -> None:
        """Put ``calls`` back at the head of the queue (the pool sends them next)."""
        with self._lock:
            closed = self._closed
            if not closed:
                self._waiting.extendleft(reversed(calls))
        if closed:
            _settle_all(calls, RuntimeError("the extraction pool is shut down"))

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
            thread, self._thread = self._thread, None
            waiting = list(self._waiting)
            self._waiting.clear()
        _settle_all(waiting, RuntimeError("the extraction pool is shut down"))
        if thread is not None:
            thread.shutdown(wait=True, cancel_futures=True)
        if executor is not None:
            if getattr(executor, "_broken", False):  # a worker died after the last page
                _kill_workers(executor)
            executor.shutdown(wait=True, cancel_futures=True)


def _settle_all(calls: list[_Call], error: BaseException) -> None:
    for call in calls:
        call.settle((False, error))


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """SIGKILL the live workers of a broken pool (they ignore the SIGTERM it would send)."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(ValueError, OSError):  # already reaped or closed
            process.kill()
