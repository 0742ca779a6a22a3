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
from rich.text import Text

from alerts import outbox
from alerts.channels import DeliveryError, TransientError, build_client
from alerts.dispatcher import send_deadline
from alerts.payload import sample_view
from alerts.storage.tables import Delivery
from crawler.redact import mask_urls
from crawler.storage.tables import utcnow
from sinowatch.commands.crawl import SENT_BY
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext
from sinowatch.wording import plural

if TYPE_CHECKING:
    from alerts.channels import Channel

RETRY_HINT_LIMIT = 10
"""How many of the latest delivery ids a failed ``alerts retry`` lists."""

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

    Shows each delivery's id (what `alerts retry` takes), its alert's id,
    status, channel, attempts (all of them, across retries), when a pending
    one is next attempted or when it was sent, the alert's title, and the
    last error (for a sent delivery: the error before it succeeded).

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
        table = _deliveries_table(rows)
    if not rows:
        typer.echo("no deliveries" + (f" with status {status}" if status else ""))
        return
    Console().print(table)


@alerts_app.command("retry")
def retry_command(
    ctx: typer.Context,
    ids: Annotated[
        list[int] | None,
        typer.Argument(
            help="Delivery ids: the `delivery` column of `sinowatch alerts list` "
            "(not alert ids; one alert has a delivery per channel)."
        ),
    ] = None,
    dead: Annotated[bool, typer.Option("--dead", help="Retry every dead delivery.")] = False,
) -> None:
    """Make deliveries due now with a fresh max_attempts allowance; the
    next `sinowatch run` or `sinowatch crawl` sends them.

    The attempt count and the last error are kept (`alerts list` shows them).

    Takes delivery ids (see `sinowatch alerts list`), not alert ids. Sent
    deliveries are never sent again; exit 1 when none of the given ids
    could be retried.

    Examples:
        sinowatch alerts retry 12 13
        sinowatch alerts retry --dead
    """
    if not ids and not dead:
        typer.echo("error: give delivery ids or --dead (see: sinowatch alerts list)", err=True)
        raise typer.Exit(2)
    cli: CliContext = ctx.obj
    now = utcnow()
    with opened_database(cli) as database:
        count = outbox.requeue(database, now=now, ids=ids or (), dead=dead)
        if count == 0 and ids:
            with database.session() as session:
                existing = outbox.list_deliveries(session, limit=RETRY_HINT_LIMIT)
                known = ", ".join(f"{d.id} ({d.status}, alert {d.alert_id})" for d in existing)
            typer.echo(
                f"no delivery retried: {', '.join(map(str, ids))} are not delivery ids of "
                "pending or dead deliveries (sent deliveries are never sent again).\n"
                + (
                    f"Latest delivery ids: {known}"
                    if known
                    else "There are no deliveries in the outbox."
                ),
                err=True,
            )
            raise typer.Exit(1)
    queued = f"{plural(count, 'delivery')} queued for retry"
    if count:
        queued += f", due now ({now:%Y-%m-%d %H:%M} UTC): {SENT_BY}"
    typer.echo(queued)


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
        typer.echo(f"FAILED ({kind}): {mask_urls(str(exc))}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"sent a sample alert through {channel!r} ({settings.channels[channel].type})")


async def _send_sample(name: str, settings: Channel) -> None:
    """Send the sample within the same deadline as the dispatcher's sends."""
    deadline = send_deadline(settings).total_seconds()
    client = build_client(name, settings)
    try:
        async with asyncio.timeout(deadline):
            await client.send(sample_view(), key=f"swtest_{uuid.uuid4().hex}")
    except TimeoutError:
        raise TransientError(
            f"channel {name!r} did not finish the send within {deadline:g}s"
        ) from None
    finally:
        await client.aclose()


def _deliveries_table(rows: list[Delivery]) -> Table:
    """Five columns that fit 80 terminal columns: ids, status and dates stacked in narrow cells,
    and one wide column with the watchlist, the title and the last error, wrapped, never cut."""
    table = Table(show_lines=True)
    for name in ("delivery", "status", "channel", "when (UTC)"):
        table.add_column(name, no_wrap=True)
    table.add_column("watchlist: title / last error", min_width=20, overflow="fold")
    for delivery in rows:
        summary = Text(f"{delivery.alert.watchlist}: {delivery.alert.title or ''}")
        if error := _error_cell(delivery):
            summary.append(f"\n{error}", style="red")
        table.add_row(
            f"{delivery.id}\nalert {delivery.alert_id}",
            f"{delivery.status}\n{plural(delivery.attempts, 'try', 'tries')}",
            delivery.channel
            if delivery.mode == "instant"
            else f"{delivery.channel}\n{delivery.mode}",
            _when_cell(delivery),
            summary,
        )
    return table


def _when_cell(delivery: Delivery) -> str:
    """When a pending delivery is next attempted, or when a sent one was sent."""
    if delivery.status == "pending" and delivery.next_attempt_at:
        return f"next\n{_when(delivery.next_attempt_at).replace(' ', chr(10))}"
    if delivery.sent_at:
        return f"sent\n{_when(delivery.sent_at).replace(' ', chr(10))}"
    return ""


def _error_cell(delivery: Delivery) -> str:
    """The last error; on a sent delivery it is history, so it is labelled as such.

    URL credentials are masked (errors stored before they were masked at the source too).
    """
    if not delivery.last_error:
        return ""
    label = "previous error: " if delivery.status == "sent" else ""
    return f"{label}{mask_urls(delivery.last_error)}"


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


def _as_dict(delivery: Delivery) -> dict[str, object]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": delivery.id,
        "status": delivery.status,
        "channel": delivery.channel,
        "mode": delivery.mode,
        "attempts": delivery.attempts,
        "attempts_at_retry": delivery.attempts_at_retry,
        "alert_id": delivery.alert_id,
        "watchlist": delivery.alert.watchlist,
        "title": delivery.alert.title,
        "next_attempt_at": iso(delivery.next_attempt_at),
        "sent_at": iso(delivery.sent_at),
        "last_error": mask_urls(delivery.last_error) if delivery.last_error else None,
        "idempotency_key": delivery.idempotency_key,
    }


def register(app: typer.Typer) -> None:
    app.add_typer(alerts_app, name="alerts")
