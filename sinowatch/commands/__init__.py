"""Command modules; each exposes ``register(app: typer.Typer) -> None``."""

from types import ModuleType

from sinowatch.commands import check, crawl, db, demo, init, query, run, status, stories

COMMAND_MODULES: list[ModuleType] = [demo, init, check, db, crawl, status, stories, run, query]
