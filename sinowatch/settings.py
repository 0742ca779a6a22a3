"""Typed settings: the validated shape of ``sinowatch.yaml``.

The YAML loader (:mod:`sinowatch.config_loader`) reads the file (and its ``include:`` files),
interpolates ``${VAR}`` / ``${VAR:-default}``, and validates the result against :class:`Settings`.
Every model forbids unknown keys so a typo is an error, not a silently ignored option.

Durations are written as ``90s``, ``15m``, ``2h``, ``2d`` (or a number of seconds). A duration
is positive (``jitter`` and ``download_delay`` may be 0) and at most :data:`MAX_DURATION`, so
that no setting can overflow a date computed from it; numbers are finite and ints bounded.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)

from sinowatch.schedules import DEFAULT_TIMEZONE, TimeZoneName

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, None: 1}
MAX_DURATION = timedelta(days=36500)
"""The longest duration any setting takes (100 years): dates computed from it cannot overflow."""


def parse_duration(value: object) -> timedelta:
    """Parse ``30s``, ``15m``, ``2h``, ``2d``, ``1w`` or a number of seconds into a timedelta.

    Raises:
        ValueError: not a duration, negative, or longer than :data:`MAX_DURATION`.
    """
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    else:
        raise ValueError(f"not a duration: {value!r} (use e.g. 90s, 15m, 2h, 2d)")
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative (got {value!r})")
    if not math.isfinite(seconds) or seconds > MAX_DURATION.total_seconds():
        raise ValueError(f"duration too long: {value!r} (at most {MAX_DURATION.days}d)")
    return timedelta(seconds=seconds)


def _positive(value: timedelta) -> timedelta:
    if not value:
        raise ValueError("must be longer than 0 (e.g. 30s, 15m)")
    return value


def check_cron(value: str) -> str:
    """Accept a five-field crontab expression (APScheduler's ``CronTrigger.from_crontab``)."""
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(value)
    except ValueError as exc:
        raise ValueError(
            f"invalid cron expression {value!r}: {exc} "
            "(five fields: minute hour day month weekday, e.g. '0 8 * * *')"
        ) from None
    return value


def check_http_url(value: str) -> str:
    """Accept an absolute http(s) URL. The value is not echoed: a webhook URL may hold a token."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("not an http(s) URL: write it in full, e.g. https://example.org/feed.xml")
    return value


def one_or_many(value: object) -> object:
    """Let a list setting be written as a single item (``to: desk@example.org``)."""
    return [value] if isinstance(value, str) else value


Duration = Annotated[timedelta, BeforeValidator(parse_duration), AfterValidator(_positive)]
"""A duration longer than 0 (intervals, timeouts, ages, windows)."""
DurationOrZero = Annotated[timedelta, BeforeValidator(parse_duration)]
"""A duration that may be 0 (``jitter``, ``download_delay``, ``page_retry_backoff``)."""
Number = Annotated[float, Field(allow_inf_nan=False)]
CronExpression = Annotated[str, AfterValidator(check_cron)]
HttpUrl = Annotated[str, AfterValidator(check_http_url)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=100)]


class Model(BaseModel):
    """Base for every settings model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Schedule(Model):
    """When a source is crawled: a fixed interval or a cron expression, plus random jitter."""

    interval: Duration | None = None
    cron: CronExpression | None = None
    jitter: DurationOrZero = timedelta(seconds=0)

    @model_validator(mode="after")
    def _one_of(self) -> Schedule:
        if self.interval is not None and self.cron is not None:
            raise ValueError("give either interval or cron, not both")
        return self


class DatabaseSettings(Model):
    """Where articles, stories, alerts and deliveries are stored."""

    url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: a SQLite file sinowatch.db in data_dir.",
    )
    echo: bool = False


class CrawlerSettings(Model):
    """Politeness and safety limits shared by every spider."""

    user_agent: str = "sinowatch/0.1 (+https://github.com/sinowatch/sinowatch)"
    contact_url: str = "https://github.com/sinowatch/sinowatch"
    concurrency: int = Field(default=16, ge=1, le=256)
    per_domain_concurrency: int = Field(default=4, ge=1, le=64)
    download_delay: DurationOrZero = timedelta(seconds=0.25)
    autothrottle: bool = True
    obey_robots: bool = True
    download_timeout: Duration = timedelta(seconds=30)
    max_page_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, le=1024**3)
    retries: int = Field(default=2, ge=0, le=10)
    max_articles_per_run: int = Field(default=200, ge=1, le=100_000)
    extract_workers: int = Field(default=0, ge=0, le=64, description="0: extract in a thread")
    page_attempts: int = Field(default=4, ge=1, le=20)
    """Fetches of a failed entry's page (this crawl and later ones) before it is given up."""
    page_retry_backoff: DurationOrZero = timedelta(minutes=10)
    """Wait before the first retry of a failed entry; doubles with each further attempt."""


