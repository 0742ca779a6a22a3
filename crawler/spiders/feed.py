"""Feed spider: RSS / Atom feeds, read by :func:`crawler.feeds.read_feed` off the event loop.

The feed's body is read from a temporary file (:mod:`crawler.spool`) in parts of at most
:data:`crawler.feeds.BATCH_ITEMS` entries; each part's entries are checked against the store and
requested before the next part is read. A feed with no entries, or one feedparser could read
only despite errors (bozo), is a warning.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator
from typing import TYPE_CHECKING, Any

from crawler.feeds import Feed, read_feed
from crawler.ledger import SKIP_NO_LINK
from crawler.spiders.base import Candidate, SourceSpider, Unreadable

if TYPE_CHECKING:
    from scrapy.http import Response


class FeedSpider(SourceSpider):
    kind = "feed"
    spool_index = True

    async def parse_index(self, response: Response, url: str) -> AsyncIterator[Any]:
        read = without_link = 0
        warning: str | None = None
        # feedparser needs ~0.5 s for 1,000 entries: it runs in the reading thread.
        async for feed in self.read_in_thread(self._parts(response)):
            if feed.error:  # only ever the one part
                self.report.index_failed(url, feed.error)
                return
            if feed.without_link:  # entries that name no web page: offered, and skipped for it
                self.report.offered(feed.without_link)
                self.report.skipped(SKIP_NO_LINK, feed.without_link)
            read += len(feed.entries)
            without_link += feed.without_link
            warning = warning or feed.warning
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
        if not read and not without_link:
            detail = f" ({warning})" if warning else ""
            self.warn_index(url, f"the feed has no entries{detail}")
        elif warning:
            self.warn_index(url, f"malformed feed, entries read anyway: {warning}")

    def _parts(self, response: Response) -> Generator[Feed, None, None]:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        try:
            document = self.index_document(response)
        except Unreadable as exc:
            yield Feed(url=response.url, error=str(exc))
            return
        with document:
            yield from read_feed(document, response.url, content_type=content_type)
