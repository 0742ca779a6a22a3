"""``sinowatch alerts``: list the outbox, retry failed deliveries, test a channel."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from alerts import outbox
from alerts.channels import DeliveryError, build_client
from alerts.payload import sample_view
from crawler.models import Delivery, utcnow
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext

if TYPE_CHECKING:
    from sinowatch.settings import Channel

alerts_app = typer.Typer(
    help="Alert deliveries: list, retry, and test channels.", no_args_is_help=True
)


@alerts_app.command("list")
def list_command(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option("--status", "-s", help="Only pending, sent or dead deliveries.")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many, newest first.")
    ] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead.")] = False,
) -> None:
    """List deliveries (one alert to one channel), newest first.

    Shows each delivery's status, channel, attempts, alert title, when it
    was sent or is next due, and its last error.

    Examples:
        sinowatch alerts list --status dead
        sinowatch alerts list -n 10 --json
    """
    if status is not None and status not in outbox.STATUSES:
        typer.echo(f"error: --status must be one of {', '.join(outbox.STATUSES)}", err=True)
        raise typer.Exit(2)
    cli: CliContext = ctx.obj
    with opened_database(cli) as database, database.session() as session:
        rows = outbox.list_deliveries(session, status=status, limit=limit)  # type: ignore[arg-type]
        if as_json:
            typer.echo(json.dumps([_as_dict(delivery) for delivery in rows], indent=2))
            return
        table = Table(
            "id", "status", "channel", "mode", "tries", "watchlist", "title", "when", "last error"
        )
        for delivery in rows:
            when = delivery.sent_at if delivery.status == "sent" else delivery.next_attempt_at
            table.add_row(
                str(delivery.id),
                delivery.status,
                delivery.channel,
                delivery.mode,
                str(delivery.attempts),
                delivery.alert.watchlist,
                (delivery.alert.title or "")[:60],
                f"{when:%Y-%m-%d %H:%M}" if when else "",
                (delivery.last_error or "")[:80],
            )
    if not rows:
        typer.echo("no deliveries" + (f" with status {status}" if status else ""))
        return
    Console().print(table)


@alerts_app.command("retry")
def retry_command(
    ctx: typer.Context,
    ids: Annotated[list[int] | None, typer.Argument(help="Delivery ids (see alerts list).")] = None,
    dead: Annotated[bool, typer.Option("--dead", help="Retry every dead delivery.")] = False,
) -> None:
    """Make deliveries due now with a fresh attempt count; the dispatcher
    sends them next.

    Sent deliveries are never sent again; exit 1 when none of the given ids
    could be retried.

    Examples:
        sinowatch alerts retry 12 13
        sinowatch alerts retry --dead
    """
    if not ids and not dead:
        typer.echo("error: give delivery ids or --dead (see: sinowatch alerts list)", err=True)
        raise typer.Exit(2)
    cli: CliContext = ctx.obj
    with opened_database(cli) as database:
        count = outbox.requeue(database, now=utcnow(), ids=ids or (), dead=dead)
    typer.echo(f"{count} deliver{'y' if count == 1 else 'ies'} queued for retry")
    if count == 0 and ids:
        typer.echo("(sent deliveries and unknown ids are not retried)", err=True)
        raise typer.Exit(1)


@alerts_app.command("test")
def test_command(
    ctx: typer.Context,
    channel: Annotated[str, typer.Argument(help="A channel name from the config's channels:.")],
) -> None:
    """Send a sample alert through CHANNEL now (not through the outbox) and
    report the result.

    Exit 1 when the channel fails, saying whether the failure is permanent.

    Example:
        sinowatch alerts test desk-email
    """
    cli: CliContext = ctx.obj
    settings = cli.settings()
    if channel not in settings.channels:
        known = ", ".join(sorted(settings.channels)) or "none defined"
        typer.echo(f"error: no channel {channel!r} (channels: {known})", err=True)
        raise typer.Exit(2)
    try:
        asyncio.run(_send_sample(channel, settings.channels[channel]))
    except (DeliveryError, ValueError) as exc:
        kind = "permanent" if getattr(exc, "permanent", True) else "temporary"
        typer.echo(f"FAILED ({kind}): {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"sent a sample alert through {channel!r} ({settings.channels[channel].type})")


async def _send_sample(name: str, settings: Channel) -> None:
    client = build_client(name, settings)
    try:
        await client.send(sample_view(), key=f"swtest_{uuid.uuid4().hex}")
    finally:
        await client.aclose()


def _as_dict(delivery: Delivery) -> dict[str, object]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": delivery.id,
        "status": delivery.status,
        "channel": delivery.channel,
        "mode": delivery.mode,
        "attempts": delivery.attempts,
        "alert_id": delivery.alert_id,
        "watchlist": delivery.alert.watchlist,
        "title": delivery.alert.title,
        "next_attempt_at": iso(delivery.next_attempt_at),
        "sent_at": iso(delivery.sent_at),
        "last_error": delivery.last_error,
        "idempotency_key": delivery.idempotency_key,
    }


def register(app: typer.Typer) -> None:
    app.add_typer(alerts_app, name="alerts")
