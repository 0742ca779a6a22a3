"""A query dry run over stored articles: which would match, grouped by story (nothing is written).

What ``sinowatch query`` shows and the dashboard's Search page lists: the newest stored articles
run through a :class:`~alerts.matcher.Matcher`, the matched copies of one story kept together,
each story's hits once per watchlist topic or expert.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from alerts.articles_read import StoredArticle, recent_articles
from alerts.config import TopicSettings, WatchlistSettings
from alerts.matcher import Matcher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from alerts.hits import Hit


@dataclass(frozen=True)
class StoryMatch:
    """The matched copies of one story (newest first) and their distinct hits."""

    copies: list[StoredArticle]
    hits: list[Hit]

    @property
    def first(self) -> StoredArticle:
        return self.copies[0]


@dataclass(frozen=True)
class DryRun:
    checked: int
    """Articles read (at most the limit)."""
    matched: int
    """Articles with at least one hit."""
    stories: list[StoryMatch]


def query_matcher(query: str) -> Matcher:
    """A matcher for one ad-hoc topic query; raises :class:`~alerts.query.QuerySyntaxError`."""
    topic = TopicSettings.model_construct(id="query", name="query", query=query)
    return Matcher.compile([WatchlistSettings(name="query", topics=[topic])])


def dry_run(session: Session, matcher: Matcher, since: datetime, limit: int) -> DryRun:
    """Run ``matcher`` over the ``limit`` newest articles first seen since ``since``."""
    articles = recent_articles(session, since, limit)
    matched = [(stored, hits) for stored in articles if (hits := matcher.match(stored.article))]
    groups: dict[tuple[str, int], list[tuple[StoredArticle, list[Hit]]]] = {}
    for stored, hits in matched:
        key = ("story", stored.story_id) if stored.story_id is not None else ("article", stored.id)
        groups.setdefault(key, []).append((stored, hits))
    stories = [
        StoryMatch([s for s, _ in copies], distinct(h for _, found in copies for h in found))
        for copies in groups.values()
    ]
    return DryRun(checked=len(articles), matched=len(matched), stories=stories)


def distinct(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per watchlist topic or expert (the copies of a story mostly repeat them)."""
    seen: dict[tuple[str, str, str], Hit] = {}
    for hit in hits:
        seen.setdefault((hit.watchlist, hit.kind, hit.id), hit)
    return list(seen.values())
