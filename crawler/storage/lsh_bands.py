"""Queries on ``lsh_bands``: one row per (band, band hash, article), the near-duplicate index."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Dialect, Select, and_, bindparam, delete, or_, select
from sqlalchemy.orm import Session

from crawler.storage.tables import LshBand


def probe(session: Session, bands: Sequence[tuple[int, int]]) -> list[tuple[int, datetime]]:
    """``(article_id, created_at)`` of every row matching one of the ``(band, hash)`` pairs.

    The lookup is an OR of ``(band, hash)`` equalities so every engine probes the primary key
    (SQLite plans a row-value ``IN`` or an added ``created_at`` bound as a scan of the
    ``created_at`` index, which grows with the table): callers filter the few rows found.
    """
    parameters = {f"b{i}": band for i, (band, _) in enumerate(bands)}
    parameters.update({f"h{i}": value for i, (_, value) in enumerate(bands)})
    rows = session.execute(_probe_statement(len(bands)), parameters)
    return [(article_id, created_at) for article_id, created_at in rows]


@lru_cache(maxsize=8)
def _probe_statement(bands: int) -> Select[tuple[int, datetime]]:
    """``SELECT article_id, created_at … WHERE (band=:b0 AND hash=:h0) OR …``, built once (building
    the expression costs more than running it)."""
    table = LshBand.__table__.c
    return select(table.article_id, table.created_at).where(
        or_(
            *(
                and_(table.band == bindparam(f"b{i}"), table.hash == bindparam(f"h{i}"))
                for i in range(bands)
            )
        )
    )


def found(session: Session, bands: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Of the ``(band, hash)`` pairs, those indexed for some article (whenever): one statement
    per :data:`PAIRS_PER_QUERY` pairs, each ``band = … AND hash IN (…)`` a primary-key probe."""
    ordered = sorted(set(bands))
    result: set[tuple[int, int]] = set()
    for start in range(0, len(ordered), PAIRS_PER_QUERY):
        by_band: dict[int, list[int]] = {}
        for band, value in ordered[start : start + PAIRS_PER_QUERY]:
            by_band.setdefault(band, []).append(value)
        parameters = {f"h{band}": values for band, values in by_band.items()}
        rows = session.execute(_found_statement(tuple(by_band)), parameters)
        result.update((band, value) for band, value in rows)
    return result


PAIRS_PER_QUERY = 5000
"""``(band, hash)`` pairs bound per :func:`found` statement (SQLite caps bound parameters)."""


@lru_cache(maxsize=8)
def _found_statement(bands: tuple[int, ...]) -> Select[tuple[int, int]]:
    """``SELECT DISTINCT band, hash … WHERE (band = 0 AND hash IN (:h0…)) OR …``, built once."""
    table = LshBand.__table__.c
    return (
        select(table.band, table.hash)
        .where(
            or_(
                *(
                    and_(table.band == band, table.hash.in_(bindparam(f"h{band}", expanding=True)))
                    for band in bands
                )
            )
        )
        .distinct()
    )


def add(
    session: Session,
    article_id: int,
    story_id: int,
    bands: Sequence[tuple[int, int]],
    *,
    now: datetime,
) -> None:
    """Index the article under ``bands`` (``(band, hash)`` pairs), one statement."""
    add_many(session, [(article_id, story_id, bands)], now=now)


def add_many(
    session: Session,
    indexed: Sequence[tuple[int, int, Sequence[tuple[int, int]]]],
    *,
    now: datetime,
) -> None:
    """Index each ``(article_id, story_id, bands)`` as :func:`add` does, all in one statement.

    A crawl batch writes a row per band of every article (18 at the default settings):
    SQLAlchemy's executemany would build and type-process each row's parameters (half the cost
    of the insert on SQLite). The INSERT is compiled once per dialect and the rows go to the
    driver's ``executemany`` as they are, ``created_at`` bound-processed once for all of them:
    the stored values are the ones SQLAlchemy would write. Being driver SQL, it skips what the
    ORM and Core would add (``schema_translate_map``, per-table binds, execute events; only
    ``before_cursor_execute`` fires): none is used here.
    """
    if not any(bands for _, _, bands in indexed):
        return
    connection = session.connection()
    statement, positional, created_at = _insert_statement(connection.dialect)
    stamp = created_at(now) if created_at is not None else now
    rows = [
        (band, value, article_id, story_id, stamp)
        for article_id, story_id, bands in indexed
        for band, value in bands
    ]
    parameters = rows if positional else [dict(zip(_COLUMNS, row, strict=True)) for row in rows]
    connection.exec_driver_sql(statement, parameters)


_COLUMNS = ("band", "hash", "article_id", "story_id", "created_at")


@lru_cache(maxsize=4)
def _insert_statement(dialect: Dialect) -> tuple[str, bool, Callable[[Any], Any] | None]:
    """The band row INSERT compiled for ``dialect`` (its parameters in :data:`_COLUMNS` order when
    the driver's are positional), whether they are, and the bind processor of ``created_at``."""
    table = LshBand.__table__
    compiled = table.insert().compile(dialect=dialect, column_keys=list(_COLUMNS))
    if compiled.positional and tuple(compiled.positiontup or ()) != _COLUMNS:
        raise RuntimeError(f"unexpected parameter order {compiled.positiontup!r}")
    return (
        str(compiled),
        compiled.positional,
        table.c.created_at.type.dialect_impl(dialect).bind_processor(dialect),
    )


def replace(
    session: Session,
    article_id: int,
    story_id: int,
    bands: Sequence[tuple[int, int]],
    *,
    now: datetime,
) -> None:
    """Replace the article's band rows with ``bands`` (``(band, hash)`` pairs)."""
    drop(session, article_id)
    add(session, article_id, story_id, bands, now=now)


def drop(session: Session, article_id: int) -> None:
    """Remove the article's band rows (its text no longer has a signature)."""
    session.execute(delete(LshBand).where(LshBand.article_id == article_id))


def prune(session: Session, *, before: datetime, limit: int | None = None) -> int:
    """Drop band rows older than ``before``; returns how many went.

    With ``limit``, only the rows of at most ``limit`` articles (one bounded batch)."""
    old = LshBand.created_at < before
    if limit is not None:
        articles = select(LshBand.article_id).where(old).distinct().limit(limit)
        old = and_(old, LshBand.article_id.in_(list(session.scalars(articles))))
    result = session.execute(delete(LshBand).where(old))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
