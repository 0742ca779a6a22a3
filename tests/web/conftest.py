"""Fixtures of the web tests: one database filled by a real crawl, the dashboard serving it.

- ``filled``: once per session, :func:`tests.web.filled.fill` (two ``sinowatch crawl`` runs of
  the demo site on 127.0.0.1: real spiders, matcher, rules and outbox; sent, dead and pending
  deliveries; a hostile title planted in storage) into a SQLite file, with its settings.
- ``dashboard``: ``filled`` served for the whole session by the real server
  (:func:`sinowatch.web.server.background_server`, i.e. ``create_app``), token ``TOKEN``.
- ``live_url``: the dashboard's base URL; ``filled_db``: a database handle for a test's own reads.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crawler.db import Database
from sinowatch.web.server import RunningServer
from tests.web.filled import Filled, fill, served


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    """One filled database for every web test of the session (the two crawls take ~30 s)."""
    return fill(tmp_path_factory.mktemp("web-filled"))


@pytest.fixture(scope="session")
def dashboard(filled: Filled) -> Iterator[RunningServer]:
    database = filled.database()
    try:
        with served(filled.settings, database) as running:
            yield running
    finally:
        database.dispose()


@pytest.fixture
def live_url(dashboard: RunningServer) -> str:
    return dashboard.url


@pytest.fixture
def filled_db(filled: Filled) -> Iterator[Database]:
    database = filled.database()
    yield database
    database.dispose()
