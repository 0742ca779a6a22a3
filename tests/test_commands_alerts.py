"""``sinowatch alerts list`` stays readable in a narrow terminal: nothing is cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from alerts import outbox
from crawler.db import Database
from sinowatch.cli import app
from tests.alerting import seed_alerts

ERROR = "connection attempt failed: timed out after 20 s connecting to smtp.example.org:587"


@pytest.mark.parametrize("columns", [80, 120])
def test_alerts_list_keeps_every_word_of_the_error(tmp_path: Path, columns: int) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(
        f"data_dir: {tmp_path}\n"
        f"channels:\n  file:\n    type: jsonl\n    path: {tmp_path / 'out.jsonl'}\n"
    )
    runner = CliRunner()
    env = {"COLUMNS": str(columns)}
    assert runner.invoke(app, ["-c", str(config), "alerts", "list"], env=env).exit_code == 0
    database = Database(f"sqlite:///{tmp_path / 'sinowatch.db'}")
    seed_alerts(database, [("file", "instant")], count=1)
    with database.session() as session:
        [delivery] = outbox.list_deliveries(session)
    outbox.mark_dead(database, [delivery.id], reason=ERROR)
    database.dispose()

    listed = runner.invoke(app, ["-c", str(config), "alerts", "list"], env=env)
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "…" not in listed.output
    # the wide column, read top to bottom, holds the whole title and error
    wide = " ".join(line.split("│")[-2].strip() for line in lines if line.count("│") == 6)
    assert ERROR in wide and "Xi–Trump call offers a breakthrough" in wide
    assert "dead" in listed.output and "Xi–Trump" in listed.output
