"""Retention: delete articles older than ``settings.retention`` (the service runs it daily).

An article's alerts, deliveries, aliases, revisions and LSH bands go with it (foreign keys
``ON DELETE CASCADE``); stories left without any article are deleted too. Age is measured on
``first_seen`` (when sinowatch stored the page), so a late-discovered old article is kept for
the full retention period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists
from sqlalchemy.orm import Session

from crawler.models import Article, Story


@dataclass(frozen=True, slots=True)
class RetentionResult:
    articles: int
    stories: int


def delete_articles_before(session: Session, cutoff: datetime) -> RetentionResult:
    """Delete articles first seen before ``cutoff`` and the stories they leave empty."""
    articles = session.execute(
        delete(Article).where(Article.first_seen < cutoff),
        execution_options={"synchronize_session": False},
    ).rowcount
    orphaned = ~exists().where(Article.story_id == Story.id)
    stories = session.execute(
        delete(Story).where(orphaned), execution_options={"synchronize_session": False}
    ).rowcount
    return RetentionResult(articles=articles or 0, stories=stories or 0)
