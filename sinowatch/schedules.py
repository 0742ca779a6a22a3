"""Cron schedules in the configured ``timezone``: one place builds their triggers.

The service (:mod:`sinowatch.service.scheduling`) and ``sinowatch check`` both build cron
triggers here, so the next send time ``check`` prints is the one the service uses. A cron
expression is read in the configured zone (``0 8 * * *`` with ``timezone: Europe/Berlin`` fires
at 08:00 Berlin time, summer and winter); intervals do not depend on a zone.
"""

from __future__ import annotations

import difflib
from datetime import datetime, timedelta, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator

if TYPE_CHECKING:
    from apscheduler.triggers.cron import CronTrigger

DEFAULT_TIMEZONE = "UTC"


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_timezone(name: str) -> str:
    """Accept an IANA time zone name (``Europe/Berlin``, ``Asia/Shanghai``, ``UTC``).

    Raises:
        ValueError: not a zone this system knows, with the closest names when there are some.
    """
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(name, sorted(_known_zones()), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "e.g. Europe/Berlin, UTC"
        raise ValueError(f"unknown time zone {name!r}: use an IANA name ({hint})") from None
    return name


TimeZoneName = Annotated[str, AfterValidator(check_timezone)]
"""An IANA time zone name, checked with :mod:`zoneinfo`."""


def zone(name: str) -> tzinfo:
    """The zone a validated ``timezone`` setting names."""
    return ZoneInfo(name)


def cron_trigger(expression: str, timezone: str) -> CronTrigger:
    """A trigger firing on a five-field crontab ``expression`` read in ``timezone``.

    APScheduler 3's ``CronTrigger.from_crontab`` passes the weekday field through in its own
    numbering (Monday = 0), so ``0 8 * * 1`` would fire on Tuesdays; the field is read the
    crontab way here (0 and 7 are Sunday, ranges and steps over Sunday..Saturday) and handed
    over as day names.
    """
    from apscheduler.triggers.cron import CronTrigger

    minute, hour, day, month, _ = expression.split()
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=crontab_weekdays(expression),
        timezone=zone(timezone),
    )


_WEEKDAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def crontab_weekdays(expression: str) -> str:
    """The weekday field of a crontab ``expression`` as APScheduler day names (``*`` for any)."""
    from croniter import croniter

    days = croniter.expand(expression)[0][4]
    if days == ["*"]:
        return "*"
    return ",".join(_WEEKDAY_NAMES[number] for number in sorted({int(d) % 7 for d in days}))


def next_fire_times(expression: str, timezone: str, now: datetime, count: int) -> list[datetime]:
    """The next ``count`` fire times of ``expression`` after ``now``, in ``timezone``."""
    trigger = cron_trigger(expression, timezone)
    times: list[datetime] = []
    previous: datetime | None = None
    after = now
    while len(times) < count and (fire := trigger.get_next_fire_time(previous, after)):
        times.append(fire)
        previous, after = fire, fire + timedelta(microseconds=1)
    return times
