"""Command modules; each exposes ``register(app: typer.Typer) -> None``."""

from types import ModuleType

from sinowatch.commands import check, db, init, status

COMMAND_MODULES: list[ModuleType] = [init, check, db, status]
