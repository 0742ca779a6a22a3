"""SQL shared by the storage modules: the dialect's INSERT and transaction-level advisory locks."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert(session: Session, model: type[Any]) -> Any:
    """The dialect's INSERT, which offers ``on_conflict_do_nothing``."""
    return dialect_insert(session.get_bind().dialect.name, model)


def dialect_insert(dialect: str, model: type[Any]) -> Any:
    """The INSERT of the dialect named ``dialect`` (for statements built once per dialect)."""
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise RuntimeError(f"unsupported database {dialect!r}: use SQLite or PostgreSQL")


def advisory_xact_lock(bind: Session | Connection, key: int) -> None:
    """PostgreSQL: wait for the transaction-level advisory lock ``key`` (released at commit).

    SQLite has no such lock and needs none: a write transaction holds the file's only write lock.
    """
    dialect = bind.get_bind().dialect if isinstance(bind, Session) else bind.dialect
    if dialect.name == "postgresql":
        bind.execute(select(func.pg_advisory_xact_lock(key)))


_LOCK_MANY = text(
    "SELECT count(pg_advisory_xact_lock(k)) "
    "FROM (SELECT DISTINCT unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) AS ordered"
)


def advisory_xact_locks(session: Session, keys: Collection[int]) -> None:
    """PostgreSQL: wait for each transaction-level advisory lock of ``keys``, in ascending order,
    in one statement (released at commit).

    Every caller taking its keys in one global order cannot deadlock on them with another such
    caller. Locks already held by this transaction are taken again at no wait. SQLite: nothing
    (see :func:`advisory_xact_lock`).
    """
    if keys and has_advisory_locks(session):
        session.execute(_LOCK_MANY, {"keys": sorted(keys)})


def has_advisory_locks(session: Session) -> bool:
    """Whether the database takes advisory locks (PostgreSQL), so callers compute lock keys only
    where they are used."""
    return session.get_bind().dialect.name == "postgresql"
