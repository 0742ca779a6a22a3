"""``sinowatch run``: the long-running service — APScheduler on Scrapy's asyncio event loop.

Jobs (all coroutines on the one loop; see ``notes/scrapy-apscheduler.md``):

- ``crawl:<source>`` per enabled source: its ``schedule`` (or the global one), interval or cron,
  with ``jitter``; one instance at a time, missed runs coalesced. After a restart the first run
  follows the source's last crawl time in the database (``last + interval``); overdue sources are
  spread over the jitter (or :data:`OVERDUE_SPREAD`), not started all at once. Processes
  sharing a database each claim a run in the database first (:func:`claim_min_gap`): a source is
  crawled about once per interval however many processes run.
- the dispatcher loop (``Dispatcher.run_forever``), woken as soon as a crawl commits alerts;
- ``digest:<channel>`` per digest channel (``digest_cron``);
- ``retention``: daily, deletes articles older than ``retention`` and near-duplicate index rows
  older than ``dedup.window`` (:func:`crawler.retention.housekeep`).

Signals: SIGTERM/SIGINT pause scheduling, let running crawls and sends finish (up to
``stop_timeout``), then exit 0. SIGHUP — or a changed config file with ``--watch-config`` —
reloads the config; an invalid config is logged (file:line) and the running one is kept, as it
is when loading the config crashes. A SQLite database file deleted or replaced under the service
stops it with that error (exit 1) within ``dispatch_poll`` seconds; no transaction is begun on
it meanwhile (:meth:`crawler.db.Database.check_file`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import signal
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.exc import IntegrityError

from crawler.crawlstate import claim_run, last_crawl_times, sync_sources
from crawler.db import DatabaseFileGone
from crawler.retention import housekeep
from crawler.workers import ExtractionPool
from sinowatch.app import Runtime, build_runtime
from sinowatch.config_loader import ConfigError, load_settings
from sinowatch.summary import status_summary
from sinowatch.wording import plural

if TYPE_CHECKING:
    from crawler.db import Database
    from crawler.records import SourceReport
    from sinowatch.settings import Settings, SourceSettings

log = logging.getLogger("sinowatch.service")

OVERDUE_SPREAD = timedelta(seconds=30)
"""Overdue sources without jitter start spread over this long (at most their interval)."""
RETENTION_INTERVAL = timedelta(days=1)
RETENTION_FIRST_DELAY = timedelta(minutes=5)
MISFIRE_GRACE_SECONDS = 300


class ServiceFailed(Exception):
    """The service stopped on an error it has already logged (the process exits 1)."""


class Service:
    """One scheduler, one runtime (rebuilt on reload), one dispatcher loop."""

    def __init__(
        self,
        config_path: Path,
        settings: Settings,
        database: Database,
        *,
        watch_config: bool = False,
        stop_timeout: float = 30.0,
        dispatch_poll: float = 2.0,
        config_poll: float = 2.0,
        load: Callable[[Path], Settings] = load_settings,
    ) -> None:
        self.config_path = config_path
        self.settings = settings
        self.database = database
        self.watch_config = watch_config
        self.stop_timeout = stop_timeout
        self.dispatch_poll = dispatch_poll
        self.config_poll = config_poll
        self._load = load
        self._rng = random.Random()
        self._stop = asyncio.Event()
        self._crawls: set[asyncio.Task[Any]] = set()
        self._reload_lock = asyncio.Lock()
        self._background: set[asyncio.Task[Any]] = set()
        self.runtime: Runtime | None = None
        self._pool = ExtractionPool(settings.crawler.extract_workers)
        """The extraction workers, kept for the service's whole life (reloads included)."""
        self.scheduler: AsyncIOScheduler | None = None
        self._dispatch_stop: asyncio.Event | None = None
        self._dispatch_task: asyncio.Task[Any] | None = None
        self._started = time.monotonic()
        self.tally: Counter[str] = Counter()
        """What this run did, for the closing summary: crawls, failed, new_articles, alerts."""
        self.failure: str | None = None
        """Why the service stopped itself (then it exits 1), e.g. its database file is gone."""

    # -- lifecycle -------------------------------------------------------------------------

    async def run(self) -> None:
        """Run until SIGTERM/SIGINT (or :meth:`request_stop`), then stop gracefully."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.request_stop)
        loop.add_signal_handler(signal.SIGHUP, self.request_reload)
        self.runtime = build_runtime(self.settings, self.database, pool=self._pool)
        self.scheduler = AsyncIOScheduler(timezone=UTC, event_loop=loop)
        self.scheduler.start()
        self._schedule_sources(self.settings, changed=set())
        self._schedule_digests(self.settings)
        self.scheduler.add_job(
            self._retention_job,
            IntervalTrigger(seconds=RETENTION_INTERVAL.total_seconds(), timezone=UTC),
            id="retention",
            next_run_time=datetime.now(UTC) + RETENTION_FIRST_DELAY,
            max_instances=1,
            coalesce=True,
        )
        self._start_dispatcher(self.runtime)
        if self.watch_config:
            self._spawn(self._watch_config())
        if self.database.file is not None:
            self._spawn(self._watch_database())
        crawls = [job for job in self.scheduler.get_jobs() if job.id.startswith("crawl:")]
        first = min(crawls, key=lambda job: job.next_run_time, default=None)
        log.info(
            "sinowatch running: %s (config %s); %s",
            _config_counts(self.settings),
            self.config_path,
            "no source to crawl"
            if first is None
            else f"next crawl: {first.id.removeprefix('crawl:')} at "
            f"{first.next_run_time:%Y-%m-%d %H:%M:%S} UTC",
            extra={
                "event": "start",
                "next_crawl": first.next_run_time.isoformat() if first else None,
            },
        )
        await self._stop.wait()
        await self._shutdown()
        if self.failure is not None:
            raise ServiceFailed(self.failure)

    def fail(self, reason: str) -> None:
        """Log ``reason`` and stop; the process then exits 1."""
        if self.failure is None:
            self.failure = reason
            log.critical("%s", reason, extra={"event": "stop", "error": reason})
        self.request_stop()

    def request_stop(self) -> None:
        if not self._stop.is_set():
            log.info("stopping: finishing running crawls and sends", extra={"event": "stop"})
            self._stop.set()

    def request_reload(self) -> None:
        self._spawn(self.reload())

    async def _shutdown(self) -> None:
        assert self.scheduler is not None and self.runtime is not None
        self.scheduler.pause()
        crawls = set(self._crawls)
        if crawls:
            _done, pending = await asyncio.wait(crawls, timeout=self.stop_timeout)
            if pending:
                log.warning(
                    "%s still running after %.0fs: closing them",
                    plural(len(pending), "crawl"),
                    self.stop_timeout,
                    extra={"event": "stop"},
                )
                await self.runtime.runner.stop()
                await asyncio.wait(pending, timeout=self.stop_timeout)
        await self.runtime.runner.stop()
        await asyncio.to_thread(self._pool.shutdown)
        await self._stop_dispatcher()
        for task in self._background:
            task.cancel()
        self.scheduler.shutdown(wait=False)
        self._log_summary()

    def _log_summary(self) -> None:
        """The closing line: what this run did, and what is left for the next start."""
        try:
            with self.database.session() as session:
                pending = status_summary(session).deliveries.get("pending", 0)
        except Exception as exc:  # the summary must not turn a clean stop into a failure
            log.warning("could not count pending deliveries: %s", exc)
            pending = 0
        fields = {key: self.tally[key] for key in ("crawls", "failed", "new_articles", "alerts")}
        log.info(
            "stopped after %s: %s (%d failed), %s, %s; %s pending (sent after the next start)",
            timedelta(seconds=round(time.monotonic() - self._started)),
            plural(fields["crawls"], "crawl"),
            fields["failed"],
            plural(fields["new_articles"], "new article"),
            plural(fields["alerts"], "alert"),
            plural(pending, "delivery"),
            extra={"event": "stopped", **fields, "pending_deliveries": pending},
        )

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background_done)

    def _background_done(self, task: asyncio.Task[Any]) -> None:
        """Forget a finished background task; log its error (never "never retrieved")."""
        self._background.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("%s failed: %s", task.get_name(), error, exc_info=error)

    # -- jobs ------------------------------------------------------------------------------

    async def _crawl_job(self, source_id: str) -> None:
        runtime = self.runtime
        if runtime is None or self._stop.is_set():
            return
        try:
            source = runtime.settings.source(source_id)
        except KeyError:
            return
        if not await asyncio.to_thread(self._claim, source):
            log.debug(
                "crawl %s skipped: another process crawled it just now",
                source_id,
                extra={"event": "crawl_skipped", "source": source_id},
            )
            return
        task = asyncio.current_task()
        if task is not None:
            self._crawls.add(task)
        try:
            reports = await runtime.runner.crawl([source])
        except Exception:
            log.exception(
                "crawl %s failed", source_id, extra={"event": "crawl", "source": source_id}
            )
            return
        finally:
            if task is not None:
                self._crawls.discard(task)
        for report in reports:
            log_crawl(report)
            self.tally.update(
                crawls=1,
                failed=int(report.status == "error"),
                new_articles=report.new_articles,
                alerts=report.alerts,
            )

    def _claim(self, source: SourceSettings) -> bool:
        now = datetime.now(UTC)
        min_gap = claim_min_gap(self.settings, source, now)
        with self.database.transaction() as session:
            return claim_run(session, source.id, now=now, min_gap=min_gap)

    async def _retention_job(self) -> None:
        now = datetime.now(UTC)
        settings = self.settings

        def purge() -> Any:
            return housekeep(
                self.database,
                now=now,
                retention=settings.retention,
                dedup_window=settings.dedup.window,
            )

        result = await asyncio.to_thread(purge)
        log.info(
            "retention: deleted %s and %s first seen before %s, %s, and %s older than the "
            "dedup window (%s, the longest %.2fs)",
            plural(result.articles, "article"),
            plural(result.stories, "story"),
            (now - settings.retention).date().isoformat(),
            plural(result.crawl_runs, "crawl run"),
            plural(result.lsh_bands, "near-duplicate index row"),
            plural(result.transactions, "transaction"),
            result.longest_transaction,
            extra={"event": "retention", **asdict(result)},
        )

    async def _digest_job(self, channel: str) -> None:
        if self.runtime is None:
            return
        sent = await self.runtime.dispatcher.send_digests(channel)
        log.info(
            "digest %s: %s",
            channel,
            plural(sent, "alert"),
            extra={"event": "digest", "channel": channel},
        )

    def _start_dispatcher(self, runtime: Runtime) -> None:
        self._dispatch_stop = asyncio.Event()
        self._dispatch_task = asyncio.get_running_loop().create_task(
            runtime.dispatcher.run_forever(self._dispatch_stop, poll_interval=self.dispatch_poll)
        )

    async def _stop_dispatcher(self) -> None:
        if self._dispatch_stop is None or self._dispatch_task is None:
            return
        self._dispatch_stop.set()
        try:
            await asyncio.wait_for(self._dispatch_task, timeout=self.stop_timeout)
        except TimeoutError:
            log.warning("dispatcher still sending after %.0fs: stopped", self.stop_timeout)
        except Exception:
            log.exception("dispatcher failed")

    # -- scheduling ------------------------------------------------------------------------

    def _schedule_sources(self, settings: Settings, *, changed: set[str]) -> None:
        """Add a job per enabled source not scheduled yet, reschedule ``changed``, drop the rest."""
        assert self.scheduler is not None
        wanted = {source.id: source for source in self._enabled(settings)}
        for job in self.scheduler.get_jobs():
            source_id = job.id.removeprefix("crawl:")
            if job.id.startswith("crawl:") and (source_id not in wanted or source_id in changed):
                job.remove()
        # rows first, so that the first crawls can be claimed too; another process starting at
        # the same moment may have inserted them (then its rows are as good as ours)
        with contextlib.suppress(IntegrityError), self.database.transaction() as session:
            sync_sources(session, list(wanted.values()))
        with self.database.session() as session:
            last_times = last_crawl_times(session)
        now = datetime.now(UTC)
        for source_id, source in wanted.items():
            if self.scheduler.get_job(f"crawl:{source_id}") is not None:
                continue
            trigger = source_trigger(settings, source)
            first = first_run_time(
                trigger, last_times.get(source_id), now, settings.schedule_for(source), self._rng
            )
            self.scheduler.add_job(
                self._crawl_job,
                trigger,
                args=[source_id],
                id=f"crawl:{source_id}",
                name=f"crawl {source_id}",
                next_run_time=first,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=MISFIRE_GRACE_SECONDS,
            )
            log.debug("scheduled %s, first run %s", source_id, first.isoformat())

    def _schedule_digests(self, settings: Settings) -> None:
        assert self.scheduler is not None
        for job in self.scheduler.get_jobs():
            if job.id.startswith("digest:"):
                job.remove()
        for name, channel in settings.channels.items():
            if channel.mode == "digest":
                self.scheduler.add_job(
                    self._digest_job,
                    CronTrigger.from_crontab(channel.digest_cron, timezone=UTC),
                    args=[name],
                    id=f"digest:{name}",
                    max_instances=1,
                    coalesce=True,
                    misfire_grace_time=MISFIRE_GRACE_SECONDS,
                )

    @staticmethod
    def _enabled(settings: Settings) -> list[SourceSettings]:
        return [source for source in settings.sources if source.enabled]

    # -- reload ----------------------------------------------------------------------------

    async def reload(self) -> bool:
        """Load the config again and apply it; keep the running config if it is invalid."""
        async with self._reload_lock:
            try:
                new = await asyncio.to_thread(self._load, self.config_path)
            except ConfigError as exc:
                log.error(
                    "config reload failed, keeping the running config:\n%s",
                    exc,
                    extra={"event": "reload", "ok": False, "problems": exc.problems},
                )
                return False
            except Exception as exc:  # a loader bug must not take the running service down
                log.error(
                    "config reload failed, keeping the running config: loading %s crashed "
                    "(%s: %s); please report this with the config file",
                    self.config_path,
                    type(exc).__name__,
                    exc,
                    exc_info=True,
                    extra={"event": "reload", "ok": False, "problems": [str(exc)]},
                )
                return False
            if new.database_url != self.settings.database_url:
                log.warning("the database URL changed: restart sinowatch to use it")
            old, self.settings = self.settings, new
            runtime = build_runtime(new, self.database, pool=self._pool_for(new))
            retired, self.runtime = self.runtime, runtime
            if retired is not None:
                self._spawn(self._retire(retired, set(self._crawls)))
            old_sources = {s.id: s for s in old.sources}
            changed = {s.id for s in new.sources if s.id in old_sources and old_sources[s.id] != s}
            self._schedule_sources(new, changed=changed)
            self._schedule_digests(new)
            await self._stop_dispatcher()
            self._start_dispatcher(runtime)
            log.info(
                "config reloaded: %s",
                _config_counts(new),
                extra={"event": "reload", "ok": True},
            )
            return True

    def _pool_for(self, settings: Settings) -> ExtractionPool:
        """The service's pool, replaced only when ``extract_workers`` changed (the old one is
        shut down once the crawls using it are done, see :meth:`_retire`)."""
        if settings.crawler.extract_workers != self._pool.workers:
            self._pool = ExtractionPool(settings.crawler.extract_workers)
        return self._pool

    async def _retire(self, runtime: Runtime, crawls: set[asyncio.Task[Any]]) -> None:
        """Let crawls started before a reload finish on the old runner, then close it (and its
        extraction workers, when the reload replaced them)."""
        if crawls:
            await asyncio.wait(crawls)
        await runtime.runner.stop()
        if runtime.runner.pool is not self._pool:
            await asyncio.to_thread(runtime.runner.pool.shutdown)

    async def _watch_database(self) -> None:
        """Stop the service as soon as its SQLite file is deleted or replaced."""
        while not self._stop.is_set():
            try:
                await asyncio.to_thread(self.database.check_file)
            except DatabaseFileGone as exc:
                self.fail(str(exc))
                return
            await asyncio.sleep(self.dispatch_poll)

    async def _watch_config(self) -> None:
        """Poll the mtimes of the config's directory YAML files; reload when one changes."""
        seen = config_mtimes(self.config_path)
        while not self._stop.is_set():
            await asyncio.sleep(self.config_poll)
            current = config_mtimes(self.config_path)
            if current != seen:
                seen = current
                log.info("config files changed: reloading", extra={"event": "reload"})
                await self.reload()


