"""Hostile config and query input: every bad value is a config error at FILE:LINE:COL, exit 2.

Issue 13: an alias bomb made ``check`` grow without end, a negative interval spun ``run`` at
100 % CPU, huge numbers ended in an ``OverflowError`` traceback, 1,000 nested parentheses in a
query in a ``RecursionError``.
"""

from __future__ import annotations

import re
import time
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sinowatch.cli import app
from sinowatch.config_loader import MAX_ALIAS_VALUES, MAX_DEPTH, ConfigError, load_settings

SOURCE = """\
sources:
  - id: wire
    name: Wire
    kind: feed
    url: https://wire.example.org/feed.xml
"""


def write(tmp_path: Path, text: str, name: str = "sinowatch.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--config", str(path), "check"], env={})
    return result.exit_code, result.stderr


def alias_bomb(levels: int = 9) -> str:
    """Nine anchors of nine aliases each: 9**9 values once expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join([*lines, f"sources: *a{levels - 1}", ""])


def test_alias_bomb_is_refused_fast_in_bounded_memory(tmp_path: Path) -> None:
    path = write(tmp_path, alias_bomb())
    tracemalloc.start()
    started = time.process_time()  # CPU time: the machine may be busy with other work
    try:
        with pytest.raises(ConfigError) as caught:
            load_settings(path, environ={})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.process_time() - started < 2
    assert peak < 50 * 2**20, f"{peak / 2**20:.0f} MiB"
    (problem,) = caught.value.problems
    assert re.match(
        rf"{re.escape(str(path))}:1:\d+: aliases .* more than {MAX_ALIAS_VALUES:,}", problem
    )


def test_aliases_within_the_bound_still_work(tmp_path: Path) -> None:
    text = """\
schedule: &every {interval: 15m, jitter: 1m}
sources:
  - {id: a, name: A, kind: feed, url: "https://a.example.org/f", schedule: *every}
  - {id: b, name: B, kind: feed, url: "https://b.example.org/f", schedule: *every}
"""
    settings = load_settings(write(tmp_path, text), environ={})
    assert [s.schedule.interval.total_seconds() for s in settings.sources] == [900, 900]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", f"1:{3 + MAX_DEPTH}: nested more than"),
        ("data_dir: !!binary aGVsbG8=\n", "1:11: the YAML tag !!binary is not allowed"),
        ("data_dir: !!set {a: null}\n", "1:11: the YAML tag !!set is not allowed"),
        ("data_dir: !!python/name:os.system\n", "1:11: the YAML tag !!python/name:os.system"),
    ],
    ids=["nesting", "binary", "set", "python"],
)
def test_deep_nesting_and_tags_are_config_errors(tmp_path: Path, text: str, where: str) -> None:
    path = write(tmp_path, text)
    code, err = check(path)
    assert code == 2, err
    assert err.startswith(f"{path}:{where}"), err


@pytest.mark.parametrize(
    ("setting", "position", "message"),
    [
        ("schedule: {interval: -5}", "1:12", "schedule.interval: a duration cannot be negative"),
        ("schedule: {interval: 0}", "1:12", "schedule.interval: must be longer than 0"),
        ("schedule: {interval: .inf}", "1:12", "schedule.interval: duration too long"),
        ("schedule: {interval: 1e400}", "1:12", "schedule.interval: not a duration"),
        ("crawler: {download_timeout: -1}", "1:11", "crawler.download_timeout: a duration cannot"),
        ("crawler: {download_timeout: 0s}", "1:11", "crawler.download_timeout: must be longer"),
        ("retention: 99999999999d", "1:1", "retention: duration too long"),
        ("dedup: {window: 9999999999999}", "1:9", "dedup.window: duration too long"),
        ("crawler: {extract_workers: 100000}", "1:11", "crawler.extract_workers: input should be"),
        ("crawler: {max_page_bytes: 1e99}", "1:11", "crawler.max_page_bytes:"),
        ("relevance: {threshold: .nan}", "1:13", "relevance.threshold: input should be a finite"),
    ],
)
def test_values_that_cannot_work_are_config_errors(
    tmp_path: Path, setting: str, position: str, message: str
) -> None:
    path = write(tmp_path, setting + "\n" + SOURCE)
    code, err = check(path)
    assert code == 2, err
    assert err.startswith(f"{path}:{position}: {message}"), err
    assert "Traceback" not in err


def test_channel_numbers_are_bounded(tmp_path: Path) -> None:
    text = (
        SOURCE
        + """\
channels:
  hook:
    type: webhook
    url: "https://h.example.org/x"
    timeout: -3
    max_age: 0
    max_attempts: 99999999999
"""
    )
    code, err = check(write(tmp_path, text))
    assert code == 2
    problems = sorted(line.split(": ", 2)[1] for line in err.splitlines())
    assert problems == [
        "channels.hook.max_age",
        "channels.hook.max_attempts",
        "channels.hook.timeout",
    ]


def test_query_nesting_in_a_watchlist_points_at_the_file(tmp_path: Path) -> None:
    query = "(" * 1000 + "tariff" + ")" * 1000
    text = f"watchlists:\n  - name: deep\n    topics:\n      - id: t\n        query: '{query}'\n"
    path = write(tmp_path, text)
    code, err = check(path)
    assert code == 2, err
    assert err.startswith(f"{path}:5:49: watchlists[0].topics[0].query: the query nests more than")
    assert "RecursionError" not in err


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(" * 1000 + "tariff" + ")" * 1000, "nests more than 32 levels"),
        ("china AND " + "-" * 1000 + "tariff", "nests more than 32 levels"),
        ("china AND " + "NOT " * 1000 + "tariff", "nests more than 32 levels"),
        (" OR ".join(f"word{i}" for i in range(3000)), "characters long (at most 10,000)"),
    ],
    ids=["parentheses", "dashes", "nots", "length"],
)
def test_query_command_refuses_hostile_queries_with_exit_2(query: str, message: str) -> None:
    result = CliRunner().invoke(app, ["query", query], env={})
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
