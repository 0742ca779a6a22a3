"""What every command shares: the config path, verbosity, and the settings loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from crawler.configtypes import parse_duration
from sinowatch.config_loader import ConfigError, find_config, load_settings
from sinowatch.logs import redact_root_handlers, secret_values
from sinowatch.settings import Settings

if TYPE_CHECKING:
    from crawler.db import Database


@dataclass
class CliContext:
    config_path: Path | None
    verbose: int = 0
    _settings: Settings | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        """Load and validate the config once; on error print every problem and exit 2.

        From then on the log redacts the config's secrets (``run`` and ``demo`` set up their
        own redacting log).
        """
        if self._settings is None:
            try:
                self._settings = load_settings(find_config(self.config_path))
            except ConfigError as exc:
                typer.echo(str(exc), err=True)
                raise typer.Exit(2) from None
            redact_root_handlers(secret_values(self._settings))
        return self._settings

    def database(self, *, upgrade: bool = True) -> Database:
        """Open the configured database, applying pending migrations first."""
        from crawler.db import Database
        from crawler.migrate import upgrade as apply_migrations

        settings = self.settings()
        database = Database(settings.database_url, echo=settings.database.echo)
        if upgrade:
            apply_migrations(database)
        return database


def duration_option(value: str) -> str:
    """Typer callback for a ``--since``-style option: a valid duration (``2d``) or exit 2."""
    try:
        parse_duration(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value
