"""Listing spider: article links from an HTML section page, chosen by the source's selector.

``link_selector`` is a CSS selector (``a.headline``, ``h2 a``) or, prefixed with ``xpath:``, an
XPath. A selector that matches elements yields their ``href``; one that already selects
attribute or text values (``::attr(href)``, ``/@href``) is used as is.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from scrapy.http import TextResponse

from crawler.spiders.base import Candidate, SourceSpider

if TYPE_CHECKING:
    from parsel import SelectorList
    from scrapy.http import Response

XPATH_PREFIX = "xpath:"


class ListingSpider(SourceSpider):
    kind = "listing"

    async def parse_index(self, response: Response, url: str) -> AsyncIterator[Any]:
        if not isinstance(response, TextResponse):
            self.run.index_failed(url, "not an HTML page: cannot select links from it")
            return
        candidates = []
        for selected in select_links(response, self.source.link_selector or "a"):
            selected = selected.strip()
            if selected and not selected.startswith(("#", "javascript:", "mailto:")):
                candidates.append(Candidate(url=response.urljoin(selected)))
        if not candidates:
            self.run.index_warnings[url] = (
                f"selector {self.source.link_selector!r} matched no links on the page"
            )
        async for output in self.article_requests(candidates):
            yield output


def select_links(response: TextResponse, selector: str) -> list[str]:
    """The link values a CSS or ``xpath:`` selector picks from a page."""
    if selector.startswith(XPATH_PREFIX):
        selected: SelectorList = response.xpath(selector[len(XPATH_PREFIX) :].strip())
    else:
        selected = response.css(selector)
    values = []
    for item in selected:
        if isinstance(item.root, str):
            values.append(item.root)
        else:
            href = item.attrib.get("href")
            if href:
                values.append(href)
    return values
