"""``sinowatch db upgrade`` and ``sinowatch db current``: the schema of the configured database.

Reads ``database.url`` (default: ``sinowatch.db`` in ``data_dir``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, NoReturn

import typer
from sqlalchemy.exc import SQLAlchemyError

from crawler.db import Database
from crawler.migrate import current_revision, head_revision, upgrade, upgrade_sql
from crawler.redact import mask_url
from sinowatch.context import CliContext

db_app = typer.Typer(
    help="Create or upgrade the database schema (SQLite file or PostgreSQL).",
    no_args_is_help=True,
)


OpenError = (ModuleNotFoundError, SQLAlchemyError, OSError)
"""What opening a database raises when it cannot be opened: no driver, no server, no directory."""


@contextmanager
def opened_database(cli: CliContext, *, migrate: bool = True) -> Iterator[Database]:
    """The configured database, migrated unless told not to; database errors explained, exit 1."""
    url = cli.settings().database_url
    try:
        try:
            database = cli.database(upgrade=migrate)
        except OSError as exc:  # the SQLite file's directory cannot be created
            exit_unopened(url, exc)
        try:
            yield database
        finally:
            database.dispose()
    except (ModuleNotFoundError, SQLAlchemyError) as exc:
        exit_unopened(url, exc)


def check_database(url: str) -> None:
    """Open and migrate the database at ``url`` once, or explain why not and exit 1."""
    try:
        database = Database(url)
        try:
            upgrade(database)
        finally:
            database.dispose()
    except OpenError as exc:
        exit_unopened(url, exc)


def exit_unopened(url: str, exc: BaseException) -> NoReturn:
    """Say why the database at ``url`` could not be opened, and what to check; exit 1."""
    if isinstance(exc, ModuleNotFoundError):
        typer.echo(
            f"error: the driver for {mask_url(url)} is not installed ({exc}).\n"
            "For PostgreSQL: pip install 'sinowatch[postgres]'",
            err=True,
        )
    elif isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        typer.echo(
            f"error: cannot open database {mask_url(url)}: {exc.strerror or exc}{where}\n"
            "Check data_dir (or database.url) in your config, and that this user may "
            "write there.",
            err=True,
        )
    else:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        typer.echo(
            f"error: cannot open database {mask_url(url)}: {reason}\n"
            "Check database.url in your config, and that the database server is running.",
            err=True,
        )
    raise typer.Exit(1) from None


@db_app.command("upgrade")
def upgrade_command(
    ctx: typer.Context,
    sql: Annotated[
        bool,
        typer.Option(
            "--sql",
            help="Print the SQL for an empty database of the configured dialect; run nothing.",
        ),
    ] = False,
) -> None:
    """Apply pending migrations (every command also does this on start).

    Works on SQLite and PostgreSQL; with --sql it prints the SQL script for
    an empty database instead, for review.

    Examples:
        sinowatch db upgrade
        sinowatch -c prod.yaml db upgrade --sql > schema.sql
    """
    cli: CliContext = ctx.obj
    if sql:
        upgrade_sql(cli.settings().database_url, sys.stdout)
        return
    with opened_database(cli, migrate=False) as database:
        before = current_revision(database)
        upgrade(database)
        after = current_revision(database)
    where = mask_url(database.url)
    if before == after:
        typer.echo(f"{where}: already at revision {after} (head)")
    else:
        typer.echo(f"{where}: upgraded from {before or 'empty'} to {after} (head)")


@db_app.command("current")
def current_command(ctx: typer.Context) -> None:
    """Print the database's schema revision; exit 1 when migrations are pending.

    Migrates nothing, so it shows where an existing database stands.

    Example:
        sinowatch db current
    """
    cli: CliContext = ctx.obj
    with opened_database(cli, migrate=False) as database:
        revision = current_revision(database)
    head = head_revision()
    if revision == head:
        typer.echo(f"{revision} (head)")
        return
    typer.echo(f"{revision or 'empty'} (head is {head}): run `sinowatch db upgrade`")
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
