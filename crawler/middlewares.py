"""Conditional GET for index documents (feeds, sitemaps, listing pages).

A request marked with ``meta["conditional_get"] = <url key>`` gets ``If-None-Match`` /
``If-Modified-Since`` from the validators stored for that key (the run's
:attr:`~crawler.runcontext.RunPlan.validators`) and lets the spider see a ``304`` itself
(``handle_httpstatus_list``). The validators of a ``200`` answer go to the run's
:class:`~crawler.report.CrawlReport`; the runner stores them when the run ends settled, so a
crawl that fails halfway never claims a feed as seen.

Scrapy's HTTP cache is not used for this: without Cache-Control it serves cached bodies by
heuristic freshness instead of asking the server (see notes/scrapy-apscheduler.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.crawlstate import Validators
from crawler.runcontext import source_crawler

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from crawler.report import CrawlReport
    from crawler.runcontext import RunPlan

META_KEY = "conditional_get"


class ConditionalGetMiddleware:
    def __init__(self, plan: RunPlan, report: CrawlReport) -> None:
        self.plan = plan
        self.report = report

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        crawler = source_crawler(crawler)
        return cls(crawler.plan, crawler.report)

    def process_request(self, request: Request) -> None:
        key = request.meta.get(META_KEY)
        if key is None:
            return
        statuses = set(request.meta.get("handle_httpstatus_list", ()))
        request.meta["handle_httpstatus_list"] = sorted(statuses | {304})
        validators = self.plan.validators.get(key)
        if not validators:
            return
        if validators.etag:
            request.headers.setdefault(b"If-None-Match", validators.etag)
        if validators.last_modified:
            request.headers.setdefault(b"If-Modified-Since", validators.last_modified)

    def process_response(self, request: Request, response: Response) -> Response:
        key = request.meta.get(META_KEY)
        if key is None or response.status != 200:
            return response
        etag = _header(response, b"ETag")
        last_modified = _header(response, b"Last-Modified")
        self.report.validators_received(key, Validators(etag=etag, last_modified=last_modified))
        return response


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    if not value:
        return None
    return value.decode("latin-1").strip() or None
