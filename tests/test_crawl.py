"""Real Scrapy crawls against tests/site.py on 127.0.0.1, plus the crawl-state storage.

The crawls run in this process on the session's reactor (tests/reactor.py) through
``CrawlRunner.crawl`` — the service's code path; the site runs here too, in a thread, and tests
change it between crawls. ``sinowatch crawl`` runs in this process too (``tests.reactor.sinowatch``)
except in the tests marked ``e2e``: its own output and exit status as a real process, and the
corpus crawl with extraction worker processes.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import lxml.html
import pytest
from sqlalchemy import select

from alerts.storage.tables import Alert
from crawler import crawlstate
from crawler.config import SourceSettings
from crawler.db import Database
from crawler.extract import token_f1
from crawler.records import SourceReport
from crawler.storage.tables import Article, CrawlRun, Source
from tests.corpus_truth import titles_agree
from tests.reactor import FAST, crawl_rounds, sinowatch
from tests.site import Resource, TestSite
from tests.sourcecrawl import crawl_in_a_child

pytestmark = pytest.mark.timeout(180)


def crawl(
    database: Database, sources: list[dict[str, Any]], rounds: int = 1, **crawler: Any
) -> list[list[SourceReport]]:
    """Crawl ``sources`` ``rounds`` times (one runner, one loop); the reports of each round."""
    reports = crawl_rounds(database, sources, rounds, **crawler)
    for round_ in reports:
        for report in round_:
            assert_ledger_balances(report)
    return reports


def assert_ledger_balances(report: SourceReport) -> None:
    """The crawl ledger's invariant: every entry offered has exactly one outcome."""
    outcomes = (
        report.new_articles
        + report.revised
        + report.known
        + report.skipped_count
        + report.failed_count
    )
    assert report.entries == outcomes, report
    assert not any("does not add up" in warning for warning in report.warnings), report


def rss(items: list[dict[str, str]], *, encoding: str = "utf-8", title: str = "Test feed") -> bytes:
    parts = [f'<?xml version="1.0" encoding="{encoding}"?>', '<rss version="2.0"><channel>']
    parts.append(f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>")
    for item in items:
        parts.append("<item>")
        parts += [f"<{k}>{escape(v)}</{k}>" for k, v in item.items()]
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode(encoding)


def article_html(title: str, paragraphs: int = 6) -> bytes:
    body = "".join(
        f"<p>{title}: paragraph {i} reports how officials in Beijing and Washington "
        f"discussed tariffs, export controls and the next round of talks in detail.</p>"
        for i in range(paragraphs)
    )
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{body}</article></body></html>"
    ).encode()


def feed_source(source_id: str, url: str, **extra: Any) -> dict[str, Any]:
    return {"id": source_id, "name": source_id.title(), "kind": "feed", "url": url, **extra}


def articles(database: Database, **where: Any) -> list[Article]:
    with database.session() as session:
        query = select(Article).filter_by(**where).order_by(Article.id)
        return list(session.scalars(query))


def source_row(database: Database, source_id: str) -> Source:
    with database.session() as session:
        row = session.get(Source, source_id)
        assert row is not None
        return row


def last_run(database: Database, source_id: str) -> CrawlRun:
    with database.session() as session:
        query = select(CrawlRun).filter_by(source_id=source_id).order_by(CrawlRun.id.desc())
        run = session.scalars(query).first()
        assert run is not None
        return run


def by_id(reports: list[SourceReport]) -> dict[str, SourceReport]:
    return {r.source_id: r for r in reports}


