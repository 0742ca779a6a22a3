"""News-sitemap spider: follows sitemap indexes; keeps entries newer than the source's max_age.

Settings: the source's ``max_age`` (entries whose publication date, else lastmod, is older are
skipped; undated entries are kept) and ``crawler.max_page_bytes`` (gzip sitemaps).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from crawler.sitemaps import DEFAULT_MAX_BYTES, parse_sitemap
from crawler.spiders.base import Candidate, SourceSpider

if TYPE_CHECKING:
    from scrapy.http import Response


class NewsSitemapSpider(SourceSpider):
    kind = "sitemap"

    async def parse_index(self, response: Response, url: str) -> AsyncIterator[Any]:
        max_bytes = self.crawler.settings.getint("DOWNLOAD_MAXSIZE") or DEFAULT_MAX_BYTES
        sitemap = await asyncio.to_thread(parse_sitemap, response.body, url, max_bytes=max_bytes)
        if sitemap.error:
            self.run.index_failed(url, sitemap.error)
            return
        for child in sitemap.sitemaps:
            yield self.index_request(response.urljoin(child))
        oldest = datetime.now(UTC) - self.source.max_age
        fresh = [e for e in sitemap.entries if e.date is None or e.date >= oldest]
        self.run.too_old += len(sitemap.entries) - len(fresh)
        candidates = [
            Candidate(
                url=response.urljoin(entry.loc),
                title=entry.title,
                published=entry.published or entry.lastmod,
                outlet=entry.publication,
                updated=entry.lastmod,
            )
            for entry in fresh
        ]
        async for output in self.article_requests(candidates):
            yield output
