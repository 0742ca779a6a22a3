"""Command modules; each exposes ``register(app: typer.Typer) -> None``."""

from types import ModuleType

from sinowatch.commands import check, db, init, status, stories

COMMAND_MODULES: list[ModuleType] = [init, check, db, status, stories]
