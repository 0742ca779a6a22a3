"""Listing spider: article links from an HTML section page, chosen by the source's selector.

``link_selector`` is a CSS selector (``a.headline``, ``h2 a``) or, prefixed with ``xpath:``, an
XPath. A selector that matches elements yields their ``href``; one that already selects
attribute or text values (``::attr(href)``, ``/@href``) is used as is (config validation compiles
it first: :func:`crawler.linkselect.selector_error`). In-page anchors (``#top``) are
not links; every other value is an offered entry (``javascript:``/``mailto:`` ones are skipped as
not web pages). A selector that matches no links is a warning.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from cssselect import SelectorError
from scrapy.http import TextResponse

from crawler.entrylinks import join
from crawler.linkselect import XPATH_PREFIX
from crawler.spiders.base import Candidate, SourceSpider

if TYPE_CHECKING:
    from parsel import SelectorList
    from scrapy.http import Response


class ListingSpider(SourceSpider):
    kind = "listing"

    async def parse_index(self, response: Response, url: str) -> AsyncIterator[Any]:
        if not isinstance(response, TextResponse):
            self.report.index_failed(url, "not an HTML page: cannot select links from it")
            return
        selector = self.source.link_selector or "a"
        try:
            links = select_links(response, selector)
        except (SelectorError, ValueError) as exc:  # config validation normally catches this
            self.report.index_failed(url, f"invalid link_selector {selector!r}: {exc}")
            return
        candidates = [
            Candidate(url=join(response.url, link))
            for link in (value.strip() for value in links)
            if link and not link.startswith("#")
        ]
        if not candidates:
            self.warn_index(url, f"selector {selector!r} matched no links on the page")
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
