"""``sinowatch run``: the scheduled service (crawls, alerts, digests, retention) until stopped."""

from __future__ import annotations

from typing import Annotated

import typer

from sinowatch.logs import LogFormat, configure_command_logging

EXAMPLE = """
Stop with Ctrl-C or SIGTERM (running crawls and sends finish first);
reload the config with SIGHUP (`kill -HUP <pid>`) or automatically
with --watch-config.

Examples:
    sinowatch run            # ./sinowatch.yaml or ./config/sinowatch.yaml
    sinowatch -c /etc/sinowatch/sinowatch.yaml run --watch-config
    sinowatch run --log-format json
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
    ) -> None:
        from sinowatch.commands.db import opened_database
        from sinowatch.config_loader import find_config
        from sinowatch.service import Service, run_service

        if log_format not in ("human", "json"):
            raise typer.BadParameter("use human or json", param_hint="--log-format")
        cli = ctx.obj
        settings = cli.settings()
        fmt: LogFormat = "json" if log_format == "json" else "human"
        configure_command_logging(settings, cli.verbose, fmt)
        config_path = find_config(cli.config_path)
        with opened_database(cli) as database:
            run_service(
                lambda: Service(
                    config_path,
                    settings,
                    database,
                    watch_config=watch_config,
                    stop_timeout=stop_timeout,
                )
            )