# --- real pages from the shared corpus ------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.e2e
def test_corpus_feed_crawl_matches_ground_truth(database: Database, corpus_dir: Path):
    truths = []
    for sidecar in sorted((corpus_dir / "articles").glob("*/*.json")):
        truth = json.loads(sidecar.read_text())
        if truth.get("body_text") and truth["id"].split("-")[0] in ("aeb", "fundus", "np4k"):
            truths.append((truth, (sidecar.parent / truth["html_file"]).read_bytes()))
    assert len(truths) >= 20
    with TestSite() as site:
        items = []
        for truth, html in truths:
            path = f"/articles/{truth['id']}.html"
            site[path] = Resource(html)
            items.append({"title": truth.get("title") or truth["id"], "link": site.url(path)})
        site["/feed.xml"] = Resource(rss(items), content_type="application/rss+xml")
        source = feed_source("corpus", site.url("/feed.xml"), relevance="auto")
        # a real process: two spawned extraction workers and their pages, kept off this one
        [report] = crawl_in_a_child(database, [source], extract_workers=2, max_articles_per_run=500)
        assert_ledger_balances(report)

    # Pages whose article text is only in a script payload (a client-rendered Next.js page)
    # have no text to extract: each is a failed entry with the reason, kept partial.
    script_only = {truth["id"] for truth, html in truths if text_only_in_scripts(truth, html)}
    assert report.status == "baseline", report.error
    assert report.entries == len(truths)
    failed_pages = last_run(database, "corpus").details.get("failed_pages", [])
    assert report.failed == ({"extraction error": len(script_only)} if script_only else {}), (
        failed_pages
    )
    assert {page["url"].rsplit("/", 1)[1].removesuffix(".html") for page in failed_pages} == (
        script_only
    )
    assert all("no article text found" in page["detail"] for page in failed_pages)
    assert report.new_articles == len(truths) - len(script_only)
    assert report.errors == len(script_only)
    stored = {a.url: a for a in articles(database)}
    assert len(stored) == len(truths)
    scores, titles = [], []
    for truth, _ in truths:
        article = stored[site.url(f"/articles/{truth['id']}.html")]
        if truth["id"] in script_only:
            assert article.partial and article.baseline
            continue
        assert article.baseline, "the first crawl of a source is its baseline"
        assert not article.partial
        scores.append(token_f1(article.text or "", truth["body_text"]))
        if truth.get("title"):
            titles.append(titles_agree(article.title, truth["title"]))
    assert statistics.median(scores) >= 0.95, scores
    assert sum(s >= 0.85 for s in scores) >= 0.9 * len(scores), scores
    assert sum(titles) >= 0.8 * len(titles)
    assert source_row(database, "corpus").baseline_done


def text_only_in_scripts(truth: dict[str, Any], html: bytes) -> bool:
    """Whether none of a page's article paragraphs appears in its markup outside ``<script>``
    (compared without whitespace, so CJK text compares too)."""
    document = lxml.html.fromstring(html.decode("utf-8", "replace"))
    for script in document.xpath("//script|//style"):
        script.drop_tree()
    markup = "".join(document.text_content().split())
    paragraphs = ["".join(p.split()) for p in truth["body_text"].split("\n")]
    return not any(p[:20] in markup for p in paragraphs if len(p) >= 40)


# --- conditional GET, known URLs, several crawls in one process -----------------------------


def test_second_crawl_sends_validators_gets_304_and_stores_nothing(database: Database):
    with TestSite() as site:
        site["/a/1.html"] = Resource(article_html("Trade talks resume"))
        site["/a/2.html"] = Resource(article_html("Chip export rules"))
        items = [{"title": f"t{i}", "link": site.url(f"/a/{i}.html")} for i in (1, 2)]
        site["/feed.xml"] = Resource(
            rss(items),
            content_type="application/rss+xml",
            etag='"v1"',
            last_modified="Tue, 04 Nov 2025 08:00:00 GMT",
        )
        first, second = crawl(database, [feed_source("news", site.url("/feed.xml"))], rounds=2)
        feed_requests = site.requests_for("/feed.xml")

    assert first[0].status == "baseline" and first[0].new_articles == 2
    assert second[0].status == "not_modified"
    assert second[0].not_modified == 1
    assert second[0].new_articles == 0
    assert len(feed_requests) == 2
    assert "If-None-Match" not in feed_requests[0].headers
    assert feed_requests[1].headers["If-None-Match"] == '"v1"'
    assert feed_requests[1].headers["If-Modified-Since"] == "Tue, 04 Nov 2025 08:00:00 GMT"
    assert len(articles(database)) == 2
    assert source_row(database, "news").last_status == "not_modified"
    assert last_run(database, "news").not_modified == 1


