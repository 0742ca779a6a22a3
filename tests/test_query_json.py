"""``sinowatch query --json``: the dry run's matches as a JSON object on standard output."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crawler.storage.tables import Article, Story
from sinowatch.cli import app
from tests.test_query import cli_setup


def test_query_json_groups_copies_and_lists_hits(tmp_path: Path) -> None:
    config, database = cli_setup(
        tmp_path,
        "    topics: [{id: trade, name: Trade, query: 'tariff*'}]\n"
        "    experts: [{name: Victor Gao}]\n",
    )
    text = 'New tariffs on chips. "It will backfire," said Victor Gao.'
    with database.transaction() as session:
        story = Story(title="Tariffs", outlets=["wire.example", "paper.example"])
        session.add(story)
        session.flush()
        for n, outlet in enumerate(["wire.example", "paper.example", "other.example"]):
            session.add(
                Article(
                    canonical_url=f"https://{outlet}/{n}",
                    url=f"https://{outlet}/{n}",
                    outlet=outlet,
                    title="<script>Tariffs</script>" if n == 2 else f"Copy {n}",
                    text=text if n < 2 else "Rain in Beijing, no tariffs today.",
                    authors=[],
                    story_id=story.id if n < 2 else None,
                )
            )
    database.dispose()
    runner = CliRunner()
    result = runner.invoke(app, ["-c", str(config), "query", "--watchlist", "beat", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["checked"] == 3 and found["matched"] == 3
    grouped, alone = sorted(found["stories"], key=lambda s: s["story_id"] is None)
    assert grouped["story_id"] == story.id
    assert [a["outlet"] for a in grouped["articles"]] == ["paper.example", "wire.example"]
    hits = {(hit["kind"], hit["id"], hit["mention"]) for hit in grouped["hits"]}
    assert hits == {("topic", "trade", None), ("expert", "victor-gao", "quoted")}
    quoted = next(hit for hit in grouped["hits"] if hit["kind"] == "expert")
    assert quoted["quote"] == "It will backfire"
    assert alone["story_id"] is None
    assert alone["articles"][0]["title"] == "<script>Tariffs</script>"
    assert [hit["id"] for hit in alone["hits"]] == ["trade"]

    bad = runner.invoke(app, ["-c", str(config), "query", "china AND (tariff", "--json"])
    assert bad.exit_code == 2 and bad.stdout == ""


def test_query_json_with_nothing_stored_is_still_json(tmp_path: Path) -> None:
    config, database = cli_setup(tmp_path, "    topics: [{id: trade, query: 'tariff*'}]\n")
    database.dispose()
    result = CliRunner().invoke(app, ["-c", str(config), "query", "tariff*", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"checked": 0, "matched": 0, "stories": []}
    assert "no articles stored" in result.stderr
