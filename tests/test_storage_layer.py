"""Only the storage layer builds SQL: ``crawler/storage/`` and ``alerts/storage/`` (one module per
table), plus the Alembic migrations. Every other module of the shipped packages calls their
functions with plain arguments and gets rows or values back, so a new query has one obvious home.

Building SQL means importing SQLAlchemy's statement constructors (``select``, ``insert``,
``update``, ``delete``, ``text``, ``func``…, from ``sqlalchemy`` or a dialect), importing
``sqlalchemy`` whole, reaching a table through ``Model.__table__``, or running a statement
(``.execute(``, ``.scalars(``, ``.scalar(``, ``.query(``, ``.exec_driver_sql(``) or having the
session load or write rows itself (``session.get(``, ``session.add(``…). Types, the
session, events and exceptions (``sqlalchemy.orm.Session``, ``sqlalchemy.exc``…) are not SQL.

``crawler/db.py`` opens connections and so runs the connection set-up statements (``PRAGMA``,
``BEGIN IMMEDIATE``); it may execute, never build queries. ``tests/`` and ``bench/`` are
harnesses that seed and inspect databases directly and are not scanned.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawler", "alerts", "sinowatch")
STORAGE = ("crawler/storage/", "alerts/storage/", "crawler/migrations/")
CONNECTION_SETUP = ("crawler/db.py",)
"""May run statements on a raw connection (set-up only), never import a statement builder."""

BUILDERS = frozenset(
    {
        "select",
        "insert",
        "update",
        "delete",
        "text",
        "func",
        "exists",
        "and_",
        "or_",
        "not_",
        "bindparam",
        "literal",
        "literal_column",
        "column",
        "table",
        "union",
        "union_all",
        "case",
        "cast",
        "Select",
        "Insert",
        "Update",
        "Delete",
        "selectinload",
        "joinedload",
        "subqueryload",
    }
)
"""SQLAlchemy names that construct statements, clauses or loader options."""
RUNNERS = frozenset({"execute", "exec_driver_sql", "scalars", "scalar", "query"})
"""Methods that run a statement on a session, connection or cursor."""
SESSION_WRITES = frozenset({"get", "add", "add_all", "merge", "delete"})
"""Session methods that load or write rows by themselves (called on a ``session``)."""


def sql_building(tree: ast.AST, *, may_execute: bool = False) -> list[str]:
    """``line: what`` for every place ``tree`` builds or runs SQL."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "sqlalchemy":
                    found.append(f"{node.lineno}: imports sqlalchemy whole")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            found.extend(
                f"{node.lineno}: imports {alias.name} from {node.module}"
                for alias in node.names
                if alias.name in BUILDERS
            )
        elif isinstance(node, ast.Attribute) and node.attr == "__table__":
            found.append(f"{node.lineno}: reaches a table through __table__")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in RUNNERS
            and not may_execute
        ):
            found.append(f"{node.lineno}: runs a statement (.{node.func.attr}())")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SESSION_WRITES
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "session"
        ):
            found.append(f"{node.lineno}: loads or writes rows (session.{node.func.attr}())")
    return found


def test_detector_finds_builders_runners_and_tables_but_not_types() -> None:
    source = (
        "from sqlalchemy import select, func\n"
        "from sqlalchemy.dialects.postgresql import insert\n"
        "from sqlalchemy.orm import Session, selectinload\n"
        "from sqlalchemy.exc import IntegrityError\n"
        "import sqlalchemy as sa\n"
        "def f(session):\n"
        "    session.execute('DELETE FROM articles')\n"
        "    session.add(Story())\n"
        "    return session.scalars(Story.__table__.select())\n"
        "seen.add(1)\n"
    )
    assert sql_building(ast.parse(source)) == [
        "1: imports select from sqlalchemy",
        "1: imports func from sqlalchemy",
        "2: imports insert from sqlalchemy.dialects.postgresql",
        "3: imports selectinload from sqlalchemy.orm",
        "5: imports sqlalchemy whole",
        "7: runs a statement (.execute())",
        "8: loads or writes rows (session.add())",
        "9: runs a statement (.scalars())",
        "9: reaches a table through __table__",
    ]
    assert sql_building(ast.parse(source), may_execute=True)[-1] == (
        "9: reaches a table through __table__"
    )


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_storage_packages_exist_and_are_scanned() -> None:
    """The exemptions name real places (a renamed storage package must not pass silently)."""
    for place in (*STORAGE, *CONNECTION_SETUP):
        assert (ROOT / place).exists(), place
    scanned = {path.relative_to(ROOT).as_posix() for p in PACKAGES for path in _modules(p)}
    assert "crawler/ingest.py" in scanned
    assert "alerts/outbox.py" in scanned


@pytest.mark.parametrize("package", PACKAGES)
def test_only_the_storage_layer_builds_sql(package: str) -> None:
    violations = []
    for path in _modules(package):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(STORAGE):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
        for found in sql_building(tree, may_execute=relative in CONNECTION_SETUP):
            violations.append(f"{relative}:{found}")
    assert violations == [], "move these queries into crawler/storage/ or alerts/storage/"
