"""Spiders and downloader middlewares in-process, with hand-built Scrapy requests and responses.

Scrapy's own test style: no reactor, no server, no database. A spider is created from a
:class:`~crawler.runcontext.SourceCrawler` carrying a fresh :class:`~crawler.report.CrawlReport`;
a test builds the index request the spider would send, answers it with an ``XmlResponse`` /
``HtmlResponse`` / ``Response`` (or a ``Failure`` for the errback) and reads what the callback
yields (child index requests, article requests, pages) and what it recorded in the report.

What stays with real crawls of a local site (tests/test_crawl*.py, tests/hostile/): that the
requests yielded here are fetched, redirected and stored, conditional GETs against a server,
robots.txt, timeouts and size limits of real downloads. The sitemap-cycle, depth, malformed-entry,
too-old, offsite, wrapped-link and empty-index cases of tests/test_crawl_sources.py moved here:
each asserted only which documents the spider requested and what it counted, which these check
on the spider's own output (a request not yielded is a document never fetched).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import scrapy
from scrapy.http import HtmlResponse, Response, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.config import SourceSettings
from crawler.crawlstate import RetryEntry, Validators
from crawler.fetchguards import AlreadyRead, OffsiteMiddleware, Refused
from crawler.ledger import (
    FAIL_NOT_HTML,
    SKIP_BAD_URL,
    SKIP_DUPLICATE,
    SKIP_NO_LINK,
    SKIP_OFFSITE,
    SKIP_OVER_LIMIT,
    SKIP_RETRY_WAITING,
    SKIP_TOO_OLD,
)
from crawler.middlewares import ConditionalGetMiddleware
from crawler.records import FetchedPage
from crawler.report import CrawlReport
from crawler.retryafter import MAX_RETRY_AFTER
from crawler.retrymiddleware import RetryAfterMiddleware
from crawler.runcontext import RunPlan, SourceCrawler
from crawler.sitemaps import REJECT_BROKEN
from crawler.spiders import SPIDERS, SourceSpider
from crawler.spiders.sitemap import MAX_SITEMAP_DEPTH
from tests.test_crawl import article_html, rss
from tests.test_crawl_sources import index, urlset

SITE = "https://news.example.org"
NOW = datetime.now(UTC)


def spider_for(
    kind: str,
    url: str = f"{SITE}/index.xml",
    *,
    known: Mapping[str, datetime] | None = None,
    retries: Mapping[str, RetryEntry] | None = None,
    validators: Mapping[str, Validators] | None = None,
    baseline: bool = True,
    limit: int = 200,
    **source: Any,
) -> SourceSpider:
    """A spider of ``kind`` for one source at ``url``, made by Scrapy's ``from_crawler``."""
    settings = SourceSettings(id="src", name="Source", kind=kind, url=url, **source)
    stored = dict(known or {})
    plan = RunPlan(
        source=settings,
        baseline=baseline,
        known_urls=lambda urls: {u: stored[u] for u in urls if u in stored},
        source_limit=limit,
        validators=dict(validators or {}),
        retries=dict(retries or {}),
    )
    report = CrawlReport(plan)
    crawler = SourceCrawler(SPIDERS[kind], {}, report=report, services=None)  # type: ignore[arg-type]
    spider = SPIDERS[kind].from_crawler(crawler)
    crawler.spider = spider
    return spider


def answer(
    spider: SourceSpider, request: scrapy.Request, body: bytes, cls: type[Response] = XmlResponse
) -> list[Any]:
    """What the request's callback yields for a 200 response with ``body``."""
    response = cls(request.url, body=body, request=request, headers=_type(cls))
    return collect(request.callback(response, **request.cb_kwargs))


def _type(cls: type[Response]) -> dict[str, str]:
    return {"Content-Type": "text/html" if cls is HtmlResponse else "application/xml"}


