"""Feed spider: RSS / Atom feeds, parsed by :func:`crawler.feeds.parse_feed` off the event loop.

A feed with no entries, or one feedparser could read only despite errors (bozo), is a warning.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from crawler.feeds import parse_feed
from crawler.ledger import SKIP_NO_LINK
from crawler.spiders.base import Candidate, SourceSpider

if TYPE_CHECKING:
    from scrapy.http import Response


class FeedSpider(SourceSpider):
    kind = "feed"

    async def parse_index(self, response: Response, url: str) -> AsyncIterator[Any]:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        # feedparser needs ~0.5 s for 1,000 entries: keep it off the event loop.
        feed = await asyncio.to_thread(
            parse_feed, response.body, response.url, content_type=content_type
        )
        if feed.error:
            self.report.index_failed(url, feed.error)
            return
        if feed.without_link:  # entries that name no web page: offered, and skipped for it
            self.report.offered(feed.without_link)
            self.report.skipped(SKIP_NO_LINK, feed.without_link)
        if not feed.entries and not feed.without_link:
            detail = f" ({feed.warning})" if feed.warning else ""
            self.warn_index(url, f"the feed has no entries{detail}")
        elif feed.warning:
            self.warn_index(url, f"malformed feed, entries read anyway: {feed.warning}")
        candidates = [
            Candidate(
                url=entry.link,
                title=entry.title,
                summary=entry.summary,
                published=entry.published,
                authors=entry.authors,
                updated=entry.updated,
            )
            for entry in feed.entries
        ]
        async for output in self.article_requests(candidates):
            yield output
