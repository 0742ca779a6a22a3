"""The JSON API under ``/api/v1``: stories, articles, matches, hits, experts' quotes, sources,
deliveries and the configured watchlists, read through :mod:`alerts.storage.reports`.

Lists are paged: each answer has ``items`` and ``next_cursor``; pass ``cursor=<next_cursor>``
for the next page (``null`` on the last one). The response models make the OpenAPI document
(``/openapi.json``) exact, so clients and ``schemathesis`` can rely on it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypedDict, TypeVar, get_type_hints

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, create_model

from alerts.experts.names import expert_id
from alerts.hits import HitKind, Mention
from alerts.outbox import DeliveryStatus
from alerts.storage import reports
from alerts.storage.reports import MAX_PAGE, ArticleFilter, BadCursor, MatchFilter, StoryFilter
from sinowatch.web.deps import DirectoryDep, SessionDep, SettingsDep, as_utc

T = TypeVar("T")

MAX_ID = 2**31 - 1
"""Ids are 32-bit integers in PostgreSQL; a larger one cannot exist."""


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ErrorOut(BaseModel):
    detail: str


class PageOut(Out, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as ``cursor`` for the next page; null on the last page."
    )


def _out(name: str, shape: type, **retyped: Any) -> Any:
    """The response model ``name`` with the fields of the report dataclass ``shape``, each
    required (every answer has every field), ``retyped`` (field → type, or (type, Field)) where
    the API promises more than the dataclass says (literals, nested models, descriptions)."""
    hints = get_type_hints(shape)
    fields: dict[str, Any] = {}
    for one in dataclasses.fields(shape):
        spec = retyped.pop(one.name, hints[one.name])
        fields[one.name] = spec if isinstance(spec, tuple) else (spec, ...)
    if retyped:
        raise TypeError(f"{shape.__name__} has no fields {sorted(retyped)}")
    return create_model(name, __base__=Out, **fields)


StoryOut = _out(
    "StoryOut",
    reports.StorySummary,
    watchlists=(list[str], Field(description="Watchlists that alerted on the story.")),
)
ArticleOut = _out("ArticleOut", reports.ArticleSummary)
RevisionOut = _out("RevisionOut", reports.RevisionSummary)


class HitOut(Out):
    watchlist: str
    kind: HitKind
    id: str
    name: str
    mention: Mention | None
    quote: str | None
    snippet: str = Field(description="The sentence around the match, matched words in «…».")


MatchOut = _out("MatchOut", reports.Match, hits=list[HitOut])
StoryDetailOut = _out(
    "StoryDetailOut",
    reports.StoryDetail,
    story=StoryOut,
    articles=list[ArticleOut],
    revisions=list[RevisionOut],
    matches=list[MatchOut],
)
HitRowOut = _out("HitRowOut", reports.HitRow, kind=HitKind, mention=Mention | None)


class LedgerOut(Out):
    entries: int
    new: int
    updated: int
    known: int
    skipped: dict[str, int]
    failed: dict[str, int]
    warnings: list[str]


class FailedPageOut(Out):
    url: str
    reason: str
    detail: str


SourceOut = _out(
    "SourceOut",
    reports.SourceHealth,
    last_crawl=LedgerOut | None,
    failed_pages=list[FailedPageOut],
)
DeliveryOut = _out(
    "DeliveryOut",
    reports.DeliveryRow,
    mode=Literal["instant", "digest"],
    status=DeliveryStatus,
)


class WatchedOut(BaseModel):
    id: str
    name: str
    feeds: dict[str, str] = Field(description="Feed format (atom, json) → URL path.")


class WatchlistOut(BaseModel):
    name: str
    description: str | None
    feeds: dict[str, str]
    topics: list[WatchedOut]
    experts: list[WatchedOut]


DayCountOut = _out("DayCountOut", reports.DayCount)
CoverageOut = _out("CoverageOut", reports.CoverageCount)


class CursorCheckedRoute(APIRoute):
    """A route whose forged or foreign ``cursor`` is a 400 (:class:`BadCursor`), not a 500."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            try:
                return await handler(request)
            except BadCursor as exc:
                raise HTTPException(400, str(exc)) from None

        return checked