def collect(outputs: AsyncIterator[Any] | Iterable[Any] | None) -> list[Any]:
    """Drain a callback's (async) generator, the way Scrapy's engine does."""
    if outputs is None:
        return []
    if isinstance(outputs, AsyncIterator):

        async def drain() -> list[Any]:
            return [item async for item in outputs]

        return asyncio.run(drain())
    return list(outputs)


def root(spider: SourceSpider) -> scrapy.Request:
    """The spider's (only) start request."""

    async def first() -> scrapy.Request:
        return await anext(aiter(spider.start()))

    return asyncio.run(first())


def fail(request: scrapy.Request, exc: Exception) -> list[Any]:
    """What the request's errback yields for ``exc`` (Scrapy sets the failure's request)."""
    failure = Failure(exc)
    failure.request = request  # type: ignore[attr-defined]
    return collect(request.errback(failure))


def requests(outputs: list[Any]) -> list[str]:
    return [o.url for o in outputs if isinstance(o, scrapy.Request)]


def articles_of(spider: SourceSpider, outputs: list[Any]) -> list[str]:
    return [o.url for o in outputs if isinstance(o, scrapy.Request) and not _is_index(spider, o)]


def _is_index(spider: SourceSpider, request: scrapy.Request) -> bool:
    return spider.is_index_request(request)


def settle(spider: SourceSpider, fetched: Iterable[str]) -> CrawlReport:
    """Store every fetched article as the pipeline would, close the run; the report (whose
    ledger must balance: every entry offered has exactly one outcome)."""
    report = spider.report
    for url in fetched:
        report.stored_page(url, "new", relevant=True)
    spider.closed("finished")
    report.finish()
    assert report.unbalanced is None, report.unbalanced
    return report


def crawl_sitemaps(spider: SourceSpider, documents: Mapping[str, bytes]) -> tuple[list[str], list]:
    """Answer every index request the spider makes from ``documents`` (breadth first), as the
    engine would; the index URLs requested (in order) and the article requests yielded."""
    pending, asked, found = [root(spider)], [], []
    while pending:
        request = pending.pop(0)
        asked.append(request.url)
        for output in answer(spider, request, documents[request.url]):
            (pending if _is_index(spider, output) else found).append(output)
    return asked, found


# --- sitemaps -----------------------------------------------------------------------------------


def test_a_self_listing_index_is_read_once_with_a_cycle_warning():
    spider = spider_for("sitemap")
    documents = {
        f"{SITE}/index.xml": index(f"{SITE}/index.xml", f"{SITE}/a.xml"),
        f"{SITE}/a.xml": urlset(f"{SITE}/one.html", f"{SITE}/two.html"),
    }
    asked, found = crawl_sitemaps(spider, documents)
    assert asked == [f"{SITE}/index.xml", f"{SITE}/a.xml"]
    assert [r.url for r in found] == [f"{SITE}/one.html", f"{SITE}/two.html"]
    report = settle(spider, (r.url for r in found))
    assert report.status == "baseline"
    assert report.ledger.warnings == [
        f"{SITE}/index.xml: lists {SITE}/index.xml, a sitemap already read (cycle): read once"
    ]


def test_an_index_cycle_a_b_a_ends_with_each_index_read_once():
    spider = spider_for("sitemap", f"{SITE}/a.xml")
    documents = {
        f"{SITE}/a.xml": index(f"{SITE}/b.xml", f"{SITE}/c.xml"),
        f"{SITE}/b.xml": index(f"{SITE}/a.xml", f"{SITE}/d.xml"),
        f"{SITE}/c.xml": urlset(f"{SITE}/c1.html"),
        f"{SITE}/d.xml": urlset(f"{SITE}/d1.html"),
    }
    asked, found = crawl_sitemaps(spider, documents)
    assert sorted(asked) == sorted(documents)  # each once
    assert {r.url for r in found} == {f"{SITE}/c1.html", f"{SITE}/d1.html"}
    report = settle(spider, (r.url for r in found))
    assert any("/a.xml, a sitemap already read" in w for w in report.ledger.warnings)