class RelevanceSettings(Model):
    """China–U.S. relevance: two term sides, and the score an article needs to count."""

    threshold: Number = Field(
        default=1.0,
        ge=0,
        le=1000,
        description="1.0: each side needs one title mention's worth of hits",
    )
    china_terms: list[str] | None = Field(
        default=None,
        description="replace the built-in China side (any language; `word*` matches inflections;"
        " a term also on us_terms names the relation and counts double)",
    )
    us_terms: list[str] | None = Field(
        default=None, description="replace the built-in U.S. side (same rules as china_terms)"
    )


class DedupSettings(Model):
    """Near-duplicate detection (MinHash LSH) parameters."""

    window: Duration = timedelta(days=7)
    lsh_threshold: float = Field(default=0.6, gt=0, lt=1)
    confirm_threshold: float = Field(default=0.7, gt=0, le=1)
    num_perm: int = Field(default=128, ge=16, le=512)
    shingle_size: int = Field(default=4, ge=1, le=10)


class SourceSettings(Model):
    """One news source: a feed, a news sitemap or an HTML listing page."""

    id: Identifier
    name: str
    kind: Literal["feed", "sitemap", "listing"]
    url: HttpUrl | None = None
    urls: list[HttpUrl] = Field(default_factory=list)
    schedule: Schedule | None = None
    language: str | None = None
    country: str | None = None
    outlet_type: str | None = None
    relevance: Literal["auto", "always"] = "auto"
    allowed_domains: list[str] = Field(default_factory=list)
    link_selector: str | None = Field(
        default=None, description="listing only: CSS selector (or xpath:…) for article links"
    )
    max_age: Duration = Field(
        default=timedelta(days=2), description="sitemap: ignore entries older than this"
    )
    fetch_articles: bool = True
    enabled: bool = True

    @field_validator("link_selector")
    @classmethod
    def _selector_compiles(cls, value: str | None) -> str | None:
        from crawler.linkselect import selector_error

        if value is not None and (problem := selector_error(value)):
            raise ValueError(problem)
        return value

    @field_validator("allowed_domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        """``example.com`` (standard ports) or ``example.com:8080`` (that port only)."""
        from crawler.entrylinks import AllowedSite

        return [str(AllowedSite.parse(entry)) for entry in value]

    @model_validator(mode="after")
    def _urls(self) -> SourceSettings:
        if not self.url and not self.urls:
            raise ValueError("give url or urls")
        if self.kind == "listing" and not self.link_selector:
            raise ValueError("a listing source needs link_selector")
        return self

    @property
    def all_urls(self) -> list[str]:
        return ([self.url] if self.url else []) + [u for u in self.urls if u != self.url]


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


class ChannelBase(Model):
    mode: Literal["instant", "digest"] = "instant"
    digest_cron: CronExpression = "0 8 * * *"
    max_attempts: int = Field(default=8, ge=1, le=1000)
    max_age: Duration = timedelta(days=2)


def _mail_address(value: str) -> str:
    """Reject a malformed address when the config loads, not at the first alert."""
    from alerts.channels.mailbox import parse_mailbox

    parse_mailbox(value)
    return value


MailAddress = Annotated[str, AfterValidator(_mail_address)]
"""``name@domain`` or ``Display Name <name@domain>``; the domain may be an IDN."""


class EmailChannel(ChannelBase):
    type: Literal["email"]
    host: str
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    username: str | None = None
    password: SecretStr | None = None
    sender: MailAddress = Field(alias="from")
    to: Annotated[list[MailAddress], BeforeValidator(one_or_many), Field(min_length=1)]
    timeout: Duration = timedelta(seconds=20)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class WebhookChannel(ChannelBase):
    type: Literal["webhook"]
    url: HttpUrl
    secret: SecretStr | None = Field(
        default=None, description="whsec_<base64>; empty or absent: requests are not signed"
    )
    headers: dict[str, str] = Field(default_factory=dict)
    timeout: Duration = timedelta(seconds=10)

    @field_validator("secret", mode="before")
    @classmethod
    def _empty_is_unsigned(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("secret")
    @classmethod
    def _well_formed(cls, value: SecretStr | None) -> SecretStr | None:
        """Reject a malformed secret when the config loads, not at the first alert."""
        if value is not None:
            from alerts.channels.webhook import signing_key

            signing_key(value.get_secret_value())
        return value


class AppriseChannel(ChannelBase):
    type: Literal["apprise"]
    urls: list[SecretStr]


class ConsoleChannel(ChannelBase):
    type: Literal["console"]


class JsonlChannel(ChannelBase):
    type: Literal["jsonl"]
    path: Path


Channel = Annotated[
    EmailChannel | WebhookChannel | AppriseChannel | ConsoleChannel | JsonlChannel,
    Field(discriminator="type"),
]


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
