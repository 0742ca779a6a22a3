"""Downloader middlewares that refuse requests visibly: offsite redirects and robots.txt (RFC 9309).

Scrapy drops an offsite request with a bare ``IgnoreRequest`` that only ``-vv`` shows, and treats a
robots.txt answering 5xx (or not answering) as allow-all. Here every refusal is a
:class:`Refused` whose message is the reason the user sees (the spider's errback records it):

* :class:`OffsiteMiddleware` replaces Scrapy's. Entry links were screened before they were
  requested (:mod:`crawler.entrylinks`), so what is refused here is a *redirect*: an article that
  redirects to another domain or to a non-public address (a failed entry with the reason), an
  index document (feed, sitemap, listing page) that redirects to another host (the index fails),
  or a sitemap redirect to a sitemap already read in this crawl (a cycle: a warning).
* :class:`RobotsTxtMiddleware` follows RFC 9309 §2.3.1: robots.txt answering 4xx allows
  everything; answering 5xx, or unreachable, disallows the whole host for this crawl (every
  request refused with ``robots.txt unavailable (HTTP 503)``; the next crawl asks again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxt
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

from crawler.entrylinks import problem
from crawler.runcontext import source_crawler

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

    from crawler.spiders.base import SourceSpider

SCRAPY_OFFSITE = "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware"
SCRAPY_ROBOTSTXT = "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"


class Refused(IgnoreRequest):
    """A request sinowatch will not send; ``str()`` is the reason shown to the user."""


class AlreadyRead(Refused):
    """An index redirect to a document already read in this crawl (a cycle, not an error)."""


class OffsiteMiddleware:
    """Refuse redirects that leave the source's sites (see the module docstring)."""

    def __init__(self, spider: SourceSpider) -> None:
        self.spider = spider

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteMiddleware:
        spider = source_crawler(crawler).spider  # created before its middlewares
        return cls(cast("SourceSpider", spider))

    def process_request(self, request: Request) -> None:
        spider, links = self.spider, self.spider.links
        if request.meta.get("dont_obey_robotstxt"):  # robots.txt itself
            return
        if spider.is_index_request(request):
            refusal = (
                spider.index_redirect_refusal(request) if "redirect_urls" in request.meta else None
            )
            if refusal is not None:
                raise refusal
            return
        if problem(request.url, local=links.local) is not None:
            raise Refused("redirected to an address that is not a public web page")
        if not links.allows(request.url):
            host = urlparse_cached(request).netloc
            raise Refused(f"redirected to another domain ({host}): add it to allowed_domains")


class _Unavailable:
    """Stands for the robots.txt of a host that could not be read: everything is disallowed."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


class RobotsTxtMiddleware(ScrapyRobotsTxt):
    """Scrapy's robots.txt middleware with RFC 9309's handling of unavailable robots.txt."""

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        if isinstance(rp, _Unavailable):
            self._stats.inc_value("robotstxt/unavailable")
            raise Refused(f"robots.txt unavailable ({rp.reason})")
        super().process_request_2(rp, request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status < 500:  # 2xx: the rules; 4xx (no robots.txt): allow all
            await super()._parse_robots(response, netloc, request)
            return
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        self._settle(netloc, _Unavailable(f"HTTP {response.status}"))

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        reason = getattr(getattr(exc, "response", None), "status", None)
        text = f"HTTP {reason}" if reason else (str(exc).strip() or type(exc).__name__)
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._settle(netloc, _Unavailable(text))

    def _settle(self, netloc: str, value: Any) -> None:
        pending = self._parsers[netloc]
        self._parsers[netloc] = value
        pending.callback(value)  # type: ignore[union-attr]
