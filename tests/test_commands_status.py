"""``sinowatch status`` through the real command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.storage.tables import Article, Source, Story
from sinowatch.cli import app

CONFIG = """\
data_dir: {data}
database:
  url: {url}
sources:
  - id: xinhua
    name: Xinhua English
    kind: feed
    url: https://xinhua.example.org/world.rss
  - id: cfr
    name: CFR
    kind: feed
    url: https://cfr.example.org/feed.xml
"""


def status(tmp_path: Path, url: str, *args: str) -> tuple[int, str]:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(CONFIG.format(data=tmp_path / "data", url=url))
    result = CliRunner(env={"COLUMNS": "160"}).invoke(
        app, ["--config", str(config), "status", *args]
    )
    return result.exit_code, result.output


def seed(database: Database) -> None:
    with database.transaction() as session:
        session.add_all(
            [
                Source(
                    id="cfr",
                    name="CFR",
                    kind="feed",
                    last_run_at=datetime(2026, 11, 3, 6, 15, tzinfo=UTC),
                    last_status="error",
                    consecutive_errors=2,
                    last_error="HTTP 503 from cfr.example.org",
                ),
                Source(id="retired", name="Old feed", kind="feed", last_status="ok"),
            ]
        )
        article = Article(canonical_url="https://a.example/1", url="https://a.example/1")
        article.story = Story(title="t")
        session.add(article)
        session.flush()
        alert = Alert(watchlist="trade", story_id=article.story_id, article_id=article.id)
        session.add(alert)
        session.flush()
        for channel, state in [("mail", "dead"), ("hook", "pending"), ("chat", "pending")]:
            session.add(
                Delivery(alert_id=alert.id, channel=channel, status=state, idempotency_key=channel)
            )


def test_status_on_a_new_database_lists_configured_sources(tmp_path: Path) -> None:
    code, out = status(tmp_path, f"sqlite:///{tmp_path / 'sw.db'}")
    assert code == 0, out
    assert "xinhua" in out and "cfr" in out
    assert out.count("never") == 2
    assert "deliveries pending" in out and "deliveries dead" in out


def test_status_json_merges_config_and_database(tmp_path: Path, any_database: Database) -> None:
    seed(any_database)
    code, out = status(tmp_path, any_database.url, "--json")
    assert code == 0, out
    data = json.loads(out)
    sources = {source["id"]: source for source in data["sources"]}
    assert sources["cfr"]["last_run_at"] == "2026-11-03T06:15:00+00:00"
    assert (sources["cfr"]["consecutive_errors"], sources["cfr"]["configured"]) == (2, True)
    assert (sources["xinhua"]["last_run_at"], sources["xinhua"]["configured"]) == (None, True)
    assert sources["retired"]["configured"] is False
    assert data["deliveries"] == {"dead": 1, "pending": 2}
    assert (data["articles"], data["stories"], data["alerts"]) == (1, 1, 1)


def test_status_table_shows_errors_and_dead_deliveries(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sw.db'}"
    code, _ = status(tmp_path, url)  # creates and migrates the database
    assert code == 0
    database = Database(url)
    seed(database)
    database.dispose()
    code, out = status(tmp_path, url)
    assert code == 0, out
    assert "2026-11-03 06:15" in out
    assert "HTTP 503" in out
    assert "retired (not in config)" in out
    dead_line = next(line for line in out.splitlines() if "deliveries dead" in line)
    assert dead_line.split()[-2:] == ["1", "│"]