def test_known_articles_are_not_fetched_again_and_later_crawls_are_not_baseline(
    database: Database,
):
    with TestSite() as site:
        site["/a/1.html"] = Resource(article_html("Trade talks resume"))
        site["/a/2.html"] = Resource(article_html("Chip export rules"))
        one = [{"title": "t1", "link": site.url("/a/1.html")}]
        site["/feed.xml"] = Resource(rss(one), etag='"v1"')
        crawl(database, [feed_source("news", site.url("/feed.xml"))])
        # The feed changes: the old entry (linked with a tracking parameter) plus a new one.
        two = [
            {"title": "t1", "link": site.url("/a/1.html?utm_source=rss")},
            {"title": "t2", "link": site.url("/a/2.html")},
        ]
        site["/feed.xml"] = Resource(rss(two), etag='"v2"')
        [[report]] = crawl(database, [feed_source("news", site.url("/feed.xml"))])
        fetched = [r.path for r in site.requests if r.path.startswith("/a/")]

    assert report.status == "ok"
    assert report.known == 1
    assert report.new_articles == 1
    assert fetched == ["/a/1.html", "/a/2.html"]
    baseline = {a.url.rsplit("/", 1)[1]: a.baseline for a in articles(database)}
    assert baseline == {"1.html": True, "2.html": False}


# --- failures: each recorded with its reason, the crawl goes on -------------------------------

ENCODED = {
    "gb2312": "中美贸易谈判在北京举行",
    "windows-1251": "Переговоры Китая и США",
    "iso-8859-1": "Négociations entre la Chine et les États-Unis",
}


