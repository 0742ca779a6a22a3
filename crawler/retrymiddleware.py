"""Retry a ``429`` / ``503`` after the server's ``Retry-After``, within a cap.

Scrapy's RetryMiddleware retries these statuses at once, which a rate-limiting server answers
with the same status. This subclass waits for ``Retry-After`` (seconds or an HTTP date) before
retrying, when the wait is at most :data:`~crawler.retryafter.MAX_RETRY_AFTER`; a longer wait is
not spent inside the crawl: the response fails (``HTTP 429``), which records the entry as failed,
so the next crawl fetches it again. ``crawler.retries`` still bounds the number of retries.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

from crawler.retryafter import MAX_RETRY_AFTER, RATE_LIMITED, retry_after_seconds

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

SCRAPY_RETRY = "scrapy.downloadermiddlewares.retry.RetryMiddleware"


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
