"""The alert as channels see it, and its versioned JSON form (webhook body, jsonl line).

Payload version 1 (``type: "alert"``)::

    {
      "version": 1,
      "type": "alert",
      "test": false,
      "alert": {"id": 12, "created_at": "2026-11-05T08:00:00+00:00", "title": "..."},
      "watchlist": "china-us-experts",
      "hits": [{"kind": "expert", "id": "victor-gao", "name": "Victor Gao",
                "mention": "quoted", "quote": "...", "snippet": "... «Victor Gao» said ..."}],
      "article": {"id": 7, "url": "...", "title": "...", "outlet": "...", "authors": [...],
                  "published_at": "...", "first_seen": "...", "language": "en",
                  "summary": "...", "relevance_score": 2.5},
      "story": {"id": 3, "title": "...", "outlets": ["Reuters", "SCMP"], "article_count": 2,
                "first_seen": "...", "last_seen": "..."}
    }

A digest (``type: "digest"``) is ``{"version": 1, "type": "digest", "alerts": [...]}`` where each
entry is an alert payload without ``version``, ``type`` and ``test``. ``test`` is true only for
the made-up alert of ``sinowatch alerts test`` (route it away from real alerts); payloads from
before it was added lack it, so read a missing ``test`` as false. Fields are only ever added
within a version; a receiver should ignore keys it does not know. The JSON schema of both is
``alerts/webhook-payload.schema.json`` (:data:`SCHEMA_PATH`); tests validate real payloads with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from alerts.storage.tables import Alert

PAYLOAD_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("webhook-payload.schema.json")


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: int
    url: str
    title: str | None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    first_seen: datetime | None = None
    language: str | None = None
    summary: str | None = None
    relevance_score: float = 0.0


@dataclass(frozen=True, slots=True)
class StoryView:
    id: int
    title: str | None
    outlets: list[str] = field(default_factory=list)
    article_count: int = 1
    first_seen: datetime | None = None
    last_seen: datetime | None = None


@dataclass(frozen=True, slots=True)
class AlertView:
    """One alert with its article and story, read from the database at send time.

    Reading the story at send time is what makes a digest list every outlet that carried it,
    including copies found after the alert was created.
    """

    id: int
    watchlist: str
    created_at: datetime
    title: str | None
    hits: list[dict[str, Any]]
    article: ArticleView
    story: StoryView
    test: bool = False
    """A made-up alert sent by ``sinowatch alerts test``, not a real match."""

    @property
    def headline(self) -> str:
        """Who or what triggered the alert, e.g. ``Victor Gao quoted`` or ``tariffs``."""

        def rank(hit: dict[str, Any]) -> int:
            order = {"quoted": 0, "byline": 1, "mentioned": 2}
            return order.get(hit.get("mention") or "", 3) if hit.get("kind") == "expert" else 4

        names: list[str] = []
        for hit in sorted(self.hits, key=rank):
            label = hit.get("name") or hit.get("id") or "?"
            if hit.get("kind") == "expert" and hit.get("mention"):
                label = f"{label} {hit['mention']}"
            if label not in names:
                names.append(label)
        if not names:
            return self.watchlist
        return names[0] if len(names) == 1 else f"{names[0]} (+{len(names) - 1})"

    @property
    def display_title(self) -> str:
        return self.title or self.article.title or self.story.title or self.article.url


def alert_view(session: Session, alert: Alert) -> AlertView:
    """Build the view of an alert, reading its article and story through ``session``."""
    from crawler.storage import articles, stories

    article = articles.get(session, alert.article_id)
    story = stories.get(session, alert.story_id)
    if article is None or story is None:
        raise LookupError(f"alert {alert.id}: its article or story was deleted")
    return AlertView(
        id=alert.id,
        watchlist=alert.watchlist,
        created_at=alert.created_at,
        title=alert.title,
        hits=list(alert.hits or []),
        article=ArticleView(
            id=article.id,
            url=article.url,
            title=article.title,
            outlet=article.outlet,
            authors=list(article.authors or []),
            published_at=article.published_at,
            first_seen=article.first_seen,
            language=article.language,
            summary=article.summary,
            relevance_score=article.relevance_score or 0.0,
        ),
        story=StoryView(
            id=story.id,
            title=story.title,
            outlets=list(story.outlets or []),
            article_count=story.article_count or 1,
            first_seen=story.first_seen,
            last_seen=story.last_seen,
        ),
    )


def alert_body(view: AlertView) -> dict[str, Any]:
    """The alert part of a payload (shared by single alerts and digest entries)."""
    article, story = view.article, view.story
    return {
        "alert": {"id": view.id, "created_at": _iso(view.created_at), "title": view.title},
        "watchlist": view.watchlist,
        "hits": [
            {k: hit.get(k) for k in ("kind", "id", "name", "mention", "quote", "snippet")}
            for hit in view.hits
        ],
        "article": {
            "id": article.id,
            "url": article.url,
            "title": article.title,
            "outlet": article.outlet,
            "authors": article.authors,
            "published_at": _iso(article.published_at),
            "first_seen": _iso(article.first_seen),
            "language": article.language,
            "summary": article.summary,
            "relevance_score": article.relevance_score,
        },
        "story": {
            "id": story.id,
            "title": story.title,
            "outlets": story.outlets,
            "article_count": story.article_count,
            "first_seen": _iso(story.first_seen),
            "last_seen": _iso(story.last_seen),
        },
    }


def alert_payload(view: AlertView) -> dict[str, Any]:
    return {"version": PAYLOAD_VERSION, "type": "alert", "test": view.test, **alert_body(view)}


def digest_payload(views: Sequence[AlertView]) -> dict[str, Any]:
    return {
        "version": PAYLOAD_VERSION,
        "type": "digest",
        "alerts": [alert_body(view) for view in sort_for_digest(views)],
    }


def sort_for_digest(views: Sequence[AlertView]) -> list[AlertView]:
    """Digest order: by watchlist, then story, then time."""
    return sorted(views, key=lambda v: (v.watchlist, v.story.id, v.created_at, v.id))


def sample_view(now: datetime | None = None) -> AlertView:
    """A made-up alert for ``sinowatch alerts test``."""
    now = now or datetime.now(UTC)
    title = "Sample alert: sinowatch channel test (测试)"
    return AlertView(
        id=0,
        watchlist="sample",
        created_at=now,
        title=title,
        hits=[
            {
                "kind": "expert",
                "id": "sample-expert",
                "name": "Sample Expert",
                "mention": "quoted",
                "quote": "This is a test of the alert channel.",
                "snippet": "«Sample Expert» said: “This is a test of the alert channel.”",
            }
        ],
        article=ArticleView(
            id=0,
            url="https://example.org/sinowatch-test",
            title=title,
            outlet="sinowatch",
            published_at=now,
            first_seen=now,
        ),
        story=StoryView(id=0, title=title, outlets=["sinowatch"], first_seen=now, last_seen=now),
        test=True,
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
