"""Storage: database-enforced uniqueness and the status summary, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.storage.tables import Article, Source, Story
from crawler.store import SourceStatus
from sinowatch.summary import status_summary

RUN_AT = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)


def _story_with_article(session: Session, url: str, *, relevant: bool = True) -> Article:
    story = Story(title=url)
    article = Article(canonical_url=url, url=url, title=url, story=story, relevant=relevant)
    session.add(article)
    session.flush()
    return article


def _alert(session: Session, article: Article, watchlist: str = "trade") -> Alert:
    alert = Alert(watchlist=watchlist, story_id=article.story_id, article_id=article.id)
    session.add(alert)
    session.flush()
    return alert


def _delivery(alert: Alert, channel: str, status: str = "pending") -> Delivery:
    return Delivery(
        alert_id=alert.id,
        channel=channel,
        status=status,
        idempotency_key=f"{alert.id}:{channel}",
    )


def test_duplicate_canonical_url_is_rejected(any_database: Database) -> None:
    with any_database.transaction() as session:
        _story_with_article(session, "https://example.com/a")
    with pytest.raises(IntegrityError), any_database.transaction() as session:
        session.add(Article(canonical_url="https://example.com/a", url="https://example.com/a?x"))
    with any_database.session() as session:
        assert status_summary(session).articles == 1


def test_second_alert_for_same_watchlist_and_story_is_rejected(any_database: Database) -> None:
    with any_database.transaction() as session:
        article = _story_with_article(session, "https://example.com/a")
        _alert(session, article)
        _alert(session, article, watchlist="experts")  # another watchlist: allowed
    with pytest.raises(IntegrityError), any_database.transaction() as session:
        _alert(session, article)
    with any_database.session() as session:
        assert status_summary(session).alerts == 2


def test_second_delivery_for_same_alert_and_channel_is_rejected(any_database: Database) -> None:
    with any_database.transaction() as session:
        alert = _alert(session, _story_with_article(session, "https://example.com/a"))
        session.add(_delivery(alert, "email"))
        session.add(_delivery(alert, "webhook"))  # another channel: allowed
    with pytest.raises(IntegrityError), any_database.transaction() as session:
        duplicate = _delivery(alert, "email")
        duplicate.idempotency_key = "another-key"  # only (alert, channel) collides
        session.add(duplicate)
    with any_database.session() as session:
        assert status_summary(session).deliveries == {"pending": 2}


def test_status_summary_of_an_empty_database(any_database: Database) -> None:
    with any_database.session() as session:
        summary = status_summary(session)
    assert (summary.sources, summary.articles, summary.stories, summary.alerts) == ([], 0, 0, 0)
    assert summary.deliveries == {}


def test_status_summary_counts_and_source_state(any_database: Database) -> None:
    with any_database.transaction() as session:
        session.add_all(
            [
                Source(id="xinhua", name="Xinhua", kind="feed"),
                Source(
                    id="cfr",
                    name="CFR",
                    kind="listing",
                    last_run_at=RUN_AT,
                    last_status="error",
                    consecutive_errors=3,
                    last_error="HTTP 503",
                ),
            ]
        )
        relevant = _story_with_article(session, "https://example.com/a")
        _story_with_article(session, "https://example.com/b", relevant=False)
        alert = _alert(session, relevant)
        session.add_all(
            [
                _delivery(alert, "email"),
                _delivery(alert, "webhook", status="dead"),
                _delivery(alert, "slack", status="sent"),
            ]
        )
    with any_database.session() as session:
        summary = status_summary(session)
    assert summary.sources == [
        SourceStatus("cfr", "CFR", RUN_AT, "error", 3, "HTTP 503"),
        SourceStatus("xinhua", "Xinhua", None, None, 0, None),
    ]
    assert (summary.articles, summary.relevant_articles, summary.stories) == (2, 1, 2)
    assert summary.alerts == 1
    assert summary.deliveries == {"dead": 1, "pending": 1, "sent": 1}
    data = summary.to_dict()
    assert data["sources"][0]["last_run_at"] == "2026-11-02T08:30:00+00:00"
    assert data["deliveries"]["dead"] == 1
