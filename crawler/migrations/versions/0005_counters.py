"""Maintained counts for ``status`` (issue 15): ``counters``, kept exact by triggers, backfilled;
and an index on each source's finished crawl runs (``status`` reads the newest few per source).

Every row change that moves a count (an article stored or deleted, its ``relevant`` flag flipped,
a story, an alert, a delivery stored or deleted or changing status) is counted by a trigger in the
same statement, so the counts cannot drift, whatever the writer: the ORM, a bulk insert, a
cascade of a foreign key, another process.

- SQLite (one writer at a time): row triggers add to the ``counters`` row directly.
- PostgreSQL (concurrent writers): statement triggers append one ``counter_deltas`` row per
  counter moved (from the statement's transition tables), so writers never wait on a shared
  counter row nor deadlock on two of them; housekeeping folds the deltas into ``counters``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTED: dict[str, list[tuple[str, str]]] = {
    "articles": [("'articles'", "1 = 1"), ("'articles_relevant'", "{r}relevant")],
    "stories": [("'stories'", "1 = 1")],
    "alerts": [("'alerts'", "1 = 1")],
    "deliveries": [("'deliveries:' || {r}status", "1 = 1")],
}
"""Per table: ``(counter name, condition)`` SQL, ``{r}`` standing for the row (``NEW.``…)."""
UPDATED = {"articles": "relevant", "deliveries": "status"}
"""Tables whose updates can move a count, and the column that does."""
FINISHED = "finished_at IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "ix_crawl_runs_source_finished",
        "crawl_runs",
        ["source_id", "id"],
        unique=False,
        sqlite_where=sa.text(FINISHED),
        postgresql_where=sa.text(FINISHED),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "counter_deltas",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("delta", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counter_deltas")),
    )
    backfill = " UNION ALL ".join(
        f"SELECT {name.format(r='')} AS name FROM {table} WHERE {where.format(r='')}"
        for table, keys in COUNTED.items()
        for name, where in keys
    )
    op.execute(f"INSERT INTO counters (name, value) SELECT name, count(*) FROM ({backfill}) AS rows GROUP BY name")
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _sqlite_triggers() -> None:
    def add(row: str, sign: str) -> str:
        return "".join(
            f"INSERT INTO counters (name, value) SELECT {name.format(r=row)}, {sign}1 "
            f"WHERE {where.format(r=row)} "
            "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value; "
            for name, where in keys
        )

    for table, keys in COUNTED.items():
        op.execute(
            f"CREATE TRIGGER counters_{table}_insert AFTER INSERT ON {table} "
            f"BEGIN {add('NEW.', '+')}END"
        )
        op.execute(
            f"CREATE TRIGGER counters_{table}_delete AFTER DELETE ON {table} "
            f"BEGIN {add('OLD.', '-')}END"
        )
        if table in UPDATED:
            op.execute(
                f"CREATE TRIGGER counters_{table}_update AFTER UPDATE OF {UPDATED[table]} "
                f"ON {table} WHEN OLD.{UPDATED[table]} IS NOT NEW.{UPDATED[table]} "
                f"BEGIN {add('OLD.', '-')}{add('NEW.', '+')}END"
            )


def _postgresql_triggers() -> None:
    for table, keys in COUNTED.items():

        def moved(rows: str, sign: str, keys: list[tuple[str, str]] = keys) -> str:
            return " UNION ALL ".join(
                f"SELECT {name.format(r='')} AS name, {sign}1 AS delta FROM {rows} "
                f"WHERE {where.format(r='')}"
                for name, where in keys
            )

        changes = {
            "INSERT": moved("new_rows", "+"),
            "DELETE": moved("old_rows", "-"),
            "UPDATE": f"{moved('old_rows', '-')} UNION ALL {moved('new_rows', '+')}",
        }
        branches = " ".join(
            f"{'IF' if n == 0 else 'ELSIF'} TG_OP = '{operation}' THEN "
            "INSERT INTO counter_deltas (name, delta) SELECT name, sum(delta) "
            f"FROM ({sql}) AS moved GROUP BY name HAVING sum(delta) <> 0;"
            for n, (operation, sql) in enumerate(changes.items())
        )
        op.execute(
            f"CREATE FUNCTION counters_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {branches} END IF; RETURN NULL; END $$"
        )
        transitions = {
            "INSERT": "NEW TABLE AS new_rows",
            "DELETE": "OLD TABLE AS old_rows",
            "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        }
        for operation, referencing in transitions.items():
            if operation == "UPDATE" and table not in UPDATED:
                continue
            op.execute(
                f"CREATE TRIGGER counters_{table}_{operation.lower()} AFTER {operation} "
                f"ON {table} REFERENCING {referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION counters_{table}()"
            )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in COUNTED:
        for operation in ("insert", "delete", "update"):
            if operation == "update" and table not in UPDATED:
                continue
            on = f" ON {table}" if postgresql else ""
            op.execute(f"DROP TRIGGER IF EXISTS counters_{table}_{operation}{on}")
        if postgresql:
            op.execute(f"DROP FUNCTION IF EXISTS counters_{table}()")
    op.drop_table("counter_deltas")
    op.drop_table("counters")
    op.drop_index("ix_crawl_runs_source_finished", table_name="crawl_runs")
