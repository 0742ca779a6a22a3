"""Indexes that keep retention, status, stories and the alerts list flat with volume (issue 15).

Every foreign key gets an index on its referencing column (a parent's delete otherwise scans the
child table once per deleted row: the quadratic retention), plus the columns retention,
``stories --min-outlets`` and ``alerts list --status`` filter and sort on.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MULTI_OUTLET = "json_array_length(outlets) > 1"

PLAIN = [
    ("ix_stories_first_article_id", "stories", ["first_article_id"]),
    ("ix_alerts_story_id", "alerts", ["story_id"]),
    ("ix_alerts_article_id", "alerts", ["article_id"]),
    ("ix_crawl_runs_started_at", "crawl_runs", ["started_at"]),
    ("ix_deliveries_status_id", "deliveries", ["status", "id"]),
]


def upgrade() -> None:
    for name, table, columns in PLAIN:
        op.create_index(name, table, columns, unique=False)
    op.create_index(
        "ix_stories_multi_outlet_last_seen",
        "stories",
        ["last_seen"],
        unique=False,
        sqlite_where=sa.text(MULTI_OUTLET),
        postgresql_where=sa.text(MULTI_OUTLET),
    )


def downgrade() -> None:
    op.drop_index("ix_stories_multi_outlet_last_seen", table_name="stories")
    for name, table, _columns in reversed(PLAIN):
        op.drop_index(name, table_name=table)
