"""The HTML pages: overview, stories, a story, experts, sources, deliveries, search, sign-in.

Every page reads through :mod:`alerts.storage.reports` (or :mod:`alerts.dryrun` for Search) and
renders a Jinja2 template with autoescaping on: titles, snippets and quotes from articles are
hostile input and are only ever shown escaped. The one change a page makes — retrying a dead
delivery — is a POST that :mod:`sinowatch.web.security` lets through only when the visitor is
authenticated and sent the CSRF token.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from alerts import outbox
from alerts.dryrun import dry_run, query_matcher
from alerts.experts.names import expert_id
from alerts.query import QuerySyntaxError
from alerts.storage import reports
from alerts.storage.reports import BadCursor, MatchFilter, StoryFilter
from crawler.configtypes import parse_duration
from sinowatch import exports
from sinowatch.exports import ExportFormat, ExportKind
from sinowatch.schedules import cron_trigger
from sinowatch.settings import Settings
from sinowatch.web.charts import bar_chart, line_chart
from sinowatch.web.deps import DirectoryDep, SessionDep, SettingsDep
from sinowatch.web.security import SESSION_COOKIE, LoginThrottle, Visitor, cookie_header

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))

LAST_VISIT_COOKIE = "sinowatch_last_visit"
FIRST_VISIT_WINDOW = timedelta(hours=24)
"""What counts as new on a first visit (no last-visit cookie yet)."""
PERIODS = (7, 14, 30, 90)
"""The overview's period choices, in days."""
PAGE_SIZE = 50
QUOTES_PER_EXPERT = 20
SEARCH_SINCE = ("1d", "7d", "30d", "90d")
FEED_ROUTES = (
    ("Atom", "application/atom+xml", "atom_feed"),
    ("JSON Feed", "application/feed+json", "json_feed_route"),
)
"""Each feed format: its label, media type and route name in :mod:`sinowatch.web.feeds`."""
EXPORT_SPOOL_BYTES = 4 * 1024 * 1024
EXPORT_CHUNK = 64 * 1024


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


_MARKED = re.compile(r"«([^«»]*)»")


def _marked(snippet: str | None) -> Markup:
    """A hit's snippet escaped, its matched words (``«…»``) in ``<mark>``."""
    return Markup(_MARKED.sub(r"<mark>\1</mark>", str(escape(snippet or ""))))


def _web_url(url: str | None) -> str:
    """``url`` for an ``href`` if it is http(s), else ``#`` (never ``javascript:`` or ``data:``)."""
    return url if url and urlsplit(url).scheme.lower() in ("http", "https") else "#"


templates.env.filters["when"] = _when
templates.env.filters["marked"] = _marked
templates.env.filters["web_url"] = _web_url


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    visitor: Visitor = request.state.visitor
    return templates.TemplateResponse(
        request, name, {"visitor": visitor, **context}, status_code=status_code
    )


def _page_link(request: Request, cursor: str | None) -> str | None:
    """This page's URL with ``cursor`` (the next page), other parameters kept."""
    if cursor is None:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    return f"{request.url.path}?{urlencode([*params, ('cursor', cursor)])}"


def _paged(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except BadCursor as exc:
        raise HTTPException(400, str(exc)) from None


def _blank(value: str | None) -> str | None:
    """An empty form field means no filter."""
    return value.strip() or None if value is not None else None


# --- overview ------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    directory: DirectoryDep,
    days: Annotated[int, Query(ge=1, le=365)] = 14,
) -> HTMLResponse:
    """What is new since the last visit, charts over ``days``, and the feeds."""
    now = datetime.now(UTC)
    last_visit = _last_visit(request)
    new = reports.new_since(session, last_visit or now - FIRST_VISIT_WINDOW)
    until = now + timedelta(seconds=1)
    since = datetime.combine(now.date() - timedelta(days=days - 1), datetime.min.time(), UTC)
    period = [since.date() + timedelta(days=i) for i in range(days)]
    articles = _series(reports.articles_per_day(session, since, until))
    by_watchlist = _series(reports.hits_per_day(session, since, until, "watchlist"))
    by_topic = _series(reports.hits_per_day(session, since, until, "topic"))
    countries = reports.coverage(session, since, until, directory, "country")
    types = reports.coverage(session, since, until, directory, "outlet_type")
    response = _render(
        request,
        "overview.html",
        new=new,
        last_visit=last_visit,
        days=days,
        periods=PERIODS,
        charts=[
            line_chart("Articles stored per day", period, articles),
            line_chart("Alerts per day, by watchlist", period, by_watchlist),
            line_chart("Topic hits per day", period, by_topic),
        ],
        coverage=[
            bar_chart("Articles by outlet country", [(c.key, c.articles) for c in countries]),
            bar_chart("Articles by outlet type", [(c.key, c.articles) for c in types]),
        ],
        feeds=feed_links(request, settings),
        exports=export_links("hits", since=since.date().isoformat()),
    )
    response.set_cookie(
        LAST_VISIT_COOKIE, now.isoformat(), max_age=400 * 86400, httponly=True, samesite="strict"
    )
    return response


