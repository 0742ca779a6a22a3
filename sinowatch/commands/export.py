"""``sinowatch export``: stories, hits or experts' quotes as CSV, JSON Lines or JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sinowatch import exports
from sinowatch.atomicfile import atomic_output
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext
from sinowatch.exports import COLUMNS, ExportFormat, ExportKind

PROGRESS_EVERY = 500
"""Rows between two progress updates on stderr."""


def export_command(
    ctx: typer.Context,
    kind: Annotated[ExportKind, typer.Argument(help="What to export: stories, hits or quotes.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, jsonl or json.")] = (
        "csv"
    ),
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Only from this time: a duration (7d, 12h) or a date (2026-11-01)."
        ),
    ] = None,
    watchlist: Annotated[
        str | None, typer.Option("--watchlist", "-w", help="Only this watchlist's stories/hits.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (default: standard output)."),
    ] = None,
) -> None:
    """Export stories, hits or experts' quotes as CSV, JSON Lines or JSON, newest first.

    stories: each story with its outlets, article count, first/last seen
    and the watchlists that alerted on it. hits: every watched topic or
    expert found in an alerted story, with its snippet. quotes: the
    experts' attributed quotes. Progress and the row count go to stderr;
    a file given with --output is written whole or not at all.

    Examples:
        sinowatch export stories --since 7d --output stories.csv
        sinowatch export hits -w us-china --format jsonl | jq .snippet
        sinowatch export quotes --since 2026-11-01 --format json -o q.json
    """
    cli: CliContext = ctx.obj
    try:
        cutoff = exports.parse_since(since) if since is not None else None
    except ValueError as exc:
        typer.echo(f"error: --since: {exc}", err=True)
        raise typer.Exit(2) from None
    if watchlist is not None:
        known = [w.name for w in cli.settings().watchlists]
        if watchlist not in known:
            typer.echo(
                f"error: no watchlist {watchlist!r} (watchlists: {', '.join(known) or 'none'})",
                err=True,
            )
            raise typer.Exit(2)
    with (
        opened_database(cli) as database,
        database.session() as session,
        output_stream(output) as out,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress,
    ):
        task = progress.add_task(f"exporting {kind}: 0", total=None)

        def advance(count: int) -> None:
            if count % PROGRESS_EVERY == 0:
                progress.update(task, description=f"exporting {kind}: {count}")

        rows = exports.records(session, kind, since=cutoff, watchlist=watchlist)
        count = exports.write(rows, fmt, out, COLUMNS[kind], progress=advance)
    where = str(output) if output is not None else "standard output"
    typer.echo(f"exported {count} {kind} as {fmt} to {where}", err=True)


@contextmanager
def output_stream(output: Path | None) -> Iterator[TextIO]:
    """Standard output, or a temporary file renamed to ``output`` once the export succeeded."""
    if output is None:
        yield sys.stdout
        return
    with ExitStack() as stack:
        try:
            out = stack.enter_context(atomic_output(output, text=True))
        except OSError as exc:
            typer.echo(f"error: cannot write {output}: {exc.strerror}", err=True)
            raise typer.Exit(1) from None
        yield out


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
