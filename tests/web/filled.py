"""The one database every web test reads, filled by real crawls of a local news site.

The offline demo site (``config/demo/``), crawled by two ``sinowatch crawl`` runs in child
processes: the first is the silent baseline; the site then publishes its new articles; the second
alerts. The alerts go to a JSONL file (sent), to a webhook on a closed port with
``max_attempts: 1`` (dead) and to a digest channel (pending until its morning send), so the outbox
has all three. One alerted story is then given a hostile title (see :func:`plant_hostile_title`).
Sources carry an outlet country and type, so the coverage chart and the story page's columns by
country have something to show.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

HOSTILE_TITLE = '<script>alert("title")</script> Chip export controls <b>tighten</b> & ]]> "quoted"'
"""The planted headline: markup (and a CDATA end) every page, feed and export must show as text."""
HOSTILE_QUOTE = 'Export controls <img src=x onerror=alert("quote")> buy time'
HOSTILE_WATCHLIST = "us-china"
"""The shipped watchlist, the one the hostile alert is filed under."""
TRADE_DESK = {
    "name": "trade-desk",
    "description": "Every tariff story, energy tariffs too (a second desk's broader watchlist).",
    "channels": ["jsonl"],
    "topics": [{"id": "any-tariff", "name": "Any tariff", "query": "tariff*"}],
}
"""A second watchlist: more alerts than pages of one, and watchlists to filter by."""
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
    hostile_alert_id: int
    """The alert (and story, article) given :data:`HOSTILE_TITLE`."""

    def database(self) -> Database:
        return Database(self.database_url)


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_config(workdir: Path, site: DemoSite) -> Path:
    """The shipped watchlist routed to a JSONL channel, a webhook that cannot be reached and a
    digest (which ``crawl`` leaves pending); :data:`TRADE_DESK` to the JSONL channel."""
    shipped = yaml.safe_load(
        (default_config_dir() / "watchlists" / "us-china.yaml").read_text(encoding="utf-8")
    )
    watchlists = [{**w, "channels": ["jsonl", "webhook", "digest"]} for w in shipped["watchlists"]]
    watchlists.append(TRADE_DESK)
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
            "digest": {"type": "jsonl", "path": str(workdir / "digest.jsonl"), "mode": "digest"},
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
    hostile_alert_id = plant_hostile_title(Database(settings.database_url))
    return Filled(config_path, settings, settings.database_url, hostile_alert_id)


def plant_hostile_title(database: Database) -> int:
    """Give the first alert of :data:`HOSTILE_WATCHLIST` (its story and article too) a
    ``<script>`` title and its expert hits a hostile quote; the alert's id.

    The crawler stores plain text only (``crawler/plaintext.py`` drops every tag), so no crawl can
    store this title: it is written into storage directly, to check that the web layer escapes
    on its own whatever the database holds.
    """
    try:
        with database.transaction() as session:
            alert = session.scalars(
                select(Alert).where(Alert.watchlist == HOSTILE_WATCHLIST).order_by(Alert.id)
            ).first()
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
            return alert.id
    finally:
        database.dispose()


TOKEN = "test-token-of-the-web-tests"
"""The dashboard's access token (``Access(token=TOKEN)``)."""


@contextmanager
def served(
    settings: Settings, database: Database, *, scheduler: Any = None
) -> Iterator[RunningServer]:
    """``create_app`` on ``database``, served by the real server on a free 127.0.0.1 port."""
    with background_server(
        settings,
        database,
        host="127.0.0.1",
        port=0,
        access=Access(token=TOKEN),
        scheduler=scheduler,
    ) as running:
        yield running
