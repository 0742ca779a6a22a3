"""crawler.db: SQLite connection settings that let a crawl and a dispatcher share one file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from crawler.db import SQLITE_BUSY_TIMEOUT_MS, Database


def test_sqlite_connections_use_wal_normal_sync_busy_timeout_and_foreign_keys(
    tmp_path: Path,
) -> None:
    database = Database(f"sqlite:///{tmp_path / 'nested' / 'sinowatch.db'}")
    try:
        with database.engine.connect() as connection:
            pragma = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
            }
    finally:
        database.dispose()
    assert (tmp_path / "nested" / "sinowatch.db").is_file()  # the data directory is created
    # synchronous: 1 is NORMAL (0 OFF, 2 FULL).
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 1,
        "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
        "foreign_keys": 1,
    }


def test_a_failed_transaction_rolls_back(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'sinowatch.db'}")
    try:
        with database.transaction() as session:
            session.execute(text("CREATE TABLE t (x INTEGER)"))
        with pytest.raises(RuntimeError), database.transaction() as session:
            session.execute(text("INSERT INTO t VALUES (1)"))
            raise RuntimeError("boom")
        with database.session() as session:
            assert session.scalar(text("SELECT count(*) FROM t")) == 0
    finally:
        database.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_heroku_style_postgres_url_opens_with_psycopg(pg_url: str, scheme: str) -> None:
    driverless = pg_url.replace("postgresql+psycopg://", f"{scheme}://", 1)
    database = Database(driverless)
    try:
        assert database.url == pg_url
        assert database.engine.dialect.driver == "psycopg"
        with database.session() as session:
            assert session.execute(text("select count(*) from sources")).scalar() == 0
    finally:
        database.dispose()
