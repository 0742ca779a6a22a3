"""Schema creation and upgrades: the Alembic migrations shipped in :mod:`crawler.migrations`.

Alembic is configured in code (no ``alembic.ini``), so the migrations run the same from a
checkout and from an installed wheel. :func:`upgrade` is called by every command on start
(``CliContext.database()``) and by ``sinowatch db upgrade``; it returns at once when the schema
is already at head. Concurrent starters serialise (PostgreSQL: an advisory lock; SQLite: the
file's write lock), so only one of them migrates.
"""

from __future__ import annotations

from typing import TextIO

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from crawler.db import WRITE_OPTION, Database
from crawler.storage.sql import advisory_xact_lock

SCRIPT_LOCATION = "crawler:migrations"
# Arbitrary constant key for pg_advisory_xact_lock: "sinowatch migrate".
ADVISORY_LOCK_KEY = 0x5157_6D69_6772


def alembic_config(
    *, connection: Connection | None = None, url: str | None = None, output: TextIO | None = None
) -> Config:
    """An Alembic config for our migrations, online (``connection``) or offline (``url``)."""
    config = Config(output_buffer=output)
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if url is not None:
        # ConfigParser interpolates '%'; URL-encoded passwords contain it.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of sinowatch."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships 0001
        raise RuntimeError("no migrations found in crawler/migrations/versions")
    return head


def current_revision(database: Database) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(database: Database) -> None:
    """Apply every pending migration, in one transaction where the dialect allows it."""
    head = head_revision()
    if current_revision(database) == head:
        return
    # SQLite: a write transaction (BEGIN IMMEDIATE) holds the file's write lock before Alembic
    # reads the version, so a second starter waits, then finds nothing to do.
    with database.engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
        # PostgreSQL: released at commit; a second starter waits here, then finds nothing to do.
        advisory_xact_lock(connection, ADVISORY_LOCK_KEY)
        command.upgrade(alembic_config(connection=connection), head)


def upgrade_sql(url: str, output: TextIO) -> None:
    """Write the SQL that :func:`upgrade` would run on an empty database of ``url``'s dialect.

    Nothing connects to the database: a DBA can review the script and apply it by hand.
    """
    command.upgrade(alembic_config(url=url, output=output), "head", sql=True)
