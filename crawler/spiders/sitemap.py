"""News-sitemap spider: follows sitemap indexes; keeps entries newer than the source's max_age.

Sitemap indexes end: each sitemap URL is fetched at most once per crawl (a self-listing index, a
cycle ``a → b → a`` or a redirect back to a sitemap already read is a warning, not a loop),
indexes nest at most :data:`MAX_SITEMAP_DEPTH` levels below the source URL, and one crawl fetches
at most :data:`MAX_SITEMAP_FETCHES` sitemaps. A child sitemap that fails (HTTP error, not XML) is a
warning: the entries of its siblings are still stored, and the source is in ``error`` only when
one of its own URLs failed.

Settings: the source's ``max_age`` (entries whose publication date, else lastmod, is older are
skipped as ``too old``; undated entries are kept) and ``crawler.max_index_bytes`` (a sitemap's size,
gzip sitemaps decompressed included).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Callable, Generator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from crawler.entrylinks import join, problem
from crawler.fetchguards import AlreadyRead, Refused
from crawler.ledger import SKIP_TOO_OLD
from crawler.sitemaps import Sitemap, SitemapEntry, read_sitemap
from crawler.spiders.base import (
    INDEX_LIMIT,
    Candidate,
    SourceSpider,
    Unreadable,
    describe_failure,
)

if TYPE_CHECKING:
    import scrapy
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from crawler.report import CrawlReport

MAX_SITEMAP_DEPTH = 3
"""Index levels followed below a source URL (news sites use one; a deeper chain is a trap)."""
MAX_SITEMAP_FETCHES = 200
"""Sitemap documents fetched at most per crawl of one source."""
DEPTH = "sitemap_depth"


class NewsSitemapSpider(SourceSpider):
    kind = "sitemap"
    spool_index = True

    def __init__(self, report: CrawlReport, **kwargs: Any) -> None:
        super().__init__(report, **kwargs)
        self.sitemaps_requested: set[str] = set()
        """Every sitemap URL requested in this crawl, redirect targets included."""

    def index_request(self, url: str, depth: int = 0) -> scrapy.Request:
        self.sitemaps_requested.add(url)
        request = super().index_request(url)
        request.meta[DEPTH] = depth
        return request

    def index_redirect_refusal(self, request: scrapy.Request) -> Refused | None:
        if (refusal := super().index_redirect_refusal(request)) is not None:
            return refusal
        if request.url in self.sitemaps_requested:
            return AlreadyRead(f"redirects to {request.url}, a sitemap already read in this crawl")
        self.sitemaps_requested.add(request.url)
        return None

    def _index_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        if request.meta.get(DEPTH, 0) > 0:  # a child: its siblings still count
            self.release_body(request)
            url = request.meta.get("redirect_urls", [request.url])[0]
            self.warn_index(
                url,
                "child sitemap not read: "
                + describe_failure(failure, self.index_max_bytes, INDEX_LIMIT),
            )
            return
        super()._index_failed(failure)

    async def parse_index(self, response: Response, url: str) -> AsyncIterator[Any]:
        depth = response.meta.get(DEPTH, 0)
        oldest = datetime.now(UTC) - self.source.max_age
        not_read: Counter[str] = Counter()  # child sitemaps rejected, over all the parts
        async for sitemap in self.read_in_thread(
            self._parts(response, url, lambda entry: entry.date is None or entry.date >= oldest)
        ):
            if sitemap.error:  # only ever the one part
                if depth > 0:
                    self.warn_index(url, f"child sitemap not read: {sitemap.error}")
                else:
                    self.report.index_failed(url, sitemap.error)
                return
            if sitemap.kind == "index":
                not_read.update(sitemap.rejected)
                for child in sitemap.sitemaps:
                    if (
                        request := self._child_request(url, join(response.url, child), depth)
                    ) is not None:
                        yield request
                continue
            for reason, count in sitemap.rejected.items():
                self.report.offered(count)
                self.report.skipped(reason, count)
            if sitemap.dropped:
                self.report.offered(sitemap.dropped)
                self.report.skipped(SKIP_TOO_OLD, sitemap.dropped)
            candidates = [
                Candidate(
                    url=join(response.url, entry.loc),
                    title=entry.title,
                    published=entry.published or entry.lastmod,
                    outlet=entry.publication,
                    updated=entry.lastmod,
                )
                for entry in sitemap.entries
            ]
            async for output in self.article_requests(candidates):
                yield output
        for reason, count in not_read.items():
            self.warn_index(url, f"{count} child sitemap(s) not read: {reason}")

    def _parts(
        self, response: Response, url: str, keep: Callable[[SitemapEntry], bool]
    ) -> Generator[Sitemap, None, None]:
        """The sitemap's parts (too old entries dropped by ``keep`` as they are read)."""
        try:
            document = self.index_document(response)
        except Unreadable as exc:
            yield Sitemap(url=url, error=str(exc))
            return
        with document:
            yield from read_sitemap(document, url, max_bytes=self.index_max_bytes, keep=keep)

    def _child_request(self, parent: str, child: str, depth: int) -> scrapy.Request | None:
        """The request for a child sitemap, or None (with a warning) when it is not followed."""
        if problem(child, local=self.links.local) is not None or not self.links.allows(child):
            self.warn_index(
                parent, f"child sitemap {child} not read: not a web page on the source's sites"
            )
            return None
        if child in self.sitemaps_requested:
            self.warn_index(parent, f"lists {child}, a sitemap already read (cycle): read once")
            return None
        if depth + 1 > MAX_SITEMAP_DEPTH:
            self.warn_index(
                parent, f"sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH} levels: not read"
            )
            return None
        if len(self.sitemaps_requested) >= MAX_SITEMAP_FETCHES:
            self.report.warning(
                f"more than {MAX_SITEMAP_FETCHES} sitemaps: the rest are not read in this crawl"
            )
            return None
        return self.index_request(child, depth + 1)
