"""``Retry-After`` (seconds or an HTTP date) as a number of seconds.

Read by the crawl's retry middleware (:mod:`crawler.retrymiddleware`) and by the webhook
channel; kept free of Scrapy so that loading the config does not import it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

MAX_RETRY_AFTER = 30.0
"""Seconds a crawl waits at most for one ``Retry-After``."""
RATE_LIMITED = frozenset({429, 503})


def retry_after_seconds(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """``Retry-After: 120`` or ``Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`` as seconds (None
    when absent or unreadable); a date in the past is 0."""
    if not value:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)
