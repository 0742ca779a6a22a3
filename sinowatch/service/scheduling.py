"""When the service's jobs run: the APScheduler timetable and the scheduling rules.

- ``crawl:<source>`` per enabled source: its ``schedule`` (or the global one), interval or cron,
  with ``jitter``; one instance at a time, missed runs coalesced. After a restart the first run
  follows the source's last crawl time in the database (``last + interval``); overdue sources are
  spread over the jitter (or :data:`OVERDUE_SPREAD`), not started all at once. Processes
  sharing a database each claim a run in the database first (:func:`claim_min_gap`): a source is
  crawled about once per interval however many processes run.
- ``digest:<channel>`` per digest channel (``digest_cron``);
- ``retention``: daily, first :data:`RETENTION_FIRST_DELAY` after the start.

Cron expressions (a source's ``cron``, ``digest_cron``) are read in the configured ``timezone``
(:mod:`sinowatch.schedules`).
"""

from __future__ import annotations

import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.exc import IntegrityError

from crawler.crawlstate import last_crawl_times, sync_sources
from sinowatch.schedules import cron_trigger, next_fire_times

if TYPE_CHECKING:
    from crawler.config import SourceSettings
    from crawler.db import Database
    from sinowatch.settings import Settings

log = logging.getLogger("sinowatch.service")

OVERDUE_SPREAD = timedelta(seconds=30)
"""Overdue sources without jitter start spread over this long (at most their interval)."""
RETENTION_INTERVAL = timedelta(days=1)
RETENTION_FIRST_DELAY = timedelta(minutes=5)
MISFIRE_GRACE_SECONDS = 300

Job = Callable[..., Awaitable[object]]


class Timetable:
    """The service's scheduled jobs on one APScheduler (crawls, digests, retention)."""

    def __init__(
        self,
        scheduler: AsyncIOScheduler,
        database: Database,
        *,
        rng: random.Random | None = None,
    ) -> None:
        self.scheduler = scheduler
        self.database = database
        self._rng = rng or random.Random()

    def schedule_sources(
        self, settings: Settings, crawl: Job, *, changed: set[str] | None = None
    ) -> None:
        """Schedule ``crawl(source_id)`` for every enabled source not scheduled yet (first run
        from its last crawl in the database, :func:`first_run_time`), reschedule the sources in
        ``changed`` and drop the jobs of sources no longer enabled."""
        changed = changed or set()
        wanted = {source.id: source for source in enabled_sources(settings)}
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
                crawl,
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

    def schedule_digests(self, settings: Settings, digest: Job) -> None:
        """Schedule ``digest(channel)`` on each digest channel's ``digest_cron`` (replacing
        the digest jobs of the previous config)."""
        for job in self.scheduler.get_jobs():
            if job.id.startswith("digest:"):
                job.remove()
        for name, channel in settings.channels.items():
            if channel.mode == "digest":
                self.scheduler.add_job(
                    digest,
                    cron_trigger(channel.digest_cron, settings.timezone),
                    args=[name],
                    id=f"digest:{name}",
                    max_instances=1,
                    coalesce=True,
                    misfire_grace_time=MISFIRE_GRACE_SECONDS,
                )

    def schedule_retention(self, retention: Job) -> None:
        """Run ``retention()`` daily, the first time shortly after the start."""
        self.scheduler.add_job(
            retention,
            IntervalTrigger(seconds=RETENTION_INTERVAL.total_seconds(), timezone=UTC),
            id="retention",
            next_run_time=datetime.now(UTC) + RETENTION_FIRST_DELAY,
            max_instances=1,
            coalesce=True,
        )

    def schedule_leases(self, leases: Job, every: timedelta) -> None:
        """Run ``leases()`` (renew this process's source leases, take over expired ones) every
        ``every``, the first time at once."""
        self.scheduler.add_job(
            leases,
            IntervalTrigger(seconds=every.total_seconds(), timezone=UTC),
            id="leases",
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
        )

    def next_crawls(self) -> dict[str, datetime]:
        """When each scheduled source is crawled next, by source id, soonest first."""
        crawls = {
            job.id.removeprefix("crawl:"): job.next_run_time
            for job in self.scheduler.get_jobs()
            if job.id.startswith("crawl:")
        }
        return dict(sorted(crawls.items(), key=lambda item: item[1]))


def enabled_sources(settings: Settings) -> list[SourceSettings]:
    return [source for source in settings.sources if source.enabled]


def source_trigger(settings: Settings, source: SourceSettings) -> BaseTrigger:
    schedule = settings.schedule_for(source)
    jitter = int(schedule.jitter.total_seconds()) or None
    if schedule.cron:
        trigger = cron_trigger(schedule.cron, settings.timezone)
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
        # without jitter; in UTC, as two times of one zone subtract as wall-clock times
        fires = [
            fire.astimezone(UTC)
            for fire in next_fire_times(schedule.cron or "", settings.timezone, now, 2)
        ]
        gap = fires[1] - fires[0] if len(fires) == 2 else timedelta(0)
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
