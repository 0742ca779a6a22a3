"""The deployment files, checked statically (no Docker engine here): compose.yaml, the Dockerfile,
the systemd units. Every ``sinowatch ...`` command they run must be one the CLI accepts.

The web commands (``serve``, ``run --web``) are checked only when the web app is installed
(``sinowatch.commands.serve``); on a checkout without it those cases are skipped, saying so.
"""

from __future__ import annotations

import configparser
import fnmatch
import importlib.util
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sinowatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
UNITS = sorted((ROOT / "deploy").glob("*.service"))
WEB_APP = importlib.util.find_spec("sinowatch.commands.serve") is not None


def dockerfile() -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` of each Dockerfile instruction, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    instructions = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            instructions.append((word.upper(), rest.strip()))
    return instructions


def exec_form(arguments: str) -> list[str]:
    """A JSON-array (exec form) instruction argument, e.g. ``["run", "--web"]``."""
    value = yaml.safe_load(arguments)
    assert isinstance(value, list), f"use the exec form: {arguments}"
    return value


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


def sinowatch_commands() -> list[tuple[str, list[str]]]:
    """``(where, args)`` for every sinowatch command the deployment files run."""
    instructions = dockerfile()
    entrypoint = next(exec_form(a) for i, a in instructions if i == "ENTRYPOINT")
    assert entrypoint == ["sinowatch"]
    found = [("Dockerfile CMD", exec_form(next(a for i, a in instructions if i == "CMD")))]
    for name, service in compose()["services"].items():
        if service.get("build"):
            found.append((f"compose service {name}", list(service["command"])))
    for path in UNITS:
        for key in ("ExecStart", "ExecStartPre", "ExecStartPost"):
            if command := unit(path)["Service"].get(key):
                program, *args = shlex.split(command)
                assert Path(program).name == "sinowatch", f"{path.name}: {command}"
                found.append((f"{path.name} {key}", args))
    return found


COMMANDS = sinowatch_commands()


@pytest.mark.parametrize(("where", "args"), COMMANDS, ids=[where for where, _ in COMMANDS])
def test_every_sinowatch_command_they_run_is_a_real_one(where: str, args: list[str]) -> None:
    if not WEB_APP and (args[:1] == ["serve"] or "--web" in args):
        pytest.skip("sinowatch.commands.serve is absent: the web app (lane-web) is not merged")
    # options are parsed up to --help: an unknown command or option fails, values are not run
    result = CliRunner().invoke(app, [*args, "--help"], prog_name="sinowatch")
    assert result.exit_code == 0, f"{where}: sinowatch {' '.join(args)}\n{result.output}"


def test_the_commands_cover_run_serve_and_the_web_health_check() -> None:
    commands = [args for _, args in COMMANDS]
    assert ["run", "--web", "--log-format", "json"] in commands
    assert any(args[:1] == ["serve"] for args in commands)
    assert {where for where, _ in COMMANDS} >= {
        "compose service run",
        "compose service serve",
        "sinowatch.service ExecStart",
        "sinowatch-serve.service ExecStart",
    }


def test_compose_runs_postgres_the_service_and_the_web_app_with_secrets_from_the_env() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "run", "serve"}
    db = services["db"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    for name in ("run", "serve"):
        service = services[name]
        assert service["build"] == "." and "healthcheck" not in service  # the image's HEALTHCHECK
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert any(volume.endswith(":/var/lib/sinowatch") for volume in service["volumes"])
        for key, value in service["environment"].items():
            if re.search(r"PASSWORD|TOKEN|SECRET|DATABASE_URL", key):
                assert "${" in value, f"{name}: {key} must come from the environment"
    assert services["serve"]["ports"] == ["127.0.0.1:8000:8000"], "loopback of the host only"
    assert "${POSTGRES_PASSWORD:?" in db["environment"]["POSTGRES_PASSWORD"]


def test_the_image_is_slim_non_root_with_a_healthz_check_and_a_data_volume() -> None:
    instructions = dockerfile()
    assert instructions[0] == ("FROM", "python:3.11-slim")
    users = [arguments for instruction, arguments in instructions if instruction == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the last USER is not root"
    runs = " ".join(a for i, a in instructions if i == "RUN")
    assert 'pip install ".[postgres]"' in runs
    healthcheck = next(a for i, a in instructions if i == "HEALTHCHECK")
    environment = " ".join(a for i, a in instructions if i == "ENV")
    assert "SINOWATCH_HEALTHZ_URL" in healthcheck
    assert "SINOWATCH_HEALTHZ_URL=http://127.0.0.1:8000/healthz" in environment
    assert ("VOLUME", '["/var/lib/sinowatch"]') in instructions
    assert "SINOWATCH_CONFIG=/etc/sinowatch/sinowatch.yaml" in environment


def test_every_copy_source_exists_and_is_not_docker_ignored() -> None:
    ignored = [
        line.strip().lstrip("/")
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    sources = [
        source
        for instruction, arguments in dockerfile()
        if instruction == "COPY"
        for source in [word for word in arguments.split() if not word.startswith("--")][:-1]
    ]
    assert "config/sinowatch.yaml" in sources
    for source in sources:
        assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"
        for pattern in ignored:
            assert not fnmatch.fnmatch(source, pattern), f"COPY {source} is in .dockerignore"


@pytest.mark.parametrize("path", UNITS, ids=[path.name for path in UNITS])
def test_systemd_units_restart_on_failure_and_stop_gracefully(path: Path) -> None:
    service = unit(path)["Service"]
    assert service["KillMode"] == "mixed"
    assert service["Restart"] == "on-failure"
    assert service["RestartPreventExitStatus"] == "2", "a config error is not retried"
    assert service["User"] != "root"
    assert unit(path)["Install"]["WantedBy"] == "multi-user.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
@pytest.mark.parametrize("path", UNITS, ids=[path.name for path in UNITS])
def test_systemd_analyze_verify_accepts_the_units(path: Path, tmp_path: Path) -> None:
    """Verified with ExecStart pointing at this venv's sinowatch (verify checks it exists)."""
    installed = Path(sys.executable).parent / "sinowatch"
    copy = tmp_path / path.name
    copy.write_text(
        path.read_text(encoding="utf-8").replace("/opt/sinowatch/bin/sinowatch", str(installed)),
        encoding="utf-8",
    )
    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, check=False
    )
    complaints = [line for line in result.stderr.splitlines() if path.name in line]
    assert result.returncode == 0 and not complaints, result.stderr
