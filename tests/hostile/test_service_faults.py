"""Faults under ``sinowatch run`` (issue 13): a crashing reload, the SQLite file gone."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from crawler.db import Database, DatabaseFileGone
from sinowatch.config_loader import load_settings
from sinowatch.service import Service
from sinowatch.settings import Settings

CONFIG = """\
data_dir: {data_dir}
channels:
  jsonl: {{type: jsonl, path: alerts.jsonl}}
"""


def test_sighup_with_a_crashing_loader_keeps_the_running_config(
    database: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(CONFIG.format(data_dir=tmp_path), encoding="utf-8")
    settings = load_settings(config, environ={})

    def crashing_loader(path: Path) -> Settings:
        raise RecursionError("maximum recursion depth exceeded while loading " + str(path))

    unretrieved: list[dict[str, Any]] = []

    async def scenario() -> Service:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: unretrieved.append(ctx))
        service = Service(config, settings, database, load=crashing_loader)
        service.request_reload()  # what SIGHUP calls
        await service.background.join()
        return service

    with caplog.at_level(logging.ERROR, logger="sinowatch.service"):
        service = asyncio.run(scenario())
    assert service.settings is settings, "the running config is kept"
    (record,) = [r for r in caplog.records if getattr(r, "event", None) == "reload"]
    assert record.ok is False  # type: ignore[attr-defined]
    assert "config reload failed, keeping the running config" in record.getMessage()
    assert "RecursionError" in record.getMessage() and str(config) in record.getMessage()
    assert unretrieved == [], "no 'Task exception was never retrieved'"


def test_no_transaction_begins_on_a_deleted_sqlite_file(database: Database) -> None:
    assert database.file is not None
    with database.transaction() as session:
        session.execute(text("SELECT 1"))
    database.file.unlink()
    gone = "was deleted while sinowatch was using it"
    with pytest.raises(DatabaseFileGone, match=gone), database.transaction() as session:
        session.execute(text("SELECT 1"))
    with pytest.raises(DatabaseFileGone), database.session() as session:
        session.execute(text("SELECT 1"))


@pytest.mark.e2e
@pytest.mark.parametrize("fault", ["deleted", "replaced"])
def test_run_stops_with_an_error_when_its_sqlite_file_goes(tmp_path: Path, fault: str) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(CONFIG.format(data_dir=tmp_path), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "sinowatch", "-c", str(config), "run", "--log-format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:  # until the service has started
            if '"event": "start"' in line:
                break
        db = tmp_path / "sinowatch.db"
        if fault == "deleted":
            db.unlink()
        else:
            shutil.copy(db, tmp_path / "copy.db")
            os.replace(tmp_path / "copy.db", db)
        gone = time.monotonic()
        code = process.wait(timeout=60)
        stopped_in = time.monotonic() - gone
        rest = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert code == 1, rest
    events = [json.loads(line) for line in rest.splitlines() if line.startswith("{")]
    (failure,) = [e for e in events if e["level"] == "critical"]
    what = "deleted" if fault == "deleted" else "replaced by another file"
    assert f"the database file {db} was {what} while sinowatch was using it" in failure["msg"]
    assert "Traceback" not in rest, rest
    assert stopped_in < 30
