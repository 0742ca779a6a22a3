"""The settings the alerting layer reads: ``watchlists`` with their topics, experts and rules.

Channel settings live with their clients (:mod:`alerts.channels`); :mod:`sinowatch.settings`
composes everything and checks that each watchlist's channels exist.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from pydantic import Field, model_validator

from crawler.configtypes import Duration, Identifier, Model, Number


class TopicSettings(Model):
    """A watched topic: a Lucene-style ``query`` or the ``any``/``all``/``none`` list form."""

    id: Identifier
    name: str | None = None
    query: str | None = None
    any: list[str] = Field(default_factory=list)
    all: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_form(self) -> TopicSettings:
        has_list = bool(self.any or self.all)
        if self.query and (has_list or self.none):
            raise ValueError("give either query or any/all/none, not both")
        if not self.query and not has_list:
            raise ValueError("give a query, or any/all terms")
        return self


class ExpertSettings(Model):
    """A watched expert: a name, aliases, and optional context terms to tell namesakes apart."""

    id: Identifier | None = None
    name: str
    aliases: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    require: Literal["quoted"] | None = None
    affiliation: str | None = None
    pronoun: Literal["he", "she"] | None = Field(
        default=None,
        description="a quotation attributed by the other pronoun ('“…,” he said' for she) is "
        "not this expert's, whoever was named last",
    )


class RuleSettings(Model):
    """Which hits become alerts."""

    max_age: Duration = timedelta(hours=48)
    min_relevance: Number | None = Field(
        default=None,
        ge=0,
        le=1000,
        description="default: the relevance threshold; 0 disables the check",
    )
    require: Literal["quoted"] | None = Field(
        default=None, description="experts alert only when quoted"
    )
    relevant_only: bool = True


class WatchlistSettings(Model):
    """Topics and experts watched together, and the channels their alerts go to."""

    name: Identifier
    description: str | None = None
    channels: list[str] = Field(default_factory=list)
    topics: list[TopicSettings] = Field(default_factory=list)
    experts: list[ExpertSettings] = Field(default_factory=list)
    rules: RuleSettings = Field(default_factory=RuleSettings)
