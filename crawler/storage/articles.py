"""Queries on ``articles`` and the rows that hang off one: ``article_aliases`` (its other URLs)
and ``article_revisions`` (its earlier texts)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from crawler.storage import sql
from crawler.storage.tables import Article, ArticleAlias, ArticleRevision, LshBand

URLS_PER_QUERY = 500
"""URLs (or fingerprints) bound per ``IN`` (SQLite caps bound parameters)."""


def get(session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def find(session: Session, canonical_url: str, aliases: Sequence[str]) -> Article | None:
    """The article stored under ``canonical_url``, else the first one known under any of
    ``canonical_url`` and ``aliases`` as an alias (one statement, each side an index probe)."""
    return session.scalars(
        _FIND, {"canonical": canonical_url, "urls": [canonical_url, *aliases]}
    ).first()


_FOUND = union_all(
    select(Article.id, literal_column("0").label("rank")).where(
        Article.canonical_url == bindparam("canonical")
    ),
    select(ArticleAlias.article_id, literal_column("1")).where(
        ArticleAlias.url.in_(bindparam("urls", expanding=True))
    ),
).subquery()
_FIND = select(Article).where(
    Article.id
    == select(_FOUND.c.id).order_by(_FOUND.c.rank, _FOUND.c.id).limit(1).scalar_subquery()
)
"""Built once, like every statement of the per-article path: building and keying a statement
costs more than running it."""


def insert_new(session: Session, values: dict[str, Any]) -> Article | None:
    """Insert an article unless one has its ``canonical_url`` (``ON CONFLICT DO NOTHING``): the
    stored row (defaults filled in), or None when another transaction stored the page first.
    One statement: the row comes back through ``RETURNING`` instead of a second read."""
    return session.scalars(_insert_returning(session.get_bind().dialect.name), values).first()


@lru_cache(maxsize=4)
def _insert_returning(dialect: str) -> Any:
    """The article INSERT of :func:`insert_new`, built once per dialect."""
    return (
        sql.dialect_insert(dialect, Article)
        .on_conflict_do_nothing(index_elements=["canonical_url"])
        .returning(Article)
    )


def insert_many(session: Session, rows: Sequence[dict[str, Any]]) -> list[Article]:
    """Insert articles none of which may be stored yet (one multi-row statement): the stored rows
    (defaults filled in) in the order of ``rows``. A ``canonical_url`` stored meanwhile fails the
    statement (IntegrityError), unlike :func:`insert_new`: the caller checked under its locks."""
    stored = {article.canonical_url: article for article in session.scalars(_INSERT_MANY, rows)}
    return [stored[row["canonical_url"]] for row in rows]


_INSERT_MANY = insert(Article).returning(Article)
"""Put back in order by ``canonical_url``: ``sort_by_parameter_order`` would cost one statement
per row on SQLite, where the RETURNING order of a multi-row INSERT is not guaranteed."""


def add_aliases(session: Session, article_id: int, urls: Sequence[str]) -> None:
    """Record ``urls`` as aliases of the article (a URL already an alias keeps its article)."""
    add_alias_rows(session, [(article_id, url) for url in urls])


def add_alias_rows(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Record each ``(article_id, url)`` as an alias (a URL already an alias keeps its article),
    one statement."""
    if not rows:
        return
    session.execute(
        _insert_aliases(session.get_bind().dialect.name),
        [{"url": url, "article_id": article_id} for article_id, url in rows],
    )


@lru_cache(maxsize=4)
def _insert_aliases(dialect: str) -> Any:
    """The alias INSERT of :func:`add_aliases`, built once per dialect."""
    return sql.dialect_insert(dialect, ArticleAlias).on_conflict_do_nothing(index_elements=["url"])


def keep_revision(session: Session, article: Article, *, now: datetime) -> None:
    """Copy the article's current text into ``article_revisions`` (once per revision number)."""
    session.execute(
        sql.insert(session, ArticleRevision)
        .values(
            article_id=article.id,
            revision=article.revision,
            title=article.title,
            text=article.text,
            fingerprint=article.fingerprint,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["article_id", "revision"])
    )


def updated_at_by_url(session: Session, urls: Iterable[str]) -> dict[str, datetime]:
    """Of ``urls`` (exact strings), those stored as a canonical URL or an alias, each with its
    article's ``updated_at``."""
    found: dict[str, datetime] = {}
    ordered = sorted(set(urls))
    for start in range(0, len(ordered), URLS_PER_QUERY):
        chunk = ordered[start : start + URLS_PER_QUERY]
        found.update(session.execute(_UPDATED_AT_BY_CANONICAL_URL, {"urls": chunk}).all())
        found.update(session.execute(_UPDATED_AT_BY_ALIAS, {"urls": chunk}).all())
    return found


