"""``sinowatch init [DIR]``: write a starter config (``sinowatch.yaml`` + ``watchlists/*.yaml``).

The files are copies of the embedded default (:func:`sinowatch.paths.default_config_dir`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from sinowatch.paths import default_config_dir

CONFIG_NAME = "sinowatch.yaml"
WATCHLIST_GLOB = "watchlists/*.yaml"


def starter_files(source_dir: Path) -> list[Path]:
    """The files ``init`` copies, relative to the default config directory."""
    watchlists = sorted(path.relative_to(source_dir) for path in source_dir.glob(WATCHLIST_GLOB))
    return [Path(CONFIG_NAME), *watchlists]


def write_starter_config(target_dir: Path, *, force: bool = False) -> list[Path]:
    """Copy the starter config into ``target_dir``; return the files written.

    Raises:
        FileExistsError: a file would be overwritten and ``force`` is false.
    """
    source_dir = default_config_dir()
    files = starter_files(source_dir)
    existing = [target_dir / name for name in files if (target_dir / name).exists()]
    if existing and not force:
        names = ", ".join(str(path) for path in existing)
        verb = "exists" if len(existing) == 1 else "exist"
        raise FileExistsError(f"{names} already {verb}; pass --force to overwrite")
    for name in files:
        (target_dir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source_dir / name, target_dir / name)
    return [target_dir / name for name in files]


def init_command(
    directory: Annotated[
        Path, typer.Argument(help="Where to write the config (created if missing).")
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a starter sinowatch.yaml and watchlists/*.yaml that you then edit.

    Existing files are left alone unless --force is given.

    Examples:
        sinowatch init                # ./sinowatch.yaml and ./watchlists/
        sinowatch init ~/sinowatch    # then: cd ~/sinowatch && sinowatch check
    """
    try:
        written = write_starter_config(directory, force=force)
    except FileExistsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:
        typer.echo(f"error: cannot write to {directory}: {exc.strerror}", err=True)
        raise typer.Exit(1) from None
    for path in written:
        typer.echo(f"wrote {path}")
    config = directory / CONFIG_NAME
    option = "" if directory.resolve() == Path.cwd() else f"--config {config} "
    typer.echo(
        "\nNext steps:\n"
        f"  1. Edit {config}: sources, channels (email/webhook read SMTP_PASSWORD and\n"
        f"     WEBHOOK_SECRET from the environment), and {directory / 'watchlists'}/*.yaml:\n"
        "     the topics and experts to watch.\n"
        f"  2. Validate it and see a summary:    sinowatch {option}check\n"
        f"  3. Crawl once and see what is found: sinowatch {option}crawl\n"
        "     (every command creates or upgrades the database as it starts; the first\n"
        "     crawl of a source is its baseline: stored, not alerted)\n"
        f"  4. Crawl on schedule and send alerts: sinowatch {option}run"
    )


def register(app: typer.Typer) -> None:
    app.command("init")(init_command)
