"""``sinowatch export`` through the real command line: every kind in every format reads back
to the same records, filters by --since and --watchlist, hostile headlines survive CSV."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from alerts import outbox
from crawler.db import Database
from crawler.storage.tables import Story
from sinowatch.cli import app
from sinowatch.commands.export import output_stream
from sinowatch.exports import COLUMNS, FORMATS, KINDS, csv_cell, parse_since
from tests.alerting import NOW, expert_hit, store, topic_hit

HOSTILE = 'He said "no, never",\nthen <script>alert(1)</script> & left'
OLD = NOW - timedelta(days=10)

CONFIG = """\
data_dir: {data}
database:
  url: {url}
watchlists:
  - name: experts
    experts: [{{name: Victor Gao}}]
  - name: trade
    topics: [{{id: tariffs, any: ["tariff*"]}}]
"""


def _alert(
    database: Database, key: str, title: str, watchlist: str, when: Any, hits: list[dict[str, Any]]
) -> None:
    """One stored story (text unique to ``key``) alerted by ``watchlist`` at ``when``."""
    result, _ = store(
        database,
        url=f"https://news.example.org/{key}",
        outlet="news.example.org",
        title=title,
        text=f"Story {key}, told its own way. " * 20,
        now=when,
    )
    with database.transaction() as session:
        outbox.create_alert(
            session,
            watchlist=watchlist,
            story_id=result.story.id,
            article_id=result.article.id,
            title=title,
            hits=hits,
            channels=[("console", "instant")],
            now=when,
        )


@pytest.fixture
def seeded(database: Database, tmp_path: Path) -> Path:
    """3 stories alerted by ``experts`` now (one hostile headline), 2 by ``trade`` 10 days ago
    (its expert only mentioned); the config file that points at them."""
    quoted = [expert_hit("experts").to_dict(), topic_hit("experts").to_dict()]
    for index, title in enumerate(["Talks resume", "Chips, again", HOSTILE]):
        _alert(database, f"now-{index}", title, "experts", NOW, quoted)
    mentioned = [topic_hit("trade").to_dict(), expert_hit("trade", "mentioned").to_dict()]
    for index in range(2):
        _alert(database, f"old-{index}", f"Tariffs, part {index}", "trade", OLD, mentioned)
    config = tmp_path / "sinowatch.yaml"
    config.write_text(CONFIG.format(data=tmp_path / "data", url=database.url))
    return config


def export(config: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--config", str(config), "export", *args])
    return result.exit_code, result.stdout, result.stderr


def read(path: Path, fmt: str) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text, newline="")))
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return json.loads(text)


@pytest.mark.parametrize("kind", KINDS)
def test_every_format_reads_back_to_the_same_records(
    seeded: Path, tmp_path: Path, kind: str
) -> None:
    read_back = {}
    for fmt in FORMATS:
        out = tmp_path / f"{kind}.{fmt}"
        code, stdout, stderr = export(seeded, kind, "--format", fmt, "--output", str(out))
        assert code == 0, stderr
        assert stdout == ""
        read_back[fmt] = read(out, fmt)
        assert f"exported {len(read_back[fmt])} {kind} as {fmt} to {out}" in stderr
    records = read_back["json"]
    assert read_back["jsonl"] == records
    assert read_back["csv"] == [{k: csv_cell(v) for k, v in r.items()} for r in records]
    assert all(tuple(record) == COLUMNS[kind] for record in records)  # type: ignore[index]
    expected = {"stories": 5, "hits": 10, "quotes": 3}[kind]  # 5 alerts × 2 hits, 3 quoted
    assert len(records) == expected


def test_stories_are_the_stored_ones_newest_first(seeded: Path, database: Database) -> None:
    code, stdout, _ = export(seeded, "stories", "--format", "json")
    assert code == 0
    exported = json.loads(stdout)
    with database.session() as session:
        stored = list(
            session.scalars(select(Story).order_by(Story.last_seen.desc(), Story.id.desc()))
        )
    assert [s["id"] for s in exported] == [s.id for s in stored]
    assert [s["title"] for s in exported] == [s.title for s in stored]
    assert HOSTILE in [s["title"] for s in exported]
    assert {tuple(s["watchlists"]) for s in exported} == {("experts",), ("trade",)}


def test_hostile_headline_survives_csv(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "hits.csv"
    assert export(seeded, "hits", "--output", str(out))[0] == 0
    titles = {row["title"] for row in read(out, "csv")}
    assert HOSTILE in titles


def test_since_and_watchlist_filter(seeded: Path) -> None:
    _, recent, _ = export(seeded, "hits", "--format", "jsonl", "--since", "2026-11-01")
    assert {json.loads(line)["watchlist"] for line in recent.splitlines()} == {"experts"}
    _, trade, _ = export(seeded, "stories", "--format", "json", "--watchlist", "trade")
    assert [s["title"] for s in json.loads(trade)] == ["Tariffs, part 1", "Tariffs, part 0"]
    _, quotes, _ = export(seeded, "quotes", "--format", "json", "--watchlist", "trade")
    assert json.loads(quotes) == []  # trade's expert hits are mentions, not quotes


def test_bad_options_exit_2(seeded: Path) -> None:
    code, _, stderr = export(seeded, "hits", "--since", "last tuesday")
    assert code == 2 and "--since" in stderr
    code, _, stderr = export(seeded, "hits", "--watchlist", "nope")
    assert code == 2 and "experts, trade" in stderr
    assert export(seeded, "articles")[0] == 2


def test_unwritable_output_is_an_error(seeded: Path, tmp_path: Path) -> None:
    code, _, stderr = export(seeded, "hits", "--output", str(tmp_path / "missing" / "hits.csv"))
    assert code == 1 and "cannot write" in stderr and "Traceback" not in stderr


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    """The output appears only once the export is complete: no partial file, no temporary."""
    out = tmp_path / "hits.csv"
    out.write_text("the previous export\n")
    with pytest.raises(RuntimeError), output_stream(out) as stream:
        stream.write("half of it")
        raise RuntimeError("the database went away")
    assert out.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["hits.csv"]


def test_an_export_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    out = tmp_path / "hits.csv"
    out.write_text("the previous export\n")
    out.chmod(0o640)
    with output_stream(out) as stream:
        stream.write("the new one\n")
    assert out.read_text() == "the new one\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_parse_since() -> None:
    assert parse_since("2d", now=NOW) == NOW - timedelta(days=2)
    assert parse_since("2026-11-01").isoformat() == "2026-11-01T00:00:00+00:00"
    assert parse_since("2026-11-01T08:00:00+08:00").isoformat() == "2026-11-01T00:00:00+00:00"
    with pytest.raises(ValueError, match="neither a duration"):
        parse_since("soon")
