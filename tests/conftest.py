"""Shared fixtures: a migrated database per test, and the shared corpus (skipped when absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.db import Database
from crawler.migrate import upgrade

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture
def corpus_dir() -> Path:
    if not (CORPUS / "MANIFEST.md").exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite file database."""
    db = Database(f"sqlite:///{tmp_path / 'sinowatch.db'}")
    upgrade(db)
    yield db
    db.dispose()
