"""The CLI imports a command's dependencies only when that command runs (issue 18).

``sinowatch --help``, ``--version`` and ``check`` run in a fresh interpreter, which then lists the
heavy packages it imported: none may be there. The top-level help lists each command from its
summary in :data:`sinowatch.commands.COMMANDS`, which must be the first paragraph of the real
command's help.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main
from typer.core import TyperGroup

from sinowatch.cli import CommandSummary, app
from sinowatch.commands import COMMANDS

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("scrapy", "twisted", "trafilatura", "scipy", "datasketch", "sqlalchemy", "apprise")
# Runs the CLI in-process as `python -m sinowatch` would, then prints the top-level packages
# imported, whatever the exit status.
PROBE = """\
import json, runpy, sys
sys.argv = ["sinowatch", *sys.argv[1:]]
try:
    runpy.run_module("sinowatch", run_name="__main__")
except SystemExit as exc:
    status = exc.code
else:
    status = 0
print(json.dumps({"status": status, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _imported(*args: str) -> tuple[object, set[str]]:
    """Exit status and imported top-level packages of ``sinowatch ARGS`` in a fresh interpreter."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    return report["status"], set(report["modules"])


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["--config", str(REPO / "config" / "sinowatch.yaml"), "check"],
    ],
    ids=["help", "version", "check"],
)
def test_light_commands_import_no_heavy_package(args: list[str]) -> None:
    status, modules = _imported(*args)
    assert status in (0, None)
    assert {"typer", "sinowatch"} <= modules  # the probe did run the CLI
    assert sorted(modules & set(HEAVY)) == []


def test_a_command_that_crawls_still_imports_what_it_needs() -> None:
    """The probe can see a heavy import: ``crawl --help`` loads the crawl command's module."""
    status, modules = _imported("crawl", "--help")
    assert status in (0, None)
    assert "sqlalchemy" in modules


def test_each_summary_is_the_first_paragraph_of_the_real_help() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    ctx = typer.Context(group)
    assert group.list_commands(ctx) == list(COMMANDS)
    for name, summary in COMMANDS.items():
        command = group.get_command(ctx, name)
        assert command is not None and not isinstance(command, CommandSummary)
        first = inspect.cleandoc(command.help or "").split("\n\n")[0].replace("\n", " ")
        assert summary == first.strip(), name


def _help(group: TyperGroup, capsys: pytest.CaptureFixture[str]) -> str:
    assert group.main(["--help"], prog_name="sinowatch", standalone_mode=False) == 0
    return capsys.readouterr().out


def test_top_level_help_is_the_same_once_every_command_is_loaded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    lazy = _help(group, capsys)
    assert all(isinstance(c, CommandSummary) for c in group.commands.values())
    ctx = typer.Context(group)
    for name in group.list_commands(ctx):
        group.get_command(ctx, name)
    assert not any(isinstance(c, CommandSummary) for c in group.commands.values())
    assert " check " in lazy
    assert lazy == _help(group, capsys)
