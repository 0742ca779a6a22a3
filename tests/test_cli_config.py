"""``sinowatch init`` and ``sinowatch check``, in-process and from a built wheel."""

from __future__ import annotations

import inspect
import io
import logging
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from sinowatch.cli import app
from sinowatch.context import CliContext
from sinowatch.paths import default_config_dir

REPO = Path(__file__).resolve().parents[1]
SECRETS = {
    "SMTP_PASSWORD": "smtp-pw-8d1f",
    "WEBHOOK_SECRET": "whsec_c2VjcmV0LTQ0",
    "TOKEN": "tk-19",
}

FULL_CONFIG = """\
data_dir: state
database:
  url: postgresql+psycopg://watch:${DB_PASSWORD:-db-pw-77}@db.example.org/sinowatch
sources:
  - id: wire
    name: Wire
    kind: sitemap
    url: https://wire.example.org/news-sitemap.xml
  - id: paper
    name: Paper
    kind: feed
    urls: [https://paper.example.org/world.rss, https://paper.example.org/china.rss]
    outlet_type: independent
  - id: listing
    name: Listing [beta]
    kind: listing
    url: https://listing.example.org/
    link_selector: a.story
channels:
  mail:
    type: email
    host: smtp.example.org
    username: alerts
    password: ${SMTP_PASSWORD}
    from: alerts@example.org
    to: [desk@example.org]
    mode: digest
  hook:
    type: webhook
    url: https://user:${TOKEN}@hooks.example.org/in
    secret: ${WEBHOOK_SECRET}
    headers:
      Authorization: Bearer ${TOKEN}
      X-Team: china-desk
      X-Api-Key: ${TOKEN}
  notify:
    type: apprise
    urls: ["tgram://${TOKEN}/123"]
watchlists:
  - name: china-us
    channels: [mail, hook, notify]
    topics:
      - id: trade
        query: tariff* AND China
      - id: chips
        any: [semiconductor, chip]
    experts:
      - name: Gao Zhikai
  - name: quiet
    topics:
      - id: taiwan
        query: Taiwan
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_check_summarises_and_masks_secrets(runner: CliRunner, tmp_path: Path) -> None:
    config = write(tmp_path, "sinowatch.yaml", FULL_CONFIG)
    # wide enough that no table cell is folded (a folded secret would escape the check below)
    result = runner.invoke(
        app, ["--config", str(config), "check"], env={**SECRETS, "COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"config OK: {config}" in out
    assert "3 (1 feed, 1 listing, 1 sitemap)" in out
    for shown in ("wire", "paper", "listing", "china-us", "quiet", "email", "webhook", "apprise"):
        assert shown in out
    # names, not only counts: sources, topics and experts as the user wrote them
    for shown in ("Listing [beta]", "Gao Zhikai", "taiwan"):
        assert shown in out
    assert "digest (0 8 * * *)" in out
    assert "****" in out
    # a harmless header is shown; credential-like ones (Authorization, *key*…) are masked
    assert "X-Team: china-desk" in out
    assert "Authorization: ****" in out
    assert "X-Api-Key: ****" in out
    for secret in [*SECRETS.values(), "db-pw-77"]:
        assert secret not in result.output
    assert "watchlist 'quiet' names no channels" in out


def test_commands_log_no_secrets_once_the_config_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        CliContext(config_path=write(tmp_path, "sinowatch.yaml", FULL_CONFIG)).settings()
        # e.g. httpx at -v: "HTTP Request: POST https://api.telegram.org/bot<token>/…"
        logging.getLogger("httpx").warning(
            "POST tgram://%s/123 Authorization: Bearer %s", SECRETS["TOKEN"], SECRETS["TOKEN"]
        )
        logging.getLogger("sinowatch").warning("smtp login %s", SECRETS["SMTP_PASSWORD"])
    finally:
        root.removeHandler(handler)
    lines = stream.getvalue()
    assert "POST **** Authorization: ****" in lines  # the apprise URL, the header value
    assert "smtp login ****" in lines
    assert not any(secret in lines for secret in SECRETS.values())


def test_check_in_current_directory(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "pass --config FILE, or run `sinowatch init`" in result.stderr
    write(tmp_path, "config/sinowatch.yaml", "sources: []\n")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "config OK: config/sinowatch.yaml" in result.stdout
    assert "no enabled sources" in result.stdout


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"sinowatch.yaml": "include: [w/*.yaml]\n", "w/a.yaml": "watchlists:\n  - {}\n"},
            ["w/a.yaml:2:5: watchlists[0].name: field required"],
        ),
        (
            {"sinowatch.yaml": "crawler:\n  retries: many\n"},
            ["sinowatch.yaml:2:3: crawler.retries: input should be a valid integer"],
        ),
        (
            {"sinowatch.yaml": "shcedule: {}\n"},
            ["sinowatch.yaml:1:1: shcedule: unknown key 'shcedule' (did you mean 'schedule'?)"],
        ),
        ({"sinowatch.yaml": "a: [\n"}, ["sinowatch.yaml:2:1: invalid YAML: "]),
        (
            {"sinowatch.yaml": "data_dir: ${SW_UNSET_VAR}\n"},
            ["sinowatch.yaml:1:11: data_dir: environment variable SW_UNSET_VAR is not set"],
        ),
        (
            {"sinowatch.yaml": "retention: 3 months\n"},
            ["sinowatch.yaml:1:1: retention: not a duration: '3 months'"],
        ),
        (
            {"sinowatch.yaml": "include: [nothing/*.yaml]\n"},
            ["sinowatch.yaml:1:11: include: 'nothing/*.yaml' matches no file"],
        ),
        (
            {
                "sinowatch.yaml": "include: [w/*.yaml]\nretention: never\n",
                "w/a.yaml": "watchlists:\n  - name: x\n    topics: [{id: t, query: 'a AND'}]\n",
            },
            ["w/a.yaml:3:35: watchlists[0].topics[0].query: ", "sinowatch.yaml:2:1: retention: "],
        ),
    ],
    ids=[
        "missing-field-in-include",
        "wrong-type",
        "unknown-key",
        "bad-yaml",
        "missing-env",
        "bad-duration",
        "bad-include",
        "every-problem",
    ],
)
def test_check_reports_problems_and_exits_2(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    expected: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        write(tmp_path, name, text)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    # one line per problem; a query problem adds an indented excerpt with a caret
    lines = [line for line in result.stderr.splitlines() if not line.startswith(" ")]
    assert len(lines) == len(expected), result.stderr
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start)
    assert "config OK" not in result.stdout


def test_init_then_check(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    watchlists = sorted(p.name for p in (default_config_dir() / "watchlists").glob("*.yaml"))
    assert watchlists, "the default config ships watchlists"
    assert sorted(p.name for p in (target / "watchlists").iterdir()) == watchlists
    assert f"--config {target / 'sinowatch.yaml'} check" in result.stdout

    result = runner.invoke(app, ["--config", str(target / "sinowatch.yaml"), "check"], env={})
    assert result.exit_code == 0, result.output
    assert f"data_dir: {target / 'data'}" in result.stdout


def test_init_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    config = write(tmp_path, "sinowatch.yaml", "# my edits\n")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "already exists; pass --force" in result.stderr
    assert config.read_text() == "# my edits\n"
    assert not (tmp_path / "watchlists").exists()

    result = runner.invoke(app, ["init", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    assert config.read_text() == (default_config_dir() / "sinowatch.yaml").read_text()

    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "us-china.yaml already exist; pass --force" in result.stderr


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command and command group under ``group`` (typer's own click objects).

    Looked up as click does when a command runs, so the lazily imported ones are the real ones.
    """
    found = []
    ctx = typer.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        found.append(((*path, name), command))
        if isinstance(command, TyperGroup):
            found.extend(_commands(command, (*path, name)))
    return found


