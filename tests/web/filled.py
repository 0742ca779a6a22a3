"""A database filled by real crawls of a local news site, for the web tests.

The offline demo site (``config/demo/``), crawled by two ``sinowatch crawl`` runs in child
processes: the first is the silent baseline; the site then publishes its new articles; the second
alerts. The alerts go to a JSONL file (sent) and to a webhook on a closed port with
``max_attempts: 1`` (dead), so the outbox has both. One alerted story is then given a hostile
title (see :func:`plant_hostile_title`). Sources carry an outlet country and type, so the
coverage chart and the story page's columns by country have something to show.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from alerts.storage.tables import Alert
from crawler.db import Database
from crawler.storage.tables import Article, Story
from sinowatch.config_loader import load_settings
from sinowatch.demo_site import DemoSite
from sinowatch.paths import default_config_dir
from sinowatch.settings import Settings
from sinowatch.web.security import Access
from sinowatch.web.server import RunningServer, background_server

HOSTILE_TITLE = '<script>alert("title")</script> Chip export controls <b>tighten</b>'
HOSTILE_QUOTE = 'Export controls <img src=x onerror=alert("quote")> buy time'
SOURCES = {
    # source id → (outlet id on the demo site, country, outlet type)
    "pacific-ledger": ("ledger", "US", "independent"),
    "harbor-street": ("harbor", "CN", "state_media"),
}


@dataclass
class Filled:
    config_path: Path
    settings: Settings
    database_url: str

    def database(self) -> Database:
        return Database(self.database_url)


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_config(workdir: Path, site: DemoSite) -> Path:
    """The shipped watchlist routed to a JSONL channel and a webhook that cannot be reached."""
    shipped = yaml.safe_load(
        (default_config_dir() / "watchlists" / "us-china.yaml").read_text(encoding="utf-8")
    )
    watchlists = [{**w, "channels": ["jsonl", "webhook"]} for w in shipped["watchlists"]]
    config = {
        "data_dir": str(workdir),
        "database": {"url": f"sqlite:///{workdir / 'sinowatch.db'}"},
        "crawler": {"download_delay": "0s", "autothrottle": False, "download_timeout": "10s"},
        "channels": {
            "jsonl": {"type": "jsonl", "path": str(workdir / "alerts.jsonl")},
            "webhook": {
                "type": "webhook",
                "url": f"http://127.0.0.1:{closed_port()}/hook",
                "max_attempts": 1,
                "timeout": "2s",
            },
        },
        "sources": [
            {
                "id": source_id,
                "name": site.outlets[outlet].name,
                "kind": "feed",
                "url": site.feed_url(outlet),
                "language": "en",
                "country": country,
                "outlet_type": outlet_type,
            }
            for source_id, (outlet, country, outlet_type) in SOURCES.items()
        ],
        "watchlists": watchlists,
    }
    path = workdir / "sinowatch.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def crawl(config_path: Path) -> subprocess.CompletedProcess[str]:
    """``sinowatch crawl`` in a child process (Twisted's reactor cannot restart in one)."""
    return subprocess.run(
        [sys.executable, "-m", "sinowatch", "-c", str(config_path), "crawl"],
        capture_output=True,
        text=True,
        timeout=240,
    )


def fill(workdir: Path) -> Filled:
    """Crawl the demo site twice (baseline, then the new articles) into a new SQLite file."""
    site = DemoSite.from_dir(default_config_dir() / "demo")
    with site:
        config_path = write_config(workdir, site)
        baseline = crawl(config_path)
        assert baseline.returncode == 0, baseline.stdout + baseline.stderr
        assert site.publish(), "the demo site has new articles to publish"
        second = crawl(config_path)
    # exit 1: the webhook delivery is dead, as intended; anything else is a failed crawl
    assert second.returncode == 1, second.stdout + second.stderr
    settings = load_settings(config_path)
    filled = Filled(config_path, settings, settings.database_url)
    plant_hostile_title(filled.database())
    return filled


def plant_hostile_title(database: Database) -> int:
    """Give the first alerted story a ``<script>`` title and a hit a hostile quote; its id.

    The crawler stores plain text only (``crawler/plaintext.py`` drops every tag), so no crawl can
    store this title: it is written into storage directly, to check that the web layer escapes
    on its own whatever the database holds.
    """
    try:
        with database.transaction() as session:
            alert = session.scalars(select(Alert).order_by(Alert.id)).first()
            assert alert is not None, "the second crawl alerted"
            alert.title = HOSTILE_TITLE
            alert.hits = [
                {**hit, "quote": HOSTILE_QUOTE, "snippet": HOSTILE_QUOTE}
                if hit.get("kind") == "expert"
                else hit
                for hit in alert.hits
            ]
            story = session.get(Story, alert.story_id)
            article = session.get(Article, alert.article_id)
            assert story is not None and article is not None
            story.title = article.title = HOSTILE_TITLE
            return story.id
    finally:
        database.dispose()


TOKEN = "test-token-of-the-web-tests"


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    """One filled database for every web test of the session (two crawls take ~30 s)."""
    return fill(tmp_path_factory.mktemp("web-filled"))


@pytest.fixture(scope="session")
def dashboard(filled: Filled) -> Iterator[RunningServer]:
    """``filled`` served on 127.0.0.1 (a free port) by the real server, token ``TOKEN``."""
    database = filled.database()
    try:
        with background_server(
            filled.settings, database, host="127.0.0.1", port=0, access=Access(token=TOKEN)
        ) as running:
            yield running
    finally:
        database.dispose()
