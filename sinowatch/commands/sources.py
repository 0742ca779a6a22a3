"""``sinowatch sources``: export the configured sources as OPML, import an OPML file."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from sinowatch.atomicfile import atomic_output
from sinowatch.context import CliContext

if TYPE_CHECKING:
    from crawler.config import SourceSettings

DEFAULT_INTO = "sources-imported.yaml"
"""Where ``sources import`` writes, next to the main config file, unless ``--into`` is given."""
WRITTEN_BY = "# Sources imported "
"""How a file ``sources import`` wrote begins: it adds only to such files, never to the user's."""

sources_app = typer.Typer(
    help="Sources as OPML: export them, or import a feed list.", no_args_is_help=True
)


@sources_app.command("export")
def export_command(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (default: standard output)."),
    ] = None,
) -> None:
    """Write the configured sources as OPML 2.0.

    Feeds get xmlUrl, sitemaps and listings htmlUrl; every other setting
    (id, kind, schedule, link_selector…) is a sinowatch:* attribute, so
    `sources import` gives the same sources back. Disabled sources are
    included (sinowatch:enabled="false").

    Examples:
        sinowatch sources export > sources.opml
        sinowatch sources export --output /backup/sources.opml
    """
    from sinowatch.opml import export_opml

    cli: CliContext = ctx.obj
    sources = cli.settings().sources
    document = export_opml(sources)
    if output is None:
        typer.echo(document.decode("utf-8"), nl=False)
        return
    write_atomically(output, document)
    typer.echo(f"exported {len(sources)} sources to {output}", err=True)


@sources_app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An OPML file (e.g. a feed reader's export).")],
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            help=f"The sources file to write or add to (default: {DEFAULT_INTO} next to the "
            "config). Never the main config file.",
        ),
    ] = None,
) -> None:
    """Add the sources of an OPML file to a sources file the config includes.

    Each outline is imported, or skipped with its reason: a duplicate id or
    URL (of a configured source, of the --into file, or of an earlier
    outline), no URL, or invalid settings. Folders are walked; a feed with
    no sinowatch:id gets one made from its title. --into must be a new
    file or one this command wrote (it adds to it). Then add the file to
    sinowatch.yaml's include: list (the command says when it is missing).
    Exit 2 when the file is not OPML it will read (over 5 MB, a DTD, not XML).

    Examples:
        sinowatch sources import feeds.opml
        sinowatch sources import feeds.opml --into config/sources/news.yaml
    """
    from sinowatch.config_loader import find_config
    from sinowatch.opml import MAX_OPML_BYTES, OpmlError, import_opml, sources_yaml_data
    from sinowatch.wording import plural

    cli: CliContext = ctx.obj
    settings = cli.settings()
    config_path = find_config(cli.config_path)
    target = into if into is not None else config_path.parent / DEFAULT_INTO
    if target.resolve() == config_path.resolve():
        _fail(f"--into {target} is the main config file: pick another file and include it")
    kept = _sources_file(target)
    try:
        existing = {"configured": settings.sources, f"in {target}": kept}
        with file.open("rb") as opml:  # one byte past the limit is enough to refuse it
            result = import_opml(opml.read(MAX_OPML_BYTES + 1), existing)
    except (OSError, OpmlError) as exc:
        _fail(f"{file}: {exc}")
    for label, reason, detail in result.skipped:
        typer.echo(f"skipped {label}: {reason}: {detail}", err=True)
    counts = result.skip_counts()
    reasons = ", ".join(f"{reason} ×{count}" for reason, count in counts.most_common())
    summary = f"imported {plural(len(result.sources), 'source')}"
    if result.sources:
        header = (
            f"{WRITTEN_BY}from {file.name} by `sinowatch sources import` on "
            f"{datetime.now(UTC):%Y-%m-%d}.\n# List this file under include: in sinowatch.yaml; "
            "edit it like any config file.\n"
        )
        body = _dump_yaml(sources_yaml_data([*kept, *result.sources]))
        write_atomically(target, (header + body).encode("utf-8"))
        summary += f" into {target}" + (f" (after its {len(kept)})" if kept else "")
    summary += f", skipped {sum(counts.values())}" + (f" ({reasons})" if reasons else "")
    typer.echo(summary)
    if result.sources and not _included(config_path, {s.id for s in result.sources}):
        relative = os.path.relpath(target.resolve(), config_path.resolve().parent)
        typer.echo(f"{config_path} does not include it yet: add `include: [{relative}]`")


def _sources_file(path: Path) -> list[SourceSettings]:
    """The sources already in ``--into`` (none when it does not exist yet); exit 2 when the
    file is not a sources file that this command could rewrite without losing anything."""
    import yaml
    from pydantic import ValidationError

    from crawler.config import SourceSettings as Source

    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        if not text.startswith(WRITTEN_BY):
            raise ValueError("it does not begin with the comment the command writes")
        data = yaml.safe_load(text)
        if not isinstance(data, dict) or set(data) != {"sources"}:
            raise ValueError("it holds more than a sources: list")
        return [Source.model_validate(item) for item in data["sources"] or []]
    except (OSError, yaml.YAMLError, ValueError, TypeError, ValidationError) as exc:
        _fail(f"--into {path} exists and is not a sources file this command wrote: {exc}")


def _included(config_path: Path, ids: set[str]) -> bool:
    """Whether the config, loaded afresh, has every imported source (its include: works)."""
    from sinowatch.config_loader import ConfigError, load_settings

    try:
        return ids <= {source.id for source in load_settings(config_path).sources}
    except ConfigError:
        return False


def _dump_yaml(data: object) -> str:
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``path`` (and any missing directories) whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as out:
        out.write(data)


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")