def _last_visit(request: Request) -> datetime | None:
    try:
        moment = datetime.fromisoformat(request.cookies.get(LAST_VISIT_COOKIE, ""))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _series(counts: list[reports.DayCount]) -> dict[str, dict[date, int]]:
    """Day counts as series name (a topic's label when it has one) → day → count."""
    series: dict[str, dict[date, int]] = defaultdict(dict)
    for row in counts:
        series[row.label or row.series][row.day] = row.count
    return dict(series)


def feed_links(request: Request, settings: Settings) -> list[dict[str, str]]:
    """An Atom and a JSON Feed link per watchlist (rendered as links and ``rel=alternate``)."""
    return [
        {
            "title": f"{watchlist.name} ({label})",
            "type": media_type,
            "href": str(request.url_for(route, kind="watchlists", name=watchlist.name)),
        }
        for watchlist in settings.watchlists
        for label, media_type, route in FEED_ROUTES
    ]


# --- stories -------------------------------------------------------------------------------


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    directory: DirectoryDep,
    watchlist: str | None = None,
    topic: str | None = None,
    expert: str | None = None,
    outlet: str | None = None,
    country: str | None = None,
    outlet_type: str | None = None,
    language: str | None = None,
    min_relevance: Annotated[str | None, Query()] = None,
    relevant: bool = False,
    since: str | None = None,
    until: str | None = None,
    cursor: str | None = None,
) -> HTMLResponse:
    """Stories, last seen first, filtered; every filter is a plain GET parameter."""
    chosen = {
        "watchlist": _blank(watchlist),
        "topic": _blank(topic),
        "expert": _blank(expert),
        "outlet": _blank(outlet),
        "country": _blank(country),
        "outlet_type": _blank(outlet_type),
        "language": _blank(language),
        "min_relevance": _blank(min_relevance),
        "relevant": relevant,
        "since": _blank(since),
        "until": _blank(until),
    }
    source_ids = None
    if chosen["country"] or chosen["outlet_type"]:
        source_ids = reports.sources_where(
            directory, country=chosen["country"], outlet_type=chosen["outlet_type"]
        )
    filters = StoryFilter(
        watchlist=chosen["watchlist"],
        topic=chosen["topic"],
        expert=chosen["expert"],
        outlet=chosen["outlet"],
        source_ids=source_ids,
        language=chosen["language"],
        relevant=True if relevant else None,
        min_relevance=_number(chosen["min_relevance"], "min_relevance"),
        since=_day_start(chosen["since"], "since"),
        until=_day_start(chosen["until"], "until", next_day=True),
    )
    page = _paged(reports.stories, session, filters, cursor=cursor, limit=PAGE_SIZE)
    return _render(
        request,
        "stories.html",
        page=page,
        next_page=_page_link(request, page.next_cursor),
        chosen=chosen,
        choices=_filter_choices(settings, directory),
        exports=export_links("stories", watchlist=chosen["watchlist"], since=chosen["since"]),
    )


def _number(value: str | None, name: str) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        raise HTTPException(400, f"{name}: not a number: {value!r}") from None