COMMANDS = _commands(typer.main.get_command(app))
HELP_WIDTH = 76  # what `--help` may print per line without rich re-wrapping it at 80 columns


def test_every_command_is_listed_in_the_top_level_help(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    top_level = {path[0] for path, _ in COMMANDS}
    assert {"init", "check", "db", "status", "crawl", "run", "demo"} <= top_level
    for name in top_level:
        assert f" {name} " in result.stdout


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(path) for path, _ in COMMANDS]
)
def test_help_fits_80_columns_with_examples_whole(
    runner: CliRunner, path: tuple[str, ...], command: Any
) -> None:
    """Typer keeps the help's own line breaks after the first paragraph and wraps longer lines
    mid-sentence at 80 columns: those lines must be short, and each example must print whole.
    """
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    first, _, rest = inspect.cleandoc(command.help or "").partition("\n\n")
    assert first, f"sinowatch {' '.join(path)} has no help"
    assert all(len(line) <= HELP_WIDTH for line in rest.splitlines()), rest
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert "[[" not in usage, usage  # a metavar names the argument; typer adds the brackets
    if isinstance(command, TyperGroup):
        return
    examples = [line.strip() for line in rest.splitlines() if "sinowatch " in line]
    assert examples, f"sinowatch {' '.join(path)} --help shows no example"
    printed = [line.strip() for line in result.stdout.splitlines()]
    for example in examples:
        assert example in printed  # on one line, and no [..] eaten as rich markup


@pytest.mark.e2e
@pytest.mark.slow
def test_wheel_ships_the_default_config_and_init_works_from_it(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode != 0 and "hatchling" in build.stderr:
        pytest.skip(f"cannot build a wheel here (no hatchling available): {build.stderr[-300:]}")
    assert build.returncode == 0, build.stderr
    [wheel] = tmp_path.glob("sinowatch-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "sinowatch/default_config/sinowatch.yaml" in names
        assert any(n.startswith("sinowatch/default_config/watchlists/") for n in names)
        # The demo site, the email templates and the migrations run from the package too.
        assert "sinowatch/default_config/demo/site.yaml" in names
        assert any(n.startswith("sinowatch/default_config/demo/pages/") for n in names)
        assert {"alerts/templates/instant.html", "alerts/templates/digest.txt"} <= names
        assert "crawler/migrations/env.py" in names
        assert any(n.startswith("crawler/migrations/versions/0001") for n in names)
        archive.extractall(tmp_path / "site")

    # Run from the unpacked wheel (first on sys.path), not from the checkout.
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    env.pop("SINOWATCH_CONFIG", None)
    where = subprocess.run(
        [sys.executable, "-c", "import sinowatch.paths as p; print(p.default_config_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert where.stdout.strip() == str(tmp_path / "site" / "sinowatch" / "default_config")
    for args in (
        ["init", "fresh"],
        ["--config", "fresh/sinowatch.yaml", "check"],
        ["--config", "fresh/sinowatch.yaml", "db", "upgrade"],
    ):
        run = subprocess.run(
            [sys.executable, "-m", "sinowatch", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert run.returncode == 0, run.stderr
    assert (tmp_path / "fresh" / "sinowatch.yaml").is_file()
    assert (tmp_path / "fresh" / "data" / "sinowatch.db").is_file()