_UPDATED_AT_BY_CANONICAL_URL = select(Article.canonical_url, Article.updated_at).where(
    Article.canonical_url.in_(bindparam("urls", expanding=True))
)
_UPDATED_AT_BY_ALIAS = (
    select(ArticleAlias.url, Article.updated_at)
    .join(Article, Article.id == ArticleAlias.article_id)
    .where(ArticleAlias.url.in_(bindparam("urls", expanding=True)))
)


def story_with_fingerprint(session: Session, fingerprint: str, *, since: datetime) -> int | None:
    """The story of the oldest article first seen since ``since`` with this text fingerprint."""
    return session.scalars(
        _STORY_WITH_FINGERPRINT, {"fingerprint": fingerprint, "since": since}
    ).first()


_STORY_WITH_FINGERPRINT = (
    select(Article.story_id)
    .where(
        Article.fingerprint == bindparam("fingerprint"),
        Article.story_id.is_not(None),
        Article.first_seen >= bindparam("since"),
    )
    .order_by(Article.id)
    .limit(1)
)


def fingerprints_with_story(
    session: Session, fingerprints: Iterable[str], *, since: datetime
) -> set[str]:
    """Of ``fingerprints``, those :func:`story_with_fingerprint` finds a story for."""
    found: set[str] = set()
    ordered = sorted(set(fingerprints))
    for start in range(0, len(ordered), URLS_PER_QUERY):
        chunk = ordered[start : start + URLS_PER_QUERY]
        found.update(
            session.scalars(_FINGERPRINTS_WITH_STORY, {"fingerprints": chunk, "since": since})
        )
    return found


_FINGERPRINTS_WITH_STORY = (
    select(Article.fingerprint)
    .where(
        Article.fingerprint.in_(bindparam("fingerprints", expanding=True)),
        Article.story_id.is_not(None),
        Article.first_seen >= bindparam("since"),
    )
    .distinct()
)


def minhashes(session: Session, ids: Sequence[int]) -> list[tuple[int, bytes | None, int | None]]:
    """``(id, minhash, story_id)`` of the articles ``ids``."""
    rows = session.execute(
        select(Article.id, Article.minhash, Article.story_id).where(Article.id.in_(ids))
    )
    return [(article_id, blob, story_id) for article_id, blob, story_id in rows]


def stale_minhashes(
    session: Session, layout: bytes, size: int, *, since: datetime, limit: int
) -> list[tuple[int, int | None, str | None, bool, datetime]]:
    """``(id, story_id, text, partial, indexed_at)`` of up to ``limit`` articles indexed for
    near-duplicate search at or after ``since`` (band rows that recent: what a lookup compares)
    whose stored MinHash does not open with ``layout`` or is not ``size`` bytes long (made
    another way); ``indexed_at``: when their band rows were made."""
    stale = or_(
        func.substr(Article.minhash, 1, len(layout)) != layout,
        func.length(Article.minhash) != size,
    )
    indexed = select(LshBand.created_at).where(
        LshBand.article_id == Article.id, LshBand.created_at >= since
    )
    indexed_at = (
        select(func.max(LshBand.created_at))
        .where(LshBand.article_id == Article.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Article.id, Article.story_id, Article.text, Article.partial, indexed_at)
        .where(Article.minhash.is_not(None), indexed.exists(), stale)
        .order_by(Article.id)
        .limit(limit)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def set_minhash(session: Session, article_id: int, minhash: bytes | None) -> None:
    """Store the article's MinHash, leaving ``updated_at`` (when its text changed) as it is."""
    session.execute(
        update(Article)
        .where(Article.id == article_id)
        .values(minhash=minhash, updated_at=Article.updated_at)
    )


def delete_first_seen_before(
    session: Session, cutoff: datetime, *, limit: int
) -> list[tuple[int, int | None]]:
    """Delete up to ``limit`` articles first seen before ``cutoff`` (oldest first; their aliases,
    revisions, bands and alerts cascade); returns their ``(id, story_id)``."""
    rows = session.execute(
        select(Article.id, Article.story_id)
        .where(Article.first_seen < cutoff)
        .order_by(Article.first_seen)
        .limit(limit)
    ).all()
    if rows:
        session.execute(
            delete(Article).where(Article.id.in_([article_id for article_id, _ in rows])),
            execution_options={"synchronize_session": False},
        )
    return [(article_id, story_id) for article_id, story_id in rows]


def first_seen_since(session: Session, since: datetime, *, limit: int) -> list[Article]:
    """Articles first seen at or after ``since``, newest first, at most ``limit``."""
    return list(
        session.scalars(
            select(Article)
            .where(Article.first_seen >= since)
            .order_by(Article.first_seen.desc(), Article.id.desc())
            .limit(limit)
        )
    )


def of_stories(session: Session, story_ids: Sequence[int]) -> list[Article]:
    """The articles of these stories, in id order."""
    if not story_ids:
        return []
    return list(
        session.scalars(select(Article).where(Article.story_id.in_(story_ids)).order_by(Article.id))
    )