BAD_REQUEST: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A cursor this API did not hand out"}
}
router = APIRouter(
    prefix="/api/v1", tags=["api"], responses=BAD_REQUEST, route_class=CursorCheckedRoute
)

Cursor = Annotated[str | None, Query(description="``next_cursor`` of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")]
Since = Annotated[datetime | None, Query(description="From this moment (ISO 8601; UTC if naive).")]
Until = Annotated[datetime | None, Query(description="Before this moment (ISO 8601).")]
NO_NUL = r"^[^\x00]*$"
"""PostgreSQL text cannot hold NUL: a filter with one is refused (422) rather than a 500."""


def _text(description: str | None = None, max_length: int = 300) -> Any:
    return Query(max_length=max_length, pattern=NO_NUL, description=description)


Text = Annotated[str | None, _text()]


class Paging(TypedDict):
    """The ``cursor`` and ``limit`` of a list, as keywords of its :mod:`~alerts.storage.reports`
    query."""

    cursor: str | None
    limit: int


def _paging(cursor: Cursor = None, limit: Limit = 50) -> Paging:
    return Paging(cursor=cursor, limit=limit)


class Window(TypedDict):
    """The ``since`` and ``until`` of a list, in UTC, as keywords of its filter."""

    since: datetime | None
    until: datetime | None


def _window(since: Since = None, until: Until = None) -> Window:
    return Window(since=as_utc(since, "since"), until=as_utc(until, "until"))


PagingDep = Annotated[Paging, Depends(_paging)]
WindowDep = Annotated[Window, Depends(_window)]


def _match_filter(
    window: WindowDep, watchlist: Text = None, topic: Text = None, expert: Text = None
) -> MatchFilter:
    return MatchFilter(watchlist=watchlist, topic=topic, expert=expert, **window)


MatchFilterDep = Annotated[MatchFilter, Depends(_match_filter)]
"""The filters /matches and /hits share."""


@router.get("/stories", response_model=PageOut[StoryOut])
def list_stories(
    session: SessionDep,
    directory: DirectoryDep,
    window: WindowDep,
    page: PagingDep,
    watchlist: Text = None,
    topic: Annotated[str | None, _text("A topic id.")] = None,
    expert: Annotated[str | None, _text("An expert id.")] = None,
    outlet: Text = None,
    country: Annotated[str | None, _text("Outlet country.", 20)] = None,
    outlet_type: Annotated[str | None, _text("state_media, wire, independent…", 50)] = None,
    language: Text = None,
    relevant: bool | None = None,
    min_relevance: Annotated[float | None, Query(ge=0, allow_inf_nan=False)] = None,
) -> Any:
    """Stories (every copy of one article), last seen first, filtered."""
    source_ids = None
    if country is not None or outlet_type is not None:
        source_ids = reports.sources_where(directory, country=country, outlet_type=outlet_type)
    filters = StoryFilter(
        watchlist=watchlist,
        topic=topic,
        expert=expert,
        outlet=outlet,
        source_ids=source_ids,
        language=language,
        relevant=relevant,
        min_relevance=min_relevance,
        **window,
    )
    return reports.stories(session, filters, **page)


@router.get(
    "/stories/{story_id}",
    response_model=StoryDetailOut,
    responses={404: {"model": ErrorOut, "description": "No such story"}},
)
def get_story(
    session: SessionDep,
    directory: DirectoryDep,
    story_id: Annotated[int, Path(ge=1, le=MAX_ID)],
) -> Any:
    """One story: every outlet and URL that carried it, revisions, and its matches."""
    detail = reports.story_detail(session, story_id, directory)
    if detail is None:
        raise HTTPException(404, f"no story {story_id}")
    return detail


@router.get("/articles", response_model=PageOut[ArticleOut])
def list_articles(
    session: SessionDep,
    directory: DirectoryDep,
    window: WindowDep,
    page: PagingDep,
    source: Annotated[str | None, _text("A source id.", 100)] = None,
    outlet: Text = None,
    language: Text = None,
    relevant: bool | None = None,
) -> Any:
    """Stored articles, newest first."""
    filters = ArticleFilter(
        source_ids=None if source is None else [source],
        outlet=outlet,
        language=language,
        relevant=relevant,
        **window,
    )
    return reports.articles(session, filters, directory=directory, **page)


