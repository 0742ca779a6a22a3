"""`sinowatch demo` end to end: a real subprocess, offline, alerts reaching both local sinks."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from sinowatch.demo_site import DemoSite
from sinowatch.paths import default_config_dir


def _row(output: str, label: str) -> str:
    match = re.search(rf"{re.escape(label)}\s*│\s*([^│]+?)\s*│", output)
    assert match, f"no {label!r} row in the summary:\n{output}"
    return match.group(1)


@pytest.mark.e2e
def test_demo_runs_offline_and_both_sinks_receive_alerts(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "sinowatch", "demo", "--keep"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    output = result.stdout
    assert result.returncode == 0, output + result.stderr
    alerts = int(_row(output, "alerts"))
    assert alerts >= 3, output
    webhook = re.fullmatch(r"(\d+) received, (\d+) verified", _row(output, "webhook receiver"))
    assert webhook and int(webhook.group(1)) == int(webhook.group(2)) == alerts
    assert _row(output, "SMTP server") == f"{alerts} messages"
    assert _row(output, "alerts.jsonl") == f"{alerts} lines"
    assert "Victor Gao quoted" in output
    alerts_section = output.split("4. Alerts")[1].split("5. What the receivers got")[0]
    assert "electricity tariffs" not in alerts_section, "no alert for grid tariffs"
    silent = output.split("6. Not alerted")[1].split("Summary")[0]
    grid = silent.split("electricity tariffs")[1].split(" - ")[0]
    assert "relevance 0.00 below min_relevance" in grid, silent
    # two outlets carry the Geneva talks: whichever is stored second joins the first one's story
    copies = ("Tariff truce talks resume in Geneva", "negotiators back at the table in Geneva")
    [copy] = [title for title in copies if title in silent]
    assert "a copy of a story already alerted" in silent.split(copy)[1].split(" - ")[0], silent
    assert "Victor Gao" not in silent and "Denis Simon" not in silent, "alerted ones are not here"
    kept = re.search(r"Kept (\S+):", output)
    assert kept and (Path(kept.group(1)) / "sinowatch.yaml").is_file()


def test_demo_site_publishes_new_articles_into_its_feed_only_when_asked():
    site = DemoSite.from_dir(default_config_dir() / "demo", now=datetime(2026, 5, 1, tzinfo=UTC))
    manifest = yaml.safe_load((default_config_dir() / "demo" / "site.yaml").read_text())
    new = {a["page"] for a in manifest["articles"] if a["phase"] == "new"}
    with site:
        feed = site.render(site.outlets["ledger"].feed)[2].decode()
        assert all(f"/news/{page}.html" not in feed for page in new)
        assert site.render("/news/ledger-tariff-talks.html")[0] == 404
        published = {a.page for a in site.publish()}
        assert published == new
        assert (
            "/news/ledger-tariff-talks.html" in site.render(site.outlets["ledger"].feed)[2].decode()
        )
        status, content_type, page = site.render("/news/ledger-tariff-talks.html")
        assert status == 200 and content_type.startswith("text/html")
        assert b'article:published_time" content="2026-04-30T23:20:00+00:00"' in page
        assert site.publish() == []
