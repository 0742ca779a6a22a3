"""``sinowatch run``: the scheduled service (crawls, alerts, digests, retention) until stopped."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Annotated

import typer

from sinowatch.commands.serve import DEFAULT_HOST, DEFAULT_PORT, HOST_HELP, PORT_HELP, web_access
from sinowatch.logs import LogFormat, configure_command_logging
from sinowatch.roles import LEASE, ROLES

EXAMPLE = """
Stop with Ctrl-C or SIGTERM (running crawls and sends finish first);
reload the config with SIGHUP (`kill -HUP <pid>`) or automatically
with --watch-config.

Examples:
    sinowatch run            # ./sinowatch.yaml or ./config/sinowatch.yaml
    sinowatch -c /etc/sinowatch/sinowatch.yaml run --watch-config
    sinowatch run --log-format json
    sinowatch run --web      # and the dashboard on http://127.0.0.1:8000/
    sinowatch run --only crawl --only housekeeping   # no alert sending here
"""


def register(app: typer.Typer) -> None:
    @app.command(
        "run",
        help="Run the scheduler: crawl every source on its schedule and send "
        "alerts until stopped.\n" + EXAMPLE,
    )
    def run(
        ctx: typer.Context,
        watch_config: Annotated[
            bool,
            typer.Option(
                "--watch-config", help="Reload when a YAML file of the config directory changes."
            ),
        ] = False,
        log_format: Annotated[
            str,
            typer.Option("--log-format", help="human (default) or json (one object per line)."),
        ] = "human",
        stop_timeout: Annotated[
            float,
            typer.Option("--stop-timeout", help="Seconds to let running crawls and sends finish."),
        ] = 30.0,
        web: Annotated[
            bool,
            typer.Option("--web", help="Also serve the web dashboard (see `sinowatch serve`)."),
        ] = False,
        only: Annotated[
            list[str] | None,
            typer.Option(
                "--only",
                metavar="ROLE",
                help="Only this role: crawl, dispatch (alerts and digests) or housekeeping "
                "(retention); repeat for several. Default: all three.",
            ),
        ] = None,
        lease: Annotated[
            float,
            typer.Option(
                "--lease",
                min=1.0,
                help="Seconds a crawl's claim on its source outlives this process: after a "
                "crash, other processes take its sources over this long after.",
            ),
        ] = LEASE.total_seconds(),
        max_crawls: Annotated[
            int | None,
            typer.Option(
                "--max-crawls",
                min=1,
                help="Crawl at most this many sources at once; a due source waits for a free "
                "slot before claiming it, so a less busy host takes it. Default: no limit.",
            ),
        ] = None,
        web_host: Annotated[str, typer.Option("--web-host", help=HOST_HELP)] = DEFAULT_HOST,
        web_port: Annotated[
            int, typer.Option("--web-port", min=0, max=65535, help=PORT_HELP)
        ] = DEFAULT_PORT,
    ) -> None:
        from sinowatch.commands.db import opened_database
        from sinowatch.config_loader import find_config
        from sinowatch.service import Service, run_service

        if log_format not in ("human", "json"):
            raise typer.BadParameter("use human or json", param_hint="--log-format")
        roles = tuple(role for role in ROLES if role in (only or ROLES))
        unknown = sorted(set(only or ()) - set(ROLES))
        if unknown:
            raise typer.BadParameter(
                f"unknown role {', '.join(unknown)}: use {', '.join(ROLES)}", param_hint="--only"
            )
        cli = ctx.obj
        settings = cli.settings()
        fmt: LogFormat = "json" if log_format == "json" else "human"
        configure_command_logging(settings, cli.verbose, fmt)
        config_path = find_config(cli.config_path)
        access = web_access(web_host) if web else None
        with opened_database(cli) as database:
            probe = None
            web_server: contextlib.AbstractContextManager[object] = contextlib.nullcontext()
            web_failed: tuple[type[Exception], ...] = ()
            if access is not None:
                from sinowatch.web.server import SchedulerProbe, WebServerError, background_server

                web_failed = (WebServerError,)

                probe = SchedulerProbe()
                web_server = background_server(
                    settings,
                    database,
                    host=web_host,
                    port=web_port,
                    access=access,
                    scheduler=probe,
                    verbose=cli.verbose,
                )

            def service() -> Service:
                built = Service(
                    config_path,
                    settings,
                    database,
                    watch_config=watch_config,
                    stop_timeout=stop_timeout,
                    roles=roles,
                    lease=timedelta(seconds=lease),
                    max_crawls=max_crawls,
                )
                if probe is not None:
                    probe.service = built
                return built

            try:
                with web_server:
                    run_service(service)
            except web_failed as exc:  # the dashboard could not listen: nothing was started
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(1) from None
