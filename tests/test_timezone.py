"""The ``timezone`` setting: cron schedules and digests fire in it, and ``check`` shows when."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from typer.testing import CliRunner

from crawler.db import Database
from sinowatch.cli import app
from sinowatch.config_loader import ConfigError, load_settings
from sinowatch.schedules import crontab_weekdays, next_fire_times
from sinowatch.service.scheduling import Timetable, claim_min_gap
from sinowatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
NEW_YORK = ZoneInfo("America/New_York")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def settings(timezone: str | None) -> Settings:
    zone = {} if timezone is None else {"timezone": timezone}
    return Settings.model_validate(
        {
            **zone,
            "channels": {
                "daily": {"type": "jsonl", "path": "a.jsonl", "mode": "digest"},  # 0 8 * * *
                "now": {"type": "console"},
            },
            "sources": [
                {
                    "id": "morning",
                    "name": "m",
                    "kind": "feed",
                    "url": "http://127.0.0.1/m.xml",
                    "schedule": {"cron": "30 6 * * *"},
                }
            ],
        }
    )


def test_timezone_defaults_to_utc_and_an_unknown_zone_names_the_line_and_close_names(
    tmp_path: Path,
) -> None:
    assert settings(None).timezone == "UTC"
    config = tmp_path / "sinowatch.yaml"
    config.write_text("data_dir: d\ntimezone: Europe/Berln\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(config)
    assert f"{config}:2:1: timezone: unknown time zone 'Europe/Berln'" in str(error.value)
    assert "Europe/Berlin" in str(error.value)
    config.write_text("timezone: ../../etc/passwd\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown time zone"):
        load_settings(config)


def test_a_cron_keeps_its_local_hour_across_a_daylight_saving_change() -> None:
    """New York moves to EDT at 02:00 on 2026-03-08: 08:00 local is 13:00 UTC before, 12:00 on."""
    now = datetime(2026, 3, 6, 14, 0, tzinfo=UTC)
    fires = next_fire_times("0 8 * * *", "America/New_York", now, 3)
    assert [f.astimezone(UTC).hour for f in fires] == [13, 12, 12]
    assert all(f.astimezone(NEW_YORK).hour == 8 for f in fires)
    assert [f.hour for f in next_fire_times("0 8 * * *", "UTC", now, 3)] == [8, 8, 8]


def test_cron_claim_gap_follows_the_zone() -> None:
    """Two processes share a cron source: the gap between runs is 23h on the spring-forward day."""
    config = settings("America/New_York")
    source = config.source("morning")
    before_change = datetime(2026, 3, 7, 6, 0, tzinfo=UTC)  # next: 3-7 06:30 EST, 3-8 06:30 EDT
    assert claim_min_gap(config, source, before_change) == timedelta(hours=23) / 2
    assert claim_min_gap(settings(None), source, before_change) == timedelta(hours=24) / 2


def test_the_service_schedules_digests_and_cron_sources_in_the_zone(database: Database) -> None:
    async def job(_name: str) -> None:
        raise AssertionError("scheduled, never run")

    async def timetable() -> dict[str, datetime]:
        scheduler = AsyncIOScheduler(timezone=UTC)
        scheduler.start(paused=True)
        try:
            table = Timetable(scheduler, database)
            config = settings("Asia/Shanghai")
            table.schedule_sources(config, job)
            table.schedule_digests(config, job)
            return {job.id: job.next_run_time for job in scheduler.get_jobs()}
        finally:
            scheduler.shutdown(wait=False)

    before = datetime.now(SHANGHAI)
    jobs = asyncio.run(timetable())
    assert set(jobs) == {"crawl:morning", "digest:daily"}
    digest = jobs["digest:daily"].astimezone(SHANGHAI)
    assert (digest.hour, digest.minute) == (8, 0), "08:00 in Shanghai (00:00 UTC)"
    assert before < digest <= before + timedelta(days=1)


def test_check_prints_the_next_digest_and_cron_crawl_in_the_zone(tmp_path: Path) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(
        textwrap.dedent(
            """\
            timezone: Asia/Shanghai
            sources:
              - {id: morning, name: M, kind: feed, url: "http://127.0.0.1/m.xml",
                 schedule: {cron: "30 6 * * *"}}
            channels:
              daily: {type: console, mode: digest, digest_cron: "0 8 * * *"}
            """
        ),
        encoding="utf-8",
    )
    now = datetime.now(SHANGHAI)

    def next_local(hour: int, minute: int) -> str:
        fire = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        fire += timedelta(days=1) if fire <= now else timedelta(0)
        return f"next {fire:%Y-%m-%d %H:%M} CST"

    result = CliRunner().invoke(app, ["--config", str(config), "check"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "timezone: Asia/Shanghai" in result.stdout
    assert f"digest (0 8 * * *), {next_local(8, 0)}" in result.stdout
    assert f"cron 30 6 * * *, {next_local(6, 30)}" in result.stdout


def test_zones_resolve_without_a_system_zone_database(tmp_path: Path) -> None:
    """A slim image may have no /usr/share/zoneinfo: the tzdata package is the fallback."""
    code = "from sinowatch.schedules import check_timezone; print(check_timezone('Asia/Shanghai'))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONTZPATH": str(tmp_path), "PYTHONPATH": str(ROOT)},  # empty dir
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout == "Asia/Shanghai\n", result.stderr


@pytest.mark.parametrize(
    ("expression", "weekdays"),
    [
        ("0 8 * * 1", {"Monday"}),
        ("0 8 * * 1-5", {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}),
        ("0 8 * * mon-fri", {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}),
        ("0 8 * * 0", {"Sunday"}),
        ("0 8 * * 7", {"Sunday"}),
        ("0 8 * * 0-2", {"Sunday", "Monday", "Tuesday"}),
        ("0 8 * * */2", {"Sunday", "Tuesday", "Thursday", "Saturday"}),
        ("0 8 * * sat,sun", {"Saturday", "Sunday"}),
    ],
)
def test_cron_weekdays_are_read_the_crontab_way(expression: str, weekdays: set[str]) -> None:
    """APScheduler 3 alone would fire ``0 8 * * 1`` on Tuesdays (it counts from Monday = 0)."""
    fires = next_fire_times(expression, "UTC", datetime(2026, 11, 30, tzinfo=UTC), 14)
    assert {fire.strftime("%A") for fire in fires} == weekdays
    assert all(fire.hour == 8 for fire in fires)


def test_any_weekday_stays_a_wildcard() -> None:
    assert crontab_weekdays("*/15 * * * *") == "*"
