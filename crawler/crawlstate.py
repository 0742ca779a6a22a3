"""Crawl state: sources, HTTP validators per source URL, crawl runs and failed entries.

The rules of crawl state (claims, stale runs, a run's effect on its source's health, the retry
backoff); the queries are :mod:`crawler.storage`'s. Spiders, pipelines, the runner and the
service call these functions with a session they own (and commit).
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from crawler.redact import mask_urls
from crawler.storage import entry_retries, runs, sources
from crawler.storage.tables import CrawlRun, EntryRetry, utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crawler.config import SourceSettings
    from crawler.records import SourceReport


@dataclass(slots=True, frozen=True)
class Validators:
    """What a server said about a document's version, sent back on the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


def sync_sources(session: Session, configured: Sequence[SourceSettings]) -> None:
    """Create or update the rows of the configured sources (name and kind follow the config)."""
    sources.upsert(session, [(source.id, source.name, source.kind) for source in configured])


def get_validators(session: Session, source_id: str, url: str) -> Validators | None:
    """The validators stored for one URL of a source, or None when there are none."""
    state = sources.fetch_state(session, source_id, url)
    if state is None:
        return None
    validators = Validators(etag=state.etag, last_modified=state.last_modified)
    return validators or None


def save_validators(session: Session, source_id: str, url: str, validators: Validators) -> None:
    """Store (or clear) the validators of one URL of a source."""
    sources.save_fetch_state(
        session, source_id, url, etag=validators.etag, last_modified=validators.last_modified
    )


def baseline_done(session: Session, source_id: str) -> bool:
    """Whether the source has had a successful crawl (so its new articles may alert)."""
    return sources.baseline_done(session, source_id)


@dataclass(slots=True, frozen=True)
class Lease:
    """How a process holds the sources it crawls: as ``owner``, for ``duration`` at a time.

    The process renews its leases well within ``duration`` while it runs
    (:func:`renew_leases`); a process that dies stops renewing, and once its leases ran out the
    others take its sources over (:func:`take_over_expired`).
    """

    owner: str
    duration: timedelta

    @classmethod
    def for_this_process(cls, duration: timedelta) -> Lease:
        return cls(f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}", duration)


@dataclass(slots=True, frozen=True)
class Claim:
    """Whether a process won a source's scheduled crawl (truthy when it did), and how many runs
    the previous holder of its lease left ``running`` were closed by the claim."""

    won: bool
    interrupted: int = 0

    def __bool__(self) -> bool:
        return self.won


def claim_run(
    session: Session,
    source_id: str,
    *,
    now: datetime,
    min_gap: timedelta,
    lease: Lease | None = None,
) -> Claim:
    """Atomically claim the scheduled crawl of a source for this process.

    Several ``sinowatch run`` processes may share one database: each schedules every source, and
    only the one whose conditional UPDATE moves ``last_run_at`` to ``now`` crawls; the others see
    a run started less than ``min_gap`` ago and skip theirs. With ``lease`` the winner also holds
    the source until it releases it (:func:`release_lease`) or stops renewing it. A source
    without a row yet (never synced) cannot be claimed: it is crawled, and the crawl creates its
    row. Commit right after, so other processes see the claim.

    A claim can only succeed over a lease that ran out: a run its owner left ``running`` (the
    owner died, on this host or another) is closed as ``interrupted`` here, whichever of this
    claim and :func:`take_over_expired` comes first.
    """
    owner = lease.owner if lease else None
    until = now + lease.duration if lease else None
    previous = sources.lease_owner(session, source_id) if lease else None
    if sources.claim(
        session, source_id, now=now, last_run_before=now - min_gap, owner=owner, lease_until=until
    ):
        process = _process_of(previous) if previous and previous != owner else None
        if process:
            host, pid = process
            left = [
                run
                for run in runs.running(session, [source_id])
                if (run.details or {}).get("owner") == {"host": host, "pid": pid}
            ]
            _interrupt(session, left, now)
            return Claim(True, interrupted=len(left))
        return Claim(True)
    return Claim(sources.get(session, source_id) is None)


