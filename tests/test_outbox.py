"""The outbox's claim/record queries on SQLite and PostgreSQL (alerts.outbox)."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from alerts import outbox
from alerts.storage.tables import Delivery
from crawler.db import Database
from tests.alerting import NOW, seed_alerts

LEASE = timedelta(minutes=2)


def claim(database: Database, worker: str = "w1", *, now=NOW, limit: int = 100, **kw) -> list[int]:  # type: ignore[no-untyped-def]
    return outbox.claim(database, worker_id=worker, now=now, lease=LEASE, limit=limit, **kw)


def rows(database: Database) -> dict[int, Delivery]:
    with database.session() as session:
        return {d.id: d for d in session.scalars(select(Delivery))}


def test_claim_takes_due_instant_deliveries_and_leases_them(any_database: Database) -> None:
    seed_alerts(any_database, [("hook", "instant"), ("daily", "digest")], count=3)
    ids = claim(any_database)
    assert len(ids) == 3
    stored = rows(any_database)
    assert all(stored[i].mode == "instant" and stored[i].attempts == 1 for i in ids)
    assert all(stored[i].claimed_by == "w1" and stored[i].claimed_until == NOW + LEASE for i in ids)
    assert claim(any_database, "w2") == []
    assert claim(any_database, "w2", mode="digest", channel="daily") != []


def test_an_expired_lease_is_claimed_again(any_database: Database) -> None:
    seed_alerts(any_database, [("hook", "instant")])
    (first,) = claim(any_database)
    assert claim(any_database, "w2", now=NOW + LEASE) == []
    assert claim(any_database, "w2", now=NOW + LEASE + timedelta(seconds=1)) == [first]
    assert rows(any_database)[first].attempts == 2


def test_not_yet_due_sent_and_dead_are_never_claimed(any_database: Database) -> None:
    seed_alerts(any_database, [("hook", "instant")], count=3)
    a, b, c = sorted(rows(any_database))
    outbox.mark_sent(any_database, [a], now=NOW)
    outbox.mark_dead(any_database, [b], reason="HTTP 400")
    with any_database.transaction() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.id == c)
            .values(next_attempt_at=NOW + timedelta(hours=1))
        )
    assert claim(any_database) == []
    assert claim(any_database, now=NOW + timedelta(hours=1)) == [c]
    stored = rows(any_database)
    assert (stored[a].status, stored[a].sent_at) == ("sent", NOW)
    assert (stored[b].status, stored[b].last_error) == ("dead", "HTTP 400")


def test_retry_releases_the_claim_until_later(any_database: Database) -> None:
    seed_alerts(any_database, [("hook", "instant")])
    (delivery,) = claim(any_database)
    later = NOW + timedelta(minutes=5)
    outbox.mark_retry(any_database, [delivery], worker_id="w1", next_attempt_at=later, error="boom")
    stored = rows(any_database)[delivery]
    assert (stored.status, stored.claimed_until, stored.last_error) == ("pending", None, "boom")
    assert claim(any_database, now=later - timedelta(seconds=1)) == []
    assert claim(any_database, now=later) == [delivery]


def test_a_stale_worker_cannot_reschedule_anothers_claim(any_database: Database) -> None:
    seed_alerts(any_database, [("hook", "instant")])
    (delivery,) = claim(any_database, "old")
    assert claim(any_database, "new", now=NOW + LEASE * 2) == [delivery]
    outbox.mark_retry(any_database, [delivery], worker_id="old", next_attempt_at=NOW, error="x")
    assert rows(any_database)[delivery].claimed_by == "new"


def test_concurrent_claimers_split_the_work_without_overlap(any_database: Database) -> None:
    seed_alerts(any_database, [("hook", "instant")], count=30)
    results: dict[str, list[int]] = {}
    barrier = threading.Barrier(3)

    def worker(name: str) -> None:
        database = Database(any_database.url)
        barrier.wait()
        claimed: list[int] = []
        while batch := claim(database, name, limit=3):
            claimed += batch
        results[name] = claimed
        database.dispose()

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [i for ids in results.values() for i in ids]
    assert len(everything) == len(set(everything)) == 30


def test_requeue_revives_dead_deliveries_keeping_their_history(any_database: Database) -> None:
    seed_alerts(any_database, [("hook", "instant")], count=3)
    a, b, c = sorted(rows(any_database))
    claim(any_database)
    outbox.mark_dead(any_database, [a, b], reason="HTTP 400")
    outbox.mark_sent(any_database, [c], now=NOW)
    later = NOW + timedelta(hours=2)
    assert outbox.requeue(any_database, now=later, ids=[a, c]) == 1
    assert outbox.requeue(any_database, now=later, dead=True) == 1
    stored = rows(any_database)
    # attempts keep counting; attempts_at_retry marks where the fresh allowance starts
    assert [
        (stored[i].status, stored[i].attempts, stored[i].attempts_at_retry, stored[i].last_error)
        for i in (a, b, c)
    ] == [
        ("pending", 1, 1, "HTTP 400"),
        ("pending", 1, 1, "HTTP 400"),
        ("sent", 1, 0, None),
    ]
    assert claim(any_database, now=later) == [a, b]
    assert [rows(any_database)[i].attempts for i in (a, b)] == [2, 2]
    assert outbox.requeue(any_database, now=later) == 0


def test_a_success_keeps_the_error_of_the_failed_attempt(any_database: Database) -> None:
    seed_alerts(any_database, [("hook", "instant")])
    (a,) = rows(any_database)
    claim(any_database)
    outbox.mark_retry(
        any_database, [a], worker_id="w1", next_attempt_at=NOW, error="attempt 1: boom"
    )
    claim(any_database, now=NOW + timedelta(minutes=5))
    outbox.mark_sent(any_database, [a], now=NOW)
    stored = rows(any_database)[a]
    assert (stored.status, stored.attempts, stored.last_error) == ("sent", 2, "attempt 1: boom")


def test_list_deliveries_filters_by_status_newest_first(any_database: Database) -> None:
    seed_alerts(any_database, [("hook", "instant")], count=3)
    a, b, c = sorted(rows(any_database))
    outbox.mark_dead(any_database, [b], reason="gone")
    with any_database.session() as session:
        assert [d.id for d in outbox.list_deliveries(session)] == [c, b, a]
        dead = outbox.list_deliveries(session, status="dead")
        assert [d.id for d in dead] == [b] and dead[0].alert.watchlist == "experts"
        assert [d.id for d in outbox.list_deliveries(session, status="pending", limit=1)] == [c]


# --- `sinowatch alerts list / retry / test` over the same outbox ------------------------------


def cli(tmp_path, *args: str):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from sinowatch.cli import app

    config = tmp_path / "sinowatch.yaml"
    if not config.exists():
        config.write_text(
            f"data_dir: {tmp_path}\n"
            f"channels:\n  file:\n    type: jsonl\n    path: {tmp_path / 'out.jsonl'}\n"
        )
    return CliRunner().invoke(app, ["-c", str(config), "alerts", *args], env={"COLUMNS": "200"})


def test_cli_lists_and_retries_deliveries(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli(tmp_path, "list")  # creates and migrates the configured database
    database = Database(f"sqlite:///{tmp_path / 'sinowatch.db'}")
    seed_alerts(database, [("file", "instant")], count=2)
    first, _ = sorted(rows(database))
    outbox.mark_dead(database, [first], reason="HTTP 400 from receiver")
    listed = cli(tmp_path, "list", "--status", "dead", "--json")
    assert listed.exit_code == 0, listed.output
    (entry,) = json.loads(listed.output)
    assert (entry["id"], entry["last_error"]) == (first, "HTTP 400 from receiver")
    assert entry["title"].startswith("Xi–Trump") and entry["watchlist"] == "experts"
    table = cli(tmp_path, "list")
    assert table.exit_code == 0 and "pending" in table.output and "dead" in table.output
    retried = cli(tmp_path, "retry", "--dead")
    assert retried.exit_code == 0 and "1 delivery queued" in retried.output
    assert rows(database)[first].status == "pending"
    outbox.mark_sent(database, [first], now=NOW)
    (entry,) = json.loads(cli(tmp_path, "list", "--status", "sent", "--json").output)
    assert entry["last_error"] == "HTTP 400 from receiver"  # why it died, still visible
    assert "previous error: HTTP 400 from receiver" in cli(tmp_path, "list").output
    assert cli(tmp_path, "list", "--status", "nope").exit_code == 2
    assert cli(tmp_path, "retry").exit_code == 2
    database.dispose()


def test_cli_test_sends_a_sample_and_reports_failures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sent = cli(tmp_path, "test", "file")
    assert sent.exit_code == 0, sent.output
    assert '"watchlist": "sample"' in (tmp_path / "out.jsonl").read_text()
    unknown = cli(tmp_path, "test", "nope")
    assert unknown.exit_code == 2 and "channels: file" in unknown.output


def test_cli_test_through_real_smtp_and_webhook_servers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from standardwebhooks import Webhook

    from tests.alerting import webhook_receiver
    from tests.smtp import Inbox, free_port, start

    inbox = Inbox(free_port())
    controller = start(inbox)
    receivers = webhook_receiver()
    receiver = next(receivers)
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    down = free_port()
    (tmp_path / "sinowatch.yaml").write_text(
        f"data_dir: {tmp_path}\n"
        "channels:\n"
        f"  mail: {{type: email, host: 127.0.0.1, port: {inbox.port}, security: none,\n"
        "         from: a@example.org, to: [desk@example.org]}\n"
        f"  down: {{type: email, host: 127.0.0.1, port: {down}, security: none,\n"
        "         from: a@example.org, to: [desk@example.org]}\n"
        f"  hook: {{type: webhook, url: '{receiver.url}', secret: {secret}}}\n"
    )
    try:
        mail = cli(tmp_path, "test", "mail")
        assert mail.exit_code == 0 and "sent a sample alert through 'mail'" in mail.output
        ((rcpts, message),) = inbox.messages
        assert rcpts == ["desk@example.org"] and "Sample Expert quoted" in message["Subject"]

        hook = cli(tmp_path, "test", "hook")
        assert hook.exit_code == 0, hook.output
        (request,) = receiver.requests
        payload = Webhook(secret).verify(request.body, request.headers)
        assert (payload["type"], payload["watchlist"]) == ("alert", "sample")

        receiver.script.append((400, {}))
        rejected = cli(tmp_path, "test", "hook")
        assert rejected.exit_code == 1 and "FAILED (permanent)" in rejected.output
        assert "HTTP 400" in rejected.output
        unreachable = cli(tmp_path, "test", "down")
        assert unreachable.exit_code == 1 and "FAILED (temporary)" in unreachable.output
        assert f"127.0.0.1:{down}" in unreachable.output
    finally:
        receivers.close()
        controller.stop()


def table_rows(output: str) -> dict[str, list[str]]:
    """``alerts list`` rows by delivery id: each cell's lines joined with spaces."""
    rows: dict[str, list[list[str]]] = {}
    current: list[list[str]] = []
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if not cells:
            continue
        if cells[0].isdigit():
            current = [[] for _ in cells]
            rows[cells[0]] = current
        for parts, cell in zip(current, cells, strict=False):
            if cell:
                parts.append(cell)
    return {key: [" ".join(parts) for parts in value] for key, value in rows.items()}