def source_trigger(settings: Settings, source: SourceSettings) -> BaseTrigger:
    schedule = settings.schedule_for(source)
    jitter = int(schedule.jitter.total_seconds()) or None
    if schedule.cron:
        trigger = CronTrigger.from_crontab(schedule.cron, timezone=UTC)
        trigger.jitter = jitter
        return trigger
    interval = schedule.interval or settings.schedule.interval or timedelta(minutes=30)
    return IntervalTrigger(seconds=interval.total_seconds(), jitter=jitter, timezone=UTC)


def claim_min_gap(settings: Settings, source: SourceSettings, now: datetime) -> timedelta:
    """How recent another process's run of ``source`` must be for this process to skip its own.

    Half the gap between two scheduled runs less the jitter (which can bring two runs closer):
    the interval, or for cron the gap between the next two fire times after ``now`` (the job runs
    just after a fire time, so that is the gap since the run the other process may have made).
    """
    schedule = settings.schedule_for(source)
    trigger = source_trigger(settings, source)
    if isinstance(trigger, IntervalTrigger):
        gap = trigger.interval
    else:
        exact = CronTrigger.from_crontab(schedule.cron or "", timezone=UTC)  # without jitter
        fire = exact.get_next_fire_time(None, now)
        after = fire and exact.get_next_fire_time(fire, fire + timedelta(microseconds=1))
        gap = after - fire if fire is not None and after is not None else timedelta(0)
    return max(gap - schedule.jitter, timedelta(0)) / 2


