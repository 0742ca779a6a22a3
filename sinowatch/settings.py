"""Typed settings: the validated shape of ``sinowatch.yaml``, composed from each layer's models.

The YAML loader (:mod:`sinowatch.config_loader`) reads the file (and its ``include:`` files),
interpolates ``${VAR}`` / ``${VAR:-default}``, and validates the result against :class:`Settings`.
Each layer defines the models it reads — :mod:`crawler.config` (sources, crawler, dedup,
relevance, database), :mod:`alerts.config` (watchlists), :mod:`alerts.channels` (one model per
channel type) — on the value types of :mod:`crawler.configtypes`. This module composes them and
checks what crosses them: unique source ids and watchlist names, and that every channel a
watchlist names is defined.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pydantic import Field, field_validator, model_validator

from alerts.channels import Channel
from alerts.config import WatchlistSettings
from crawler.config import (
    CrawlerSettings,
    DatabaseSettings,
    DedupSettings,
    RelevanceSettings,
    Schedule,
    SourceSettings,
)
from crawler.configtypes import Duration, Identifier, Model
from sinowatch.schedules import DEFAULT_TIMEZONE, TimeZoneName


class Settings(Model):
    """The whole configuration."""

    data_dir: Path = Path("data")
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    crawler: CrawlerSettings = Field(default_factory=CrawlerSettings)
    schedule: Schedule = Field(default_factory=lambda: Schedule(interval=timedelta(minutes=30)))
    relevance: RelevanceSettings = Field(default_factory=RelevanceSettings)
    dedup: DedupSettings = Field(default_factory=DedupSettings)
    sources: list[SourceSettings] = Field(default_factory=list)
    channels: dict[Identifier, Channel] = Field(default_factory=dict)
    watchlists: list[WatchlistSettings] = Field(default_factory=list)
    retention: Duration = Field(default=timedelta(days=90), description="delete older articles")
    timezone: TimeZoneName = Field(
        default=DEFAULT_TIMEZONE, description="IANA zone of cron schedules and digest_cron"
    )

    @field_validator("sources")
    @classmethod
    def _unique_sources(cls, sources: list[SourceSettings]) -> list[SourceSettings]:
        _no_duplicates([s.id for s in sources], "source id", "id")
        return sources

    @field_validator("watchlists")
    @classmethod
    def _unique_watchlists(cls, watchlists: list[WatchlistSettings]) -> list[WatchlistSettings]:
        _no_duplicates([w.name for w in watchlists], "watchlist name", "name")
        return watchlists

    @model_validator(mode="after")
    def _channels_exist(self) -> Settings:
        refs = [
            (w_index, c_index, channel)
            for w_index, watchlist in enumerate(self.watchlists)
            for c_index, channel in enumerate(watchlist.channels)
            if channel not in self.channels
        ]
        if refs:
            raise UnknownChannelError(refs, sorted(self.channels))
        return self

    @property
    def database_url(self) -> str:
        if self.database.url:
            return self.database.url
        return f"sqlite:///{(self.data_dir / 'sinowatch.db').resolve()}"

    def source(self, source_id: str) -> SourceSettings:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def schedule_for(self, source: SourceSettings) -> Schedule:
        return source.schedule or self.schedule


class UnknownChannelError(ValueError):
    """Watchlists name channels that are not defined.

    ``refs`` holds ``(watchlist index, channel index, channel name)`` so the config loader can
    point at each reference in the file.
    """

    def __init__(self, refs: list[tuple[int, int, str]], known: list[str]) -> None:
        self.refs = refs
        self.known = known
        names = ", ".join(repr(name) for _, _, name in refs)
        super().__init__(
            f"unknown channel {names} (channels: {', '.join(known) or 'none defined'})"
        )


class DuplicateError(ValueError):
    """A list repeats a name; ``index`` and ``key`` locate the repeat for the loader."""

    def __init__(self, index: int, key: str, message: str) -> None:
        self.index = index
        self.key = key
        super().__init__(message)


def _no_duplicates(values: list[str], what: str, key: str) -> None:
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            raise DuplicateError(
                index, key, f"duplicate {what} {value!r} (item {seen[value]} has it too)"
            )
        seen[value] = index
