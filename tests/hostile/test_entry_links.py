"""Hostile entry links and answers (issue 13, spider side): real crawls of a local site.

Entry links must be public web pages on the source's own sites (ports count), redirects may not
leave them, robots.txt that cannot be read disallows the host (RFC 9309), and oversized or
compressed-bomb answers fail with a clear reason. Each case asserts the recorded reason.
"""

from __future__ import annotations

import gzip
import threading
import time
from pathlib import Path

import pytest

from crawler.db import Database
from crawler.ledger import SKIP_NOT_WEB, SKIP_OFFSITE
from tests.site import Resource, TestSite
from tests.sourcecrawl import crawl_sources
from tests.test_crawl import article_html, articles, feed_source, rss

pytestmark = pytest.mark.timeout(180)

RSS = "application/rss+xml"


def one_story_feed(site: TestSite, link: str | None = None) -> None:
    site["/story.html"] = Resource(article_html("Story"))
    site["/feed.xml"] = Resource(
        rss([{"title": "s", "link": link or site.url("/story.html")}]), content_type=RSS
    )


def test_robots_txt_503_disallows_the_host_until_it_answers(database: Database):
    with TestSite() as site:
        one_story_feed(site)
        site["/robots.txt"] = Resource(b"down", status=503, content_type="text/plain")
        source = feed_source("f", site.url("/feed.xml"))
        first = crawl_sources(database, [source])["f"]
        assert [r.path for r in site.requests] == ["/robots.txt"]  # nothing else fetched
        assert first.report.status == "error"
        assert first.report.error == f"{site.url('/feed.xml')}: robots.txt unavailable (HTTP 503)"
        assert articles(database) == []

        site["/robots.txt"] = Resource(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        second = crawl_sources(database, [source])["f"]
    assert second.report.status == "baseline", second.report.error
    assert [a.url for a in articles(database)] == [site.url("/story.html")]


def test_robots_txt_404_allows_everything(database: Database):
    with TestSite() as site:
        one_story_feed(site)
        result = crawl_sources(database, [feed_source("f", site.url("/feed.xml"))])["f"]
    assert result.report.status == "baseline", result.report.error
    assert len(articles(database)) == 1


def test_non_web_private_and_metadata_links_are_skipped(database: Database):
    with TestSite() as site:
        one_story_feed(site)
        items = [
            {"title": "meta", "link": "http://169.254.169.254/latest/meta-data/"},
            {"title": "v6", "link": "http://[fe80::1]/x"},
            {"title": "gce", "link": "http://metadata.google.internal/computeMetadata/v1/"},
            {"title": "ok", "link": site.url("/story.html")},
        ]
        atom_file = (
            b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<entry><title>f</title><id>x</id><link href="file:///etc/passwd"/></entry></feed>'
        )
        site["/feed.xml"] = Resource(rss(items), content_type=RSS)
        site["/listing"] = Resource(
            b'<html><body><a class="s" href="file:///etc/passwd">f</a>'
            b'<a class="s" href="javascript:alert(1)">j</a></body></html>'
        )
        site["/atom.xml"] = Resource(atom_file, content_type="application/atom+xml")
        sources = [
            feed_source("f", site.url("/feed.xml")),
            {
                "id": "l",
                "name": "L",
                "kind": "listing",
                "url": site.url("/listing"),
                "link_selector": "a.s",
            },
        ]
        results = crawl_sources(database, sources)
    assert results["f"].skipped == {SKIP_NOT_WEB: 3}
    assert results["l"].skipped == {SKIP_NOT_WEB: 2}
    assert [a.url for a in articles(database)] == [site.url("/story.html")]


def test_same_host_other_port_is_offsite_unless_allowed(database: Database):
    with TestSite() as site, TestSite() as other:
        other["/secret.html"] = Resource(article_html("Other port"))
        one_story_feed(site, link=other.url("/secret.html"))
        plain = crawl_sources(database, [feed_source("f", site.url("/feed.xml"))])["f"]
        assert other.requests == []
        assert plain.skipped == {SKIP_OFFSITE: 1}
        assert f"(127.0.0.1:{other.port})" in plain.warnings[0]

        allowed = [f"127.0.0.1:{site.port}", f"127.0.0.1:{other.port}"]
        source = feed_source("g", site.url("/feed.xml"), allowed_domains=allowed)
        followed = crawl_sources(database, [source])["g"]
    assert followed.skipped == {}
    assert [a.url for a in articles(database)] == [other.url("/secret.html")]


def test_feed_redirecting_to_another_host_is_not_followed(database: Database):
    with TestSite() as site:
        one_story_feed(site)
        site.redirect("/moved.xml", f"http://localhost:{site.port}/feed.xml", status=301)
        result = crawl_sources(database, [feed_source("f", site.url("/moved.xml"))])["f"]
        assert site.requests_for("/feed.xml") == []
    assert result.report.status == "error"
    assert result.report.error == (
        f"{site.url('/moved.xml')}: redirected to another host (localhost:{site.port}): "
        "not followed"
    )


def test_article_redirecting_to_another_domain_fails_with_its_reason(database: Database):
    with TestSite() as site:
        one_story_feed(site, link=site.url("/jump.html"))
        site.redirect("/jump.html", f"http://localhost:{site.port}/story.html")
        result = crawl_sources(database, [feed_source("f", site.url("/feed.xml"))])["f"]
        assert site.requests_for("/story.html") == []
    assert result.page_error_reasons() == [
        f"redirected to another domain (localhost:{site.port}): add it to allowed_domains"
    ]


def test_429_is_a_failed_entry_and_a_failed_index(database: Database):
    with TestSite() as site:
        one_story_feed(site)
        site["/story.html"] = Resource(b"slow down", status=429, headers={"Retry-After": "120"})
        site["/busy.xml"] = Resource(b"slow down", status=429, headers={"Retry-After": "60"})
        results = crawl_sources(
            database,
            [feed_source("f", site.url("/feed.xml")), feed_source("b", site.url("/busy.xml"))],
        )
    assert results["f"].ledger["failed"] == {"HTTP 429": 1}
    [detail] = results["f"].page_error_reasons()
    assert detail.startswith("HTTP 429 (attempt 1 of"), detail  # the next crawl retries it
    assert results["b"].report.error == f"{site.url('/busy.xml')}: HTTP 429"


def test_short_retry_after_is_waited_for_and_a_long_one_is_left_to_the_next_crawl(
    database: Database,
):
    with TestSite() as site:
        one_story_feed(site)
        story = site["/story.html"]
        site["/story.html"] = Resource(b"slow down", status=429, headers={"Retry-After": "1"})
        site["/later.html"] = Resource(b"slow down", status=429, headers={"Retry-After": "600"})
        items = [{"title": name, "link": site.url(f"/{name}.html")} for name in ("story", "later")]
        site["/feed.xml"] = Resource(rss(items), content_type=RSS)

        def recover() -> None:  # the rate limit lifts once the first request was refused
            deadline = time.monotonic() + 30
            while not site.requests_for("/story.html") and time.monotonic() < deadline:
                time.sleep(0.01)
            site["/story.html"] = story

        threading.Thread(target=recover, daemon=True).start()
        started = time.monotonic()
        result = crawl_sources(database, [feed_source("f", site.url("/feed.xml"))], retries=1)["f"]
        elapsed = time.monotonic() - started
        story_requests = len(site.requests_for("/story.html"))
        later_requests = len(site.requests_for("/later.html"))
    assert (story_requests, later_requests) == (2, 1)  # waited 1 s and retried; 600 s: not now
    assert result.ledger["failed"] == {"HTTP 429": 1}  # /later.html, left to a later crawl
    [detail] = result.page_error_reasons()
    assert detail.startswith("HTTP 429 (attempt 1 of"), detail
    stored = {a.url: a.partial for a in articles(database)}
    assert stored == {site.url("/story.html"): False}
    assert elapsed < 60


def test_oversized_chunked_page_fails_with_a_clear_reason(database: Database):
    with TestSite() as site:
        one_story_feed(site)
        site["/story.html"] = Resource(size=20_000_000, chunked=True)
        result = crawl_sources(
            database, [feed_source("f", site.url("/feed.xml"))], max_page_bytes=1_000_000
        )["f"]
    [reason] = result.page_error_reasons()
    assert reason.startswith("page too large: over max_page_bytes"), reason


@pytest.mark.parametrize("path", ["/story.html", "/feed.xml", "/map.xml"])
def test_gzip_bombs_are_bounded(database: Database, path: str):
    bomb = b"<html><body>" + b" " * 30_000_000 + b"</body></html>"
    with TestSite() as site:
        one_story_feed(site)
        site["/map.xml"] = Resource(
            f"<urlset><url><loc>{site.url('/story.html')}</loc></url></urlset>".encode(),
            content_type="application/xml",
        )
        site[path] = Resource(bomb, gzip=True, content_type=site[path].content_type)
        assert len(gzip.compress(bomb)) < 100_000
        kind = "sitemap" if path == "/map.xml" else "feed"
        url = site.url("/map.xml" if kind == "sitemap" else "/feed.xml")
        source = {"id": "f", "name": "F", "kind": kind, "url": url}
        limits = {"max_page_bytes": 1_000_000, "max_index_bytes": 1_000_000}
        result = crawl_sources(database, [source], **limits)["f"]
    reasons = result.page_error_reasons() if path == "/story.html" else [result.report.error]
    said = (
        "page too large: over max_page_bytes"
        if path == "/story.html"
        else (
            "feed or sitemap too large: over max_index_bytes"  # feeds and sitemaps: their own limit
        )
    )
    assert len(reasons) == 1 and said in (reasons[0] or "")


@pytest.mark.parametrize("encoding", ["deflate", "br"])
def test_deflate_and_brotli_bombs_are_bounded(database: Database, encoding: str):
    bomb = b"<html><body>" + b" " * 30_000_000 + b"</body></html>"
    with TestSite() as site:
        one_story_feed(site)
        site["/story.html"] = Resource(bomb, encoding=encoding)
        result = crawl_sources(
            database, [feed_source("f", site.url("/feed.xml"))], max_page_bytes=1_000_000
        )["f"]
        [request] = site.requests_for("/story.html")
    assert encoding in request.headers.get("Accept-Encoding", "")
    [detail] = result.page_error_reasons()
    assert detail.startswith("page too large: over max_page_bytes (1000000 bytes, decompressed)")


@pytest.mark.e2e
def test_a_crawl_leaves_nothing_in_the_users_state_directory(database: Database, tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    with TestSite() as site:
        one_story_feed(site)
        result = crawl_sources(database, [feed_source("f", site.url("/feed.xml"))], env=env)
    assert result["f"].report.status == "baseline"
    assert list(home.rglob("*")) == []