def first_run_time(
    trigger: BaseTrigger,
    last: datetime | None,
    now: datetime,
    schedule: Any,
    rng: random.Random,
) -> datetime:
    """When a source should first be crawled, given its last crawl (None: never crawled).

    Interval: ``last + interval``. Cron: the first fire time after ``last``. Never crawled or
    overdue: soon, at a random point within the jitter (or :data:`OVERDUE_SPREAD`, at most the
    interval), so a restart after downtime does not start every source at once.
    """
    if isinstance(trigger, IntervalTrigger):
        spread = min(schedule.jitter or OVERDUE_SPREAD, trigger.interval)
        due = last + trigger.interval if last is not None else None
    else:
        spread = schedule.jitter or OVERDUE_SPREAD
        due = trigger.get_next_fire_time(None, last) if last is not None else None
    if due is not None and due > now:
        return due
    return now + timedelta(seconds=rng.uniform(0, spread.total_seconds()))


def config_mtimes(config_path: Path) -> dict[Path, float]:
    """Modification times of the config file and every YAML file below its directory."""
    found = {config_path: config_path.stat().st_mtime if config_path.exists() else 0.0}
    for pattern in ("*.yaml", "*.yml"):
        for path in config_path.parent.rglob(pattern):
            with contextlib.suppress(OSError):
                found[path] = path.stat().st_mtime
    return found


