"""Every read query the web pages, JSON API, feeds, metrics and exports need, as plain dataclasses.

Lists are paged by an opaque keyset cursor (:class:`Page`): a page never skips or repeats a row
of a table that does not change under it, and costs the same however deep it is.

Outlet country and type come from the config (``sources[].country`` / ``outlet_type``), not the
database: callers pass an :data:`OutletDirectory` (see :func:`outlet_directory`) keyed by
source id, and every article is placed by the source that stored it.

Hits live in ``alerts.hits`` (a JSON list of :class:`alerts.hits.Hit` dicts); filters on a
topic or expert use the database's JSON functions (SQLite ``json_each``, PostgreSQL
``json_array_elements``) so the filtering happens before the page is cut.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Literal, Protocol, TypeVar

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.orm import Session

from alerts.hits import HitKind
from alerts.storage.tables import Alert, Delivery
from crawler.storage.tables import (
    Article,
    ArticleAlias,
    ArticleRevision,
    CrawlRun,
    EntryRetry,
    Source,
    Story,
)
from crawler.store import last_ledger

T = TypeVar("T")
R = TypeVar("R")

MAX_PAGE = 500
"""The largest page any list returns (callers clamp their ``limit`` to it)."""
HIT_BATCH = 200
"""Alerts read per query while collecting a page of hits (an alert holds several)."""
MAX_INT = 2**63
"""Keyset integers beyond a 64-bit column cannot come from a real row (SQLite cannot bind them)."""
UNKNOWN = "unknown"
"""The country or outlet type of an article whose source the config does not describe."""


# --- cursors and pages ---------------------------------------------------------------------


class BadCursor(ValueError):
    """A cursor that no page of this list handed out (tampered with, or from another list)."""


def encode_cursor(*values: Any) -> str:
    """An opaque, URL-safe cursor for the keyset ``values`` (datetimes as ISO 8601)."""
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in values]
    raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *types: type) -> tuple[Any, ...]:
    """The keyset values of ``cursor``, checked against ``types`` (datetime, int, str).

    Raises :class:`BadCursor` for anything :func:`encode_cursor` did not produce for that shape.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadCursor(f"malformed cursor {cursor!r}") from exc
    if not isinstance(values, list) or len(values) != len(types):
        raise BadCursor(f"cursor {cursor!r} is not one of this list's")
    decoded: list[Any] = []
    for value, kind in zip(values, types, strict=True):
        if kind is datetime:
            try:
                moment = datetime.fromisoformat(value)
            except (TypeError, ValueError) as exc:
                raise BadCursor(f"cursor {cursor!r} is not one of this list's") from exc
            if moment.tzinfo is None:
                raise BadCursor(f"cursor {cursor!r} is not one of this list's")
            decoded.append(moment)
        elif type(value) is not kind or (kind is int and not -MAX_INT < value < MAX_INT):
            raise BadCursor(f"cursor {cursor!r} is not one of this list's")
        else:
            decoded.append(value)
    return tuple(decoded)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and the cursor of the next (None on the last page)."""

    items: list[T]
    next_cursor: str | None = None


def walk(fetch: Callable[[str | None], Page[T]]) -> Iterator[T]:
    """Every item of a paged list, page after page (``fetch(cursor)`` reads one page)."""
    cursor: str | None = None
    while True:
        page = fetch(cursor)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def _limit(limit: int) -> int:
    return max(1, min(limit, MAX_PAGE))


def _keyset_page(
    fetch: Callable[[Select[Any]], Sequence[R]],
    query: Select[Any],
    *,
    cursor: str | None,
    limit: int,
    types: tuple[type, ...],
    after: Callable[..., Iterable[ColumnElement[bool]]],
    order: Iterable[ColumnElement[Any]],
    build: Callable[[Sequence[R]], list[T]],
    key: Callable[[T], tuple[Any, ...]],
) -> Page[T]:
    """One page of a keyset-paged list: the rows of ``query`` after ``cursor``, in ``order``.

    ``after(*values)`` gives the conditions that seek past the cursor's keyset ``values`` (of
    ``types``); ``build`` turns the page's rows into items and ``key`` gives an item's keyset
    values. One row more than the page is read to know whether a next page exists.
    """
    limit = _limit(limit)
    if cursor:  # "" (an empty form field) is the first page too
        query = query.where(*after(*decode_cursor(cursor, *types)))
    rows = fetch(query.order_by(*order).limit(limit + 1))
    items = build(rows[:limit])
    return Page(items, encode_cursor(*key(items[-1])) if len(rows) > limit else None)


# --- outlets -------------------------------------------------------------------------------


class DescribedSource(Protocol):
    """What :func:`outlet_directory` reads of a configured source (``SourceSettings``)."""

    @property
    def id(self) -> str: ...
    @property
    def country(self) -> str | None: ...
    @property
    def outlet_type(self) -> str | None: ...


@dataclass(frozen=True)
class OutletInfo:
    country: str | None = None
    outlet_type: str | None = None
    """``state_media``, ``wire``, ``independent``, ``public_broadcaster``…"""


OutletDirectory = Mapping[str, OutletInfo]
"""Source id → the country and type of the outlet it crawls."""


def outlet_directory(sources: Iterable[DescribedSource]) -> dict[str, OutletInfo]:
    """The directory of the configured sources (``settings.sources``)."""
    return {source.id: OutletInfo(source.country, source.outlet_type) for source in sources}


def sources_where(
    directory: OutletDirectory, *, country: str | None = None, outlet_type: str | None = None
) -> list[str]:
    """Ids of the sources of that country and/or outlet type (case-insensitive)."""
    return [
        source_id
        for source_id, info in directory.items()
        if (country is None or (info.country or "").casefold() == country.casefold())
        and (outlet_type is None or (info.outlet_type or "").casefold() == outlet_type.casefold())
    ]


# --- hits inside alerts.hits ---------------------------------------------------------------


def _hit_in_alert(
    session: Session, kind: HitKind, item_id: str | None = None, *, quoted: bool = False
) -> ColumnElement[bool]:
    """True for an alert whose ``hits`` has a hit of that kind (and topic/expert id, and with a
    quote when ``quoted``)."""
    if session.get_bind().dialect.name == "postgresql":
        each = func.json_array_elements(Alert.hits).table_valued("value").alias("hit")

        def field(name: str) -> Any:
            return each.c.value.op("->>")(name)
    else:
        each = func.json_each(Alert.hits).table_valued("value").alias("hit")

        def field(name: str) -> Any:
            return func.json_extract(each.c.value, f"$.{name}")

    conditions = [field("kind") == kind]
    if item_id is not None:
        conditions.append(field("id") == item_id)
    if quoted:
        conditions.append(field("quote").isnot(None))
    return exists(select(1).select_from(each).where(*conditions))


@dataclass(frozen=True)
class MatchFilter:
    """Which alerts (a watchlist's match on a story) and which of their hits to read."""

    watchlist: str | None = None
    topic: str | None = None
    """A topic id: only alerts with a hit on it, and only those hits."""
    expert: str | None = None
    """An expert id: only alerts with a hit on that expert, and only those hits."""
    since: datetime | None = None
    until: datetime | None = None
    quoted_only: bool = False
    """Only expert hits with an attributed quote (the experts' quotes)."""

    def conditions(self, session: Session) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.watchlist is not None:
            found.append(Alert.watchlist == self.watchlist)
        if self.topic is not None:
            found.append(_hit_in_alert(session, "topic", self.topic))
        if self.expert is not None or self.quoted_only:
            found.append(_hit_in_alert(session, "expert", self.expert, quoted=self.quoted_only))
        if self.since is not None:
            found.append(Alert.created_at >= self.since)
        if self.until is not None:
            found.append(Alert.created_at < self.until)
        return found

    def keeps(self, hit: Mapping[str, Any]) -> bool:
        """Whether a hit of a selected alert is one this filter asks for."""
        if self.topic is not None and self.expert is not None:
            wanted = (hit.get("kind"), hit.get("id")) in {
                ("topic", self.topic),
                ("expert", self.expert),
            }
        elif self.topic is not None:
            wanted = hit.get("kind") == "topic" and hit.get("id") == self.topic
        elif self.expert is not None:
            wanted = hit.get("kind") == "expert" and hit.get("id") == self.expert
        else:
            wanted = True
        if self.quoted_only:
            wanted = wanted and hit.get("kind") == "expert" and bool(hit.get("quote"))
        return wanted


# --- stories -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryFilter:
    """Filters of the stories list; every article condition must hold for one same article."""

    watchlist: str | None = None
    topic: str | None = None
    expert: str | None = None
    outlet: str | None = None
    source_ids: list[str] | None = None
    """Only stories with an article from these sources (see :func:`sources_where`)."""
    language: str | None = None
    relevant: bool | None = None
    min_relevance: float | None = None
    since: datetime | None = None
    """Stories last seen at or after this moment."""
    until: datetime | None = None
    """Stories last seen before this moment."""

    def conditions(self, session: Session) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.since is not None:
            found.append(Story.last_seen >= self.since)
        if self.until is not None:
            found.append(Story.last_seen < self.until)
        matches = MatchFilter(watchlist=self.watchlist, topic=self.topic, expert=self.expert)
        if alert_conditions := matches.conditions(session):
            found.append(
                exists(select(Alert.id).where(Alert.story_id == Story.id, *alert_conditions))
            )
        article: list[ColumnElement[bool]] = []
        if self.outlet is not None:
            article.append(Article.outlet == self.outlet)
        if self.source_ids is not None:
            article.append(Article.source_id.in_(self.source_ids))
        if self.language is not None:
            article.append(Article.language == self.language)
        if self.relevant is not None:
            article.append(Article.relevant.is_(self.relevant))
        if self.min_relevance is not None:
            article.append(Article.relevance_score >= self.min_relevance)
        if article:
            found.append(exists(select(Article.id).where(Article.story_id == Story.id, *article)))
        return found


@dataclass(frozen=True)
class StorySummary:
    id: int
    title: str | None
    first_outlet: str | None
    outlets: list[str]
    article_count: int
    first_seen: datetime
    last_seen: datetime
    watchlists: list[str] = field(default_factory=list)
    """The watchlists that alerted on the story."""


def stories(
    session: Session,
    filters: StoryFilter | None = None,
    *,
    cursor: str | None = None,
    limit: int = 50,
) -> Page[StorySummary]:
    """Stories, last seen first (a story that gains a copy moves back to the front)."""

    def after(seen: datetime, story_id: int) -> list[ColumnElement[bool]]:
        # The first condition alone seeks ix_stories_last_seen to the cursor (an OR of both
        # would scan the index from the newest story: deeper pages would cost more).
        return [Story.last_seen <= seen, or_(Story.last_seen < seen, Story.id < story_id)]

    def build(rows: Sequence[Story]) -> list[StorySummary]:
        watchlists = _watchlists_of(session, [row.id for row in rows])
        return [
            StorySummary(
                id=row.id,
                title=row.title,
                first_outlet=row.first_outlet,
                outlets=list(row.outlets or []),
                article_count=row.article_count,
                first_seen=row.first_seen,
                last_seen=row.last_seen,
                watchlists=watchlists.get(row.id, []),
            )
            for row in rows
        ]

    return _keyset_page(
        lambda query: list(session.scalars(query)),
        select(Story).where(*(filters or StoryFilter()).conditions(session)),
        cursor=cursor,
        limit=limit,
        types=(datetime, int),
        after=after,
        order=(Story.last_seen.desc(), Story.id.desc()),
        build=build,
        key=lambda item: (item.last_seen, item.id),
    )


def _watchlists_of(session: Session, story_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    if story_ids:
        query = (
            select(Alert.story_id, Alert.watchlist)
            .where(Alert.story_id.in_(story_ids))
            .order_by(Alert.watchlist)
        )
        for story_id, watchlist in session.execute(query):
            found[story_id].append(watchlist)
    return found


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    url: str
    canonical_url: str
    outlet: str | None
    source_id: str | None
    country: str | None
    outlet_type: str | None
    title: str | None
    language: str | None
    published_at: datetime | None
    first_seen: datetime
    relevance_score: float
    relevant: bool
    revision: int
    story_id: int | None
    aliases: list[str] = field(default_factory=list)
    """The article's other URLs (tracking parameters, AMP, pre-redirect)."""


@dataclass(frozen=True)
class RevisionSummary:
    """An earlier text of an article (its title then, and when the new text replaced it)."""

    article_id: int
    revision: int
    title: str | None
    created_at: datetime


@dataclass(frozen=True)
class Match:
    """A watchlist's alert on a story with its hits (snippets, quotes)."""

    alert_id: int
    watchlist: str
    story_id: int
    article_id: int
    title: str | None
    url: str | None
    outlet: str | None
    created_at: datetime
    hits: list[dict[str, Any]]
    """:class:`alerts.hits.Hit` dicts: ``kind``, ``id``, ``name``, ``mention``, ``quote``,
    ``snippet`` (matched words marked «…»)."""


@dataclass(frozen=True)
class StoryDetail:
    story: StorySummary
    articles: list[ArticleSummary]
    """Every copy, oldest first: the outlets and URLs that carried the story."""
    revisions: list[RevisionSummary]
    matches: list[Match]


def story_detail(
    session: Session, story_id: int, directory: OutletDirectory | None = None
) -> StoryDetail | None:
    """One story with its articles (and their aliases), revisions and alerts; None if unknown."""
    row = session.get(Story, story_id)
    if row is None:
        return None
    summary = StorySummary(
        id=row.id,
        title=row.title,
        first_outlet=row.first_outlet,
        outlets=list(row.outlets or []),
        article_count=row.article_count,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        watchlists=_watchlists_of(session, [row.id]).get(row.id, []),
    )
    articles = _article_summaries(
        session,
        list(
            session.scalars(
                select(Article)
                .where(Article.story_id == story_id)
                .order_by(Article.first_seen, Article.id)
            )
        ),
        directory or {},
    )
    revisions = [
        RevisionSummary(rev.article_id, rev.revision, rev.title, rev.created_at)
        for rev in session.scalars(
            select(ArticleRevision)
            .join(Article, Article.id == ArticleRevision.article_id)
            .where(Article.story_id == story_id)
            .order_by(ArticleRevision.article_id, ArticleRevision.revision)
        )
    ]
    found = session.execute(
        _match_query().where(Alert.story_id == story_id).order_by(Alert.id)
    ).all()
    return StoryDetail(summary, articles, revisions, [_match(*one) for one in found])


def _article_summaries(
    session: Session, rows: list[Article], directory: OutletDirectory
) -> list[ArticleSummary]:
    aliases: dict[int, list[str]] = defaultdict(list)
    if rows:
        query = (
            select(ArticleAlias.article_id, ArticleAlias.url)
            .where(ArticleAlias.article_id.in_([row.id for row in rows]))
            .order_by(ArticleAlias.url)
        )
        for article_id, url in session.execute(query):
            aliases[article_id].append(url)
    summaries = []
    for row in rows:
        info = directory.get(row.source_id or "", OutletInfo())
        summaries.append(
            ArticleSummary(
                id=row.id,
                url=row.url,
                canonical_url=row.canonical_url,
                outlet=row.outlet,
                source_id=row.source_id,
                country=info.country,
                outlet_type=info.outlet_type,
                title=row.title,
                language=row.language,
                published_at=row.published_at,
                first_seen=row.first_seen,
                relevance_score=row.relevance_score,
                relevant=bool(row.relevant),
                revision=row.revision,
                story_id=row.story_id,
                aliases=aliases.get(row.id, []),
            )
        )
    return summaries


# --- articles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleFilter:
    source_ids: list[str] | None = None
    outlet: str | None = None
    language: str | None = None
    relevant: bool | None = None
    since: datetime | None = None
    """Articles first seen at or after this moment."""
    until: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.source_ids is not None:
            found.append(Article.source_id.in_(self.source_ids))
        if self.outlet is not None:
            found.append(Article.outlet == self.outlet)
        if self.language is not None:
            found.append(Article.language == self.language)
        if self.relevant is not None:
            found.append(Article.relevant.is_(self.relevant))
        if self.since is not None:
            found.append(Article.first_seen >= self.since)
        if self.until is not None:
            found.append(Article.first_seen < self.until)
        return found


def articles(
    session: Session,
    filters: ArticleFilter | None = None,
    *,
    directory: OutletDirectory | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page[ArticleSummary]:
    """Stored articles, newest id first."""
    return _keyset_page(
        lambda query: list(session.scalars(query)),
        select(Article).where(*(filters or ArticleFilter()).conditions()),
        cursor=cursor,
        limit=limit,
        types=(int,),
        after=lambda after: [Article.id < after],
        order=(Article.id.desc(),),
        build=lambda rows: _article_summaries(session, list(rows), directory or {}),
        key=lambda item: (item.id,),
    )


# --- matches, hits and quotes --------------------------------------------------------------


def _match_query() -> Select[tuple[Alert, str | None, str | None]]:
    return select(Alert, Article.url, Article.outlet).outerjoin(
        Article, Article.id == Alert.article_id
    )


def _match(
    alert: Alert,
    url: str | None,
    outlet: str | None,
    keep: Callable[[Mapping[str, Any]], bool] | None = None,
) -> Match:
    return Match(
        alert_id=alert.id,
        watchlist=alert.watchlist,
        story_id=alert.story_id,
        article_id=alert.article_id,
        title=alert.title,
        url=url,
        outlet=outlet,
        created_at=alert.created_at,
        hits=[dict(hit) for hit in alert.hits or [] if keep is None or keep(hit)],
    )


def matches(
    session: Session,
    filters: MatchFilter | None = None,
    *,
    cursor: str | None = None,
    limit: int = 50,
) -> Page[Match]:
    """Alerts (a watchlist's match on a story), newest first, with the hits the filter asks
    for (what the feeds list)."""
    filters = filters or MatchFilter()
    return _keyset_page(
        lambda query: session.execute(query).all(),
        _match_query().where(*filters.conditions(session)),
        cursor=cursor,
        limit=limit,
        types=(int,),
        after=lambda after: [Alert.id < after],
        order=(Alert.id.desc(),),
        build=lambda rows: [_match(*row, keep=filters.keeps) for row in rows],
        key=lambda item: (item.alert_id,),
    )


@dataclass(frozen=True)
class HitRow:
    """One hit of one alert, with the alert's story and article."""

    alert_id: int
    index: int
    """The hit's position in its alert (with ``alert_id``, its identity)."""
    watchlist: str
    story_id: int
    article_id: int
    title: str | None
    url: str | None
    outlet: str | None
    created_at: datetime
    kind: str
    id: str
    name: str
    mention: str | None
    quote: str | None
    snippet: str


def hits(
    session: Session,
    filters: MatchFilter | None = None,
    *,
    cursor: str | None = None,
    limit: int = 50,
) -> Page[HitRow]:
    """Hits, newest alert first, in their alert's order (``quoted_only``: experts' quotes)."""
    filters = filters or MatchFilter()
    limit = _limit(limit)
    start_alert, start_index = decode_cursor(cursor, int, int) if cursor else (None, 0)
    base = _match_query().where(*filters.conditions(session)).order_by(Alert.id.desc())
    rows: list[HitRow] = []
    bound, inclusive = start_alert, True
    while True:
        query = base
        if bound is not None:
            query = query.where(Alert.id <= bound if inclusive else Alert.id < bound)
        batch = session.execute(query.limit(HIT_BATCH)).all()
        for alert, url, outlet in batch:
            for index, hit in enumerate(alert.hits or []):
                if (alert.id == start_alert and index < start_index) or not filters.keeps(hit):
                    continue
                if len(rows) == limit:
                    return Page(rows, encode_cursor(alert.id, index))
                rows.append(_hit_row(alert, index, hit, url, outlet))
        if len(batch) < HIT_BATCH:
            return Page(rows)
        bound, inclusive = batch[-1][0].id, False


def _hit_row(
    alert: Alert, index: int, hit: Mapping[str, Any], url: str | None, outlet: str | None
) -> HitRow:
    return HitRow(
        alert_id=alert.id,
        index=index,
        watchlist=alert.watchlist,
        story_id=alert.story_id,
        article_id=alert.article_id,
        title=alert.title,
        url=url,
        outlet=outlet,
        created_at=alert.created_at,
        kind=str(hit.get("kind", "")),
        id=str(hit.get("id", "")),
        name=str(hit.get("name", "")),
        mention=hit.get("mention"),
        quote=hit.get("quote"),
        snippet=str(hit.get("snippet") or ""),
    )


# --- sources -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceHealth:
    """A source's crawl health from its stored state and its last crawl's ledger."""

    id: str
    name: str
    kind: str
    country: str | None
    outlet_type: str | None
    last_run_at: datetime | None
    last_success_at: datetime | None
    last_status: str | None
    consecutive_errors: int
    last_error: str | None
    articles: int
    retries_pending: int
    """Failed entries still retried on later crawls."""
    last_crawl: dict[str, Any] | None = None
    """The ledger of the last crawl: ``entries``, ``new``, ``updated``, ``known``, ``skipped``
    and ``failed`` by reason, ``warnings``."""
    failed_pages: list[dict[str, str]] = field(default_factory=list)
    """That crawl's failed pages: ``url``, ``reason``, ``detail``."""


def sources_health(
    session: Session, directory: OutletDirectory | None = None
) -> list[SourceHealth]:
    """Every stored source, by id."""
    directory = directory or {}
    counted = dict(
        session.execute(select(Article.source_id, func.count()).group_by(Article.source_id)).all()
    )
    retrying = dict(
        session.execute(
            select(EntryRetry.source_id, func.count())
            .where(EntryRetry.given_up_at.is_(None))
            .group_by(EntryRetry.source_id)
        ).all()
    )
    found = []
    for row in session.scalars(select(Source).order_by(Source.id)):
        info = directory.get(row.id, OutletInfo())
        ledger = last_ledger(session, row.id)
        found.append(
            SourceHealth(
                id=row.id,
                name=row.name,
                kind=row.kind,
                country=info.country,
                outlet_type=info.outlet_type,
                last_run_at=row.last_run_at,
                last_success_at=row.last_success_at,
                last_status=row.last_status,
                consecutive_errors=row.consecutive_errors or 0,
                last_error=row.last_error,
                articles=counted.get(row.id, 0),
                retries_pending=retrying.get(row.id, 0),
                last_crawl=ledger.get("last_crawl"),
                failed_pages=ledger.get("failed_pages", []),
            )
        )
    return found


# --- deliveries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    alert_id: int
    watchlist: str
    story_id: int
    title: str | None
    channel: str
    mode: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


def deliveries(
    session: Session,
    *,
    status: str | None = None,
    channel: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page[DeliveryRow]:
    """The outbox, newest first."""
    query = select(Delivery, Alert).join(Alert, Alert.id == Delivery.alert_id)
    if status is not None:
        query = query.where(Delivery.status == status)
    if channel is not None:
        query = query.where(Delivery.channel == channel)
    return _keyset_page(
        lambda query: session.execute(query).all(),
        query,
        cursor=cursor,
        limit=limit,
        types=(int,),
        after=lambda after: [Delivery.id < after],
        order=(Delivery.id.desc(),),
        build=_delivery_rows,
        key=lambda item: (item.id,),
    )


def _delivery_rows(rows: Sequence[Any]) -> list[DeliveryRow]:
    return [
        DeliveryRow(
            id=delivery.id,
            alert_id=alert.id,
            watchlist=alert.watchlist,
            story_id=alert.story_id,
            title=alert.title,
            channel=delivery.channel,
            mode=delivery.mode,
            status=delivery.status,
            attempts=delivery.attempts,
            next_attempt_at=delivery.next_attempt_at,
            last_error=delivery.last_error,
            created_at=delivery.created_at,
            sent_at=delivery.sent_at,
        )
        for delivery, alert in rows
    ]


# --- overview: counts per day, coverage, what is new ---------------------------------------


@dataclass(frozen=True)
class DayCount:
    day: date
    series: str
    """``articles``, a watchlist name, or a topic/expert id."""
    count: int
    label: str | None = None
    """The topic or expert's name (None for the other series)."""


def _day(session: Session, column: Any) -> Any:
    """The UTC calendar day of a timestamp column, in SQL."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone("UTC", column))
    return func.date(column)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def articles_per_day(session: Session, since: datetime, until: datetime) -> list[DayCount]:
    """Articles first seen per UTC day in ``[since, until)``, by day."""
    day = _day(session, Article.first_seen)
    query = (
        select(day, func.count())
        .where(Article.first_seen >= since, Article.first_seen < until)
        .group_by(day)
        .order_by(day)
    )
    return [DayCount(_as_date(value), "articles", count) for value, count in session.execute(query)]


def hits_per_day(
    session: Session,
    since: datetime,
    until: datetime,
    by: Literal["watchlist", "topic", "expert"] = "watchlist",
) -> list[DayCount]:
    """Alerts per UTC day and watchlist, or hits per day and topic (or expert), by day."""
    if by == "watchlist":
        day = _day(session, Alert.created_at)
        query = (
            select(day, Alert.watchlist, func.count())
            .where(Alert.created_at >= since, Alert.created_at < until)
            .group_by(day, Alert.watchlist)
            .order_by(day, Alert.watchlist)
        )
        return [DayCount(_as_date(d), name, count) for d, name, count in session.execute(query)]
    counts: Counter[tuple[date, str]] = Counter()
    labels: dict[str, str] = {}
    query = select(Alert.created_at, Alert.hits).where(
        Alert.created_at >= since, Alert.created_at < until
    )
    for created_at, found in session.execute(query):
        for hit in found or []:
            if hit.get("kind") == by:
                counts[(created_at.date(), hit["id"])] += 1
                labels[hit["id"]] = hit.get("name") or hit["id"]
    return [
        DayCount(day, series, count, labels[series])
        for (day, series), count in sorted(counts.items())
    ]


@dataclass(frozen=True)
class CoverageCount:
    key: str
    """A country code or outlet type (:data:`UNKNOWN` when the config does not say)."""
    articles: int
    relevant: int


def coverage(
    session: Session,
    since: datetime,
    until: datetime,
    directory: OutletDirectory,
    by: Literal["country", "outlet_type"] = "country",
) -> list[CoverageCount]:
    """Articles first seen in ``[since, until)`` by outlet country or type, largest first."""
    query = (
        select(Article.source_id, Article.relevant, func.count())
        .where(Article.first_seen >= since, Article.first_seen < until)
        .group_by(Article.source_id, Article.relevant)
    )
    totals: Counter[str] = Counter()
    relevant: Counter[str] = Counter()
    for source_id, is_relevant, count in session.execute(query):
        info = directory.get(source_id or "", OutletInfo())
        key = (info.country if by == "country" else info.outlet_type) or UNKNOWN
        totals[key] += count
        if is_relevant:
            relevant[key] += count
    return [
        CoverageCount(key, count, relevant[key])
        for key, count in sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    ]


@dataclass(frozen=True)
class NewSince:
    stories: int
    alerts: int


def new_since(session: Session, moment: datetime) -> NewSince:
    """Stories first seen and alerts created at or after ``moment`` (e.g. the last visit)."""
    return NewSince(
        stories=session.scalar(select(func.count()).where(Story.first_seen >= moment)) or 0,
        alerts=session.scalar(select(func.count()).where(Alert.created_at >= moment)) or 0,
    )


# --- metrics and health --------------------------------------------------------------------


@dataclass(frozen=True)
class MetricsSnapshot:
    """What ``/metrics`` exports, read from storage at scrape time."""

    crawls: dict[str, int]
    """Finished-or-running crawl runs by status."""
    ledger: dict[tuple[str, str], int]
    """Entries of every stored crawl ledger by (outcome, reason): ``("new", "")``,
    ``("skipped", "robots.txt")``, ``("failed", "extraction error")``…"""
    alerts: dict[str, int]
    """Alerts by watchlist."""
    outbox: dict[str, int]
    """Deliveries by status."""
    oldest_pending_at: datetime | None
    delivery_latencies: list[float]
    """Seconds from each sent delivery's creation to its sending."""

    @property
    def extraction_failures(self) -> int:
        return self.ledger.get(("failed", "extraction error"), 0)


def metrics_snapshot(session: Session) -> MetricsSnapshot:
    """Counts for the metrics (aggregates in SQL; the ledgers and latencies in Python)."""
    ledger: Counter[tuple[str, str]] = Counter()
    for details in session.scalars(select(CrawlRun.details).where(CrawlRun.details.isnot(None))):
        stored = (details or {}).get("ledger")
        if not stored:
            continue
        for outcome in ("new", "updated", "known"):
            ledger[(outcome, "")] += stored.get(outcome, 0)
        for outcome in ("skipped", "failed"):
            for reason, count in (stored.get(outcome) or {}).items():
                ledger[(outcome, reason)] += count
    latencies = [
        (sent - created).total_seconds()
        for created, sent in session.execute(
            select(Delivery.created_at, Delivery.sent_at).where(Delivery.sent_at.isnot(None))
        )
    ]
    return MetricsSnapshot(
        crawls=_grouped(session, CrawlRun.status),
        ledger=dict(ledger),
        alerts=_grouped(session, Alert.watchlist),
        outbox=_grouped(session, Delivery.status),
        oldest_pending_at=session.scalar(
            select(func.min(Delivery.created_at)).where(Delivery.status == "pending")
        ),
        delivery_latencies=latencies,
    )


def _grouped(session: Session, column: Any) -> dict[str, int]:
    query = select(column, func.count()).group_by(column).order_by(column)
    return {str(key): count for key, count in session.execute(query)}


def last_crawl_finished_at(session: Session) -> datetime | None:
    """When the most recent crawl of any source finished (None before the first)."""
    return session.scalar(select(func.max(CrawlRun.finished_at)))
