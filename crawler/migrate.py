"""Schema creation and upgrades.

TEMPORARY: creates tables from the models until the Alembic migrations land (storage work).
"""

from __future__ import annotations

from crawler.db import Database
from crawler.models import Base


def upgrade(database: Database) -> None:
    Base.metadata.create_all(database.engine)
