"""Big feeds and sitemaps: read as a stream, with the same result as read whole, and their own
size limit in a real crawl of a local site."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
import pytest
from scrapy.http import XmlResponse
from twisted.python.failure import Failure

from crawler import downloadhandler, feeds
from crawler.config import SourceSettings
from crawler.db import Database
from crawler.feeds import Feed, parse_feed
from crawler.ledger import SKIP_NO_LINK, SKIP_OVER_LIMIT, SKIP_TOO_OLD
from crawler.report import CrawlReport
from crawler.runcontext import RunPlan, SourceCrawler
from crawler.runner import CrawlRunner
from crawler.sitemaps import (
    BATCH_ENTRIES,
    REJECT_BROKEN,
    REJECT_NO_LOC,
    parse_sitemap,
    read_sitemap,
)
from crawler.spiders.sitemap import MAX_SITEMAP_FETCHES, NewsSitemapSpider
from crawler.spool import BODY, IndexBody
from tests.site import Resource, TestSite
from tests.sourcecrawl import crawl_sources
from tests.test_crawl import feed_source
from tests.test_crawl_sources import (
    XML,
    index,
    serve_articles,
    sitemap_source,
    stored_urls,
    urlset,
)

URL = "http://127.0.0.1/feeds/big.xml"
ITEMS = 600


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streaming from 100 kB, 100 items a batch: the same code as at 1 MiB, in less CPU."""
    monkeypatch.setattr(feeds, "STREAM_FROM_BYTES", 100_000)
    monkeypatch.setattr(feeds, "BATCH_ITEMS", 100)


def rss(items: int, encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 feed over the streaming threshold: relative links, an item naming no page,
    authors, HTML summaries, dates, text in ``encoding``."""
    entries = "".join(
        f"<item><title>Переговоры {n} – tariffs</title><link>/news/{n}.html</link>"
        f"<description>&lt;p&gt;Стороны обсудили &lt;b&gt;пошлины&lt;/b&gt; {n}&lt;/p&gt;"
        f"</description><pubDate>Tue, 04 Nov 2025 08:{n % 60:02d}:00 +0800</pubDate>"
        f"<author>desk@example.com (Li Wei)</author></item>\n"
        + ("<item><title>no page</title><guid>urn:uuid:1</guid></item>\n" if n == 7 else "")
        for n in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
        f"<title>Новости</title><link>http://example.com/</link>\n{entries}</channel></rss>\n"
    ).encode(encoding)


def atom(items: int) -> bytes:
    """An Atom feed with an ``xml:base`` its entries' relative links resolve against."""
    entries = "".join(
        f'<entry><title>Story {n}</title><link href="story-{n}.html"/><id>urn:s:{n}</id>'
        f"<updated>2025-11-04T08:{n % 60:02d}:00Z</updated><summary>Text {n} " + "x" * 300
        + "</summary></entry>\n"
        for n in range(items)
    )  # fmt: skip
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xml:base="http://example.com/news/"><title>Example</title>'
        f"<author><name>Feed Author</name></author><id>urn:feed</id>\n{entries}</feed>\n"
    ).encode()


