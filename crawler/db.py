"""Database engine and sessions for SQLite (default) and PostgreSQL.

A Heroku-style ``postgres://`` URL (and a bare ``postgresql://``) means psycopg 3, the driver
sinowatch installs: it is opened as ``postgresql+psycopg://`` (:func:`engine_url`).

SQLite gets WAL, ``synchronous=NORMAL`` and a busy timeout on every connection so a crawl and a
dispatcher can share one file. The schema is created and upgraded by Alembic migrations
(:func:`upgrade`), never by ``create_all`` outside tests of the models themselves.

Transactions on SQLite: the ``sqlite3`` driver's legacy mode would only begin a transaction at the
first INSERT/UPDATE/DELETE, so the reads before it (e.g. "is there a story for this text?") ran
outside any transaction and another connection could commit in between. Following SQLAlchemy's
pysqlite recipe ("Serializable isolation / Savepoints / Transactional DDL") the driver's BEGIN is
switched off and we emit our own: ``BEGIN IMMEDIATE`` for :meth:`Database.transaction` (the write
lock is taken up front, so a read-then-write is atomic and writers queue on the busy timeout
instead of failing), plain deferred ``BEGIN`` for everything else (:meth:`Database.session` reads
never wait for a writer under WAL).

A SQLite file deleted or replaced under a running process would go on taking writes into the
unlinked file, lost at exit: every transaction first checks that the path still names the file
opened (device and inode, :meth:`Database.check_file`) and raises :class:`DatabaseFileGone`
otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "sinowatch_write"
"""Execution option marking a connection whose transactions write (SQLite: ``BEGIN IMMEDIATE``)."""


class DatabaseFileGone(RuntimeError):
    """The SQLite file was deleted or replaced while it was open."""


class Database:
    """An engine plus a session factory, opened from a SQLAlchemy URL."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = engine_url(url)
        self.file = sqlite_file(self.url)
        """The SQLite database file (None for another database or an in-memory one)."""
        self._identity: tuple[int, int] | None = None
        self.engine = make_engine(self.url, echo=echo, before_begin=self.check_file)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        """A session for reading (on SQLite it takes no write lock before its first write)."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: commits on success, rolls back on any error.

        On SQLite it holds the database's write lock from its start (``BEGIN IMMEDIATE``), so
        what it reads cannot change under it before it commits; other writers wait.
        """
        with self._writes.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    def check_file(self) -> None:
        """Raise :class:`DatabaseFileGone` if the SQLite file is not the one first opened.

        The first call that finds the file records its device and inode; nothing to check for
        PostgreSQL.
        """
        if self.file is None:
            return
        try:
            stat = os.stat(self.file)
        except FileNotFoundError:
            if self._identity is None:  # not a plain file (e.g. a ``file:…?mode=memory`` URI)
                return
            raise DatabaseFileGone(self._gone("deleted")) from None
        identity = (stat.st_dev, stat.st_ino)
        if self._identity is None:
            self._identity = identity
        elif identity != self._identity:
            raise DatabaseFileGone(self._gone("replaced by another file"))

    def _gone(self, what: str) -> str:
        return (
            f"the database file {self.file} was {what} while sinowatch was using it; stopped so "
            "that nothing is written to a file that is gone. Restore it from a backup, or start "
            "again to create a new database (each source's first crawl is then a silent baseline)"
        )


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for another database or an in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).absolute()


def engine_url(url: str) -> str:
    """``postgres://…`` / ``postgresql://…`` → ``postgresql+psycopg://…``; others unchanged."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme.lower() in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return url


def make_engine(
    url: str, *, echo: bool = False, before_begin: Callable[[], None] | None = None
) -> Engine:
    """An engine for ``url``; ``before_begin`` runs before each SQLite transaction begins."""
    url = engine_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True, future=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, future=True
    )
    event.listen(engine, "connect", _sqlite_connect)
    if before_begin is not None:
        event.listen(engine, "begin", lambda _connection: before_begin())
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # The driver emits no BEGIN of its own; _sqlite_begin does (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Begin every transaction explicitly: IMMEDIATE (write lock now) where it is to write."""
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
