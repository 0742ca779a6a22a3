"""Command modules; each exposes ``register(app: typer.Typer) -> None``."""

from types import ModuleType

from sinowatch.commands import db, status

COMMAND_MODULES: list[ModuleType] = [db, status]
