"""Serving the app with uvicorn: in the foreground (``serve``) or beside the service (``run``).

Under ``run --web`` the service keeps the main thread (Twisted's asyncio reactor and its signal
handlers); the web server gets a thread and an event loop of its own (uvicorn installs no signal
handlers outside the main thread) and stops when the service does. Both share the one
:class:`~crawler.db.Database`: its engine is thread-safe.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uvicorn

from sinowatch.web.app import create_app
from sinowatch.web.security import Access, check_bind

if TYPE_CHECKING:
    from crawler.db import Database
    from sinowatch.settings import Settings

log = logging.getLogger(__name__)

START_TIMEOUT = 15.0
"""Seconds a background server may take to bind before ``run --web`` gives up."""
STOP_TIMEOUT = 10.0


class WebServerError(RuntimeError):
    """The web server could not start (address in use, permission denied…)."""


class SchedulerProbe:
    """The service's scheduler as ``/healthz`` sees it under ``run --web``.

    The service is built on the reactor's loop after the web server starts, so the probe is
    handed its service later (:attr:`service`); until then the scheduler is not running.
    """

    def __init__(self) -> None:
        self.service: Any = None

    @property
    def running(self) -> bool:
        return self.service is not None and self.service.scheduler_running


def _config(
    settings: Settings,
    database: Database,
    host: str,
    port: int,
    access: Access,
    scheduler: Any,
    verbose: int,
) -> uvicorn.Config:
    check_bind(host, access)
    app = create_app(settings, database, host=host, access=access, scheduler=scheduler)
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,  # the command's logging (redacting, human or JSON) stays in charge
        access_log=verbose >= 2,
        server_header=False,
    )


def serve(
    settings: Settings,
    database: Database,
    *,
    host: str,
    port: int,
    access: Access,
    verbose: int = 0,
) -> None:
    """Serve until SIGINT/SIGTERM; raises :class:`InsecureBind` before binding a public address
    without a credential."""
    server = uvicorn.Server(_config(settings, database, host, port, access, None, verbose))
    server.run()  # logs "Uvicorn running on http://HOST:PORT" once it listens


@dataclass
class RunningServer:
    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


@contextmanager
def background_server(
    settings: Settings,
    database: Database,
    *,
    host: str,
    port: int,
    access: Access,
    scheduler: Any = None,
    verbose: int = 0,
) -> Iterator[RunningServer]:
    """Serve from a thread while the ``with`` block runs (``port=0``: any free port).

    Raises :class:`InsecureBind` (public address, no credential) or :class:`WebServerError`.
    """
    server = uvicorn.Server(_config(settings, database, host, port, access, scheduler, verbose))
    thread = threading.Thread(target=server.run, name="sinowatch-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise WebServerError(
                f"the web server could not listen on {host}:{port} (see the log above)"
            )
        time.sleep(0.02)
    bound = server.servers[0].sockets[0].getsockname()
    running = RunningServer(host, bound[1])
    log.info("sinowatch dashboard on %s/", running.url)
    try:
        yield running
    finally:
        server.should_exit = True
        thread.join(STOP_TIMEOUT)
