"""The dashboard in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium).

The database comes from real crawls of a local site (tests/web/filled.py); the app is served by
the real server on 127.0.0.1. Never ``playwright install``: ``.ci/run`` installs the ``chromium``
Debian package. Without it the tests skip, except under CI (``CI=true``) where they fail.

Every page is checked for console errors too: a violation of the Content-Security-Policy (an
inline style or script that slipped into a template) is one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from alerts.storage import reports
from alerts.storage.reports import StoryFilter, outlet_directory, sources_where
from alerts.storage.tables import Alert, Delivery
from tests.web.filled import HOSTILE_TITLE, TOKEN, Filled

pytestmark = pytest.mark.timeout(300)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = {
    "/": "Overview",
    "/stories": "Stories",
    "/experts": "Experts",
    "/sources": "Sources",
    "/deliveries": "Deliveries",
    "/search": "Search",
    "/login": "Sign in",
}
ARTIFACTS = Path(os.environ.get("SINOWATCH_TEST_ARTIFACTS") or tempfile.gettempdir()) / (
    "sinowatch-web-artifacts"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found (Debian package chromium; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A page whose console errors, script errors and dialogs (``alert()``) are recorded."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.problems.append(f"a dialog opened: {dialog.message!r}")
        dialog.dismiss()

    def goto(self, url: str) -> None:
        answer = self.page.goto(url)
        assert answer is not None and answer.status == 200, (url, answer and answer.status)


@pytest.fixture
def page(browser, dashboard) -> Iterator[Watched]:
    context = browser.new_context(base_url=dashboard.url, viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    try:
        yield watched
    finally:
        context.close()
    assert watched.problems == []


def test_every_page_loads(page: Watched):
    for path, heading in PAGES.items():
        page.goto(path)
        assert page.page.locator("h1").inner_text() == heading, path
        assert page.page.title().endswith("· sinowatch")


def test_overview_charts_feeds_and_screenshot(page: Watched, filled: Filled):
    page.goto("/?days=7")
    lines = page.page.locator("figure[data-chart=line]")
    assert lines.count() == 3
    articles = lines.first
    assert "Articles stored per day" in articles.inner_text()
    box = articles.locator("svg polyline.series").first.bounding_box()
    assert box is not None and box["width"] > 100, box  # drawn across the week
    assert articles.locator("svg circle").count() == 7  # one point per day
    bars = page.page.locator("figure[data-chart=bars]").first
    assert bars.locator("svg rect").count() == 2  # the two outlets' countries
    assert sorted(bars.locator("svg text.axis").all_text_contents()) == ["CN", "US"]
    assert int(page.page.locator("#new-stories").inner_text()) > 0  # first visit: last 24 h
    # feeds: visible links and <link rel="alternate">, both answering with a feed
    alternates = page.page.locator('head link[rel=alternate][type="application/atom+xml"]')
    hrefs = [alternates.nth(i).get_attribute("href") or "" for i in range(alternates.count())]
    assert [h.rpartition("/feeds/watchlists/")[2] for h in hrefs] == [
        f"{watchlist.name}.atom" for watchlist in filled.settings.watchlists
    ]  # one per watchlist, the shipped us-china first
    href = hrefs[0]
    assert href.endswith("/feeds/watchlists/us-china.atom")
    assert page.page.locator(f'.feeds a[href="{href}"]').count() == 1
    feed = page.page.request.get(href)
    assert feed.status == 200 and b"<feed" in feed.body()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "overview.png"
    page.page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    print(f"overview screenshot: {shot}")
    # the second visit counts from the first one
    page.goto("/")
    assert "Since your last visit" in page.page.locator("section.news").inner_text()


def expected_titles(filled: Filled, filters: StoryFilter) -> list[str]:
    database = filled.database()
    try:
        with database.session() as session:
            return [s.title or "(no title)" for s in reports.stories(session, filters).items]
    finally:
        database.dispose()


def test_filter_stories(page: Watched, filled: Filled):
    page.goto("/stories")
    everything = page.page.locator("#stories a.story-link").all_inner_texts()
    assert everything == expected_titles(filled, StoryFilter())
    page.page.select_option("#f-country", "US")
    page.page.click("#story-filters button[type=submit]")
    page.page.wait_for_url("**/stories?*country=US*")
    directory = outlet_directory(filled.settings.sources)
    us = expected_titles(filled, StoryFilter(source_ids=sources_where(directory, country="US")))
    shown = page.page.locator("#stories a.story-link").all_inner_texts()
    assert shown == us and 0 < len(us) < len(everything)
    page.page.select_option("#f-country", "")
    page.page.select_option("#f-watchlist", "us-china")
    page.page.select_option("#f-expert", "denis-simon")
    page.page.click("#story-filters button[type=submit]")
    page.page.wait_for_url("**expert=denis-simon*")
    shown = page.page.locator("#stories a.story-link").all_inner_texts()
    assert shown == expected_titles(filled, StoryFilter(watchlist="us-china", expert="denis-simon"))
    assert len(shown) == 1
    page.page.select_option("#f-topic", "taiwan")  # no alert of this run was about Taiwan
    page.page.click("#story-filters button[type=submit]")
    assert page.page.locator("#no-stories").is_visible()


def test_open_a_story_carried_by_two_outlets(page: Watched, filled: Filled):
    page.goto("/stories")
    row = page.page.locator("#stories tr", has_text="Pacific Ledger, Harbor Street Journal")
    if row.count() == 0:
        row = page.page.locator("#stories tr", has_text="Harbor Street Journal, Pacific Ledger")
    assert row.count() == 1
    row.locator("a.story-link").click()
    page.page.wait_for_url("**/stories/*")
    columns = page.page.locator(".columns section.column")
    assert sorted(c.get_attribute("data-country") for c in columns.all()) == ["CN", "US"]
    for column in columns.all():
        copy = column.locator("article.copy")
        assert copy.count() == 1
        assert copy.locator("a").get_attribute("href").startswith("http://127.0.0.1:")
    hits = page.page.locator(".match li.hit")
    assert hits.count() >= 1
    assert page.page.locator(".match .snippet mark").count() >= 1  # the matched words


def test_retry_a_dead_delivery(page: Watched, filled: Filled):
    page.goto("/deliveries?status=dead")
    rows = page.page.locator("#deliveries tbody tr[data-status=dead]")
    assert rows.count() >= 1
    assert page.page.locator("button.retry").count() == 0  # read-only until signed in
    rows.first.locator("a", has_text="sign in to retry").click()
    page.page.fill("#secret", TOKEN)
    page.page.click("form.login button[type=submit]")
    page.page.wait_for_url("**/deliveries")
    page.goto("/deliveries?status=dead")
    row = page.page.locator("#deliveries tbody tr[data-status=dead]").first
    delivery_id = int(row.get_attribute("id").removeprefix("delivery-"))
    row.locator("button.retry").click()
    page.page.wait_for_url(f"**/deliveries?retried={delivery_id}")
    assert "queued for retry" in page.page.locator("#retried").inner_text()
    database = filled.database()
    try:
        with database.session() as session:
            assert session.get(Delivery, delivery_id).status == "pending"
    finally:
        database.dispose()
    assert page.page.locator(f"#delivery-{delivery_id}").get_attribute("data-status") == "pending"


def test_script_title_shows_as_text(page: Watched, filled: Filled):
    database = filled.database()
    try:
        with database.session() as session:
            story_id = session.scalars(
                select(Alert.story_id).where(Alert.title == HOSTILE_TITLE)
            ).one()
    finally:
        database.dispose()
    for path in (f"/stories/{story_id}", "/stories", "/deliveries", "/experts"):
        page.goto(path)
        assert HOSTILE_TITLE in page.page.locator("main").inner_text(), path
        assert page.page.locator("script, main b, main img").count() == 0, path
    # and the Watched page recorded no dialog: alert() never ran


def test_search_dry_run(page: Watched):
    page.goto("/search")
    page.page.fill("#q", '"export control*" AND chip*')
    page.page.click("#search button[type=submit]")
    page.page.wait_for_url("**/search?*")
    summary = page.page.locator("#search-summary").inner_text()
    assert summary.split()[0] != "0", summary
    assert page.page.locator("section.result").count() >= 1
    page.page.fill("#q", "(tariff")
    page.page.click("#search button[type=submit]")
    assert "position" in page.page.locator("#query-error").inner_text()
    assert page.problems == [  # a malformed query is answered 400, and Chromium says so
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    page.problems.clear()


def test_download_an_export(page: Watched):
    page.goto("/stories?watchlist=us-china")
    with page.page.expect_download() as started:
        page.page.locator("p.exports a", has_text="CSV").click()
    download = started.value
    assert download.suggested_filename == "sinowatch-stories.csv"
    header, *rows = Path(download.path()).read_text(encoding="utf-8").splitlines()
    assert header.startswith("id,title,")
    assert len(rows) == page.page.locator("#stories a.story-link").count()