def test_sitemap_indexes_nest_at_most_three_levels():
    spider = spider_for("sitemap", f"{SITE}/i0.xml")
    documents = {}
    for level in range(MAX_SITEMAP_DEPTH + 1):  # /i0.xml → /i1.xml → … → /i4.xml
        documents[f"{SITE}/i{level}.xml"] = index(
            f"{SITE}/i{level + 1}.xml", f"{SITE}/u{level}.xml"
        )
        documents[f"{SITE}/u{level}.xml"] = urlset(f"{SITE}/n{level}.html")
    asked, found = crawl_sitemaps(spider, documents)
    assert f"{SITE}/i{MAX_SITEMAP_DEPTH + 1}.xml" not in asked
    assert f"{SITE}/u{MAX_SITEMAP_DEPTH}.xml" not in asked  # listed by the too-deep index
    assert [r.url for r in found] == [f"{SITE}/n{level}.html" for level in range(MAX_SITEMAP_DEPTH)]
    report = settle(spider, (r.url for r in found))
    assert any(f"deeper than {MAX_SITEMAP_DEPTH} levels" in w for w in report.ledger.warnings)


def test_a_redirect_to_a_sitemap_already_read_is_refused_as_already_read():
    spider = spider_for("sitemap")
    middleware = OffsiteMiddleware.from_crawler(spider.crawler)
    [child] = answer(spider, root(spider), index(f"{SITE}/loop.xml", f"{SITE}/next.xml"))[:1]

    def redirected(request: scrapy.Request, url: str) -> scrapy.Request:
        """The copy Scrapy's RedirectMiddleware sends on a 301 to ``url``."""
        copy = request.replace(url=url)
        copy.meta["redirect_urls"] = [*request.meta.get("redirect_urls", []), request.url]
        return copy

    back = redirected(child, f"{SITE}/index.xml")
    with pytest.raises(AlreadyRead, match="a sitemap already read in this crawl"):
        middleware.process_request(back)
    with pytest.raises(AlreadyRead):  # the sibling listed by the index: not read twice
        middleware.process_request(redirected(child, f"{SITE}/next.xml"))
    moved = redirected(child, f"{SITE}/moved.xml")
    assert middleware.process_request(moved) is None  # a new sitemap on the same host…
    with pytest.raises(AlreadyRead):  # …read once
        middleware.process_request(redirected(child, f"{SITE}/moved.xml"))
    assert fail(child, AlreadyRead("x")) == []
    assert spider.report.ledger.warnings == [f"{SITE}/loop.xml: child sitemap not read: x"]

    start = spider_for("sitemap", f"{SITE}/self.xml")
    request = root(start)
    with pytest.raises(AlreadyRead) as refused:
        OffsiteMiddleware.from_crawler(start.crawler).process_request(
            redirected(request, request.url)
        )
    fail(request, refused.value)
    assert start.report.index_errors == {
        request.url: f"redirects to {request.url}, a sitemap already read in this crawl"
    }


def test_a_failing_child_sitemap_is_a_warning_and_a_failing_root_an_error():
    spider = spider_for("sitemap")
    [child] = answer(spider, root(spider), index(f"{SITE}/gone.xml"))
    gone = Response(child.url, status=404, request=child)
    assert fail(child, HttpError(gone, "Ignoring non-200 response")) == []
    assert spider.report.ledger.warnings == [f"{SITE}/gone.xml: child sitemap not read: HTTP 404"]
    assert spider.report.index_errors == {}

    request = root(spider)
    failed = Response(request.url, status=500, request=request)
    fail(request, HttpError(failed, "Ignoring non-200 response"))
    assert spider.report.index_errors == {request.url: "HTTP 500"}
    assert settle(spider, []).status == "error"