def test_cli_shows_delivery_and_alert_ids_and_retry_explains_unknown_ids(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli(tmp_path, "list")
    database = Database(f"sqlite:///{tmp_path / 'sinowatch.db'}")
    [alert_id] = seed_alerts(database, [("file", "instant"), ("other", "instant")])
    deliveries = rows(database)
    later = NOW.replace(microsecond=0)
    first, second = sorted(deliveries)
    outbox.mark_sent(database, [first], now=later)
    table = cli(tmp_path, "list")
    assert table.exit_code == 0, table.output
    assert "delivery" in table.output and "when (UTC)" in table.output
    listed = table_rows(table.output)
    # delivery + alert id, status + tries, channel (+ mode), next attempt or sent time, …
    assert listed[str(second)][:2] == [f"{second} alert {alert_id}", "pending 0 tries"]
    assert listed[str(second)][3] == f"next {NOW:%Y-%m-%d %H:%M}"
    assert listed[str(first)][1].startswith("sent")
    assert listed[str(first)][3] == f"sent {later:%Y-%m-%d %H:%M}"
    missing = max(deliveries) + 100
    refused = cli(tmp_path, "retry", str(missing), str(first))
    assert refused.exit_code == 1
    assert "not delivery ids" in refused.output
    assert f"{second} (pending, alert {alert_id})" in refused.output
    assert f"{first} (sent, alert {alert_id})" in refused.output
    retried = cli(tmp_path, "retry", str(second))
    assert retried.exit_code == 0, retried.output
    assert "1 delivery queued for retry" in retried.output
    assert "the next `sinowatch run` or `sinowatch crawl`" in retried.output
    help_text = cli(tmp_path, "retry", "--help").output
    assert "not alert ids" in help_text
    database.dispose()


def test_an_alert_needs_exactly_its_values(database: Database) -> None:
    """A missing or foreign alert value is a TypeError, not a row with NULLs or a silent drop."""
    values = {"watchlist": "w", "story_id": 1, "article_id": 1, "title": None, "hits": []}
    with database.transaction() as session:
        for wrong in ({k: v for k, v in values.items() if k != "title"}, {**values, "id": 7}):
            with pytest.raises(TypeError, match="takes the values"):
                outbox.create_alert(session, channels=[("hook", "instant")], now=NOW, **wrong)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Delivery)) == 0
