"""Shared fixtures: migrated databases (SQLite, PostgreSQL) and the shared corpus.

- ``database``: a fresh, migrated SQLite file.
- ``any_database``: the same test once on SQLite and once on a throwaway PostgreSQL database.
- ``pg_url``: the URL of a throwaway, migrated PostgreSQL database (for multi-process tests).

PostgreSQL is reached at ``SINOWATCH_TEST_PG_URL`` (default: the local server's ``postgres``
database). When no server answers the PostgreSQL cases skip, unless ``CI_REQUIRE_POSTGRES=1``
(set by ``.ci/run``), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from crawler.db import Database
from crawler.migrate import upgrade

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture
def corpus_dir() -> Path:
    if not (CORPUS / "MANIFEST.md").exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite file database."""
    db = Database(f"sqlite:///{tmp_path / 'sinowatch.db'}")
    upgrade(db)
    yield db
    db.dispose()


def _pg_admin_url() -> str:
    return os.environ.get("SINOWATCH_TEST_PG_URL", DEFAULT_PG_URL)


def _postgres_unavailable(reason: str) -> None:
    message = f"PostgreSQL not reachable at {make_url(_pg_admin_url())!r}: {reason}"
    if os.environ.get("CI_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{message} (CI_REQUIRE_POSTGRES=1, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """URL of a new, migrated PostgreSQL database ``sw_<random>``, dropped after the test."""
    admin_url = make_url(_pg_admin_url())
    name = f"sw_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(
            admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
        )
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except (OperationalError, ModuleNotFoundError) as exc:
        _postgres_unavailable(str(exc).strip().splitlines()[0])
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    db = Database(url)
    try:
        upgrade(db)
    finally:
        db.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def any_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated database: once SQLite, once PostgreSQL (``sw_<random>``, dropped after)."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'sinowatch.db'}")
        upgrade(db)
    else:
        db = Database(request.getfixturevalue("pg_url"))
    yield db
    db.dispose()