def test_a_truncated_sitemap_rejects_the_cut_off_entry():
    spider = spider_for("sitemap")
    body = urlset(f"{SITE}/t1.html", f"{SITE}/t2.html", f"{SITE}/t3.html")
    cut = body[: body.index(b"/t3.html") + len("/t3")]  # ends inside the last <loc>
    found = answer(spider, root(spider), cut)
    assert requests(found) == [f"{SITE}/t1.html", f"{SITE}/t2.html"]
    report = settle(spider, requests(found))
    assert report.ledger.as_dict()["skipped"] == {REJECT_BROKEN: 1}
    assert report.ledger.entries == 3


def test_one_malformed_loc_next_to_good_ones_is_skipped():
    spider = spider_for("sitemap")
    found = answer(spider, root(spider), urlset(f"{SITE}/m1", "http://[::1/broken", f"{SITE}/m2"))
    assert requests(found) == [f"{SITE}/m1", f"{SITE}/m2"]
    assert settle(spider, requests(found)).ledger.as_dict()["skipped"] == {SKIP_BAD_URL: 1}


def test_old_sitemap_entries_are_counted_as_too_old_and_undated_ones_kept():
    spider = spider_for("sitemap", max_age="2d")
    old = urlset(f"{SITE}/o1.html", f"{SITE}/o2.html", lastmod=NOW - timedelta(days=30))
    fresh = urlset(f"{SITE}/new.html", lastmod=NOW - timedelta(hours=1))
    undated = urlset(f"{SITE}/undated.html")
    body = old.replace(b"</urlset>", fresh[fresh.index(b"<url>") :].replace(b"<urlset>", b""))
    body = body.replace(b"</urlset>", undated[undated.index(b"<url>") :])
    found = answer(spider, root(spider), body)
    assert requests(found) == [f"{SITE}/new.html", f"{SITE}/undated.html"]
    report = settle(spider, requests(found))
    assert report.ledger.as_dict()["skipped"] == {SKIP_TOO_OLD: 2}
    assert report.ledger.entries == 4


# --- feeds --------------------------------------------------------------------------------------


def test_feed_entries_become_article_requests_carrying_what_the_feed_says():
    spider = spider_for("feed", f"{SITE}/feed.xml")
    items = [
        {
            "title": "Talks resume",
            "link": f"{SITE}/talks.html",
            "description": "Officials met.",
            "pubDate": "Mon, 30 Nov 2026 08:00:00 GMT",
            "author": "desk@example.org (A. Writer)",
        },
        {"title": "Second", "link": f"{SITE}/second.html"},
    ]
    [first, second] = answer(spider, root(spider), rss(items))
    assert (first.url, second.url) == (f"{SITE}/talks.html", f"{SITE}/second.html")
    candidate = first.cb_kwargs["candidate"]
    assert (candidate.title, candidate.summary) == ("Talks resume", "Officials met.")
    assert candidate.published == datetime(2026, 11, 30, 8, tzinfo=UTC)
    assert spider.report.index_ok == {f"{SITE}/feed.xml"}

    page_response = HtmlResponse(first.url, body=article_html("Talks"), request=first)
    [page] = collect(first.callback(page_response, **first.cb_kwargs))
    assert isinstance(page, FetchedPage)
    assert (page.url, page.final_url, page.feed_title) == (first.url, first.url, "Talks resume")
    assert page.html == article_html("Talks") and page.outlet == "Source"
    settle(spider, [first.url, second.url])


def test_known_repeated_waiting_and_over_limit_entries_each_get_their_outcome():
    stored = NOW - timedelta(days=1)
    waiting = RetryEntry(url=f"{SITE}/wait.html", attempts=1, due=False, baseline=False, entry={})
    spider = spider_for(
        "feed",
        f"{SITE}/feed.xml",
        known={f"{SITE}/known.html": stored},
        retries={waiting.url: waiting},
        baseline=False,
        limit=2,
    )
    links = ["known", "a", "a", "wait", "b", "c"]
    items = [{"title": name, "link": f"{SITE}/{name}.html"} for name in links]
    found = answer(spider, root(spider), rss(items))
    assert requests(found) == [f"{SITE}/a.html", f"{SITE}/b.html"]
    report = settle(spider, requests(found))
    assert report.ledger.known == 1
    assert report.ledger.as_dict()["skipped"] == {
        SKIP_DUPLICATE: 1,
        SKIP_RETRY_WAITING: 1,
        SKIP_OVER_LIMIT: 1,
    }
    assert not report.settled  # the entry over the limit is left for the next crawl


