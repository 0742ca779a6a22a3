"""The :class:`Service`: puts the timetable, the jobs, the reloader and the stop together."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from crawler.crawlstate import Lease
from sinowatch.app import build_runtime
from sinowatch.config_loader import load_settings
from sinowatch.roles import LEASE, ROLES
from sinowatch.service.jobs import Current, DispatcherLoop, Jobs
from sinowatch.service.reloading import ConfigReloader, ExtractionPools
from sinowatch.service.scheduling import Timetable, enabled_sources
from sinowatch.service.shutdown import (
    BackgroundTasks,
    ServiceFailed,
    finish_crawls,
    log_summary,
    watch_database,
)
from sinowatch.wording import plural

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import timedelta

    from crawler.db import Database
    from sinowatch.app import Runtime
    from sinowatch.roles import Role
    from sinowatch.settings import Settings

log = logging.getLogger("sinowatch.service")


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
        roles: tuple[Role, ...] = ROLES,
        lease: timedelta = LEASE,
        max_crawls: int | None = None,
    ) -> None:
        """``roles``: what this process does (see :data:`Role`); ``lease``: see :data:`LEASE`
        (renewed every third of it); ``max_crawls``: sources crawled at once (None: all due)."""
        self.config_path = config_path
        self.database = database
        self.watch_config = watch_config
        self.stop_timeout = stop_timeout
        self.dispatch_poll = dispatch_poll
        self.config_poll = config_poll
        self.current = Current(settings)
        self._stopping = asyncio.Event()
        self.roles = roles
        self.jobs = Jobs(
            self.current,
            database,
            stopping=self._stopping,
            lease=Lease.for_this_process(lease),
            max_crawls=max_crawls,
        )
        self.reloader = ConfigReloader(config_path, load, self._apply)
        self.background = BackgroundTasks()
        """Reloads and watchers: ``await service.background.join()`` waits for them."""
        self._pools = ExtractionPools(settings.crawler.extract_workers)
        self._dispatcher = DispatcherLoop(poll=dispatch_poll, stop_timeout=stop_timeout)
        self.timetable: Timetable | None = None
        self._started = time.monotonic()
        self.failure: str | None = None
        """Why the service stopped itself (then it exits 1), e.g. its database file is gone."""

    @property
    def settings(self) -> Settings:
        """The running config."""
        return self.current.settings

    @property
    def runtime(self) -> Runtime | None:
        """The runtime built from :attr:`settings` (None until :meth:`run`)."""
        return self.current.runtime

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def scheduler_running(self) -> bool:
        """Whether the scheduler is started and not shut down (``/healthz`` under ``run --web``)."""
        return self.timetable is not None and bool(self.timetable.scheduler.running)

    async def run(self) -> None:
        """Run until SIGTERM/SIGINT (or :meth:`request_stop`), then stop gracefully.

        Raises:
            ServiceFailed: the service stopped itself on an error (:meth:`fail`).
        """
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.request_stop)
        loop.add_signal_handler(signal.SIGHUP, self.request_reload)
        settings = self.current.settings
        runtime = build_runtime(settings, self.database, pool=self._pools.current)
        self.current.switch(runtime)
        scheduler = AsyncIOScheduler(timezone=UTC, event_loop=loop)
        scheduler.start()
        self.timetable = Timetable(scheduler, self.database)
        self._schedule(settings, changed=None)
        if "housekeeping" in self.roles:
            self.timetable.schedule_retention(self.jobs.retention)
        if "crawl" in self.roles:
            self.timetable.schedule_leases(self.jobs.leases, self.jobs.lease.duration / 3)
        if "dispatch" in self.roles:
            self._dispatcher.start(runtime)
        if self.watch_config:
            self.background.spawn(self.reloader.watch(self.config_poll, self._stopping))
        if self.database.file is not None:
            self.background.spawn(
                watch_database(self.database, self.dispatch_poll, self._stopping, self.fail)
            )
        first = next(iter(self.timetable.next_crawls().items()), None)
        log.info(
            "sinowatch running: %s (config %s); %s",
            config_counts(settings),
            self.config_path,
            "no source to crawl"
            if first is None
            else f"next crawl: {first[0]} at {first[1]:%Y-%m-%d %H:%M:%S} UTC",
            extra={
                "event": "start",
                "next_crawl": first[1].isoformat() if first else None,
                "roles": list(self.roles),
            },
        )
        await self._stopping.wait()
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
        """Stop gracefully (what SIGTERM and SIGINT call)."""
        if not self._stopping.is_set():
            log.info("stopping: finishing running crawls and sends", extra={"event": "stop"})
            self._stopping.set()

    def request_reload(self) -> None:
        """Reload the config in the background (what SIGHUP calls); see :meth:`reload`."""
        self.background.spawn(self.reload())

    async def reload(self) -> bool:
        """Load the config again and apply it; keep the running config if it is invalid."""
        return await self.reloader.reload()

    async def _apply(self, new: Settings) -> None:
        """Switch to a valid new config: a new runtime, rescheduled jobs, a new dispatcher."""
        assert self.timetable is not None, "reload before the service runs"
        old = self.current.settings
        if new.database_url != old.database_url:
            log.warning("the database URL changed: restart sinowatch to use it")
        runtime = build_runtime(new, self.database, pool=self._pools.for_settings(new))
        retired = self.current.switch(runtime)
        if retired is not None:
            self.background.spawn(self._pools.retire(retired, self.jobs.running_crawls()))
        old_sources = {s.id: s for s in old.sources}
        changed = {s.id for s in new.sources if s.id in old_sources and old_sources[s.id] != s}
        self._schedule(new, changed=changed)
        if "dispatch" in self.roles:
            await self._dispatcher.stop()
            self._dispatcher.start(runtime)
        log.info("config reloaded: %s", config_counts(new), extra={"event": "reload", "ok": True})

    def _schedule(self, settings: Settings, *, changed: set[str] | None) -> None:
        """(Re)schedule the crawls and digests of ``settings`` this process's roles include."""
        assert self.timetable is not None
        if "crawl" in self.roles:
            self.timetable.schedule_sources(settings, self.jobs.crawl, changed=changed)
        if "dispatch" in self.roles:
            self.timetable.schedule_digests(settings, self.jobs.digest)

    async def _shutdown(self) -> None:
        runtime = self.current.runtime
        assert self.timetable is not None and runtime is not None
        self.timetable.scheduler.pause()
        await finish_crawls(self.jobs.running_crawls(), runtime.runner, self.stop_timeout)
        await self._pools.shutdown()
        await self._dispatcher.stop()
        self.background.cancel()
        self.timetable.scheduler.shutdown(wait=False)
        log_summary(self.database, self.jobs.tally, self._started)


def config_counts(settings: Settings) -> str:
    """``3 sources, 1 watchlist, 2 channels`` (enabled sources only)."""
    return ", ".join(
        (
            plural(len(enabled_sources(settings)), "source"),
            plural(len(settings.watchlists), "watchlist"),
            plural(len(settings.channels), "channel"),
        )
    )
