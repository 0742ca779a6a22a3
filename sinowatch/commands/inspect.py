"""``sinowatch inspect``: show exactly what sinowatch makes of one page, and why it would alert."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.markup import escape

from alerts.config import WatchlistSettings
from sinowatch.config_loader import ConfigError, find_config, load_settings, load_watchlist_file
from sinowatch.context import CliContext
from sinowatch.paths import default_config_dir
from sinowatch.settings import Settings

if TYPE_CHECKING:
    from sinowatch.inspect import Inspection

TEXT_PREVIEW_LINES = 6


def inspect_command(
    ctx: typer.Context,
    page: Annotated[
        str, typer.Argument(help="A local HTML file, '-' for standard input, or an http(s) URL.")
    ],
    url: Annotated[
        str | None,
        typer.Option("--url", help="The page's URL, for a local file or standard input."),
    ] = None,
    watchlist: Annotated[
        list[str] | None,
        typer.Option("--watchlist", "-w", help="Only this watchlist of the config (repeatable)."),
    ] = None,
    watchlist_file: Annotated[
        list[Path] | None,
        typer.Option(
            "--watchlist-file", help="Watchlists from a standalone YAML file (repeatable)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Run one page through extraction, relevance, fingerprinting, matching and the alert rules.

    Works offline on local files and needs no database. Rules that depend
    on history (first crawl is a silent baseline, one alert per story) are
    not applied; max_age applies only to pages fetched from the web.
    Exit status: 0 done, 1 page unreadable, 2 bad argument or config.

    Examples:
        sinowatch inspect page.html --url https://example.com/news/1
        sinowatch inspect https://example.com/news/1 -w us-china --json
        sinowatch inspect page.html --watchlist-file mine.yaml
        curl -s URL | sinowatch inspect - --url URL
    """
    # extraction, fingerprinting and matching: imported only when a page is inspected
    from sinowatch.inspect import PageUnavailable, fetch_page, inspect_page, local_page

    scheme = urlsplit(page).scheme.lower() if "://" in page else ""
    is_web = scheme in ("http", "https")
    if scheme and not is_web:
        typer.echo(
            f"error: cannot fetch a {scheme}: URL; give a local file, '-' for standard input, "
            "or an http(s) URL",
            err=True,
        )
        raise typer.Exit(2)
    if is_web and url is not None:
        typer.echo("error: --url is for a local file or standard input, not a web URL", err=True)
        raise typer.Exit(2)
    state: CliContext = ctx.obj
    settings = _settings(state)
    watchlists = _watchlists(settings, watchlist or [], watchlist_file or [])
    try:
        fetched = (
            fetch_page(page, settings.crawler)
            if is_web
            else local_page(_read_local(page), url or _file_url(page))
        )
    except PageUnavailable as exc:
        typer.echo(f"error: cannot read the page: {exc}", err=True)
        raise typer.Exit(1) from None
    result = inspect_page(fetched, settings, watchlists, apply_age=is_web)
    if as_json:
        typer.echo(json.dumps(result.report, ensure_ascii=False, indent=2))
    else:
        _print_human(result)


def _settings(state: CliContext) -> Settings:
    """The current config; without one, the embedded default (so inspect works anywhere)."""
    if state.config_path is not None:
        return state.settings()
    try:
        path = find_config(None)
    except ConfigError:
        path = default_config_dir() / "sinowatch.yaml"
    try:
        return load_settings(path)
    except ConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def _watchlists(settings: Settings, names: list[str], files: list[Path]) -> list[WatchlistSettings]:
    """Named config watchlists (all when none are named and no file is given), plus files'."""
    by_name = {w.name: w for w in settings.watchlists}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        known = ", ".join(sorted(by_name)) or "none in the config"
        typer.echo(f"error: unknown watchlist {', '.join(unknown)} (known: {known})", err=True)
        raise typer.Exit(2)
    chosen = [by_name[name] for name in names] if names or files else list(by_name.values())
    for path in files:
        if not path.is_file():
            typer.echo(f"error: watchlist file {path} does not exist", err=True)
            raise typer.Exit(2)
        try:
            loaded = load_watchlist_file(path)
        except ConfigError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        for extra in loaded:
            if any(extra.name == w.name for w in chosen):
                typer.echo(f"{path}: watchlist {extra.name!r} is already loaded", err=True)
                raise typer.Exit(2)
            chosen.append(extra)
    return chosen


