"""What the web routes share: a database session, the settings and the outlet directory.

``create_app`` (``sinowatch/web/app.py``) sets on ``app.state``:

- ``sessions``: a callable returning a new SQLAlchemy :class:`Session` (a ``sessionmaker``, or
  :meth:`crawler.db.Database.session`);
- ``settings``: the :class:`~sinowatch.settings.Settings`;
- ``context``: anything else a page needs.

Optional: ``scheduler``, the service's running scheduler (anything with a ``running`` flag,
like APScheduler's), which ``/healthz`` reports on under ``run --web``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, overload

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from alerts.storage.reports import OutletInfo, outlet_directory
from sinowatch.settings import Settings


def get_session(request: Request) -> Iterator[Session]:
    """A session for the request, closed after the response is sent."""
    with request.app.state.sessions() as session:
        yield session


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_directory(request: Request) -> dict[str, OutletInfo]:
    """Source id → outlet country and type, from the config's sources."""
    return outlet_directory(get_settings(request).sources)


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
DirectoryDep = Annotated[dict[str, OutletInfo], Depends(get_directory)]


@overload
def as_utc(moment: datetime, name: str) -> datetime: ...
@overload
def as_utc(moment: datetime | None, name: str) -> datetime | None: ...
def as_utc(moment: datetime | None, name: str) -> datetime | None:
    """A query parameter's moment in UTC (a moment without offset is read as UTC).

    A valid moment with no UTC equivalent (year 1 at +01:00, year 9999 at −01:00) is the earliest
    or latest moment UTC has: as a bound of a filter it selects exactly the same rows.
    """
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        edge = datetime.min if moment.year == datetime.min.year else datetime.max
        return edge.replace(tzinfo=UTC)
