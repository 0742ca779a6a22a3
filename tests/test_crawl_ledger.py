"""No silent misses: the crawl ledger, failed entries retried behind a 304, baselines that
cover everything offered, interrupted crawls and extraction workers that survive.

Real crawls of tests/site.py through the command line (``sinowatch crawl`` / ``status``, in this
process; a real ``sinowatch crawl`` process where signals and worker processes are the point:
``e2e``) or the shared ``crawl()`` helper of tests/test_crawl.py, which checks the ledger's
invariant.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from alerts.storage.tables import Alert
from crawler import crawlstate
from crawler.config import SourceSettings
from crawler.db import Database
from crawler.records import SourceReport
from crawler.storage.tables import CrawlRun
from tests.reactor import sinowatch as run_sinowatch
from tests.site import Resource, TestSite
from tests.test_crawl import (
    FAST,
    article_html,
    articles,
    assert_ledger_balances,
    crawl,
    feed_source,
    last_run,
    rss,
    source_row,
    table_rows,
)

pytestmark = pytest.mark.timeout(240)

LEDGER_KEYS = {"entries", "new", "updated", "known", "skipped", "failed", "warnings"}


def write_config(tmp_path: Path, sources: list[dict[str, Any]], **crawler: Any) -> Path:
    """A config with a watchlist that matches every test article (they all mention tariffs)."""
    config = {
        "database": {"url": f"sqlite:///{tmp_path / 'cli.db'}"},
        "crawler": {**FAST, **crawler},
        "sources": sources,
        "channels": {"console": {"type": "console"}},
        "watchlists": [
            {
                "name": "trade",
                "channels": ["console"],
                "topics": [{"id": "tariffs", "any": ["tariffs"]}],
                "rules": {"min_relevance": 0},
            }
        ],
    }
    path = tmp_path / "sinowatch.yaml"
    path.write_text(json.dumps(config))
    return path


def sinowatch(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``sinowatch -c CONFIG ARGS``, run in this process (tests/reactor.py)."""
    return run_sinowatch("-c", str(config), *args)


def start_crawl(config: Path, *args: str) -> subprocess.Popen[str]:
    """``sinowatch crawl`` in its own process group (as under ``timeout`` or systemd)."""
    return subprocess.Popen(
        [sys.executable, "-m", "sinowatch", "-c", str(config), "crawl", "--no-deliver", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "COLUMNS": "200"},
    )


def wait_for(condition: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def news_site(site: TestSite, count: int, *, slow: float = 0.0, etag: str = '"v1"') -> list[str]:
    """``count`` article pages (every third one slow) and a feed of them at /feed.xml."""
    links = []
    for n in range(count):
        path = f"/a/{n}.html"
        site[path] = Resource(article_html(f"Tariffs story {n}"), delay=slow if n % 3 else 0.0)
        links.append(site.url(path))
    items = [{"title": f"Tariffs story {n}", "link": link} for n, link in enumerate(links)]
    site["/feed.xml"] = Resource(rss(items), content_type="application/rss+xml", etag=etag)
    return links


def stored_urls(database: Database) -> Counter[str]:
    return Counter(article.url for article in articles(database))


def alert_count(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Alert)) or 0


# --- baselines cover everything offered; the per-run limit leaves the rest for later -------------