def test_a_stored_entry_the_feed_says_changed_is_fetched_again():
    spider = spider_for(
        "feed", f"{SITE}/feed.xml", known={f"{SITE}/a.html": NOW - timedelta(days=2)}
    )
    item = {"title": "a", "link": f"{SITE}/a.html"}
    updated = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        f'<entry><title>a</title><id>{item["link"]}</id><link href="{item["link"]}"/>'
        f"<updated>{NOW.isoformat()}</updated></entry></feed>"
    ).encode()
    assert requests(answer(spider, root(spider), updated)) == [item["link"]]


def test_feed_entries_without_a_web_link_are_counted_as_skipped():
    spider = spider_for("feed", f"{SITE}/atom.xml")
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        f'<entry><title>linked</title><id>{SITE}/l.html</id><link href="{SITE}/l.html"/></entry>'
        "<entry><title>only an id</title><id>urn:uuid:1b4e28ba-2fa1-11d2-883f</id></entry>"
        "</feed>"
    ).encode()
    found = answer(spider, root(spider), atom)
    assert requests(found) == [f"{SITE}/l.html"]
    report = settle(spider, requests(found))
    assert report.ledger.entries == 2
    assert report.ledger.as_dict()["skipped"] == {SKIP_NO_LINK: 1}


def test_offsite_entries_are_skipped_with_the_allowed_domains_hint():
    spider = spider_for("feed", "https://feeds.example.com/feed.xml")
    links = [
        "https://news.example.org/a.html",
        "https://news.example.org/b.html",
        "https://other.example.net/c.html",
        "https://www.example.com/here.html",  # same registered domain as the feed
    ]
    found = answer(spider, root(spider), rss([{"title": "x", "link": link} for link in links]))
    assert requests(found) == ["https://www.example.com/here.html"]
    report = settle(spider, requests(found))
    assert report.ledger.as_dict()["skipped"] == {SKIP_OFFSITE: 3}
    assert report.ledger.warnings == [
        "3 entries link to other domains (news.example.org, other.example.net): "
        "add them to allowed_domains to follow them"
    ]


def test_a_google_alerts_wrapper_is_unwrapped_and_followed():
    spider = spider_for("feed", f"{SITE}/alerts.xml")
    target = f"{SITE}/wrapped.html"
    link = f"https://www.google.com/url?rct=j&sa=t&url={target}&ct=ga&cd=CAIyGg&usg=AOv"
    found = answer(spider, root(spider), rss([{"title": "w", "link": link}]))
    assert requests(found) == [target]
    assert settle(spider, [target]).ledger.as_dict()["skipped"] == {}


def test_empty_and_bozo_feeds_are_warnings_and_an_unreadable_one_an_error():
    empty = spider_for("feed", f"{SITE}/empty.xml")
    assert answer(empty, root(empty), rss([])) == []
    assert empty.report.ledger.warnings == [f"{SITE}/empty.xml: the feed has no entries"]

    bozo = spider_for("feed", f"{SITE}/bozo.xml")
    body = rss([{"title": "x", "link": f"{SITE}/x.html"}]).replace(b"</channel></rss>", b"<b>")
    assert requests(answer(bozo, root(bozo), body)) == [f"{SITE}/x.html"]
    [warning] = bozo.report.ledger.warnings
    assert warning.startswith(f"{SITE}/bozo.xml: malformed feed, entries read anyway")

    broken = spider_for("feed", f"{SITE}/gz.xml")
    assert answer(broken, root(broken), b"\x1f\x8b\x08\x00garbage") == []
    assert list(broken.report.index_errors) == [f"{SITE}/gz.xml"]


