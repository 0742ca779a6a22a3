"""``sinowatch query``: try a topic query or a whole watchlist on stored articles (a dry run).

Nothing is alerted or written: it shows which stored articles would have matched, with the
sentence that matched. Query syntax: see ``alerts/query.py`` or the watchlist file's header.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from alerts.dryrun import DryRun, dry_run, query_matcher
from alerts.matcher import Matcher
from alerts.query import QuerySyntaxError
from crawler.configtypes import parse_duration
from sinowatch.commands.db import opened_database
from sinowatch.config_loader import caret_excerpt
from sinowatch.context import CliContext, duration_option


def query_command(
    ctx: typer.Context,
    query: Annotated[
        str | None, typer.Argument(help="A topic query, e.g. '\"trade war\" OR tariff*'.")
    ] = None,
    watchlist: Annotated[
        str | None, typer.Option("--watchlist", "-w", help="Run a configured watchlist instead.")
    ] = None,
    since: Annotated[
        str,
        typer.Option("--since", callback=duration_option, help="Articles seen within (2d, 1w)."),
    ] = "30d",
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Check at most N newest articles.")
    ] = 500,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print a JSON object instead: the matched stories and hits."),
    ] = False,
) -> None:
    """Show which stored articles a query (or a watchlist) would match, with snippets.

    Words side by side must all appear (implicit AND). Operators: AND OR
    NOT -word +word ( ) "phrase" "near words"~5 prefix* title: body:.
    Exit code 2 for a malformed query.

    Examples:
        sinowatch query '"export control*" AND chip*' --since 7d
        sinowatch query 'title:taiwan -"tourism"' --limit 100
        sinowatch query --watchlist us-china --since 2d
        sinowatch query 'tariff*' --json | jq '.stories[].hits[].snippet'
    """
    cli: CliContext = ctx.obj
    if (query is None) == (watchlist is None):
        typer.echo("error: give a QUERY or --watchlist NAME (not both)", err=True)
        raise typer.Exit(2)
    matcher = _matcher(cli, query, watchlist)
    cutoff = datetime.now(UTC) - parse_duration(since)
    with opened_database(cli) as database, database.session() as session:
        result = dry_run(session, matcher, cutoff, limit)
    if as_json:
        typer.echo(json.dumps(_as_json(result), indent=2, ensure_ascii=False))
        if not result.checked:
            typer.echo(f"no articles stored in the last {since}", err=True)
        return
    table = Table(title=f"Matches among {result.checked} article(s) seen in the last {since}")
    for column in ("story", "outlets", "hit", "how", "snippet"):
        table.add_column(column, overflow="fold")
    for match in result.stories:
        first = match.first
        outlets = "\n".join(f"{s.outlet or 'unknown outlet'} {s.url}" for s in match.copies)
        story = f"#{first.story_id}" if first.story_id is not None else f"article #{first.id}"
        story += f" {first.article.title or first.url}"
        if len(match.copies) > 1:
            story += f" ({len(match.copies)} copies)"
        for hit in match.hits:
            how = hit.mention or "topic"
            if hit.quote:
                how += f': "{hit.quote}"'
            table.add_row(
                escape(story),
                escape(outlets),
                escape(hit.name if watchlist else "query"),
                escape(how),
                escape(hit.snippet),
            )
            story = outlets = "〃"  # same story: the next hits are its rows too
    table.caption = (
        f"{result.matched} of {result.checked} article(s) matched, "
        f"in {len(result.stories)} story(ies)"
    )
    Console().print(table)
    if not result.checked:
        typer.echo(f"no articles stored in the last {since}: run `sinowatch crawl` first, "
                   "or widen --since")  # fmt: skip


def _matcher(cli: CliContext, query: str | None, watchlist: str | None) -> Matcher:
    if query is not None:
        try:
            return query_matcher(query)
        except QuerySyntaxError as exc:
            typer.echo(f"error: {exc.message} at position {exc.position}:", err=True)
            typer.echo(caret_excerpt(query, exc.position), err=True)
            raise typer.Exit(2) from None
    settings = cli.settings()
    chosen = [w for w in settings.watchlists if w.name == watchlist]
    if not chosen:
        known = ", ".join(w.name for w in settings.watchlists) or "none configured"
        typer.echo(f"error: no watchlist {watchlist!r} (watchlists: {known})", err=True)
        raise typer.Exit(2)
    return Matcher.compile(chosen)


def _as_json(result: DryRun) -> dict[str, object]:
    """``--json``: the counts, and each matched story with its articles and distinct hits."""
    return {
        "checked": result.checked,
        "matched": result.matched,
        "stories": [
            {
                "story_id": match.first.story_id,
                "articles": [
                    {
                        "id": stored.id,
                        "url": stored.url,
                        "outlet": stored.outlet,
                        "title": stored.article.title,
                        "first_seen": stored.first_seen.isoformat(),
                    }
                    for stored in match.copies
                ],
                "hits": [hit.to_dict() for hit in match.hits],
            }
            for match in result.stories
        ],
    }


def register(app: typer.Typer) -> None:
    app.command("query")(query_command)
