"""Command modules; each exposes ``register(app: typer.Typer) -> None``."""

from types import ModuleType

COMMAND_MODULES: list[ModuleType] = []
