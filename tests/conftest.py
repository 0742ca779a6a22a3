"""Shared fixtures: migrated databases (SQLite, PostgreSQL) and the shared corpus.

- ``database``: a fresh, migrated SQLite file (a copy of one migrated once per session).
- ``any_database``: the same test once on SQLite and once on a throwaway PostgreSQL database.
- ``pg_url``: the URL of a throwaway, migrated PostgreSQL database (for multi-process tests),
  cloned from a template database migrated once per session.

PostgreSQL is reached at ``SINOWATCH_TEST_PG_URL`` (default: the local server's ``postgres``
database). When no server answers the PostgreSQL cases skip, unless ``CI_REQUIRE_POSTGRES=1``
(set by ``.ci/run``), where they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from crawler.db import Database
from crawler.migrate import upgrade
from tests.processes import stop_server

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture
def corpus_dir() -> Path:
    if not (CORPUS / "MANIFEST.md").exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per session, copied by ``database`` (as ``pg_template``)."""
    path = tmp_path_factory.mktemp("template") / "sinowatch.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()  # the last connection checkpoints the WAL into the file and removes it
    assert not path.with_name(path.name + "-wal").exists()
    return path


def _sqlite_copy(template: Path, directory: Path) -> Database:
    path = directory / "sinowatch.db"
    shutil.copyfile(template, path)
    return Database(f"sqlite:///{path}")


@pytest.fixture
def database(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite file database (a copy of the session's template)."""
    db = _sqlite_copy(sqlite_template, tmp_path)
    yield db
    db.dispose()


def _pg_admin_url() -> str:
    return os.environ.get("SINOWATCH_TEST_PG_URL", DEFAULT_PG_URL)


def _postgres_unavailable(reason: str) -> NoReturn:
    message = f"PostgreSQL not reachable at {make_url(_pg_admin_url())!r}: {reason}"
    if os.environ.get("CI_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{message} (CI_REQUIRE_POSTGRES=1, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An AUTOCOMMIT engine on the server's admin database (creates and drops databases)."""
    try:
        admin = create_engine(
            make_url(_pg_admin_url()),
            isolation_level="AUTOCOMMIT",
            connect_args={"connect_timeout": 5},
        )
        with admin.connect():
            pass
    except (OperationalError, ModuleNotFoundError) as exc:  # no server, or no driver
        _postgres_unavailable(str(exc).strip().splitlines()[0])
    yield admin
    admin.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_admin: Engine) -> Iterator[str]:
    """Name of a database ``sw_tpl_<random>`` migrated once per session, cloned by ``pg_url``.

    Migrating takes seconds; ``CREATE DATABASE … TEMPLATE`` copies the result in a fraction of
    that. Nothing may stay connected to a template while it is copied: only ``pg_url`` reads it.
    """
    name = f"sw_tpl_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        db = Database(_pg_url(pg_admin, name))
        try:
            upgrade(db)
        finally:
            db.dispose()
        yield name
    finally:
        _drop(pg_admin, name)


@pytest.fixture(scope="session")
def pg_dropper(pg_admin: Engine) -> Iterator[Callable[[str], None]]:
    """Drops a test's database in a background thread: ``DROP DATABASE`` waits for a server
    checkpoint (seconds of I/O) that the next test need not wait for. Every drop is awaited, and
    its error raised, when the session ends."""
    drops: list[Future[None]] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-drop") as pool:
        yield lambda name: drops.append(pool.submit(_drop, pg_admin, name))
    for drop in drops:
        drop.result()


def _drop(admin: Engine, name: str) -> None:
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _pg_url(admin: Engine, database: str) -> str:
    return admin.url.set(database=database).render_as_string(hide_password=False)


@pytest.fixture
def pg_url(pg_admin: Engine, pg_template: str, pg_dropper: Callable[[str], None]) -> Iterator[str]:
    """URL of a new, migrated PostgreSQL database ``sw_<random>`` (a copy of the session's
    template), dropped after the test."""
    name = f"sw_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    try:
        yield _pg_url(pg_admin, name)
    finally:
        pg_dropper(name)


@pytest.fixture(params=BACKENDS)
def any_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated database: once SQLite, once PostgreSQL (``sw_<random>``, dropped after)."""
    if request.param == "sqlite":
        db = _sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
    else:
        db = Database(request.getfixturevalue("pg_url"))
    yield db
    db.dispose()


def pytest_sessionfinish() -> None:
    stop_server()  # the multi-process tests' forkserver, if they started one