def test_failures_are_recorded_and_other_sources_still_run(database: Database, corpus_dir: Path):
    malformed = corpus_dir / "feeds" / "malformed"
    with TestSite() as site:
        site["/robots.txt"] = Resource(
            b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        )
        site["/a/ok.html"] = Resource(article_html("Trade talks resume"))
        site["/a/huge.html"] = Resource(size=50 * 1024 * 1024)
        site["/a/slow.html"] = Resource(article_html("Slow"), delay=4)
        site["/private/a.html"] = Resource(article_html("Secret"))
        mixed = [
            {"title": "ok", "link": site.url("/a/ok.html")},
            {"title": "Missing page", "link": site.url("/a/missing.html"), "description": "s"},
            {"title": "huge", "link": site.url("/a/huge.html")},
            {"title": "slow", "link": site.url("/a/slow.html")},
            {"title": "private", "link": site.url("/private/a.html")},
        ]
        site["/mixed.xml"] = Resource(rss(mixed), content_type="application/rss+xml")
        site["/500.xml"] = Resource(b"oops", status=500)
        site["/slow.xml"] = Resource(rss(mixed[:1]), delay=4)
        site.redirect("/loop/a", "/loop/b")
        site.redirect("/loop/b", "/loop/a")
        site["/page.xml"] = Resource(article_html("A web page"))
        site["/private/feed.xml"] = Resource(rss(mixed[:1]))
        site["/a/gz.html"] = Resource(article_html("Compressed"), gzip=True)
        gz_items = [{"title": "gz", "link": site.url("/a/gz.html")}]
        site["/gzip.xml"] = Resource(rss(gz_items), content_type="application/rss+xml", gzip=True)
        site["/rawgz.xml"] = Resource(
            (malformed / "gzip_bytes_not_decoded.xml.gz").read_bytes(),
            content_type="application/rss+xml",
        )
        site["/sax.xml"] = Resource(
            (malformed / "nodefp_saxerror.xml").read_bytes(), content_type="text/xml"
        )
        for encoding, title in ENCODED.items():
            items = [{"title": title, "link": site.url(f"/enc/{encoding}"), "description": title}]
            site[f"/{encoding}.xml"] = Resource(
                rss(items, encoding=encoding), content_type="text/xml"
            )
        sources = [
            feed_source("mixed", site.url("/mixed.xml")),
            feed_source("e500", site.url("/500.xml")),
            feed_source("timeout", site.url("/slow.xml")),
            feed_source("loop", site.url("/loop/a")),
            feed_source("html", site.url("/page.xml")),
            feed_source("robots", site.url("/private/feed.xml")),
            feed_source("gzip", site.url("/gzip.xml")),
            feed_source("rawgz", site.url("/rawgz.xml")),
            feed_source("sax", site.url("/sax.xml"), fetch_articles=False),
            *(
                feed_source(encoding.replace("-", ""), site.url(f"/{encoding}.xml"))
                | {"fetch_articles": False}
                for encoding in ENCODED
            ),
        ]
        [reports] = crawl(database, sources, download_timeout="2s", max_page_bytes=10_000_000)
        gzip_requests = site.requests_for("/gzip.xml")

    reports_by_id = by_id(reports)
    assert len(reports) == len(sources)
    expected_errors = {
        "e500": "HTTP 500",
        "timeout": "timed out",
        "loop": "redirect loop",
        "html": "HTML page",
        "robots": "robots.txt",
        "rawgz": "gzip",
    }
    for source_id, reason in expected_errors.items():
        report = reports_by_id[source_id]
        assert report.status == "error", (source_id, report)
        assert reason in (report.error or ""), (source_id, report.error)
        row = source_row(database, source_id)
        assert row.last_status == "error" and reason in (row.last_error or "")
        assert row.consecutive_errors == 1
        assert not row.baseline_done

    mixed_report = reports_by_id["mixed"]
    assert mixed_report.status == "baseline"
    # five entries, each with one outcome: stored, skipped (robots.txt) or failed with a reason
    assert (mixed_report.entries, mixed_report.new_articles) == (5, 1)
    assert mixed_report.skipped == {"robots.txt": 1}
    assert mixed_report.failed == {"HTTP 404": 1, "page too large": 1, "timeout": 1}
    assert mixed_report.errors == 3
    details = last_run(database, "mixed").details
    assert details["ledger"] == {
        "entries": 5,
        "new": 1,
        "updated": 0,
        "known": 0,
        "skipped": {"robots.txt": 1},
        "failed": {"HTTP 404": 1, "page too large": 1, "timeout": 1},
        "warnings": [],
    }
    pages = {e["url"].rsplit("/", 1)[1]: e for e in details["failed_pages"]}
    assert pages["missing.html"]["reason"] == "HTTP 404"
    assert "too large" in pages["huge.html"]["detail"]
    assert "timed out" in pages["slow.html"]["detail"]
    assert "retried later" in pages["missing.html"]["detail"]
    # failed pages are not stored yet: they are retried by the next crawls (see the retry test)
    assert not [a for a in articles(database) if a.url.endswith("/missing.html")]
    with database.session() as session:
        pending = crawlstate.pending_retries(session, "mixed", now=datetime.now(UTC))
    assert {url.rsplit("/", 1)[1] for url in pending} == {"missing.html", "huge.html", "slow.html"}
    assert all(retry.baseline and retry.attempts == 1 for retry in pending.values())
    assert pending[site.url("/a/missing.html")].entry["title"] == "Missing page"
    ok = next(a for a in articles(database) if a.url.endswith("/ok.html"))
    assert not ok.partial and "Beijing" in (ok.text or "")

    assert reports_by_id["gzip"].status == "baseline" and reports_by_id["gzip"].new_articles == 1
    assert "gzip" in gzip_requests[0].headers.get("Accept-Encoding", "")
    gz = next(a for a in articles(database) if a.url.endswith("/gz.html"))
    assert not gz.partial and "Compressed" in (gz.title or "")
    sax = reports_by_id["sax"]
    assert sax.status == "baseline" and sax.new_articles >= 2
    [sax_warning] = last_run(database, "sax").details["ledger"]["warnings"]
    assert sax_warning.startswith(site.url("/sax.xml")) and "not well-formed" in sax_warning
    for encoding, title in ENCODED.items():
        assert reports_by_id[encoding.replace("-", "")].status == "baseline"
        [stored] = articles(database, source_id=encoding.replace("-", ""))
        assert stored.title == title
        assert stored.partial


# --- sitemap and listing spiders --------------------------------------------------------------


