"""The README stays true to the code: its commands exist, its YAML examples validate, and the
documented `inspect --json` keys are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from sinowatch.cli import app
from sinowatch.config_loader import load_settings
from sinowatch.inspect import JSON_KEYS, RELEVANCE_KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
SECRETS = {
    "SMTP_PASSWORD": "x",
    "WEBHOOK_SECRET": "whsec_c2lub3dhdGNoLXJlYWRtZS10ZXN0",
    "SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T0/B0/x",
}


def _section(title: str) -> str:
    start = README.index(f"\n## {title}")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_every_command_is_in_the_commands_table_and_every_listed_one_exists() -> None:
    real = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    listed = set(re.findall(r"^\| `([a-z]+)", _section("Commands"), flags=re.M))
    assert listed == real


def test_yaml_examples_validate(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.S)
    assert len(blocks) >= 2
    channels: dict[str, object] = {}
    for number, block in enumerate(blocks):
        config = tmp_path / f"example{number}.yaml"
        text = block
        if "watchlists:" in block:  # the watchlist example names channels defined elsewhere
            text += "channels:\n  console: {type: console}\n  jsonl: {type: jsonl, path: a.jsonl}\n"
        config.write_text(text, encoding="utf-8")
        settings = load_settings(config, environ=SECRETS)
        channels.update(settings.channels)
    assert {"desk-email", "hooks", "chat", "console", "jsonl"} <= set(channels)


def test_inspect_json_keys_are_documented_exactly() -> None:
    table = _section("`sinowatch inspect`: why did (or didn't) this page alert?")
    documented: list[str] = []
    for cell in re.findall(r"^\| ([^|]+) \|", table, flags=re.M):
        documented += re.findall(r"`([a-z_]+)`", cell)
    assert sorted(documented) == sorted(JSON_KEYS)


def test_inspect_relevance_keys_are_documented() -> None:
    table = _section("`sinowatch inspect`: why did (or didn't) this page alert?")
    row = re.search(r"^\| `relevance` \| `\{(.*?)\}`", table, flags=re.M)
    assert row is not None
    top_level = re.sub(r"\{[^{}]*\}", "", row[1])  # drop the nested {term: count}
    documented = [key.split(":")[0].strip() for key in top_level.split(",")]
    assert documented == list(RELEVANCE_KEYS)
