"""The CLI imports a command's dependencies only when that command runs (issue 18).

``sinowatch --help``, ``--version`` and ``check`` run in a fresh interpreter, which then lists the
modules it imported: no heavy package may be there, nor any other command's module, and no
command's own ``--help`` may import the crawling stack. The top-level help lists each command
from its summary in :data:`sinowatch.commands.COMMANDS`, which must be the first paragraph of
the real command's help.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.core import TyperGroup

from sinowatch.cli import CommandSummary, app
from sinowatch.commands import COMMANDS

REPO = Path(__file__).resolve().parents[1]
CRAWLING = ("scrapy", "twisted", "trafilatura", "scipy", "datasketch")
"""What only crawling and inspecting pages need: no command's ``--help`` imports them."""
HEAVY = (*CRAWLING, "sqlalchemy", "apprise", "httpx")
# Runs the CLI in-process as `python -m sinowatch` would, then prints the modules imported,
# whatever the exit status.
PROBE = """\
import json, runpy, sys
sys.argv = ["sinowatch", *sys.argv[1:]]
try:
    runpy.run_module("sinowatch", run_name="__main__")
except SystemExit as exc:
    status = exc.code
else:
    status = 0
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""
# The same for ``sinowatch NAME --help`` of each NAME given, one after the other in this
# interpreter; per command: its status, every module loaded so far, and those it added.
PROBE_EACH_HELP = """\
import json, runpy, sys
report = []
for name in sys.argv[1:]:
    before = set(sys.modules)
    sys.argv = ["sinowatch", name, "--help"]
    try:
        runpy.run_module("sinowatch", run_name="__main__")
    except SystemExit as exc:
        status = exc.code
    else:
        status = 0
    modules = set(sys.modules)
    report.append(
        {"command": name, "status": status, "modules": sorted(modules),
         "new": sorted(modules - before)}
    )
print(json.dumps(report))
"""


def _packages(modules: set[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


def _env() -> dict[str, str]:
    """This checkout first on the path, as ``PYTHONPATH=$PWD python -m sinowatch`` runs it."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }


def _probe(script: str, *args: str) -> tuple[Any, str]:
    """The JSON report ``script`` prints last, run with ``args`` in a fresh interpreter, and
    its stderr."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=_env(),
        check=False,
    )
    lines = done.stdout.splitlines()
    assert lines, done.stderr
    return json.loads(lines[-1]), done.stderr


def _imported(*args: str) -> tuple[object, set[str]]:
    """Exit status and imported modules of ``sinowatch ARGS`` in a fresh interpreter."""
    report, _ = _probe(PROBE, *args)
    return report["status"], set(report["modules"])


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["--help"], set()),
        (["--version"], set()),
        (["--config", str(REPO / "config" / "sinowatch.yaml"), "check"], {"check"}),
    ],
    ids=["help", "version", "check"],
)
def test_light_commands_import_no_heavy_package(args: list[str], loaded: set[str]) -> None:
    status, modules = _imported(*args)
    assert status in (0, None)
    assert "sinowatch.cli" in modules  # the probe did run the CLI
    commands = {
        m.removeprefix("sinowatch.commands.")
        for m in modules
        if m.startswith("sinowatch.commands.")
    }
    assert commands == loaded
    assert sorted(_packages(modules) & set(HEAVY)) == []


def test_no_command_help_imports_the_crawling_stack() -> None:
    """Every command's ``--help`` in turn in one fresh interpreter (one per command cost ~1.5 s
    of CPU each): the modules new after each one are what that command imported first, so a
    crawling package is charged to the first command whose help imports it."""
    report, stderr = _probe(PROBE_EACH_HELP, *COMMANDS)
    assert [entry["command"] for entry in report] == list(COMMANDS)
    for entry in report:
        name, modules = entry["command"], set(entry["modules"])
        assert entry["status"] in (0, None), (name, stderr[-2000:])
        assert f"sinowatch.commands.{name}" in modules  # its own help, not the summary
        assert sorted(_packages(set(entry["new"])) & set(CRAWLING)) == [], name


def test_the_probe_sees_a_heavy_import() -> None:
    """``db --help`` loads the db command's module, which imports SQLAlchemy at the top."""
    status, modules = _imported("db", "--help")
    assert status in (0, None)
    assert "sqlalchemy" in _packages(modules)


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
