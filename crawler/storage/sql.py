"""SQL shared by the storage modules: the dialect's INSERT and transaction-level advisory locks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert(session: Session, model: type[Any]) -> Any:
    """The dialect's INSERT, which offers ``on_conflict_do_nothing``."""
    dialect = session.get_bind().dialect.name
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