def _day_start(value: str | None, name: str, *, next_day: bool = False) -> datetime | None:
    """A ``YYYY-MM-DD`` field as the UTC start of that day (``next_day``: of the day after)."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name}: not a date (YYYY-MM-DD): {value!r}") from None
    if next_day:
        day += timedelta(days=1)
    return datetime.combine(day, datetime.min.time(), UTC)


def _filter_choices(settings: Settings, directory: reports.OutletDirectory) -> dict[str, Any]:
    """The ``(value, label)`` options of the stories filter, from the config."""
    watchlists = settings.watchlists

    def same(values: set[str]) -> list[tuple[str, str]]:
        return [(value, value) for value in sorted(values)]

    def by_label(pairs: set[tuple[str, str]]) -> list[tuple[str, str]]:
        return sorted(pairs, key=lambda pair: pair[1].casefold())

    return {
        "watchlist": same({w.name for w in watchlists}),
        "topic": by_label({(t.id, t.name or t.id) for w in watchlists for t in w.topics}),
        "expert": by_label({(expert_id(e), e.name) for w in watchlists for e in w.experts}),
        "country": same({i.country for i in directory.values() if i.country}),
        "outlet_type": same({i.outlet_type for i in directory.values() if i.outlet_type}),
        "language": same({s.language for s in settings.sources if s.language}),
    }


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request, story_id: int, session: SessionDep, directory: DirectoryDep
) -> HTMLResponse:
    """A story's outlets and URLs, revisions and hits, side by side by outlet country."""
    detail = reports.story_detail(session, story_id, directory)
    if detail is None:
        return _render(request, "missing.html", 404, what=f"story #{story_id}")
    country_of = {a.id: a.country or reports.UNKNOWN for a in detail.articles}
    columns: dict[str, dict[str, list[Any]]] = defaultdict(lambda: {"articles": [], "matches": []})
    for article in detail.articles:
        columns[country_of[article.id]]["articles"].append(article)
    for match in detail.matches:
        columns[country_of.get(match.article_id, reports.UNKNOWN)]["matches"].append(match)
    titles = {a.id: a.title for a in detail.articles}
    return _render(
        request,
        "story.html",
        detail=detail,
        columns=sorted(columns.items()),
        titles=titles,
    )


# --- experts -------------------------------------------------------------------------------


@router.get("/experts", response_class=HTMLResponse)
def experts_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    expert: str | None = None,
    cursor: str | None = None,
) -> HTMLResponse:
    """Each watched expert's attributed quotes, newest first (one expert: paged)."""
    watched: dict[str, Any] = {}
    for watchlist in settings.watchlists:
        for one in watchlist.experts:
            watched.setdefault(expert_id(one), one)
    chosen = [expert] if expert else list(watched)
    sections = []
    for one in chosen:
        page = _paged(
            reports.hits,
            session,
            MatchFilter(expert=one, quoted_only=True),
            cursor=cursor if expert else None,
            limit=PAGE_SIZE if expert else QUOTES_PER_EXPERT,
        )
        config = watched.get(one)
        sections.append(
            {
                "id": one,
                "name": config.name if config else one,
                "affiliation": config.affiliation if config else None,
                "quotes": page.items,
                "more": (
                    _page_link(request, page.next_cursor)
                    if expert
                    else (f"/experts?{urlencode({'expert': one})}" if page.next_cursor else None)
                ),
            }
        )
    return _render(
        request,
        "experts.html",
        sections=sections,
        single=expert is not None,
        exports=export_links("quotes"),
    )


# --- sources -------------------------------------------------------------------------------


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    request: Request, session: SessionDep, settings: SettingsDep, directory: DirectoryDep
) -> HTMLResponse:
    """Each source's health from the crawl ledger, and its last crawl's failed pages."""
    configured = {source.id: source for source in settings.sources}
    rows = [
        {
            "health": health,
            "next_crawl": _next_crawl(settings, configured.get(health.id), health.last_run_at),
        }
        for health in reports.sources_health(session, directory)
    ]
    never = [s for s in settings.sources if s.id not in {r["health"].id for r in rows}]
    return _render(request, "sources.html", rows=rows, never=never)


def _next_crawl(settings: Settings, source: Any, last_run: datetime | None) -> str:
    """When the schedule next crawls ``source`` after its last run (jitter aside)."""
    if source is None:
        return "not in the config"
    if not source.enabled:
        return "disabled"
    if last_run is None:
        return "at the service's start"
    schedule = settings.schedule_for(source)
    if schedule.cron:
        fire = cron_trigger(schedule.cron, settings.timezone).get_next_fire_time(None, last_run)
    else:
        fire = last_run + (schedule.interval or settings.schedule.interval or timedelta(0))
    return _when(fire)


# --- deliveries ----------------------------------------------------------------------------


@router.get("/deliveries", response_class=HTMLResponse)
def deliveries_page(
    request: Request,
    session: SessionDep,
    status: str | None = None,
    channel: str | None = None,
    cursor: str | None = None,
    retried: int | None = None,
    not_retried: int | None = None,
) -> HTMLResponse:
    """The outbox, newest first; a dead delivery has a Retry button for a signed-in visitor."""
    status, channel = _blank(status), _blank(channel)
    page = _paged(
        reports.deliveries, session, status=status, channel=channel, cursor=cursor, limit=PAGE_SIZE
    )
    return _render(
        request,
        "deliveries.html",
        page=page,
        next_page=_page_link(request, page.next_cursor),
        status=status,
        channel=channel,
        statuses=outbox.STATUSES,
        retried=retried,
        not_retried=not_retried,
    )


