"""``counters``: row counts kept by the database, so ``status`` reads a handful of rows whatever
the store's size (issue 15, "flat with volume").

The counts are maintained by triggers (migration 0005), in the statement that changes the rows,
so they stay exact for every writer: the storage modules, a bulk insert, a foreign key's cascade,
concurrent processes. On SQLite a trigger adds to the ``counters`` row; on PostgreSQL it appends
a ``counter_deltas`` row instead (concurrent writers share no row lock), and :func:`compact`
(run by housekeeping) folds those into ``counters``. A reader sums both in one statement, so it
sees one consistent snapshot.

Counter names: ``articles``, ``articles_relevant``, ``stories``, ``alerts`` and
``deliveries:<status>`` (one per delivery status ever seen; zero once none is left).
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, union_all
from sqlalchemy.orm import Session

from crawler.storage import sql
from crawler.storage.tables import Counter, CounterDelta

ARTICLES = "articles"
RELEVANT_ARTICLES = "articles_relevant"
STORIES = "stories"
ALERTS = "alerts"
DELIVERIES = "deliveries:"
"""Prefix of the per-status delivery counters."""


def totals(session: Session) -> dict[str, int]:
    """Every counter's value, by name (a counter never moved is absent: zero)."""
    both = union_all(
        select(Counter.name, Counter.value.label("value")),
        select(CounterDelta.name, CounterDelta.delta.label("value")),
    ).subquery()
    rows = session.execute(select(both.c.name, func.sum(both.c.value)).group_by(both.c.name)).all()
    return {name: int(value) for name, value in rows}


def deliveries_by_status(counts: dict[str, int]) -> dict[str, int]:
    """Of :func:`totals`, the delivery count per status present (above zero), by status name."""
    return {
        name.removeprefix(DELIVERIES): value
        for name, value in sorted(counts.items())
        if name.startswith(DELIVERIES) and value > 0
    }


def compact(session: Session) -> int:
    """Fold the pending deltas into ``counters``; how many went (SQLite's triggers write none).

    Exact under concurrent writers: the DELETE takes only committed deltas (a writer's uncommitted
    ones stay for the next run), and a second concurrent compaction skips the rows this one took.
    """
    if session.get_bind().dialect.name != "postgresql":
        return 0
    taken = delete(CounterDelta).returning(CounterDelta.name, CounterDelta.delta).cte("taken")
    folded = select(taken.c.name, func.sum(taken.c.delta), func.count()).group_by(taken.c.name)
    rows = session.execute(folded).all()
    if rows:
        upsert = sql.insert(session, Counter).values(
            [{"name": name, "value": int(total)} for name, total, _ in rows]
        )
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=["name"],
                set_={"value": Counter.value + upsert.excluded.value},
            )
        )
    return sum(int(moved) for _, _, moved in rows)