def whole(body: bytes, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> Feed:
    """The feed as parsed in one go (the path of a small feed)."""
    with monkeypatch.context() as patch:
        patch.setattr(feeds, "STREAM_FROM_BYTES", len(body) + 1)
        return parse_feed(body, URL, **kwargs)


def counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = feedparser.parse

    def parse(document: bytes, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(document))
        return real(document, *args, **kwargs)

    monkeypatch.setattr(feeds.feedparser, "parse", parse)
    return calls


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (rss(ITEMS), None),  # no Content-Type: feedparser warns, for the whole feed and a batch
        (rss(ITEMS, "windows-1251"), "text/xml; charset=windows-1251"),
        (atom(ITEMS), "application/atom+xml"),
    ],
)
def test_a_big_feed_is_read_in_batches_with_the_result_of_one_pass(
    body: bytes, content_type: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(body) > feeds.STREAM_FROM_BYTES
    expected = whole(body, monkeypatch, content_type=content_type)
    calls = counting_parses(monkeypatch)
    streamed = parse_feed(body, URL, content_type=content_type)
    items = body.count(b"<item>") + body.count(b"<entry>")
    assert len(calls) == -(-items // feeds.BATCH_ITEMS) and max(calls) < len(body) / 5
    assert streamed == expected
    assert len(streamed.entries) == ITEMS and streamed.error is None


def test_the_last_batch_still_has_the_feed_s_base_and_title() -> None:
    streamed = parse_feed(atom(ITEMS), URL)
    assert streamed.title == "Example"
    last = streamed.entries[-1]
    assert last.link == f"http://example.com/news/story-{ITEMS - 1}.html"


def test_a_broken_big_feed_is_read_whole_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    body = rss(ITEMS)
    cut = body[: len(body) * 2 // 3]  # a truncated download
    expected = whole(cut, monkeypatch)
    calls = counting_parses(monkeypatch)
    assert parse_feed(cut, URL) == expected
    assert calls[-1] == len(cut)  # the batches before the break are read again, whole
    assert expected.warning and expected.entries


def big_urlset(entries: int, fresh: int) -> bytes:
    now = datetime.now(UTC)
    urls = "".join(
        f"<url><loc>http://example.com/s/{n}.html</loc><lastmod>"
        f"{(now - timedelta(hours=n if n < fresh else 24 * 40)).isoformat()}</lastmod></url>\n"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>"
    ).encode()


def test_a_sitemap_drops_old_entries_as_it_reads_them() -> None:
    oldest = datetime.now(UTC) - timedelta(days=2)
    sitemap = parse_sitemap(
        big_urlset(20_000, fresh=30),
        "http://example.com/map.xml",
        keep=lambda entry: entry.date is None or entry.date >= oldest,
    )
    assert [entry.loc for entry in sitemap.entries] == [
        f"http://example.com/s/{n}.html" for n in range(30)
    ]
    assert sitemap.dropped == 20_000 - 30 and not sitemap.rejected and sitemap.error is None


def test_a_sitemap_read_from_a_file_comes_in_parts_of_a_batch_of_kept_entries() -> None:
    parts = list(
        read_sitemap(
            io.BytesIO(b"\n  " + big_urlset(3_000, fresh=0)),
            "http://example.com/map.xml",
            keep=lambda entry: int(entry.loc.rsplit("/", 1)[1].split(".")[0]) % 5 < 2,
            batch=500,
        )
    )
    assert [len(part.entries) for part in parts] == [500, 500, 200]
    assert {part.kind for part in parts} == {"urlset"}
    assert sum(part.dropped for part in parts) == 1_800


def test_a_broken_big_sitemap_still_rejects_its_cut_off_entry() -> None:
    body = big_urlset(5_000, fresh=5_000)
    cut = body[: body.rindex(b"</loc>") - 2]
    sitemap = parse_sitemap(cut, "http://example.com/map.xml")
    assert len(sitemap.entries) == 4_999 and sitemap.rejected == {REJECT_BROKEN: 1}


def test_a_sitemap_over_max_page_bytes_is_read_up_to_max_index_bytes(database: Database) -> None:
    with TestSite() as site:
        fresh = serve_articles(site, "b1", "b2")
        filler = "".join(
            f"<url><loc>{site.url(f'/old/{n}.html')}</loc><lastmod>2020-01-01</lastmod></url>"
            for n in range(30_000)
        )
        urls = "".join(f"<url><loc>{url}</loc></url>" for url in fresh)
        body = f'<?xml version="1.0"?><urlset>{urls}{filler}</urlset>'.encode()
        assert 2 * 1024 * 1024 < len(body) < 4 * 1024 * 1024
        site["/big.xml"] = Resource(body, content_type=XML)
        source = sitemap_source(site.url("/big.xml"))
        result = crawl_sources(database, [source], max_page_bytes=1024 * 1024)["maps"]
        assert result.report.status == "baseline", result.report.error
        assert stored_urls(database) == set(fresh)
        assert result.skipped == {SKIP_TOO_OLD: 30_000}
        tight = crawl_sources(database, [{**source, "id": "tight"}], max_index_bytes=1024 * 1024)[
            "tight"
        ]
    assert tight.report.status == "error"
    assert "feed or sitemap too large: over max_index_bytes (1048576 bytes)" in str(
        tight.report.error
    )


@pytest.fixture
def spooled(monkeypatch: pytest.MonkeyPatch) -> list[list[bytes]]:
    """The Content-Encoding of each index body spooled to disk, as they are."""
    bodies: list[list[bytes]] = []
    spool = IndexBody.__init__

    def spooling(body: IndexBody, encodings: list[bytes]) -> None:
        bodies.append(list(encodings))
        spool(body, encodings)

    monkeypatch.setattr(IndexBody, "__init__", spooling)
    return bodies


def test_a_big_feed_is_spooled_to_disk_and_its_entries_looked_up_a_batch_at_a_time(
    database: Database, monkeypatch: pytest.MonkeyPatch, spooled: list[list[bytes]]
) -> None:
    lookups: list[int] = []
    lookup = CrawlRunner._known_urls

    def looking_up(runner: CrawlRunner, urls: list[str]) -> Any:
        lookups.append(len(urls))
        return lookup(runner, urls)

    monkeypatch.setattr(CrawlRunner, "_known_urls", looking_up)
    items = 2 * ITEMS
    with TestSite() as site:
        site["/feed.xml"] = Resource(rss(5), content_type="application/rss+xml")
        source = feed_source("big", site.url("/feed.xml"), fetch_articles=False)
        crawl_sources(database, [source])  # the baseline: the first five stored
        site["/feed.xml"] = Resource(rss(items), content_type="application/rss+xml", gzip=True)
        spooled.clear()
        lookups.clear()
        result = crawl_sources(database, [source], max_articles_per_run=10)["big"]
    assert spooled == [[b"gzip"]]  # one body, on disk, decoded from there
    assert len(lookups) == -(-(items + 1) // feeds.BATCH_ITEMS)  # one lookup per batch read
    assert max(lookups) <= feeds.BATCH_ITEMS
    assert result.ledger["entries"] == items + 1  # and the item that names no page
    assert result.ledger["known"] == 5 and result.ledger["new"] == 10
    assert result.skipped == {SKIP_NO_LINK: 1, SKIP_OVER_LIMIT: items - 15}


def test_a_feed_in_an_encoding_not_decoded_from_disk_is_read_from_memory_as_before(
    database: Database, spooled: list[list[bytes]]
) -> None:
    with TestSite() as site:
        site["/feed.xml"] = Resource(rss(5), content_type="application/rss+xml", encoding="br")
        source = feed_source("br", site.url("/feed.xml"), fetch_articles=False)
        result = crawl_sources(database, [source])["br"]
    assert spooled == []  # Scrapy's HttpCompressionMiddleware decoded it, in memory
    assert result.report.status == "baseline" and result.ledger["new"] == 5


def sitemap_spider() -> NewsSitemapSpider:
    """A sitemap spider built by hand, as Scrapy builds it for a source crawl."""
    run = CrawlReport(
        RunPlan(
            source=SourceSettings(**sitemap_source("http://127.0.0.1:9/map.xml")),
            baseline=False,
            known_urls=dict,
        )
    )
    crawler = SourceCrawler(NewsSitemapSpider, {}, report=run, services=object())  # type: ignore[arg-type]
    return NewsSitemapSpider.from_crawler(crawler)


@pytest.mark.parametrize("depth", [0, 1])
def test_a_failed_sitemap_download_closes_its_spooled_body(depth: int) -> None:
    spider = sitemap_spider()
    request = spider.index_request("http://127.0.0.1:9/child.xml", depth)
    body = IndexBody([b"gzip"])
    body.write(b"part of it arrived")
    request.meta[BODY] = body
    failure = Failure(TimeoutError("timed out"))
    failure.request = request  # type: ignore[attr-defined]  # as Scrapy's errbacks get it
    spider._index_failed(failure)
    assert body.file.closed and BODY not in request.meta
    spider.reader.shutdown()


def test_child_sitemaps_not_read_are_one_warning_over_all_parts() -> None:
    spider = sitemap_spider()
    pairs = 2 * BATCH_ENTRIES  # a child read and one without <loc>: two parts
    body = (
        '<?xml version="1.0"?><sitemapindex>'
        + "".join(
            f"<sitemap><loc>/c{n}.xml</loc></sitemap><sitemap><lastmod>2025-11-04</lastmod>"
            "</sitemap>"
            for n in range(pairs)
        )
        + "</sitemapindex>"
    ).encode()
    request = spider.index_request("http://127.0.0.1:9/map.xml")
    response = XmlResponse(request.url, body=body, request=request)

    async def parse() -> list[Any]:
        return [output async for output in spider.parse_index(response, request.url)]

    requested = asyncio.run(parse())
    spider.reader.shutdown()
    assert len(requested) == MAX_SITEMAP_FETCHES - 1  # the index itself is the first
    not_read = [w for w in spider.report.ledger.warnings if "child sitemap(s) not read" in w]
    assert not_read == [f"{request.url}: {pairs} child sitemap(s) not read: {REJECT_NO_LOC}"]


def test_at_most_a_few_spooled_bodies_are_on_disk_at_once(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloadhandler, "SPOOLED_AT_ONCE", 2)
    on_disk: set[int] = set()  # the bodies not closed yet
    most = [0]
    spool, close = IndexBody.__init__, IndexBody.close

    def spooling(body: IndexBody, encodings: list[bytes]) -> None:
        spool(body, encodings)
        on_disk.add(id(body))
        most[0] = max(most[0], len(on_disk))

    def closing(body: IndexBody) -> None:
        on_disk.discard(id(body))
        close(body)

    monkeypatch.setattr(IndexBody, "__init__", spooling)
    monkeypatch.setattr(IndexBody, "close", closing)
    children = 12
    with TestSite() as site:
        for n in range(children):
            site[f"/c{n}.xml"] = Resource(
                urlset(*serve_articles(site, f"a{n}")), content_type=XML, gzip=True
            )
        site["/index.xml"] = Resource(
            index(*(site.url(f"/c{n}.xml") for n in range(children))), content_type=XML
        )
        result = crawl_sources(database, [sitemap_source(site.url("/index.xml"))], concurrency=8)[
            "maps"
        ]
    assert result.report.status == "baseline", result.report.error
    assert len(stored_urls(database)) == children  # every child read, two at a time at most
    assert most[0] == 2 and not on_disk