def log_crawl(report: SourceReport) -> None:
    """One line per crawl: source, status, the ledger's counts (skipped and failed with their
    reasons), warnings and duration. Logged once the run is recorded."""
    message = (
        "crawl %s: %s, %s, %d not modified, %s offered: %d new, %d updated, %d known, "
        "%s, %s; %d relevant, %s, %s in %.1fs"
    )
    args: list[object] = [
        report.source_id,
        report.status,
        plural(report.requests, "request"),
        report.not_modified,
        plural(report.entries, "entry"),
        report.new_articles,
        report.revised,
        report.known,
        counted(report.skipped, "skipped"),
        counted(report.failed, "failed"),
        report.relevant,
        plural(report.alerts, "alert"),
        plural(report.errors, "error"),
        report.seconds,
    ]
    if report.error:
        message += " (%s)"
        args.append(report.error)
    if report.warnings:
        message += "; warnings: %s"
        args.append("; ".join(report.warnings))
    if report.status == "baseline":
        message += " (first crawl: articles stored silently; alerts start with the next crawl)"
    level = logging.INFO if report.status in ("ok", "baseline", "not_modified") else logging.WARNING
    if report.failed or report.warnings:
        level = logging.WARNING
    log.log(level, message, *args, extra={"event": "crawl", **asdict(report)})


