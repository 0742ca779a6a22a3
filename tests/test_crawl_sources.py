"""Sources that never end or silently read nothing (issue 12): real crawls of a local site.

Every case asserts the crawl ledger's reason. What only a real crawl shows stays here: sitemap
redirects followed by Scrapy end at the first document read twice, a child sitemap answering 404
is a warning while its siblings' articles are stored, and a source whose every entry was skipped
is stored as ``warning``. The spiders' own decisions (cycles and depth of sitemap indexes,
truncated, malformed, too old, offsite, wrapped and link-less entries, empty feeds and listings)
are tested on hand-built responses in tests/test_spiders_unit.py.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crawler.db import Database
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


# --- nothing stored, said ---------------------------------------------------------------------


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


# --- configuration ---------------------------------------------------------------------------


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
