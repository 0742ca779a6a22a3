"""Sources that never end or silently read nothing (issue 12): real crawls of a local site.

Every case asserts the crawl ledger's reason: sitemap cycles end with each index fetched once,
broken or truncated entries are counted, offsite links are skipped with the allowed_domains
hint, and empty feeds or listings are warnings.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crawler.db import Database
from crawler.ledger import SKIP_BAD_URL, SKIP_NO_LINK, SKIP_OFFSITE, SKIP_TOO_OLD
from crawler.sitemaps import REJECT_BROKEN
from crawler.spiders.sitemap import MAX_SITEMAP_DEPTH
from crawler.storage.tables import Source
from sinowatch.cli import app
from tests.site import Resource, TestSite
from tests.sourcecrawl import crawl_sources
from tests.test_crawl import article_html, articles, feed_source, rss

pytestmark = pytest.mark.timeout(180)

XML = "application/xml"


def urlset(*locs: str, lastmod: datetime | None = None) -> bytes:
    when = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
    urls = "".join(f"<url><loc>{loc}</loc>{when}</url>" for loc in locs)
    return f'<?xml version="1.0"?><urlset>{urls}</urlset>'.encode()


def index(*locs: str) -> bytes:
    maps = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f'<?xml version="1.0"?><sitemapindex>{maps}</sitemapindex>'.encode()


def sitemap_source(url: str, **extra: Any) -> dict[str, Any]:
    return {"id": "maps", "name": "Maps", "kind": "sitemap", "url": url, **extra}


def serve_articles(site: TestSite, *names: str) -> list[str]:
    """Article pages at /NAME.html; their URLs."""
    for name in names:
        site[f"/{name}.html"] = Resource(article_html(f"Story {name}"))
    return [site.url(f"/{name}.html") for name in names]


def stored_urls(database: Database) -> set[str]:
    return {a.url for a in articles(database)}


# --- sitemaps that end -----------------------------------------------------------------------


def test_self_listing_index_is_read_once(database: Database):
    with TestSite() as site:
        site["/index.xml"] = Resource(
            index(site.url("/index.xml"), site.url("/a.xml")), content_type=XML
        )
        site["/a.xml"] = Resource(urlset(*serve_articles(site, "one", "two")), content_type=XML)
        result = crawl_sources(database, [sitemap_source(site.url("/index.xml"))])["maps"]
        assert len(site.requests_for("/index.xml")) == 1
    assert result.report.status == "baseline", result.report.error
    assert stored_urls(database) == {site.url("/one.html"), site.url("/two.html")}
    assert any("already read (cycle)" in w for w in result.warnings), result.warnings


def test_index_cycle_a_b_a_ends(database: Database):
    with TestSite() as site:
        site["/a.xml"] = Resource(index(site.url("/b.xml"), site.url("/c.xml")), content_type=XML)
        site["/b.xml"] = Resource(index(site.url("/a.xml"), site.url("/d.xml")), content_type=XML)
        site["/c.xml"] = Resource(urlset(*serve_articles(site, "c1")), content_type=XML)
        site["/d.xml"] = Resource(urlset(*serve_articles(site, "d1")), content_type=XML)
        result = crawl_sources(database, [sitemap_source(site.url("/a.xml"))])["maps"]
        fetched = {path: len(site.requests_for(path)) for path in ("/a.xml", "/b.xml")}
    assert fetched == {"/a.xml": 1, "/b.xml": 1}
    assert result.report.status == "baseline", result.report.error
    assert stored_urls(database) == {site.url("/c1.html"), site.url("/d1.html")}
    assert any("/a.xml, a sitemap already read" in w for w in result.warnings), result.warnings


def test_index_redirecting_to_itself_ends(database: Database):
    with TestSite() as site:
        site["/index.xml"] = Resource(
            index(site.url("/loop.xml"), site.url("/child.xml")), content_type=XML
        )
        site.redirect("/loop.xml", "/index.xml", status=301)
        site["/child.xml"] = Resource(urlset(*serve_articles(site, "c1", "c2")), content_type=XML)
        result = crawl_sources(database, [sitemap_source(site.url("/index.xml"))])["maps"]
        assert len(site.requests_for("/index.xml")) == 1
        assert len(site.requests_for("/loop.xml")) == 1
    assert result.report.status == "baseline", result.report.error
    assert stored_urls(database) == {site.url("/c1.html"), site.url("/c2.html")}
    assert any("a sitemap already read in this crawl" in w for w in result.warnings)


def test_root_sitemap_redirecting_to_itself_fails_once(database: Database):
    with TestSite() as site:
        site.redirect("/self.xml", "/self.xml", status=301)
        result = crawl_sources(database, [sitemap_source(site.url("/self.xml"))])["maps"]
        assert len(site.requests_for("/self.xml")) == 1
    assert result.report.status == "error"
    assert "already read in this crawl" in (result.report.error or "")


def test_sitemap_indexes_nest_at_most_three_levels(database: Database):
    with TestSite() as site:
        for level in range(MAX_SITEMAP_DEPTH + 1):  # /i0.xml → /i1.xml → … → /i4.xml
            site[f"/i{level}.xml"] = Resource(
                index(site.url(f"/i{level + 1}.xml"), site.url(f"/u{level}.xml")), content_type=XML
            )
            site[f"/u{level}.xml"] = Resource(
                urlset(*serve_articles(site, f"n{level}")), content_type=XML
            )
        result = crawl_sources(database, [sitemap_source(site.url("/i0.xml"))])["maps"]
        deepest = site.requests_for(f"/i{MAX_SITEMAP_DEPTH + 1}.xml")
    assert deepest == []
    assert len(stored_urls(database)) == MAX_SITEMAP_DEPTH  # u0 … u2 are read, u3 is too deep
    assert any(f"deeper than {MAX_SITEMAP_DEPTH} levels" in w for w in result.warnings)
    assert result.report.status == "baseline", result.report.error


def test_failing_child_sitemap_is_a_warning_and_siblings_are_stored(database: Database):
    with TestSite() as site:
        site["/index.xml"] = Resource(
            index(site.url("/gone.xml"), site.url("/ok.xml")), content_type=XML
        )
        site["/ok.xml"] = Resource(urlset(*serve_articles(site, "s1", "s2")), content_type=XML)
        result = crawl_sources(database, [sitemap_source(site.url("/index.xml"))])["maps"]
    assert result.report.status == "baseline", result.report.error
    assert stored_urls(database) == {site.url("/s1.html"), site.url("/s2.html")}
    assert f"{site.url('/gone.xml')}: child sitemap not read: HTTP 404" in result.warnings


def test_truncated_sitemap_rejects_the_cut_off_entry(database: Database):
    with TestSite() as site:
        good = serve_articles(site, "t1", "t2")
        serve_articles(site, "t3")
        body = urlset(*good, site.url("/t3.html"))
        cut = body[: body.index(b"/t3.html") + len("/t3")]  # ends inside the last <loc>
        site["/map.xml"] = Resource(cut, content_type=XML)
        result = crawl_sources(database, [sitemap_source(site.url("/map.xml"))])["maps"]
        assert site.requests_for("/t3.html") == [] and site.requests_for("/t3") == []
    assert stored_urls(database) == set(good)
    assert result.skipped == {REJECT_BROKEN: 1}
    assert result.ledger["entries"] == 3


def test_one_malformed_loc_next_to_good_ones(database: Database):
    with TestSite() as site:
        good = serve_articles(site, "m1", "m2")
        site["/map.xml"] = Resource(
            urlset(good[0], "http://[::1/broken", good[1]), content_type=XML
        )
        result = crawl_sources(database, [sitemap_source(site.url("/map.xml"))])["maps"]
    assert result.report.status == "baseline", result.report.error
    assert stored_urls(database) == set(good)
    assert result.skipped == {SKIP_BAD_URL: 1}


def test_one_malformed_href_in_a_listing(database: Database):
    with TestSite() as site:
        good = serve_articles(site, "l1", "l2")
        links = "".join(
            f'<a class="s" href="{href}">x</a>'
            for href in (good[0], "http://[::1/broken", "/l2.html")
        )
        site["/news"] = Resource(f"<html><body>{links}</body></html>".encode())
        source = {
            "id": "list",
            "name": "L",
            "kind": "listing",
            "url": site.url("/news"),
            "link_selector": "a.s",
        }
        result = crawl_sources(database, [source])["list"]
    assert result.report.status == "baseline", result.report.error
    assert stored_urls(database) == set(good)
    assert result.skipped == {SKIP_BAD_URL: 1}


def test_old_sitemap_entries_are_counted_as_too_old(database: Database):
    old = datetime.now(UTC) - timedelta(days=30)
    with TestSite() as site:
        site["/old.xml"] = Resource(
            urlset(*serve_articles(site, "o1", "o2"), lastmod=old), content_type=XML
        )
        result = crawl_sources(database, [sitemap_source(site.url("/old.xml"))])["maps"]
        assert site.requests_for("/o1.html") == []
    assert result.skipped == {SKIP_TOO_OLD: 2}
    assert result.ledger["entries"] == 2


# --- offsite, said and solved ----------------------------------------------------------------


def test_offsite_entries_are_skipped_with_the_allowed_domains_hint(database: Database):
    with TestSite() as site:
        [local] = serve_articles(site, "here")
        items = [
            {"title": "a", "link": "https://news.example.org/a.html"},
            {"title": "b", "link": "https://news.example.org/b.html"},
            {"title": "c", "link": "https://other.example.net/c.html"},
            {"title": "d", "link": local},
        ]
        site["/feed.xml"] = Resource(rss(items), content_type="application/rss+xml")
        result = crawl_sources(database, [feed_source("f", site.url("/feed.xml"))])["f"]
    assert stored_urls(database) == {local}
    assert result.skipped == {SKIP_OFFSITE: 3}
    assert (
        "3 entries link to other domains (news.example.org, other.example.net): "
        "add them to allowed_domains to follow them"
    ) in result.warnings


def test_a_source_that_stored_nothing_it_was_offered_is_never_ok(database: Database):
    """An aggregator feed whose every entry is on another domain: 'warning', not 'ok'."""
    with TestSite() as site:
        items = [{"title": n, "link": f"https://news.example.org/{n}.html"} for n in "ab"]
        site["/feed.xml"] = Resource(rss(items), content_type="application/rss+xml")
        first, second = (
            crawl_sources(database, [feed_source("f", site.url("/feed.xml"))])["f"]
            for _ in range(2)
        )
    for result in (first, second):
        assert result.report.status == "warning"
        assert "none of the 2 entries offered was stored (other domain ×2)" in result.warnings
    with database.session() as session:
        assert session.get(Source, "f").last_status == "warning"


def test_google_alerts_wrapper_is_unwrapped_and_followed(database: Database):
    with TestSite() as site:
        [target] = serve_articles(site, "wrapped")
        link = f"https://www.google.com/url?rct=j&sa=t&url={target}&ct=ga&cd=CAIyGg&usg=AOv"
        site["/alerts.xml"] = Resource(
            rss([{"title": "w", "link": link}]), content_type="application/rss+xml"
        )
        result = crawl_sources(database, [feed_source("g", site.url("/alerts.xml"))])["g"]
        assert len(site.requests_for("/wrapped.html")) == 1
    assert stored_urls(database) == {target}
    assert result.skipped == {}


# --- nothing to read -------------------------------------------------------------------------


def test_empty_and_bozo_feeds_and_an_empty_listing_are_warnings(database: Database):
    with TestSite() as site:
        [story] = serve_articles(site, "bozo1")
        site["/empty.xml"] = Resource(rss([]), content_type="application/rss+xml")
        bozo = rss([{"title": "x", "link": story}]).replace(b"</channel></rss>", b"<broken>")
        site["/bozo.xml"] = Resource(bozo, content_type="application/rss+xml")
        site["/news"] = Resource(b"<html><body><p>no links today</p></body></html>")
        sources = [
            feed_source("empty", site.url("/empty.xml")),
            feed_source("bozo", site.url("/bozo.xml")),
            {
                "id": "list",
                "name": "L",
                "kind": "listing",
                "url": site.url("/news"),
                "link_selector": "h2 a",
            },
        ]
        results = crawl_sources(database, sources)
    assert results["empty"].warnings == [f"{site.url('/empty.xml')}: the feed has no entries"]
    [bozo_warning] = results["bozo"].warnings
    assert bozo_warning.startswith(f"{site.url('/bozo.xml')}: malformed feed, entries read anyway")
    assert stored_urls(database) == {story}
    assert results["list"].warnings == [
        f"{site.url('/news')}: selector 'h2 a' matched no links on the page"
    ]


def test_feed_entries_without_a_web_link_are_counted_as_skipped(database: Database):
    with TestSite() as site:
        [story] = serve_articles(site, "linked")
        atom = (
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            f'<entry><title>linked</title><id>{story}</id><link href="{story}"/></entry>'
            "<entry><title>only an id</title><id>urn:uuid:1b4e28ba-2fa1-11d2-883f</id></entry>"
            "</feed>"
        ).encode()
        site["/atom.xml"] = Resource(atom, content_type="application/atom+xml")
        result = crawl_sources(database, [feed_source("f", site.url("/atom.xml"))])["f"]
    assert result.ledger["entries"] == 2
    assert result.skipped == {SKIP_NO_LINK: 1}
    assert stored_urls(database) == {story}


def test_invalid_selector_is_a_config_error_with_its_position(tmp_path: Path):
    config = tmp_path / "sinowatch.yaml"
    config.write_text(
        "sources:\n"
        "  - id: lst\n"
        "    name: Listing\n"
        "    kind: listing\n"
        "    url: https://example.org/news\n"
        '    link_selector: "a[href$=.html"\n'
    )
    result = CliRunner().invoke(app, ["--config", str(config), "check"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{config}:6:5: sources[0].link_selector: invalid CSS selector 'a[href$=.html'"
    ), result.stderr


def test_watchlist_without_topics_or_experts_is_a_check_warning(tmp_path: Path):
    config = tmp_path / "sinowatch.yaml"
    config.write_text(
        "sources:\n"
        "  - {id: f, name: F, kind: feed, url: https://example.org/feed.xml}\n"
        "watchlists:\n"
        "  - {name: empty, channels: [c]}\n"
        "channels:\n"
        "  c: {type: console}\n"
    )
    result = CliRunner().invoke(app, ["--config", str(config), "check"])
    assert result.exit_code == 0, result.output
    assert (
        "warning: watchlist 'empty' has no topics and no experts: it can never alert"
        in result.stdout
    )
