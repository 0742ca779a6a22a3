"""Fixtures of the web tests: a database filled by a real crawl, an app on it, a live server.

- ``crawled``: once per session, ``sinowatch demo`` (real spiders crawling the demo news site on
  127.0.0.1, the real matcher, rules and outbox) into a SQLite file, plus one alert whose
  headline is hostile markup (:data:`HOSTILE_TITLE`), and the demo's settings.
- ``api_app``: a FastAPI app with the API, feeds and health routers on that database (what
  ``sinowatch.web.app.create_app`` assembles, without the pages).
- ``live_url``: that app served by uvicorn on 127.0.0.1 (real HTTP), its base URL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn
from fastapi import FastAPI

from crawler.db import Database
from sinowatch.config_loader import load_settings
from sinowatch.settings import Settings
from sinowatch.web import api, feeds, health
from tests.alerting import seed_alerts
from tests.web.filled import dashboard, filled  # noqa: F401  (lane web's session fixtures)

HOSTILE_TITLE = '<script>alert("x")</script> & <b>bold</b> ]]> "quoted"'
"""The headline of the extra alert: markup every page, feed and export must show as text."""
OPENAPI_PATH = "/api/v1/openapi.json"
"""Where ``create_app`` serves the OpenAPI document (no /docs: Swagger UI comes from a CDN)."""
HOSTILE_WATCHLIST = "us-china"
"""The demo's watchlist, which the hostile alert is filed under."""


@dataclass(frozen=True)
class Crawled:
    url: str
    """The SQLite database URL."""
    settings: Settings
    hostile_alert_id: int


@pytest.fixture(scope="session")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    """The demo's two crawls (baseline, then new articles alerted), kept in a SQLite file."""
    root = tmp_path_factory.mktemp("crawled")
    url = f"sqlite:///{root / 'sinowatch.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "sinowatch", "demo", "--keep", "--db", url],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=root,
        env={**os.environ, "TMPDIR": str(root), "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (workdir,) = root.glob("sinowatch-demo-*")
    settings = load_settings(workdir / "sinowatch.yaml")
    database = Database(url)
    try:
        (alert_id,) = seed_alerts(
            database, [("console", "instant")], title=HOSTILE_TITLE, watchlist=HOSTILE_WATCHLIST
        )
    finally:
        database.dispose()
    return Crawled(url, settings, alert_id)


@pytest.fixture
def crawled_db(crawled: Crawled) -> Iterator[Database]:
    database = Database(crawled.url)
    yield database
    database.dispose()


def build_app(database: Database, settings: Settings) -> FastAPI:
    """The API, feeds and health routers on ``database``, with the state they read."""
    app = FastAPI(title="sinowatch", openapi_url=OPENAPI_PATH, docs_url=None, redoc_url=None)
    for module in (api, feeds, health):
        app.include_router(module.router)
    app.state.sessions = database.session
    app.state.settings = settings
    app.state.context = {}
    return app


@pytest.fixture
def api_app(crawled: Crawled, crawled_db: Database) -> FastAPI:
    return build_app(crawled_db, crawled.settings)


def serve(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free 127.0.0.1 port in a thread; yield its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        threading.Event().wait(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def live_url(api_app: FastAPI) -> Iterator[str]:
    yield from serve(api_app)