def test_baseline_covers_every_entry_and_the_limit_leaves_the_rest_to_the_next_crawl(
    tmp_path: Path,
):
    with TestSite() as site:
        links = news_site(site, 12, etag="")  # no validators: every crawl reads the feed
        site["/feed.xml"].etag = None
        config = write_config(
            tmp_path, [feed_source("wire", site.url("/feed.xml"))], max_articles_per_run=5
        )
        database = Database(f"sqlite:///{tmp_path / 'cli.db'}")
        baseline = sinowatch(config, "crawl", "--no-deliver")
        assert baseline.returncode == 0, baseline.stderr[-3000:]
        assert stored_urls(database) == Counter(links), "a baseline takes every entry offered"
        again = sinowatch(config, "crawl", "--no-deliver")
        assert again.returncode == 0, again.stderr[-3000:]
        assert alert_count(database) == 0, "an unchanged feed after its baseline never alerts"
        assert table_rows(again.stdout, "wire")["wire"][6] == "12"  # known

        # 12 new entries with a limit of 5: 5 per crawl, the rest left (skipped) for the next.
        more = [site.url(f"/b/{n}.html") for n in range(12)]
        for n in range(len(more)):
            site[f"/b/{n}.html"] = Resource(article_html(f"Tariffs update {n}"))
        items = [{"title": f"t{n}", "link": link} for n, link in enumerate(more + links)]
        site["/feed.xml"] = Resource(rss(items), etag='"v2"')
        news, outputs = [], []
        for _ in range(3):
            done = sinowatch(config, "crawl", "--no-deliver")
            assert done.returncode == 0, done.stderr[-3000:]
            news.append(table_rows(done.stdout, "wire")["wire"])
            outputs.append(done.stdout)
        feed_requests = site.requests_for("/feed.xml")

    # source status req 304 new upd known rel alerts skip fail time
    assert [(row[4], row[9]) for row in news] == [("5", "7"), ("5", "2"), ("2", "0")]
    assert "wire: skipped over max_articles_per_run: 7" in outputs[0]
    # validators are saved only by the crawl that settled every entry (the third)
    assert [r.headers.get("If-None-Match") for r in feed_requests[-3:]] == [None, None, None]
    assert stored_urls(database) == Counter(links + more)
    assert alert_count(database) == 12
    assert last_run(database, "wire").details["ledger"]["skipped"] == {}
    database.dispose()


# --- failed entries are retried behind a 304, then given up -----------------------------------


def test_a_failed_page_behind_a_304_is_retried_then_given_up(database: Database):
    with TestSite() as site:
        site["/a/ok.html"] = Resource(article_html("Tariffs ok"))
        site["/a/flaky.html"] = Resource(b"busy", status=500)
        site["/a/dead.html"] = Resource(b"gone", status=500)
        items = [
            {"title": "ok", "link": site.url("/a/ok.html")},
            {"title": "Flaky", "link": site.url("/a/flaky.html")},
            {"title": "Dead page", "link": site.url("/a/dead.html"), "description": "summary"},
        ]
        site["/feed.xml"] = Resource(rss(items), etag='"v1"')
        source = feed_source("news", site.url("/feed.xml"))
        settings = {"page_retry_backoff": "0s", "page_attempts": 3}
        [[first]] = crawl(database, [source], **settings)
        site["/a/flaky.html"] = Resource(article_html("Tariffs flaky"))  # recovers
        [[second]] = crawl(database, [source], **settings)
        [[third]] = crawl(database, [source], **settings)
        given_up = last_run(database, "news").details["failed_pages"]
        [[fourth]] = crawl(database, [source], **settings)
        dead_requests = len(site.requests_for("/a/dead.html"))
        feed_statuses = [r.headers.get("If-None-Match") for r in site.requests_for("/feed.xml")]

    assert first.status == "baseline"
    assert (first.entries, first.new_articles, first.failed) == (3, 1, {"HTTP 500": 2})
    # the feed answers 304 from the second crawl on; the failed entries are fetched anyway
    assert feed_statuses == [None, '"v1"', '"v1"', '"v1"']
    assert second.status == "not_modified"
    assert (second.entries, second.new_articles, second.failed) == (2, 1, {"HTTP 500": 1})
    assert (third.entries, third.failed) == (1, {"HTTP 500": 1})
    assert "given up after 3 attempts: HTTP 500" in given_up[0]["detail"]
    assert fourth.entries == 0 and dead_requests == 3
    flaky = next(a for a in articles(database) if a.url.endswith("/flaky.html"))
    assert flaky.baseline and not flaky.partial  # offered in the baseline: stored silently
    dead = next(a for a in articles(database) if a.url.endswith("/dead.html"))
    assert dead.partial and dead.title == "Dead page"  # given up: kept from the feed
    with database.session() as session:
        [row] = crawlstate.failed_entries(session, "news")
    assert (row.reason, row.attempts, row.given_up_at is not None) == ("HTTP 500", 3, True)
    assert source_row(database, "news").baseline_done


# --- status: the ledger in JSON and per source --------------------------------------------------


