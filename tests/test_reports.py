"""alerts.storage.reports on SQLite and PostgreSQL: the JSON hit filters, keyset cursors, per-day
counts and coverage the web app, API, feeds and exports read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from alerts import outbox
from alerts.storage import reports
from alerts.storage.reports import BadCursor, MatchFilter, OutletInfo, StoryFilter
from crawler.db import Database
from tests.alerting import NOW, expert_hit, store, topic_hit
from tests.test_query_plans import _plans

DAY = timedelta(days=1)


def _seed(database: Database) -> list[int]:
    """Five stories on three days; alerts by two watchlists with topic and expert hits."""
    story_ids = []
    plan: list[tuple[str, Any, list[dict[str, Any]]]] = [
        ("trade", NOW - 2 * DAY, [topic_hit("trade", "tariffs").to_dict()]),
        ("trade", NOW - DAY, [topic_hit("trade", "chips").to_dict()]),
        (
            "people",
            NOW - DAY,
            [expert_hit("people").to_dict(), topic_hit("people", "visas").to_dict()],
        ),
        ("people", NOW, [expert_hit("people", "mentioned").to_dict()]),
        (None, NOW, []),
    ]
    for index, (watchlist, when, hits) in enumerate(plan):
        result, _ = store(
            database,
            url=f"https://news.example.org/{index}",
            outlet=f"outlet{index % 2}.example",
            title=f"Story {index}",
            text=f"Story number {index} in its own words. " * 20,
            now=when,
        )
        story_ids.append(result.story.id)
        if watchlist:
            with database.transaction() as session:
                outbox.create_alert(
                    session,
                    watchlist=watchlist,
                    story_id=result.story.id,
                    article_id=result.article.id,
                    title=f"Story {index}",
                    hits=hits,
                    channels=[("console", "instant")],
                    now=when,
                )
    return story_ids


def test_filters_pages_and_counts(any_database: Database) -> None:
    ids = _seed(any_database)
    with any_database.session() as session:

        def story_ids(**filters: Any) -> list[int]:
            return [s.id for s in reports.stories(session, StoryFilter(**filters)).items]

        assert story_ids() == ids[::-1]
        assert story_ids(topic="tariffs") == [ids[0]]
        assert story_ids(expert="victor-gao") == [ids[3], ids[2]]
        assert story_ids(expert="victor-gao", watchlist="trade") == []
        assert story_ids(outlet="outlet1.example") == [ids[3], ids[1]]
        assert story_ids(source_ids=["elsewhere"]) == []
        assert story_ids(since=NOW - DAY) == ids[:0:-1]

        walked = list(reports.walk(lambda c: reports.stories(session, cursor=c, limit=2)))
        assert [s.id for s in walked] == ids[::-1]
        every_hit = list(reports.walk(lambda c: reports.hits(session, cursor=c, limit=1)))
        assert [(h.alert_id, h.index) for h in every_hit] == [
            (4, 0),
            (3, 0),
            (3, 1),
            (2, 0),
            (1, 0),
        ]
        quotes = reports.hits(session, MatchFilter(quoted_only=True)).items
        assert [(q.watchlist, q.quote) for q in quotes] == [("people", expert_hit().quote)]
        chips = reports.matches(session, MatchFilter(topic="chips")).items
        assert [(m.alert_id, [h["id"] for h in m.hits]) for m in chips] == [(2, ["chips"])]

        per_day = reports.articles_per_day(session, NOW - 3 * DAY, NOW + DAY)
        assert [(d.day, d.count) for d in per_day] == [
            ((NOW - 2 * DAY).date(), 1),
            ((NOW - DAY).date(), 2),
            (NOW.date(), 2),
        ]
        by_watchlist = reports.hits_per_day(session, NOW - 3 * DAY, NOW + DAY)
        assert [(d.day, d.series, d.count) for d in by_watchlist] == [
            ((NOW - 2 * DAY).date(), "trade", 1),
            ((NOW - DAY).date(), "people", 1),
            ((NOW - DAY).date(), "trade", 1),
            (NOW.date(), "people", 1),
        ]
        by_expert = reports.hits_per_day(session, NOW - 3 * DAY, NOW + DAY, by="expert")
        assert [(d.series, d.label, d.count) for d in by_expert] == [
            ("victor-gao", "Victor Gao", 1),
            ("victor-gao", "Victor Gao", 1),
        ]
        directory = {"src": OutletInfo("CN", "state_media")}
        countries = reports.coverage(session, NOW - 3 * DAY, NOW + DAY, directory)
        assert [(c.key, c.articles) for c in countries] == [("CN", 5)]
        assert reports.coverage(session, NOW - 3 * DAY, NOW + DAY, {}, by="outlet_type")[0].key == (
            reports.UNKNOWN
        )
        assert reports.new_since(session, NOW - DAY) == reports.NewSince(stories=4, alerts=3)

        snapshot = reports.metrics_snapshot(session)
        assert snapshot.alerts == {"people": 2, "trade": 2}
        assert snapshot.outbox == {"pending": 4}
        assert snapshot.oldest_pending_at == NOW - 2 * DAY

        detail = reports.story_detail(session, ids[2], directory)
        assert detail is not None
        assert [a.country for a in detail.articles] == ["CN"]
        assert [m.watchlist for m in detail.matches] == ["people"]
        assert reports.story_detail(session, 10_000) is None


FORGED = [
    "%%%",
    reports.encode_cursor(1),
    reports.encode_cursor("x", 1),
    "bnVsbA",  # null
    reports.encode_cursor("2026-11-05", 1),  # a date without offset
    reports.encode_cursor(NOW, 10**21),  # beyond any integer column
]


@pytest.mark.parametrize("cursor", FORGED)
def test_forged_cursors_are_refused(database: Database, cursor: str) -> None:
    """None of these is a stories cursor: each is refused before any query runs."""
    with database.session() as session, pytest.raises(BadCursor):
        reports.stories(session, cursor=cursor)


@pytest.mark.parametrize(
    ("name", "run", "index"),
    [
        (
            "stories, a later page",
            lambda s: reports.stories(s, cursor=reports.encode_cursor(NOW, 50)),
            "ix_stories_last_seen (last_seen<?)",
        ),
        ("articles, a later page", lambda s: reports.articles(s, cursor="WzUwXQ"), "rowid<?"),
        ("matches, a later page", lambda s: reports.matches(s, cursor="WzUwXQ"), "rowid<?"),
        ("deliveries, a later page", lambda s: reports.deliveries(s, cursor="WzUwXQ"), "rowid<?"),
    ],
)
def test_a_later_page_seeks_its_index(
    database: Database, name: str, run: Callable[[Any], object], index: str
) -> None:
    """A cursor seeks the index to where the previous page ended: page 200 costs what page 1
    does (no scan from the newest row, no sort)."""
    plans = _plans(database, run)
    assert any(index in line for line in plans[:1]), (name, plans)
    assert not [line for line in plans if "TEMP B-TREE" in line or line.startswith("SCAN")], plans
