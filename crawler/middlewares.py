"""Conditional GET for index documents (feeds, sitemaps, listing pages).

A request marked with ``meta["conditional_get"] = <url key>`` gets ``If-None-Match`` /
``If-Modified-Since`` from the validators stored for that key (``spider.run.validators``) and
lets the spider see a ``304`` itself (``handle_httpstatus_list``). The validators of a ``200``
answer are kept in ``spider.run.new_validators``; the runner stores them when the run ends, so
a crawl that fails halfway never claims a feed as seen.

Scrapy's HTTP cache is not used for this: without Cache-Control it serves cached bodies by
heuristic freshness instead of asking the server (see notes/scrapy-apscheduler.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.crawlstate import Validators

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from crawler.runcontext import RunContext

META_KEY = "conditional_get"


class ConditionalGetMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        return cls(crawler)

    def _run(self) -> RunContext | None:
        return getattr(self.crawler.spider, "run", None)

    def process_request(self, request: Request) -> None:
        key = request.meta.get(META_KEY)
        run = self._run()
        if key is None or run is None:
            return
        statuses = set(request.meta.get("handle_httpstatus_list", ()))
        request.meta["handle_httpstatus_list"] = sorted(statuses | {304})
        validators = run.validators.get(key)
        if not validators:
            return
        if validators.etag:
            request.headers.setdefault(b"If-None-Match", validators.etag)
        if validators.last_modified:
            request.headers.setdefault(b"If-Modified-Since", validators.last_modified)

    def process_response(self, request: Request, response: Response) -> Response:
        key = request.meta.get(META_KEY)
        run = self._run()
        if key is None or run is None or response.status != 200:
            return response
        etag = _header(response, b"ETag")
        last_modified = _header(response, b"Last-Modified")
        run.new_validators[key] = Validators(etag=etag, last_modified=last_modified)
        return response


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    if not value:
        return None
    return value.decode("latin-1").strip() or None