def test_status_shows_the_last_crawl_ledger_and_failed_pages(tmp_path: Path):
    with TestSite() as site:
        site["/a/ok.html"] = Resource(article_html("Tariffs ok"))
        site["/robots.txt"] = Resource(b"User-agent: *\nDisallow: /private/\n")
        items = [
            {"title": "ok", "link": site.url("/a/ok.html")},
            {"title": "ok again", "link": site.url("/a/ok.html")},
            {"title": "missing", "link": site.url("/a/missing.html")},
            {"title": "private", "link": site.url("/private/x.html")},
        ]
        site["/feed.xml"] = Resource(rss(items), content_type="application/rss+xml")
        site["/all-fail.xml"] = Resource(rss(items[2:3]), content_type="application/rss+xml")
        config = write_config(
            tmp_path,
            [
                feed_source("news", site.url("/feed.xml")),
                feed_source("broken", site.url("/all-fail.xml")),
            ],
        )
        done = sinowatch(config, "crawl", "--no-deliver")
        as_json = sinowatch(config, "status", "--json")
        one = sinowatch(config, "status", "news")
        table = sinowatch(config, "status")
        unknown = sinowatch(config, "status", "nope")

    assert done.returncode == 1, done.stderr[-3000:]  # "broken" stored nothing it was offered
    # source status req 304 new upd known rel alerts skip fail time
    row = table_rows(done.stdout, "news")["news"]
    assert (row[4], row[9], row[10]) == ("1", "2", "1"), done.stdout
    assert "news: skipped duplicate entry: 1, robots.txt: 1" in done.stdout
    assert "news: failed HTTP 404: 1" in done.stdout
    assert table_rows(done.stdout, "broken")["broken"][1] == "error"
    assert "every entry failed (HTTP 404 ×1)" in done.stdout

    sources = {s["id"]: s for s in json.loads(as_json.stdout)["sources"]}
    ledger = sources["news"]["last_crawl"]
    assert set(ledger) == LEDGER_KEYS
    assert ledger == {
        "entries": 4,
        "new": 1,
        "updated": 0,
        "known": 0,
        "skipped": {"duplicate entry": 1, "robots.txt": 1},
        "failed": {"HTTP 404": 1},
        "warnings": [],
    }
    assert sources["broken"]["last_status"] == "error"

    assert one.returncode == 0, one.stderr
    assert "entries offered" in one.stdout and "duplicate entry" in one.stdout
    assert "Failed pages of the last crawl" in one.stdout
    assert "/a/missing.html" in one.stdout and "HTTP 404" in one.stdout
    assert "retried by later crawls" in one.stdout and "attempt 1 of 4" in one.stdout
    news_line = next(line for line in table.stdout.splitlines() if "news" in line)
    assert news_line.split("│")[5].strip() == "1"  # failed pages of the last crawl
    assert unknown.returncode == 2 and "unknown source nope" in unknown.stderr


def test_the_last_error_is_shown_whole(tmp_path: Path):
    reason = "HTTP 503 from the upstream load balancer: " + "connection was reset " * 8 + "END"
    config = write_config(tmp_path, [feed_source("news", "http://127.0.0.1:9/feed.xml")])
    database = Database(f"sqlite:///{tmp_path / 'cli.db'}")
    from crawler.migrate import upgrade

    upgrade(database)
    with database.transaction() as session:
        crawlstate.sync_sources(
            session, [SourceSettings(id="news", name="News", kind="feed", url="http://x.org/f")]
        )
        run_id = crawlstate.start_run(session, "news")
        crawlstate.finish_run(session, run_id, SourceReport("news", status="error", error=reason))
    database.dispose()
    table = sinowatch(config, "status")
    assert "END" in table.stdout and "…" not in table.stdout, table.stdout


# --- bookkeeping: runs left running by a dead process -----------------------------------------


def test_a_run_left_running_by_a_dead_process_is_closed_as_interrupted(database: Database):
    source = SourceSettings(id="news", name="News", kind="feed", url="http://127.0.0.1:9/f")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with database.transaction() as session:
        crawlstate.sync_sources(session, [source])
        killed = crawlstate.start_run(session, "news")
        old = crawlstate.start_run(session, "news")
        alive = crawlstate.start_run(session, "news")
        here = {"host": os.uname().nodename, "pid": dead.pid}
        session.get(CrawlRun, killed).details = {"owner": here}
        session.get(CrawlRun, old).started_at = datetime.now(UTC) - timedelta(days=1)
        session.get(CrawlRun, old).details = {"owner": {"host": "elsewhere", "pid": 1}}
        session.get(CrawlRun, alive).details = {"owner": {"host": "elsewhere", "pid": 1}}
    with database.transaction() as session:
        assert crawlstate.close_stale_runs(session, ["news"]) == 2
    with database.session() as session:
        statuses = {run.id: run.status for run in session.scalars(select(CrawlRun))}
    assert statuses == {killed: "interrupted", old: "interrupted", alive: "running"}


