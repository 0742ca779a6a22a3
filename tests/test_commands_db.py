"""``sinowatch db upgrade`` / ``db current`` through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawler.migrate import head_revision
from sinowatch.cli import app


def write_config(tmp_path: Path, url: str) -> Path:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\ndatabase:\n  url: {url}\n")
    return config


def sinowatch(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--config", str(config), *args])
    return result.exit_code, result.output


def test_upgrade_then_current_on_a_new_sqlite_file(tmp_path: Path) -> None:
    db_file = tmp_path / "state" / "sw.db"
    config = write_config(tmp_path, f"sqlite:///{db_file}")
    code, out = sinowatch(config, "db", "current")
    assert (code, out.strip()) == (
        1,
        f"empty (head is {head_revision()}): run `sinowatch db upgrade`",
    )

    code, out = sinowatch(config, "db", "upgrade")
    assert code == 0, out
    assert f"upgraded from empty to {head_revision()} (head)" in out
    code, out = sinowatch(config, "db", "upgrade")
    assert (code, f"already at revision {head_revision()}" in out) == (0, True), out
    assert sinowatch(config, "db", "current") == (0, f"{head_revision()} (head)\n")


def test_upgrade_sql_prints_the_schema_and_touches_nothing(tmp_path: Path) -> None:
    db_file = tmp_path / "sw.db"
    config = write_config(tmp_path, f"sqlite:///{db_file}")
    code, out = sinowatch(config, "db", "upgrade", "--sql")
    assert code == 0, out
    assert "CREATE TABLE deliveries" in out
    assert not db_file.exists()


def test_unreachable_postgres_is_explained_without_the_password(tmp_path: Path) -> None:
    config = write_config(tmp_path, "postgresql+psycopg://watch:s3cret-pw@127.0.0.1:1/sinowatch")
    code, out = sinowatch(config, "db", "upgrade")
    assert code == 1
    assert "cannot open database postgresql+psycopg://watch:****@127.0.0.1:1/sinowatch" in out
    assert "Check database.url" in out
    assert "s3cret-pw" not in out


def test_a_data_dir_that_cannot_be_created_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n")
    config = write_config(tmp_path, f"sqlite:///{blocker / 'data' / 'sw.db'}")
    code, out = sinowatch(config, "status")
    assert code == 1
    assert f"cannot open database sqlite:///{blocker}/data/sw.db: Not a directory" in out
    assert "Check data_dir" in out
    assert "Traceback" not in out


def test_demo_explains_a_db_it_cannot_open_before_starting(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n")
    result = CliRunner().invoke(app, ["demo", "--db", f"sqlite:///{blocker}/data/sw.db"])
    assert result.exit_code == 1
    assert f"cannot open database sqlite:///{blocker}/data/sw.db: Not a dir" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.postgres
def test_current_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    assert sinowatch(write_config(tmp_path, pg_url), "db", "current") == (
        0,
        f"{head_revision()} (head)\n",
    )


def test_db_help_has_examples() -> None:
    result = CliRunner().invoke(app, ["db", "upgrade", "--help"])
    assert result.exit_code == 0
    assert "sinowatch -c prod.yaml db upgrade --sql > schema.sql" in result.output
