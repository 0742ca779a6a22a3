"""Retry a ``429`` / ``503`` after the server's ``Retry-After``, within a cap.

Scrapy's RetryMiddleware retries these statuses at once, which a rate-limiting server answers
with the same status. This subclass waits for ``Retry-After`` (seconds or an HTTP date) before
retrying, when the wait is at most :data:`MAX_RETRY_AFTER`; a longer wait is not spent inside
the crawl: the response fails (``HTTP 429``), which records the entry as failed, so the next
crawl fetches it again. ``crawler.retries`` still bounds the number of retries.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

SCRAPY_RETRY = "scrapy.downloadermiddlewares.retry.RetryMiddleware"
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


class RetryAfterMiddleware(RetryMiddleware):
    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if response.status not in RATE_LIMITED or request.meta.get("dont_retry", False):
            return super().process_response(request, response)
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return super().process_response(request, response)
        if wait > MAX_RETRY_AFTER or response.status not in self.retry_http_codes:
            return response  # fails as HTTP 429/503; the next crawl fetches it again
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await asyncio.sleep(wait)
        return retry