# --- signals: interrupted crawls leave the rest for the next one; workers survive -------------


def crawl_children(pid: int) -> list[int]:
    """The extraction worker processes of a crawl process (its spawned children)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in map(int, children):
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except FileNotFoundError:
                continue
            if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
                found.append(child)
    return found


@pytest.mark.e2e
@pytest.mark.parametrize("how", ["group-sigterm", "sigint"])
def test_an_interrupted_crawl_exits_130_and_the_next_one_stores_every_entry_once(
    tmp_path: Path, how: str
):
    with TestSite() as site:
        links = news_site(site, 24, slow=1.5)
        config = write_config(
            tmp_path,
            [feed_source("wire", site.url("/feed.xml"))],
            extract_workers=2,
            concurrency=4,
            per_domain_concurrency=4,
        )
        database = Database(f"sqlite:///{tmp_path / 'cli.db'}")
        first = start_crawl(config)
        wait_for(lambda: len(site.requests_for("/a/1.html")) == 1)
        wait_for(lambda: crawl_children(first.pid))
        workers = crawl_children(first.pid)
        if how == "group-sigterm":  # timeout, systemd's KillMode=control-group
            os.killpg(first.pid, signal.SIGTERM)
        else:  # Ctrl-C
            first.send_signal(signal.SIGINT)
        stdout, stderr = first.communicate(timeout=60)
        assert first.returncode == 130, stderr[-3000:]
        assert "interrupted" in stderr
        assert "BrokenProcessPool" not in stderr and "Traceback" not in stderr, stderr[-3000:]
        assert table_rows(stdout, "wire")["wire"][1] == "interrupted"
        assert not any(Path(f"/proc/{pid}").exists() for pid in workers), "workers stopped"
        partly = stored_urls(database)
        status = sinowatch(config, "status", "wire", "--json")
        ledger = json.loads(status.stdout)["last_crawl"]
        assert ledger["skipped"].get("interrupted", 0) > 0, ledger
        assert ledger["entries"] == 24 and not ledger["failed"], ledger
        assert 0 < sum(partly.values()) < 24

        second = sinowatch(config, "crawl", "--no-deliver")
        assert second.returncode == 0, second.stderr[-3000:]
        feed_requests = site.requests_for("/feed.xml")

    assert feed_requests[1].headers.get("If-None-Match") is None, "validators not saved"
    assert stored_urls(database) == Counter(links), "every entry stored, once"
    assert all(article.baseline for article in articles(database))
    assert alert_count(database) == 0
    database.dispose()


@pytest.mark.e2e
def test_a_killed_extraction_worker_is_replaced_and_its_pages_requeued(tmp_path: Path):
    with TestSite() as site:
        links = news_site(site, 30, slow=0.4)
        config = write_config(
            tmp_path,
            [feed_source("wire", site.url("/feed.xml"))],
            extract_workers=2,
            concurrency=2,
            per_domain_concurrency=2,
        )
        database = Database(f"sqlite:///{tmp_path / 'cli.db'}")
        crawl_process = start_crawl(config)
        wait_for(lambda: crawl_children(crawl_process.pid))
        wait_for(lambda: len(site.requests_for("/a/3.html")) == 1)
        workers = crawl_children(crawl_process.pid)
        os.kill(workers[0], signal.SIGKILL)  # the OOM killer
        stdout, stderr = crawl_process.communicate(timeout=120)

    assert crawl_process.returncode == 0, stderr[-3000:]
    # the broken pool's other worker ignores SIGTERM: it must have been killed, not orphaned
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers), workers
    assert "extraction worker process died" in stderr
    row = table_rows(stdout, "wire")["wire"]
    assert (row[4], row[10]) == ("30", "0"), stdout
    assert stored_urls(database) == Counter(links)
    database.dispose()


def test_shared_crawl_helper_checks_the_ledger() -> None:
    """The invariant check itself can fail (so every crawl test really checks it)."""
    with pytest.raises(AssertionError):
        assert_ledger_balances(SourceReport("s", entries=3, new_articles=1, failed={"HTTP 500": 1}))
    assert_ledger_balances(
        SourceReport("s", entries=3, new_articles=1, skipped={"too old": 1}, failed={"x": 1})
    )


def test_article_redirects_to_another_host_or_into_a_loop_fail_with_the_reason(
    database: Database,
):
    with TestSite() as site:
        site["/a/ok.html"] = Resource(article_html("Tariffs ok"))
        site.redirect("/a/away.html", f"http://localhost:{site.port}/a/ok.html")
        site.redirect("/a/loop1.html", "/a/loop2.html")
        site.redirect("/a/loop2.html", "/a/loop1.html")
        items = [
            {"title": "ok", "link": site.url("/a/ok.html")},
            {"title": "away", "link": site.url("/a/away.html")},
            {"title": "loop", "link": site.url("/a/loop1.html")},
        ]
        site["/feed.xml"] = Resource(rss(items), content_type="application/rss+xml")
        [[report]] = crawl(database, [feed_source("news", site.url("/feed.xml"))])

    assert report.entries == 3 and report.new_articles == 1
    assert report.failed == {"redirect to another host": 1, "redirect loop": 1}
    pages = {
        p["url"].rsplit("/", 1)[1]: p for p in last_run(database, "news").details["failed_pages"]
    }
    assert f"localhost:{site.port}" in pages["away.html"]["detail"]
    assert "loop2.html" in pages["loop1.html"]["detail"]
    # the redirect would repeat: given up at once, kept partial from the feed like any given-up
    # entry; the loop is retried by later crawls
    stored = {a.url.rsplit("/", 1)[1]: a.partial for a in articles(database)}
    assert stored == {"ok.html": False, "away.html": True}


REFUSE_SQLITE = """
CREATE TRIGGER refuse_bad BEFORE INSERT ON articles WHEN NEW.url LIKE '%/bad%'
BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END
"""
REFUSE_POSTGRES = [
    """
    CREATE FUNCTION refuse_bad() RETURNS trigger AS $$
    BEGIN
      IF NEW.url LIKE '%/bad%' THEN RAISE EXCEPTION 'refused by a test trigger'; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    "CREATE TRIGGER refuse_bad BEFORE INSERT ON articles"
    " FOR EACH ROW EXECUTE FUNCTION refuse_bad()",
]