def counted(reasons: dict[str, int], outcome: str) -> str:
    """``3 skipped (too old: 2, robots.txt: 1)``, or ``0 skipped``."""
    total = sum(reasons.values())
    if not total:
        return f"0 {outcome}"
    detail = ", ".join(f"{reason}: {count}" for reason, count in reasons.items())
    return f"{total} {outcome} ({detail})"


def _config_counts(settings: Settings) -> str:
    """``3 sources, 1 watchlist, 2 channels`` (enabled sources only)."""
    return ", ".join(
        (
            plural(len(Service._enabled(settings)), "source"),
            plural(len(settings.watchlists), "watchlist"),
            plural(len(settings.channels), "channel"),
        )
    )


def run_service(service_factory: Callable[[], Service]) -> None:
    """Run the service on Scrapy's asyncio reactor until it stops; the process then exits 0.

    ``service_factory`` is called on the running loop (the service's events need it).
    """

    async def main() -> None:
        await service_factory().run()

    run_on_reactor(main)


def run_on_reactor(main: Callable[[], Awaitable[object]]) -> NoReturn:
    """Install the asyncio reactor, run ``main`` on its loop, exit (0, or 1 if it raised).

    An unexpected error is logged through our own (redacting) log setup, not Twisted's.
    """
    from scrapy.utils.defer import deferred_from_coro
    from scrapy.utils.reactor import install_reactor

    from crawler.scrapy_settings import ASYNCIO_REACTOR

    install_reactor(ASYNCIO_REACTOR)
    from twisted.internet import task

    failed = False

    async def guarded() -> None:
        nonlocal failed
        try:
            await main()
        except ServiceFailed:
            failed = True  # already logged, with the reason
        except Exception:
            failed = True
            log.critical("sinowatch stopped on an unexpected error", exc_info=True)

    try:
        task.react(lambda _reactor: deferred_from_coro(guarded()))
    except SystemExit as exit_:
        raise SystemExit(1 if failed else exit_.code) from None
    raise SystemExit(1 if failed else 0)  # react() exits by itself; this satisfies NoReturn