def renew_leases(session: Session, lease: Lease, *, now: datetime) -> int:
    """Extend every source lease this process holds by a full ``lease.duration``; how many."""
    return sources.renew_leases(session, owner=lease.owner, lease_until=now + lease.duration)


def release_lease(session: Session, source_id: str, lease: Lease) -> None:
    """The crawl of the source is over: end this process's lease on it."""
    sources.release_lease(session, source_id, owner=lease.owner)


def take_over_expired(
    session: Session, source_ids: Sequence[str], lease: Lease, *, now: datetime
) -> list[str]:
    """Lease to this process the sources whose owner stopped renewing its lease (it died), or
    whose owner was a process of this host that is gone (a restart after a crash need not wait
    for the lease), and close the runs it left ``running`` as ``interrupted``; the ids taken
    over, to crawl now."""
    here = socket.gethostname()
    dead = [
        owner
        for owner in sources.lease_owners(session)
        if (process := _process_of(owner))
        and process[0] == here
        and process[1] != os.getpid()
        and not _pid_alive(process[1])
    ]
    taken = sources.take_expired_leases(
        session,
        source_ids,
        now=now,
        owner=lease.owner,
        lease_until=now + lease.duration,
        dead_owners=dead,
    )
    _interrupt(session, runs.running(session, taken), now)
    return taken


def _process_of(owner: str) -> tuple[str, int] | None:
    """The host and pid of a :class:`Lease` owner (``host:pid:nonce``), if it names them."""
    parts = owner.split(":")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


def _interrupt(session: Session, left: Iterable[CrawlRun], now: datetime) -> None:
    """Close runs whose process stopped renewing its lease on their source."""
    for run in left:
        run.status = "interrupted"
        run.finished_at = now
        run.error = "the crawl process stopped renewing its lease (killed?); taken over"
    session.flush()


STALE_RUN_AGE = timedelta(hours=6)
"""A run still ``running`` after this long is closed as ``interrupted`` whoever started it."""


def _owner() -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid()}


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def close_stale_runs(
    session: Session, source_ids: Iterable[str], *, now: datetime | None = None
) -> int:
    """Close runs left ``running`` by a process that died (SIGKILL, OOM, power loss).

    A run is stale when the process that started it (recorded in its details) is gone from this
    host, or when it started more than :data:`STALE_RUN_AGE` ago. It becomes ``interrupted``;
    its source's baseline and validators were never saved, so nothing it missed is lost.
    """
    now = now or utcnow()
    host = socket.gethostname()
    closed = 0
    for run in runs.running(session, source_ids):
        owner = (run.details or {}).get("owner") or {}
        dead = owner.get("host") == host and owner.get("pid") != os.getpid()
        dead = dead and not _pid_alive(int(owner.get("pid", 0)))
        if dead or run.started_at < now - STALE_RUN_AGE:
            run.status = "interrupted"
            run.finished_at = now
            run.error = "the crawl process ended without recording the run (killed?)"
            closed += 1
    session.flush()
    return closed


def start_run(session: Session, source_id: str) -> int:
    """Record the start of a crawl of a source; returns the run id.

    The source's ``last_run_at`` becomes the start time (unless a :func:`claim_run` just set it
    later): scheduling after a restart and claims between processes count from run starts. The
    run's details name the process (host, pid), so a run it leaves behind can be closed.
    """
    started = utcnow()
    run_id = runs.add(session, source_id, started=started, details={"owner": _owner()})
    sources.record_run_start(session, source_id, started)
    session.flush()
    return run_id