def test_a_page_the_database_refuses_is_a_storage_error_and_never_counted(
    any_database: Database,
):
    """Counts are taken after the commit: the batch fails, its pages are stored one by one, the
    refused one is a failed entry (retried later) and is not counted as new."""
    from sqlalchemy import text

    with any_database.engine.begin() as connection:
        sqlite = any_database.dialect == "sqlite"
        for statement in [REFUSE_SQLITE] if sqlite else REFUSE_POSTGRES:
            connection.execute(text(statement))
    with TestSite() as site:
        for name in ("one", "bad", "two"):
            site[f"/a/{name}.html"] = Resource(article_html(f"Tariffs {name}"))
        items = [
            {"title": name, "link": site.url(f"/a/{name}.html")} for name in ("one", "bad", "two")
        ]
        site["/feed.xml"] = Resource(rss(items), content_type="application/rss+xml")
        [[report]] = crawl(any_database, [feed_source("news", site.url("/feed.xml"))])

    assert report.new_articles == len(articles(any_database)) == 2
    assert report.failed == {"storage error": 1}
    [page] = last_run(any_database, "news").details["failed_pages"]
    assert page["url"].endswith("/bad.html") and "refused by a test trigger" in page["detail"]
    with any_database.session() as session:
        assert list(crawlstate.pending_retries(session, "news", now=datetime.now(UTC))) == [
            site.url("/a/bad.html")
        ]


def test_a_crawl_whose_run_cannot_be_recorded_is_never_logged_ok(tmp_path: Path):
    with TestSite() as site:
        site["/a/1.html"] = Resource(article_html("Tariffs one"))
        items = [{"title": "one", "link": site.url("/a/1.html")}]
        site["/feed.xml"] = Resource(rss(items), content_type="application/rss+xml")
        config = write_config(tmp_path, [feed_source("news", site.url("/feed.xml"))])
        assert sinowatch(config, "db", "upgrade").returncode == 0
        database = Database(f"sqlite:///{tmp_path / 'cli.db'}")
        with database.engine.begin() as connection:
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse_finish BEFORE UPDATE OF finished_at ON crawl_runs "
                "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END"
            )
        done = sinowatch(config, "crawl", "--no-deliver")
        database.dispose()

    assert done.returncode == 1, done.stderr[-3000:]
    assert table_rows(done.stdout, "news")["news"][1] == "error"
    assert "recording the run failed" in done.stdout
    assert "crawl news: error" in done.stderr and "crawl news: baseline" not in done.stderr
