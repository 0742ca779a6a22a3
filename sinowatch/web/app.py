"""The FastAPI application: HTML pages, JSON API, feeds, health and metrics on one database.

:func:`create_app` is what ``sinowatch serve`` and ``sinowatch run --web`` hand to uvicorn. It
reads through the storage layer only (``alerts/storage/reports.py``); the one write, retrying a
dead delivery, goes through ``alerts/outbox.py`` like ``sinowatch alerts retry``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sinowatch import __version__
from sinowatch.web import api, feeds, health, pages
from sinowatch.web.security import Access, LoginThrottle, SecurityMiddleware, Signer, is_loopback

if TYPE_CHECKING:
    from crawler.db import Database
    from sinowatch.settings import Settings

STATIC_DIR = Path(__file__).with_name("static")


@dataclass
class WebContext:
    """What the pages need beyond a session and the settings (``app.state.context``)."""

    database: Database
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def create_app(
    settings: Settings,
    database: Database,
    *,
    host: str = "127.0.0.1",
    access: Access | None = None,
    scheduler: Any = None,
    signer: Signer | None = None,
) -> FastAPI:
    """The app for ``database``; ``host`` is the address it will be served on.

    ``access`` (default: from the environment) decides who may read and change; a non-loopback
    ``host`` makes every page need a credential (callers check first that one is set, see
    :func:`sinowatch.web.security.check_bind`). ``scheduler``: the service's scheduler under
    ``run --web`` (``/healthz`` reports whether it runs).
    """
    app = FastAPI(
        title="sinowatch",
        version=__version__,
        description="Stories, articles, watchlist hits, experts' quotes, sources and deliveries "
        "stored by sinowatch.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: the OpenAPI document is enough
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.sessions = database.session
    app.state.context = WebContext(database)
    app.state.scheduler = scheduler
    app.state.access = access or Access.from_env()
    app.state.signer = signer or Signer()
    app.state.login_throttle = LoginThrottle()
    app.add_middleware(
        SecurityMiddleware,
        access=app.state.access,
        public_bind=not is_loopback(host),
        signer=app.state.signer,
        throttle=app.state.login_throttle,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in (pages, api, feeds, health):
        app.include_router(module.router)
    return app
