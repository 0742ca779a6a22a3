"""Run in an extraction worker process by ``test_workers``: it imports nothing itself, so what
it reports is what the worker imported."""

from __future__ import annotations

import sys


def top_level_packages() -> set[str]:
    """The top-level packages of every module this process has imported."""
    return {name.partition(".")[0] for name in sys.modules}