def test_a_304_records_the_index_unchanged_and_yields_nothing():
    spider = spider_for("feed", f"{SITE}/feed.xml", baseline=False)
    request = root(spider)
    unchanged = Response(request.url, status=304, request=request)
    assert collect(request.callback(unchanged)) == []
    report = settle(spider, [])
    assert report.index_not_modified == {f"{SITE}/feed.xml"}
    assert report.status == "not_modified"


def test_a_page_that_is_not_html_is_given_up_with_its_content_type():
    spider = spider_for("feed", f"{SITE}/feed.xml")
    [request] = answer(spider, root(spider), rss([{"title": "pdf", "link": f"{SITE}/r.pdf"}]))
    pdf = Response(
        request.url, body=b"%PDF-1.7", request=request, headers={"Content-Type": "application/pdf"}
    )
    [page] = collect(request.callback(pdf, **request.cb_kwargs))
    assert page.error == "not an HTML page (Content-Type: application/pdf)"
    assert page.feed_title == "pdf"  # stored partial from the feed
    assert spider.report.ledger.as_dict()["failed"] == {FAIL_NOT_HTML: 1}


# --- listing pages ------------------------------------------------------------------------------


def test_a_listing_selects_links_skips_a_malformed_one_and_ignores_anchors():
    spider = spider_for("listing", f"{SITE}/news", link_selector="a.s")
    links = "".join(
        f'<a class="s" href="{href}">x</a>'
        for href in (f"{SITE}/l1.html", "http://[::1/broken", "/l2.html", "#top")
    )
    page = f'<html><body>{links}<a href="/other.html">nav</a></body></html>'.encode()
    found = answer(spider, root(spider), page, HtmlResponse)
    assert requests(found) == [f"{SITE}/l1.html", f"{SITE}/l2.html"]
    assert settle(spider, requests(found)).ledger.as_dict()["skipped"] == {SKIP_BAD_URL: 1}


def test_an_xpath_selector_of_values_is_used_as_is():
    spider = spider_for("listing", f"{SITE}/news", link_selector="xpath://h2/a/@href")
    page = b'<html><body><h2><a href="/x.html">x</a></h2><a href="/nav.html">n</a></body></html>'
    assert requests(answer(spider, root(spider), page, HtmlResponse)) == [f"{SITE}/x.html"]


def test_an_empty_listing_is_a_warning_and_a_binary_one_an_error():
    spider = spider_for("listing", f"{SITE}/news", link_selector="h2 a")
    page = b"<html><body><p>no links today</p></body></html>"
    assert answer(spider, root(spider), page, HtmlResponse) == []
    assert spider.report.ledger.warnings == [
        f"{SITE}/news: selector 'h2 a' matched no links on the page"
    ]
    binary = spider_for("listing", f"{SITE}/news", link_selector="a")
    assert answer(binary, root(binary), b"\x89PNG", Response) == []
    assert binary.report.index_errors == {
        f"{SITE}/news": "not an HTML page: cannot select links from it"
    }


# --- downloader middlewares ---------------------------------------------------------------------


def test_conditional_get_sends_the_stored_validators_and_keeps_the_new_ones():
    stored = Validators(etag='"v1"', last_modified="Mon, 30 Nov 2026 08:00:00 GMT")
    spider = spider_for("feed", f"{SITE}/feed.xml", validators={f"{SITE}/feed.xml": stored})
    middleware = ConditionalGetMiddleware.from_crawler(spider.crawler)
    request = root(spider)
    assert middleware.process_request(request) is None
    assert request.headers[b"If-None-Match"] == b'"v1"'
    assert request.headers[b"If-Modified-Since"] == b"Mon, 30 Nov 2026 08:00:00 GMT"
    assert 304 in request.meta["handle_httpstatus_list"]

    response = Response(request.url, request=request, headers={"ETag": '"v2"'})
    assert middleware.process_response(request, response) is response
    assert spider.report.new_validators == {
        f"{SITE}/feed.xml": Validators(etag='"v2"', last_modified=None)
    }