def _read_local(page: str) -> bytes:
    if page == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(page).read_bytes()
    except OSError as exc:
        from sinowatch.inspect import PageUnavailable

        raise PageUnavailable(f"{page}: {exc.strerror or exc}") from None


def _file_url(page: str) -> str:
    if page == "-":
        return "http://localhost/stdin"
    return Path(page).resolve().as_uri()


def _print_human(result: Inspection) -> None:
    console = Console(highlight=False, soft_wrap=True)
    report = result.report
    console.print(f"[bold]{escape(report['title'] or '(no title)')}[/bold]")
    rows = [
        ("URL", report["url"]),
        ("Canonical URL", report["canonical_url"]),
        ("Published", report["published"] or "unknown"),
        ("Authors", ", ".join(report["authors"]) or "none found"),
        ("Language", report["language"] or "unknown"),
        ("Fingerprint", report["fingerprint"][:16]),
    ]
    if report["partial"]:
        rows.append(("Partial", f"yes: {result.page.error or 'no article text extracted'}"))
    for label, value in rows:
        console.print(f"  {label + ':':15} {escape(str(value))}")
    _print_relevance(console, report["relevance"])
    console.print("\nText:")
    lines = [line for line in (report["text"] or "").splitlines() if line.strip()]
    for line in lines[:TEXT_PREVIEW_LINES]:
        console.print(f"  {escape(line if len(line) <= 200 else line[:199] + '…')}")
    if len(lines) > TEXT_PREVIEW_LINES:
        console.print(f"  … ({len(lines) - TEXT_PREVIEW_LINES} more lines)")
    console.print(f"\nHits ({len(result.hits)}):")
    for hit in result.hits:
        how = f" — {hit.mention}" if hit.mention else ""
        console.print(f"  {escape(f'[{hit.watchlist}]')} {hit.kind} {escape(hit.name)}{how}")
        console.print(f"      {escape(hit.snippet)}")
        if hit.quote:
            console.print(f"      quote: “{escape(hit.quote)}”")
    console.print("\nWould alert:")
    if not result.decisions:
        console.print("  (no watchlists loaded)")
    for name, decision in result.decisions.items():
        if decision.alert:
            console.print(f"  [green]yes[/green] {escape(name)}")
        else:
            console.print(f"  [red]no[/red]  {escape(name)}: {escape('; '.join(decision.reasons))}")


def _print_relevance(console: Console, relevance: dict[str, Any]) -> None:
    """The score, the threshold, and per side each term with where it was found."""
    mark = "[green]relevant[/green]" if relevance["relevant"] else "[yellow]not relevant[/yellow]"
    console.print(
        f"\nChina–U.S. relevance: {relevance['score']:.2f} ({mark}; "
        f"threshold {relevance['threshold']:g}, the weaker side decides)"
    )
    explanation = relevance["explanation"]
    weights = explanation["weights"]
    sides = (("China side", "china"), ("U.S. side", "us"), ("third countries", "others"))
    for label, key in sides:
        side = explanation[key]
        terms = ", ".join(
            f"{term} ×{sum(where.values())} ({', '.join(f'{p} {n}' for p, n in where.items())})"
            for term, where in side["found"].items()
        )
        console.print(
            f"  {label}: strength {side['strength']:.2f} from weighted hits {side['hits']:.2f}: "
            f"{escape(terms or 'none')}"
        )
    console.print(
        f"  weights: title ×{weights['title']:g}, lead ×{weights['lead']:g}, body "
        f"×{weights['body']:g} ({explanation['body_words']} words), a term naming both sides "
        f"×{explanation['bilateral_weight']:g}"
    )
    if not explanation["focused"]:
        console.print(
            f"  [yellow]not focused[/yellow] ({explanation['focus']:.2f}): third countries "
            f"outweigh the weaker side, which needs ×{explanation['focus_share']:g} their hits; "
            "the score is capped at the focus"
        )


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect_command)