@router.post("/deliveries/{delivery_id}/retry")
def retry_delivery(request: Request, delivery_id: int) -> RedirectResponse:
    """Make a dead delivery due now (like ``sinowatch alerts retry ID``); back to the outbox."""
    database = request.app.state.context.database
    count = outbox.requeue(database, now=datetime.now(UTC), ids=[delivery_id])
    outcome = "retried" if count else "not_retried"
    return RedirectResponse(f"/deliveries?{outcome}={delivery_id}", status_code=303)


# --- search --------------------------------------------------------------------------------


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    session: SessionDep,
    q: str | None = None,
    since: str = "30d",
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> HTMLResponse:
    """A topic query tried on stored articles, as ``sinowatch query`` does (nothing is sent)."""
    context: dict[str, Any] = {"q": q or "", "since": since, "limit": limit}
    context["periods"] = SEARCH_SINCE
    if since not in SEARCH_SINCE:
        raise HTTPException(400, f"since: one of {', '.join(SEARCH_SINCE)}")
    if q and q.strip():
        try:
            matcher = query_matcher(q)
        except QuerySyntaxError as exc:
            context["error"] = exc
            return _render(request, "search.html", 400, **context)
        cutoff = datetime.now(UTC) - parse_duration(since)
        context["result"] = dry_run(session, matcher, cutoff, limit)
    return _render(request, "search.html", **context)


# --- exports -------------------------------------------------------------------------------


@router.get("/export/{kind}.{fmt}")
def export(
    session: SessionDep,
    kind: ExportKind,
    fmt: ExportFormat,
    since: str | None = None,
    watchlist: str | None = None,
) -> StreamingResponse:
    """What ``sinowatch export KIND --format FMT`` writes, as a download.

    Written to a spooled temporary file first (memory up to :data:`EXPORT_SPOOL_BYTES`, disk
    beyond), so the session closes before the download streams.
    """
    try:
        moment = exports.parse_since(since) if _blank(since) else None
    except ValueError as exc:
        raise HTTPException(400, f"since: {exc}") from None
    # closed by chunks() once streamed, or here if the export fails
    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
        max_size=EXPORT_SPOOL_BYTES, mode="w+", encoding="utf-8"
    )
    try:
        rows = exports.records(session, kind, since=moment, watchlist=_blank(watchlist))
        exports.write(rows, fmt, spool, exports.COLUMNS[kind])
        spool.seek(0)
    except BaseException:
        spool.close()
        raise

    def chunks() -> Iterator[str]:
        with spool:
            yield from iter(lambda: spool.read(EXPORT_CHUNK), "")

    filename = f"sinowatch-{kind}.{fmt}"
    return StreamingResponse(
        chunks(),
        media_type=exports.MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


def export_links(kind: ExportKind, **filters: str | None) -> list[tuple[str, str]]:
    """``(label, URL)`` of each format's export of ``kind``, with the ``filters`` that are set."""
    query = urlencode({k: v for k, v in filters.items() if v})
    return [
        (label, f"/export/{kind}.{fmt}" + (f"?{query}" if query else ""))
        for fmt, label in zip(exports.FORMATS, ("CSV", "JSON Lines", "JSON"), strict=True)
    ]


# --- sign-in -------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return _render(request, "login.html", next=_local(next), failed=False)


@router.post("/login", response_model=None)
def login(
    request: Request,
    secret: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the token or password; on success set the session cookie and go to ``next``.

    Refused with 429 and ``Retry-After`` while the client's address is past its failed sign-ins
    (:class:`~sinowatch.web.security.LoginThrottle`).
    """
    throttle: LoginThrottle = request.app.state.login_throttle
    client = request.client.host if request.client else "unknown"
    if (wait := throttle.retry_after(client)) is not None:
        throttle.record(client, "rate_limited", wait)
        response = _render(request, "login.html", 429, next=_local(next), retry_after=wait)
        response.headers["retry-after"] = str(wait)
        return response
    if not request.app.state.access.accepts_secret(secret):
        throttle.record(client, "wrong_secret")
        return _render(request, "login.html", 401, next=_local(next), failed=True)
    throttle.record(client, "signed_in")
    response = RedirectResponse(_local(next), status_code=303)
    cookie = request.app.state.signer.session_cookie()
    response.headers.append("set-cookie", cookie_header(SESSION_COOKIE, cookie).decode())
    return response


@router.post("/logout")
def logout() -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    response.headers.append("set-cookie", cookie_header(SESSION_COOKIE, "", max_age=0).decode())
    return response


def _local(target: str) -> str:
    """``target`` if it is a path on this site, else ``/`` (no open redirect)."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"