def test_conditional_get_leaves_article_requests_alone():
    spider = spider_for(
        "feed", f"{SITE}/feed.xml", validators={f"{SITE}/a.html": Validators(etag="e")}
    )
    middleware = ConditionalGetMiddleware.from_crawler(spider.crawler)
    [article] = answer(spider, root(spider), rss([{"title": "a", "link": f"{SITE}/a.html"}]))
    middleware.process_request(article)
    assert b"If-None-Match" not in article.headers
    assert "handle_httpstatus_list" not in article.meta
    middleware.process_response(
        article, Response(article.url, request=article, headers={"ETag": "x"})
    )
    assert spider.report.new_validators == {}


def test_offsite_middleware_refuses_article_redirects_off_the_sources_sites():
    spider = spider_for("feed", f"{SITE}/feed.xml")
    middleware = OffsiteMiddleware.from_crawler(spider.crawler)
    [article] = answer(spider, root(spider), rss([{"title": "a", "link": f"{SITE}/a.html"}]))
    assert middleware.process_request(article) is None
    assert middleware.process_request(article.replace(url="https://www.example.org/b")) is None
    with pytest.raises(Refused, match=r"another domain \(elsewhere\.net\): add it to allowed_d"):
        middleware.process_request(article.replace(url="https://elsewhere.net/a.html"))
    with pytest.raises(Refused, match="not a public web page"):
        middleware.process_request(article.replace(url="http://127.0.0.1/admin"))


def test_offsite_middleware_refuses_an_index_redirect_to_another_host():
    spider = spider_for("feed", f"{SITE}/feed.xml")
    middleware = OffsiteMiddleware.from_crawler(spider.crawler)
    request = root(spider)
    assert middleware.process_request(request) is None  # not redirected: not checked
    moved = request.replace(url="https://cdn.other.net/feed.xml")
    moved.meta["redirect_urls"] = [request.url]
    with pytest.raises(Refused, match=r"redirected to another host \(cdn\.other\.net\)"):
        middleware.process_request(moved)
    same_host = request.replace(url=f"{SITE}/feed2.xml")
    same_host.meta["redirect_urls"] = [request.url]
    assert middleware.process_request(same_host) is None


def _retry_middleware() -> RetryAfterMiddleware:
    crawler = get_crawler(settings_dict={"RETRY_TIMES": 1, "RETRY_HTTP_CODES": [429, 503]})
    crawler.spider = crawler._create_spider("retry")
    return RetryAfterMiddleware.from_crawler(crawler)


@pytest.mark.parametrize(
    ("header", "retried"),
    [("0", True), (str(int(MAX_RETRY_AFTER) + 1), False), (None, True)],
)
def test_retry_after_waits_within_the_cap_and_fails_beyond_it(header: str | None, retried: bool):
    middleware = _retry_middleware()
    request = scrapy.Request(f"{SITE}/a.html")
    headers = {"Retry-After": header} if header is not None else {}
    response = Response(request.url, status=429, request=request, headers=headers)
    result = asyncio.run(middleware.process_response(request, response))
    if retried:  # a copy of the request, counted as a retry
        assert isinstance(result, scrapy.Request) and result.meta["retry_times"] == 1
    else:  # the response fails as HTTP 429; the next crawl fetches the page again
        assert result is response


def test_retry_after_gives_up_once_the_retries_are_spent():
    middleware = _retry_middleware()
    request = scrapy.Request(f"{SITE}/a.html", meta={"retry_times": 1})
    response = Response(request.url, status=503, request=request, headers={"Retry-After": "0"})
    assert asyncio.run(middleware.process_response(request, response)) is response
