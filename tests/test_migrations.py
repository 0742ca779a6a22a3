"""Alembic migrations: they build exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import pprint
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.migrate import alembic_config, current_revision, head_revision, upgrade, upgrade_sql
from crawler.storage.tables import Base

MODEL_TABLES = set(Base.metadata.tables)
"""Every table: the crawler's and (declared on the same metadata) the alerts'."""


def _downgrade_to_base(database: Database) -> None:
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection=connection), "base")


def test_fresh_sqlite_file_is_migrated_to_head(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'new' / 'sw.db'}")
    assert current_revision(database) is None
    upgrade(database)
    assert current_revision(database) == head_revision()
    assert set(inspect(database.engine).get_table_names()) == MODEL_TABLES | {"alembic_version"}
    database.dispose()


def test_schema_matches_models(any_database: Database) -> None:
    """Fails when the tables (crawler/storage/tables.py, alerts/storage/tables.py) changed but
    crawler/migrations/versions did not."""
    with any_database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == [], (
        "the tables and the migrations disagree; update "
        "crawler/migrations/versions/0001_initial.py (pre-release) for:\n"
        f"{pprint.pformat(diff)}"
    )


def test_alerts_tables_share_the_crawler_metadata() -> None:
    """One metadata, so one Alembic history covers the alerts' tables too."""
    assert Alert.metadata is Delivery.metadata is Base.metadata
    assert {"alerts", "deliveries", "articles", "stories"} <= MODEL_TABLES


def test_upgrade_twice_is_a_no_op(any_database: Database) -> None:
    revision = current_revision(any_database)
    upgrade(any_database)
    assert current_revision(any_database) == revision == head_revision()


def test_circular_story_article_foreign_key_exists(any_database: Database) -> None:
    foreign_keys = inspect(any_database.engine).get_foreign_keys("stories")
    assert [(fk["constrained_columns"], fk["referred_table"]) for fk in foreign_keys] == [
        (["first_article_id"], "articles")
    ]


def test_downgrade_to_base_then_upgrade_again(any_database: Database) -> None:
    _downgrade_to_base(any_database)
    assert set(inspect(any_database.engine).get_table_names()) <= {"alembic_version"}
    assert current_revision(any_database) is None
    upgrade(any_database)
    assert set(inspect(any_database.engine).get_table_names()) >= MODEL_TABLES


@pytest.mark.postgres
def test_concurrent_upgrades_on_postgresql_serialise(pg_url: str) -> None:
    """Several commands starting at once against an empty database: one migrates, all succeed."""
    setup = Database(pg_url)
    _downgrade_to_base(setup)
    setup.dispose()
    databases = [Database(pg_url) for _ in range(4)]
    with ThreadPoolExecutor(len(databases)) as pool:
        list(pool.map(upgrade, databases))
    assert {current_revision(db) for db in databases} == {head_revision()}
    for db in databases:
        db.dispose()


@pytest.mark.e2e
def test_concurrent_upgrades_of_a_fresh_sqlite_file_serialise(tmp_path: Path) -> None:
    """Two processes starting at once on a new SQLite file: one migrates, both succeed."""
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    script = (
        "import sys\n"
        "from crawler.db import Database\n"
        "from crawler.migrate import upgrade\n"
        "upgrade(Database(sys.argv[1]))\n"
    )
    children = [
        subprocess.Popen([sys.executable, "-c", script, url], stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    errors = [child.communicate(timeout=120)[1] for child in children]
    assert [child.returncode for child in children] == [0, 0, 0, 0], errors
    database = Database(url)
    assert current_revision(database) == head_revision()
    database.dispose()


@pytest.mark.parametrize(
    ("url", "marker"),
    [
        ("sqlite:///unused.db", "CREATE TABLE articles"),
        # Port 1 on loopback: nothing listens, proving the SQL is written without connecting.
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "ALTER TABLE stories ADD CONSTRAINT"),
    ],
)
def test_upgrade_sql_writes_the_script_without_a_connection(url: str, marker: str) -> None:
    buffer = io.StringIO()
    upgrade_sql(url, buffer)
    script = buffer.getvalue()
    assert marker in script
    assert script.count("CREATE TABLE") == len(MODEL_TABLES) + 1  # + alembic_version
    # The script stamps each revision in turn (INSERT the first, UPDATE to each next): head last.
    stamps = re.findall(r"alembic_version.*?version_num(?:\) VALUES \(|=)'([^']+)'", script)
    assert stamps[0] == "0001" and stamps[-1] == head_revision(), stamps