def finish_run(
    session: Session,
    run_id: int,
    report: SourceReport,
    *,
    details: dict[str, Any] | None = None,
    settled: bool = True,
) -> None:
    """Record the outcome of a run and update its source's health.

    ``last_run_at`` stays the run's start (set by :func:`start_run`).

    An ``error`` run increments ``consecutive_errors`` and keeps ``last_error``; an
    ``interrupted`` run changes neither; any other outcome resets them and sets
    ``last_success_at``. The baseline is marked done only by such a run that ``settled`` every
    entry it was offered (stored, known, skipped or recorded as failed).
    """
    run = runs.get(session, run_id)
    if run is None:
        raise LookupError(f"crawl run {run_id} does not exist")
    now = utcnow()
    run.finished_at = now
    run.status = report.status
    run.requests = report.requests
    run.not_modified = report.not_modified
    run.new_articles = report.new_articles
    run.known = report.known
    run.relevant = report.relevant
    run.errors = report.errors
    error = mask_urls(report.error) if report.error else None
    run.error = error
    run.details = _masked(details)
    source = sources.get(session, run.source_id)
    if source is None:
        raise LookupError(f"source {run.source_id!r} of run {run_id} does not exist")
    source.last_status = report.status
    if report.status == "error":
        source.last_error = error
        source.consecutive_errors = (source.consecutive_errors or 0) + 1
    elif report.status != "interrupted":
        source.last_error = None
        source.consecutive_errors = 0
        source.last_success_at = now
        source.baseline_done = source.baseline_done or settled
    session.flush()


# --- failed entries, retried on later crawls ----------------------------------------------------


@dataclass(slots=True, frozen=True)
class RetryEntry:
    """A failed entry waiting for its next attempt (:class:`crawler.storage.tables.EntryRetry`)."""

    url: str
    attempts: int
    due: bool
    baseline: bool
    entry: dict[str, Any]


@dataclass(slots=True, frozen=True)
class EntryFailure:
    """A failed attempt at one entry in a run, to record for a retry (or as given up)."""

    reason: str
    detail: str
    attempts: int
    given_up: bool
    baseline: bool
    entry: dict[str, Any]


def pending_retries(session: Session, source_id: str, *, now: datetime) -> dict[str, RetryEntry]:
    """The source's failed entries not given up yet, each saying whether its retry is due."""
    return {
        row.url: RetryEntry(
            url=row.url,
            attempts=row.attempts,
            due=row.next_attempt_at <= now,
            baseline=row.baseline,
            entry=dict(row.entry or {}),
        )
        for row in entry_retries.waiting(session, source_id)
    }


def record_entry_outcomes(
    session: Session,
    source_id: str,
    *,
    failures: Mapping[str, EntryFailure],
    stored: Iterable[str],
    backoff: timedelta,
    now: datetime | None = None,
) -> None:
    """Keep each failed entry for a retry (after ``backoff × 2^(attempts-1)``) or as given up;
    forget the retries of entries now stored."""
    now = now or utcnow()
    entry_retries.forget(session, source_id, [url for url in stored if url not in failures])
    for url, failure in failures.items():
        entry_retries.save(
            session,
            source_id,
            url,
            first_failed_at=now,
            attempts=failure.attempts,
            reason=failure.reason,
            detail=failure.detail,
            baseline=failure.baseline,
            entry=failure.entry,
            next_attempt_at=now + backoff * 2 ** max(failure.attempts - 1, 0),
            given_up_at=now if failure.given_up else None,
        )
    session.flush()


def failed_entries(session: Session, source_id: str, *, limit: int = 20) -> list[EntryRetry]:
    """The source's failed entries, latest first: waiting for a retry or given up."""
    return entry_retries.latest(session, source_id, limit=limit)


def last_crawl_times(session: Session) -> dict[str, datetime]:
    """When each source was last crawled (for scheduling after a restart)."""
    return sources.last_run_times(session)


def _masked(value: Any) -> Any:
    """Stored run details with the credentials in any URL they quote masked."""
    if isinstance(value, str):
        return mask_urls(value)
    if isinstance(value, dict):
        return {_masked(key): _masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value
