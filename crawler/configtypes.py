"""Value types shared by the settings models of every layer (crawler, alerts, sinowatch).

Durations are written as ``90s``, ``15m``, ``2h``, ``2d`` (or a number of seconds). A duration
is positive (``jitter`` and ``download_delay`` may be 0) and at most :data:`MAX_DURATION`, so
that no setting can overflow a date computed from it; numbers are finite and ints bounded.
Every model derives from :class:`Model`, which forbids unknown keys so a typo is an error, not a
silently ignored option.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, None: 1}
MAX_DURATION = timedelta(days=36500)
"""The longest duration any setting takes (100 years): dates computed from it cannot overflow."""


def parse_duration(value: object) -> timedelta:
    """Parse ``30s``, ``15m``, ``2h``, ``2d``, ``1w`` or a number of seconds into a timedelta.

    Raises:
        ValueError: not a duration, negative, or longer than :data:`MAX_DURATION`.
    """
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    else:
        raise ValueError(f"not a duration: {value!r} (use e.g. 90s, 15m, 2h, 2d)")
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative (got {value!r})")
    if not math.isfinite(seconds) or seconds > MAX_DURATION.total_seconds():
        raise ValueError(f"duration too long: {value!r} (at most {MAX_DURATION.days}d)")
    return timedelta(seconds=seconds)


def _positive(value: timedelta) -> timedelta:
    if not value:
        raise ValueError("must be longer than 0 (e.g. 30s, 15m)")
    return value


def check_cron(value: str) -> str:
    """Accept a five-field crontab expression that both croniter (which reads the weekday field
    the crontab way) and APScheduler (which runs it) understand."""
    from apscheduler.triggers.cron import CronTrigger
    from croniter import CroniterError, croniter

    try:
        croniter.expand(value)
        CronTrigger.from_crontab(value)
    except (ValueError, CroniterError) as exc:
        raise ValueError(
            f"invalid cron expression {value!r}: {exc} "
            "(five fields: minute hour day month weekday, e.g. '0 8 * * *')"
        ) from None
    return value


def check_http_url(value: str) -> str:
    """Accept an absolute http(s) URL. The value is not echoed: a webhook URL may hold a token."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("not an http(s) URL: write it in full, e.g. https://example.org/feed.xml")
    return value


def one_or_many(value: object) -> object:
    """Let a list setting be written as a single item (``to: desk@example.org``)."""
    return [value] if isinstance(value, str) else value


Duration = Annotated[timedelta, BeforeValidator(parse_duration), AfterValidator(_positive)]
"""A duration longer than 0 (intervals, timeouts, ages, windows)."""
DurationOrZero = Annotated[timedelta, BeforeValidator(parse_duration)]
"""A duration that may be 0 (``jitter``, ``download_delay``, ``page_retry_backoff``)."""
Number = Annotated[float, Field(allow_inf_nan=False)]
CronExpression = Annotated[str, AfterValidator(check_cron)]
HttpUrl = Annotated[str, AfterValidator(check_http_url)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=100)]


class Model(BaseModel):
    """Base for every settings model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)
