"""Source spiders: one per source kind (feed, news sitemap, HTML listing page)."""

from __future__ import annotations

from crawler.spiders.base import SourceSpider
from crawler.spiders.feed import FeedSpider
from crawler.spiders.listing import ListingSpider
from crawler.spiders.sitemap import NewsSitemapSpider

SPIDERS: dict[str, type[SourceSpider]] = {
    spider.kind: spider for spider in (FeedSpider, NewsSitemapSpider, ListingSpider)
}
"""The spider class for each ``kind`` of source."""

__all__ = ["SPIDERS", "FeedSpider", "ListingSpider", "NewsSitemapSpider", "SourceSpider"]
