"""Exports of stories, hits and experts' quotes as CSV, JSON Lines or JSON.

Shared by ``sinowatch export`` and the web UI's export links. Rows are read page by page
through :mod:`alerts.storage.reports` and written as they come, so an export of any size runs in
constant memory (JSON too: the array is written item by item).

Every format carries the same records: JSON and JSON Lines keep lists as lists, CSV joins them
with ``"; "``; datetimes are ISO 8601 in UTC, and a missing value is ``null`` (an empty CSV cell).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any, Literal, TextIO

from sqlalchemy.orm import Session

from alerts.storage import reports
from alerts.storage.reports import MAX_PAGE, MatchFilter, StoryFilter
from sinowatch.settings import parse_duration

ExportKind = Literal["stories", "hits", "quotes"]
ExportFormat = Literal["csv", "jsonl", "json"]
KINDS: tuple[ExportKind, ...] = ("stories", "hits", "quotes")
FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl", "json")
MEDIA_TYPES: dict[ExportFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/jsonl; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
LIST_SEPARATOR = "; "
"""How CSV joins a list (a story's outlets and watchlists)."""

COLUMNS: dict[ExportKind, tuple[str, ...]] = {
    "stories": (
        "id",
        "title",
        "first_outlet",
        "outlets",
        "article_count",
        "first_seen",
        "last_seen",
        "watchlists",
    ),
    "hits": (
        "alert_id",
        "index",
        "created_at",
        "watchlist",
        "kind",
        "id",
        "name",
        "mention",
        "quote",
        "snippet",
        "story_id",
        "article_id",
        "title",
        "url",
        "outlet",
    ),
    "quotes": (
        "created_at",
        "id",
        "name",
        "quote",
        "watchlist",
        "title",
        "url",
        "outlet",
        "story_id",
        "article_id",
        "alert_id",
        "index",
    ),
}
"""The fields of each export, in column order."""


def parse_since(value: str, *, now: datetime | None = None) -> datetime:
    """``7d``/``12h`` (that long ago), a date (``2026-11-01``: its start, UTC) or an ISO 8601
    moment (UTC when it names no offset). Raises ValueError for anything else."""
    try:
        return (now or datetime.now(UTC)) - parse_duration(value)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is neither a duration (7d, 12h) nor a date (2026-11-01)"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def records(
    session: Session,
    kind: ExportKind,
    *,
    since: datetime | None = None,
    watchlist: str | None = None,
) -> Iterator[dict[str, Any]]:
    """The export's records, newest first (stories by last seen, hits by alert), JSON-ready.

    ``since``: stories last seen, or hits alerted, at or after it; ``watchlist``: stories that
    watchlist alerted on, or its hits.
    """
    if kind == "stories":
        story_filter = StoryFilter(watchlist=watchlist, since=since)
        rows: Iterable[Any] = reports.walk(
            lambda cursor: reports.stories(session, story_filter, cursor=cursor, limit=MAX_PAGE)
        )
    else:
        match_filter = MatchFilter(watchlist=watchlist, since=since, quoted_only=kind == "quotes")
        rows = reports.walk(
            lambda cursor: reports.hits(session, match_filter, cursor=cursor, limit=MAX_PAGE)
        )
    for row in rows:
        data = asdict(row)
        yield {column: _plain(data[column]) for column in COLUMNS[kind]}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def csv_cell(value: Any) -> str:
    """How a record's value reads in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def write(
    rows: Iterable[dict[str, Any]],
    fmt: ExportFormat,
    out: TextIO,
    columns: tuple[str, ...],
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``rows`` to ``out`` in ``fmt``; returns how many. ``progress(n)`` after each."""
    count = 0
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    if fmt == "csv":
        writer.writeheader()
    elif fmt == "json":
        out.write("[")
    for row in rows:
        if fmt == "csv":
            writer.writerow({key: csv_cell(value) for key, value in row.items()})
        elif fmt == "jsonl":
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            out.write(("," if count else "") + "\n" + json.dumps(row, ensure_ascii=False))
        count += 1
        if progress is not None:
            progress(count)
    if fmt == "json":
        out.write("\n]\n" if count else "]\n")
    return count
