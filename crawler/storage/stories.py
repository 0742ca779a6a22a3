"""Queries on ``stories``: every copy of one news story, across outlets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, exists, func, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from crawler.storage.tables import MULTI_OUTLET, Article, Story, utcnow


def get(session: Session, story_id: int) -> Story | None:
    return session.get(Story, story_id)


def start(session: Session, article: Article, *, now: datetime) -> Story:
    """Insert a story whose first (and only) article is ``article``, and file it there."""
    return start_many(session, [article], now=now)[0]


def start_many(session: Session, articles: Sequence[Article], *, now: datetime) -> list[Story]:
    """Start one story per article (as :func:`start`) in one statement; the stories in the
    order of ``articles``."""
    if not articles:  # an INSERT with no rows would insert one of defaults
        return []
    started = {
        story.first_article_id: story
        for story in session.scalars(
            _INSERT,
            [
                {
                    "title": article.title,
                    "first_article_id": article.id,
                    "first_outlet": article.outlet or "",
                    "outlets": [article.outlet or ""],
                    "article_count": 1,
                    "first_seen": now,
                    "last_seen": now,
                }
                for article in articles
            ],
        )
    }
    # Filed in one executemany, the loaded articles given the stored values (set as a change, the
    # ORM's flush would run an UPDATE per article with the unit of work's bookkeeping around it).
    # ``updated_at`` is the column's ``onupdate``, as that flush wrote it.
    filed_at = utcnow()
    session.execute(
        _FILE,
        [
            {"article": article.id, "story": started[article.id].id, "updated": filed_at}
            for article in articles
        ],
    )
    for article in articles:
        set_committed_value(article, "story_id", started[article.id].id)
        set_committed_value(article, "updated_at", filed_at)
    return [started[article.id] for article in articles]


_INSERT = insert(Story).returning(Story)
"""Its rows are put back in order by ``first_article_id`` (see ``articles.insert_many``)."""
_ARTICLES = Article.__table__
_FILE = (
    update(_ARTICLES)
    .where(_ARTICLES.c.id == bindparam("article"))
    .values(story_id=bindparam("story"), updated_at=bindparam("updated"))
)


def count_article(session: Session, story_id: int, *, now: datetime) -> Story:
    """Count one more article on the story (seen ``now``); the story comes back fresh and
    row-locked until commit (where the engine can: the UPDATE takes the lock), so its outlets can
    be updated safely. One statement."""
    return session.scalars(
        update(Story)
        .where(Story.id == story_id)
        .values(article_count=Story.article_count + 1, last_seen=now)
        .returning(Story)
        .execution_options(populate_existing=True)
    ).one()


def delete_empty(session: Session, story_ids: Sequence[int]) -> int:
    """Delete those of ``story_ids`` left without any article; returns how many went."""
    orphaned = ~exists().where(Article.story_id == Story.id)
    result = session.execute(
        delete(Story).where(Story.id.in_(story_ids), orphaned),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount or 0  # type: ignore[attr-defined]


def recent(
    session: Session,
    *,
    since: datetime,
    min_outlets: int = 1,
    limit: int = 50,
    relevant: bool = False,
) -> list[Story]:
    """Stories seen since ``since`` carried by at least ``min_outlets`` outlets, latest first
    (``relevant``: only stories with at least one China–U.S. relevant article).

    With ``min_outlets`` ≥ 2 the query repeats the partial index's condition word for word, so
    both engines walk ``ix_stories_multi_outlet_last_seen`` (only multi-outlet stories, newest
    first) instead of every recent story.
    """
    query = select(Story).where(Story.last_seen >= since)
    if min_outlets > 1:
        query = query.where(
            text(MULTI_OUTLET), func.json_array_length(Story.outlets) >= min_outlets
        )
    if relevant:
        query = query.where(
            select(Article.id).where(Article.story_id == Story.id, Article.relevant).exists()
        )
    query = query.order_by(Story.last_seen.desc(), Story.id.desc()).limit(limit)
    return list(session.scalars(query))
