"""Command modules; each exposes ``register(app: typer.Typer) -> None``."""

from types import ModuleType

from sinowatch.commands import (
    alerts,
    check,
    crawl,
    db,
    demo,
    init,
    inspect,
    query,
    run,
    sources,
    status,
    stories,
)

COMMAND_MODULES: list[ModuleType] = [
    demo,
    init,
    check,
    db,
    crawl,
    status,
    stories,
    run,
    inspect,
    alerts,
    query,
    sources,
]