@router.get("/matches", response_model=PageOut[MatchOut])
def list_matches(session: SessionDep, filters: MatchFilterDep, page: PagingDep) -> Any:
    """Alerts (a watchlist's match on a story), newest first, with the hits asked for."""
    return reports.matches(session, filters, **page)


@router.get("/hits", response_model=PageOut[HitRowOut])
def list_hits(session: SessionDep, filters: MatchFilterDep, page: PagingDep) -> Any:
    """Every hit (a topic or expert found in an alerted story), newest first, with snippets."""
    return reports.hits(session, filters, **page)


@router.get("/quotes", response_model=PageOut[HitRowOut])
def list_quotes(
    session: SessionDep,
    window: WindowDep,
    page: PagingDep,
    expert: Text = None,
    watchlist: Text = None,
) -> Any:
    """Watched experts' attributed quotes, newest first, with their article."""
    filters = MatchFilter(watchlist=watchlist, expert=expert, quoted_only=True, **window)
    return reports.hits(session, filters, **page)


@router.get("/sources", response_model=list[SourceOut])
def list_sources(session: SessionDep, directory: DirectoryDep) -> Any:
    """Each source's crawl health: state, last crawl's ledger and failed pages."""
    return reports.sources_health(session, directory)


@router.get("/deliveries", response_model=PageOut[DeliveryOut])
def list_deliveries(
    session: SessionDep,
    page: PagingDep,
    status: Literal["pending", "sent", "dead"] | None = None,
    channel: Text = None,
) -> Any:
    """The outbox, newest first: status, attempts, last error."""
    return reports.deliveries(session, status=status, channel=channel, **page)


Start = Annotated[datetime, Query(description="From this moment (ISO 8601; UTC if naive).")]
End = Annotated[datetime, Query(description="Before this moment (ISO 8601).")]


@router.get("/activity", response_model=list[DayCountOut])
def activity(
    session: SessionDep,
    since: Start,
    until: End,
    series: Literal["articles", "watchlist", "topic", "expert"] = "watchlist",
) -> Any:
    """Articles per UTC day, or hits per day by watchlist, topic or expert."""
    start, end = as_utc(since, "since"), as_utc(until, "until")
    if series == "articles":
        return reports.articles_per_day(session, start, end)
    return reports.hits_per_day(session, start, end, by=series)


@router.get("/coverage", response_model=list[CoverageOut])
def coverage(
    session: SessionDep,
    directory: DirectoryDep,
    since: Start,
    until: End,
    by: Literal["country", "outlet_type"] = "country",
) -> Any:
    """Articles by outlet country or type (from the sources' config), largest first."""
    start, end = as_utc(since, "since"), as_utc(until, "until")
    return reports.coverage(session, start, end, directory, by=by)


@router.get("/watchlists", response_model=list[WatchlistOut])
def list_watchlists(settings: SettingsDep) -> Any:
    """The configured watchlists, their topics and experts, and the feed of each."""
    return [
        WatchlistOut(
            name=watchlist.name,
            description=watchlist.description,
            feeds=feed_paths("watchlists", watchlist.name),
            topics=[
                WatchedOut(id=t.id, name=t.name or t.id, feeds=feed_paths("topics", t.id))
                for t in watchlist.topics
            ],
            experts=[
                WatchedOut(id=expert_id(e), name=e.name, feeds=feed_paths("experts", expert_id(e)))
                for e in watchlist.experts
            ],
        )
        for watchlist in settings.watchlists
    ]


def feed_paths(kind: Literal["watchlists", "topics", "experts"], name: str) -> dict[str, str]:
    """The URL paths of the Atom feed and JSON Feed of a watchlist, topic or expert."""
    return {fmt: f"/feeds/{kind}/{name}.{fmt}" for fmt in ("atom", "json")}
