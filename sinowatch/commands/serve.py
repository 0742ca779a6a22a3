"""``sinowatch serve``: the web dashboard, JSON API, feeds and metrics on the configured database.

Only this command (and ``run --web``) imports FastAPI and uvicorn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from sinowatch.context import CliContext
from sinowatch.logs import configure_command_logging

if TYPE_CHECKING:
    from sinowatch.web.security import Access

HOST_HELP = "Address to listen on; other than loopback it needs SINOWATCH_WEB_TOKEN or _PASSWORD."
PORT_HELP = "Port to listen on."
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help=HOST_HELP)] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help=PORT_HELP)] = DEFAULT_PORT,
) -> None:
    """Serve the web dashboard, JSON API, feeds and metrics until stopped.

    Pages: overview (charts, feeds), stories, experts, sources, deliveries
    (retry dead ones), search. API under /api/v1 (OpenAPI at
    /api/v1/openapi.json), Atom/JSON feeds under /feeds, /healthz, /metrics.

    Binds 127.0.0.1: anyone on this machine may read; changes need a
    sign-in with SINOWATCH_WEB_TOKEN (or SINOWATCH_WEB_PASSWORD, basic
    auth as SINOWATCH_WEB_USER). Any other address refuses to start without
    one of them, and then every page asks for it. Exit 2 when it refuses.

    Examples:
        sinowatch serve                      # http://127.0.0.1:8000/
        SINOWATCH_WEB_TOKEN=... sinowatch serve --host 0.0.0.0 --port 8080
    """
    from sinowatch.commands.db import opened_database
    from sinowatch.web.server import serve

    cli: CliContext = ctx.obj
    access = web_access(host)
    settings = cli.settings()
    configure_command_logging(settings, cli.verbose)
    with opened_database(cli) as database:
        serve(settings, database, host=host, port=port, access=access, verbose=cli.verbose)


def web_access(host: str) -> Access:
    """The web credentials from the environment; exit 2 for a public ``host`` without one."""
    from sinowatch.web.security import Access, InsecureBind, check_bind

    access = Access.from_env()
    try:
        check_bind(host, access)
    except InsecureBind as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    return access


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