def news_sitemap(entries: list[tuple[str, datetime, str]]) -> bytes:
    urls = "".join(
        f"<url><loc>{escape(loc)}</loc><n:news><n:publication><n:name>Test Daily</n:name>"
        f"<n:language>en</n:language></n:publication>"
        f"<n:publication_date>{published.isoformat()}</n:publication_date>"
        f"<n:title>{escape(title)}</n:title></n:news></url>"
        for loc, published, title in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


def test_sitemap_index_to_news_sitemap_and_listing_selectors(database: Database):
    now = datetime.now(UTC)
    with TestSite() as site:
        for name in ("new1", "new2", "old", "s1", "s2", "x1", "nav"):
            site[f"/a/{name}.html"] = Resource(article_html(f"Story {name}"))
        site["/news.xml"] = Resource(
            news_sitemap(
                [
                    (site.url("/a/new1.html"), now - timedelta(hours=1), "New one"),
                    (site.url("/a/new2.html"), now - timedelta(hours=30), "New two"),
                    (site.url("/a/old.html"), now - timedelta(days=10), "Old"),
                ]
            ),
            content_type="application/xml",
        )
        site["/index.xml"] = Resource(
            (
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{site.url('/news.xml')}</loc></sitemap></sitemapindex>"
            ).encode(),
            content_type="application/xml",
        )
        site["/section"] = Resource(
            b'<html><body><nav><a href="/a/nav.html">Home</a></nav>'
            b'<h2><a class="story" href="/a/s1.html">One</a></h2>'
            b'<h2><a class="story" href="a/s2.html">Two</a></h2>'
            b'<div class="more"><a href="/a/x1.html">x</a></div></body></html>'
        )
        sources = [
            {
                "id": "map",
                "name": "Map",
                "kind": "sitemap",
                "url": site.url("/index.xml"),
                "max_age": "2d",
            },
            {
                "id": "css",
                "name": "Css",
                "kind": "listing",
                "url": site.url("/section"),
                "link_selector": "a.story",
            },
            {
                "id": "xp",
                "name": "Xp",
                "kind": "listing",
                "url": site.url("/section"),
                "link_selector": "xpath://div[@class='more']/a/@href",
            },
        ]
        [reports] = crawl(database, sources)
        fetched = sorted(r.path for r in site.requests if r.path.startswith("/a/"))

    reports_by_id = by_id(reports)
    assert all(r.status == "baseline" for r in reports), reports
    assert reports_by_id["map"].new_articles == 2
    assert reports_by_id["map"].entries == 3
    assert last_run(database, "map").details["ledger"]["skipped"] == {"too old": 1}
    titles = {a.url.rsplit("/", 1)[1]: a for a in articles(database, source_id="map")}
    assert set(titles) == {"new1.html", "new2.html"}
    assert titles["new1.html"].outlet == "Test Daily"
    assert reports_by_id["css"].new_articles == 2
    assert reports_by_id["xp"].new_articles == 1
    assert fetched == ["/a/new1.html", "/a/new2.html", "/a/s1.html", "/a/s2.html", "/a/x1.html"]


# --- crawl-state storage ----------------------------------------------------------------------


def test_crawlstate_records_health_validators_and_last_crawl(database: Database):
    sources = [SourceSettings(id="s", name="S", kind="feed", url="http://127.0.0.1/f")]
    with database.transaction() as session:
        crawlstate.sync_sources(session, sources)
        assert crawlstate.get_validators(session, "s", "http://127.0.0.1/f") is None
        crawlstate.save_validators(
            session, "s", "http://127.0.0.1/f", crawlstate.Validators(etag='"x"')
        )
        for _ in range(2):
            run_id = crawlstate.start_run(session, "s")
            crawlstate.finish_run(
                session, run_id, SourceReport("s", status="error", error="HTTP 500")
            )
    with database.transaction() as session:
        row = session.get(Source, "s")
        assert row is not None
        assert (row.consecutive_errors, row.last_error, row.baseline_done) == (2, "HTTP 500", False)
        assert crawlstate.get_validators(session, "s", "http://127.0.0.1/f") == (
            crawlstate.Validators(etag='"x"')
        )
        run_id = crawlstate.start_run(session, "s")
        crawlstate.finish_run(session, run_id, SourceReport("s", status="ok", new_articles=3))
    with database.transaction() as session:
        row = session.get(Source, "s")
        assert row is not None
        assert (row.consecutive_errors, row.last_error, row.baseline_done) == (0, None, True)
        assert row.last_success_at is not None
        times = crawlstate.last_crawl_times(session)
        assert set(times) == {"s"} and times["s"] == row.last_run_at
        assert crawlstate.baseline_done(session, "s")
        with pytest.raises(LookupError):
            crawlstate.finish_run(session, 999_999, SourceReport("s"))


# --- the `sinowatch crawl` command --------------------------------------------------------------


def write_config(tmp_path: Path, sources: list[dict[str, Any]]) -> Path:
    config = {
        "database": {"url": f"sqlite:///{tmp_path / 'cli.db'}"},
        "crawler": FAST,
        "sources": sources,
    }
    path = tmp_path / "sinowatch.yaml"
    path.write_text(json.dumps(config))  # JSON is YAML
    return path


def test_crawl_command_unknown_source_names_the_known_ones(tmp_path: Path):
    config = write_config(tmp_path, [feed_source("alpha", "http://127.0.0.1:9/feed.xml")])
    done = sinowatch("-c", str(config), "crawl", "nope")
    assert done.returncode == 2
    assert "unknown source nope" in done.stderr and "alpha" in done.stderr


def table_rows(stdout: str, *source_ids: str) -> dict[str, list[str]]:
    """The cells of the crawl table's rows of ``source_ids`` (cells split on whitespace)."""
    cells = [line.split() for line in stdout.splitlines()]
    return {row[0]: row for row in cells if row and row[0] in source_ids}


@pytest.mark.e2e
def test_crawl_command_prints_a_table_and_fails_when_a_source_fails(tmp_path: Path):
    with TestSite() as site, socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # a port nobody listens on: connection refused
        site["/a/1.html"] = Resource(article_html("Trade talks resume"))
        site["/feed.xml"] = Resource(rss([{"title": "t", "link": site.url("/a/1.html")}]))
        sources = [
            feed_source("good", site.url("/feed.xml")),
            feed_source("bad", site.url("/missing.xml")),
            feed_source("down", f"http://127.0.0.1:{closed.getsockname()[1]}/feed.xml"),
        ]
        config = write_config(tmp_path, sources)
        run = [sys.executable, "-m", "sinowatch", "-c", str(config), "crawl"]
        narrow = {**os.environ, "COLUMNS": "80"}
        done = subprocess.run(run, capture_output=True, text=True, timeout=120, env=narrow)
        # the table of a second crawl shows nothing a process adds: in this process
        only_good = sinowatch("-c", str(config), "crawl", "good", env={"COLUMNS": "80"})

    assert done.returncode == 1, done.stderr[-3000:]
    rows = table_rows(done.stdout, "good", "bad", "down")
    assert rows["good"][1] == "baseline" and rows["bad"][1] == rows["down"][1] == "error"
    assert all(len(line) <= 80 for line in done.stdout.splitlines()), done.stdout
    assert "re…" not in done.stdout and "err\n" not in done.stdout  # headers not truncated
    assert f"bad: {site.url('/missing.xml')}: HTTP 404" in done.stdout  # reasons under it
    assert "first crawl of good: articles stored silently" in done.stdout
    assert "first crawl of bad" not in done.stdout
    # stderr: one plain line per source, the libraries' tracebacks only with -vv.
    assert "Traceback" not in done.stderr and "Gave up retrying" not in done.stderr
    assert "crawl.py:" not in done.stderr
    # + robots.txt; a warning (the feed is served as text/html) makes the line a WARNING
    assert "WARNING crawl good: baseline, 3 requests" in done.stderr, done.stderr
    assert "1 entry offered: 1 new, 0 updated, 0 known, 0 skipped, 0 failed" in done.stderr
    assert "warnings: " in done.stderr and "not an XML media type" in done.stderr
    assert "good: warning: " in done.stdout  # under the table too
    assert "1 error in" in done.stderr and "1 errors" not in done.stderr
    assert "WARNING crawl down: error" in done.stderr
    assert only_good.returncode == 0, only_good.stderr[-3000:]
    assert table_rows(only_good.stdout, "good")["good"][1] == "ok"
    assert "not_modified" not in only_good.stdout  # the site sent no validators
    assert "first crawl" not in only_good.stdout
    assert "bad" not in table_rows(only_good.stdout, "bad")


@pytest.mark.e2e
def test_crawl_command_shows_library_tracebacks_only_with_debug_output(tmp_path: Path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/feed.xml"
        config = write_config(tmp_path, [feed_source("down", url)])
        debug = subprocess.run(
            [sys.executable, "-m", "sinowatch", "-vv", "-c", str(config), "crawl"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert debug.returncode == 1
    assert "scrapy.downloadermiddlewares" in debug.stderr or "Traceback" in debug.stderr


# --- revisions reach the alert rules (the CLI's pipeline and alert hook, in this process) ------


def atom(entries: list[tuple[str, datetime]]) -> bytes:
    """An Atom feed whose entries carry ``<updated>``: when the article last changed."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">',
        "<title>Test</title><id>urn:test</id><updated>2025-01-01T00:00:00Z</updated>",
    ]
    for n, (link, updated) in enumerate(entries):
        stamp = updated.strftime("%Y-%m-%dT%H:%M:%SZ")
        parts.append(
            f'<entry><title>Entry {n}</title><id>urn:e{n}</id><link href="{escape(link)}"/>'
            f"<updated>{stamp}</updated></entry>"
        )
    parts.append("</feed>")
    return "".join(parts).encode()


def a_second_that_has_passed() -> datetime:
    """A whole second (Atom's precision) after everything stored so far and before what comes
    next: the crawls run in this process, often several within one second."""
    stamp = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
    time.sleep((stamp - datetime.now(UTC)).total_seconds() + 0.01)
    return stamp


QUOTE = (
    "<p>&#8220;Tariffs hurt farmers and factories on both sides of the Pacific,&#8221; said "
    "Gao Zhikai, a former Chinese diplomat, after the talks in Washington ended.</p>"
)


def test_an_edit_adding_a_watched_quote_alerts_and_an_unchanged_refetch_never_does(
    tmp_path: Path,
):
    def page(extra: str = "") -> bytes:
        return article_html("Trade talks resume").replace(
            b"</article>", extra.encode() + b"</article>"
        )

    def crawl_cli() -> subprocess.CompletedProcess[str]:
        return sinowatch("-c", str(config), "crawl", "--no-deliver")

    def alerts() -> list[tuple[str, int]]:
        with database.session() as session:
            rows = session.execute(select(Alert.watchlist, Alert.article_id))
            return [(watchlist, article_id) for watchlist, article_id in rows]

    start = datetime.now(UTC) - timedelta(hours=1)
    with TestSite() as site:
        link = site.url("/a/1.html")
        site["/a/1.html"] = Resource(page())
        site["/feed.xml"] = Resource(atom([(link, start)]), content_type="application/atom+xml")
        config = tmp_path / "sinowatch.yaml"
        settings = {
            "database": {"url": f"sqlite:///{tmp_path / 'cli.db'}"},
            "crawler": FAST,
            "sources": [feed_source("wire", site.url("/feed.xml"))],
            "channels": {"console": {"type": "console"}},
            "watchlists": [
                {
                    "name": "gao",
                    "channels": ["console"],
                    "experts": [{"name": "Gao Zhikai", "require": "quoted"}],
                    "rules": {"min_relevance": 0},
                }
            ],
        }
        config.write_text(json.dumps(settings))
        database = Database(f"sqlite:///{tmp_path / 'cli.db'}")

        first = crawl_cli()  # the baseline: stored, never alerted
        assert first.returncode == 0, first.stderr[-3000:]
        assert len(site.requests_for("/a/1.html")) == 1

        # The feed dates no change: the stored article is not fetched again.
        site["/a/1.html"] = Resource(page(QUOTE))
        same = crawl_cli()
        assert same.returncode == 0, same.stderr[-3000:]
        assert len(site.requests_for("/a/1.html")) == 1

        # The feed dates a change but the page is the same: fetched, unchanged, no alert.
        site["/a/1.html"] = Resource(page())
        site["/feed.xml"] = Resource(atom([(link, a_second_that_has_passed())]))
        unchanged = crawl_cli()
        assert unchanged.returncode == 0, unchanged.stderr[-3000:]
        assert len(site.requests_for("/a/1.html")) == 2
        assert alerts() == []
        # …and re-checked: the same feed again does not fetch it a third time.
        crawl_cli()
        assert len(site.requests_for("/a/1.html")) == 2

        # An edit that adds the watched expert's quote, dated by the feed: a revision that alerts.
        site["/a/1.html"] = Resource(page(QUOTE))
        site["/feed.xml"] = Resource(atom([(link, datetime.now(UTC) + timedelta(seconds=5))]))
        edited = crawl_cli()
        assert edited.returncode == 0, edited.stderr[-3000:]
        assert len(site.requests_for("/a/1.html")) == 3

    stored = articles(database)
    assert len(stored) == 1 and stored[0].revision == 2 and "Gao Zhikai" in (stored[0].text or "")
    assert alerts() == [("gao", stored[0].id)]
    cells = table_rows(edited.stdout, "wire")["wire"]
    # source, status, req, 304, new, upd, known, rel, alerts, err, time
    assert (cells[4], cells[5], cells[8]) == ("0", "1", "1"), edited.stdout


def test_crawl_delivery_summary_says_when_and_what_sends_retries() -> None:
    from alerts.dispatcher import DispatchStats
    from sinowatch.commands.crawl import delivery_summary

    when = datetime(2026, 11, 29, 16, 2, tzinfo=UTC)
    line = delivery_summary(DispatchStats(claimed=2, sent=1, retried=1, next_retry_at=when))
    assert line.startswith("alerts: 1 delivered, 1 to retry at 2026-11-29 16:02 UTC")
    assert "the next `sinowatch run` or `sinowatch crawl`" in line
    assert "sinowatch run" not in delivery_summary(DispatchStats(claimed=1, sent=1))


def test_crawl_help_says_an_undelivered_alert_exits_1() -> None:
    from typer.testing import CliRunner

    from sinowatch.cli import app

    result = CliRunner().invoke(app, ["crawl", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "1 when any source failed or an alert could not be delivered" in " ".join(
        result.output.replace("│", " ").split()
    )


def test_a_crawl_signs_the_window_again_and_files_a_copy_under_its_story(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A database whose signatures were made by the first MinHash scheme (an older sinowatch):
    the runner makes them again before its first crawl, so a copy of a stored article at a new
    URL still joins its story."""
    from datasketch import MinHash

    from crawler.config import DedupSettings
    from crawler.dedup import Signature, index_signature, strip_boilerplate, text_key, tokens
    from crawler.extract import extract_article
    from crawler.storage.tables import Story

    html = article_html("Trade talks resume in Geneva", paragraphs=12)
    text = extract_article(html, "https://example.com/original").text or ""
    settings = DedupSettings()
    words = tokens(strip_boilerplate(text))
    shingles = {" ".join(words[i : i + 4]).encode() for i in range(len(words) - 3)}
    sketch = MinHash(num_perm=settings.num_perm, seed=1, scheme="affine32")
    sketch.update_batch(list(shingles))
    first_scheme = Signature(sketch.hashvalues.astype("uint32"), len(shingles), 4)
    with database.transaction() as session:
        session.add(Source(id="older", name="Older", kind="feed"))
        story = Story(title="Trade talks resume in Geneva")
        session.add(story)
        session.flush()
        stored = Article(
            canonical_url="https://example.com/original",
            url="https://example.com/original",
            source_id="older",
            text=text,
            fingerprint=text_key(text, settings).fingerprint,
            minhash=first_scheme.to_bytes()[4:],  # stored unmarked, as the first scheme did
            story_id=story.id,
        )
        session.add(stored)
        session.flush()
        index_signature(session, stored.id, story.id, first_scheme, settings, now=stored.first_seen)
        original, story_id = stored.id, story.id
    with TestSite() as site:
        # the same report, another outlet's URL and a line of its own: not an exact copy
        site["/copy.html"] = Resource(html.replace(b"<h1>", b"<p>Reporting from Geneva.</p><h1>"))
        site["/feed.xml"] = Resource(
            rss([{"title": "Talks resume", "link": site.url("/copy.html")}]),
            content_type="application/rss+xml",
        )
        with caplog.at_level("INFO", logger="crawler.runner"):
            [[report]] = crawl(database, [feed_source("wire", site.url("/feed.xml"))])
    assert report.new_articles == 1, report
    [copy] = articles(database, source_id="wire")
    assert copy.story_id == story_id  # found as a near-duplicate of the re-signed original
    assert "re-signed 1 article(s)" in caplog.text
    [resigned] = articles(database, id=original)
    assert resigned.minhash is not None and resigned.minhash.startswith(b"MH2")
