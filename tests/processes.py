"""Child processes for the multi-process tests, forked from one server that imported the
storage stack once.

multiprocessing's "spawn" starts a fresh interpreter per child, which pays its CPU importing
SQLAlchemy, psycopg and NumPy again (~1 s while datasketch brought SciPy); the suite starts
about 28 such children. "forkserver" starts one clean server process per test session, which imports
:data:`PRELOAD` once, and forks each child from it: the children are still separate processes
with their own connections, and inherit no thread, lock or connection of the pytest process
(unlike a plain "fork").
"""

from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext

PRELOAD = ["tests.test_ingest_concurrency", "tests.test_postgres_concurrency"]
"""The modules whose functions the children run (and, through them, everything they import)."""


def process_context() -> ForkServerContext:
    """The forkserver context, its server preloading :data:`PRELOAD` (set before it starts)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def stop_server() -> None:
    """Stop this session's forkserver, if it started one, and wait for it, so that no server
    outlives the tests and its CPU (and its children's, which it reaps) counts in the session's
    (``getrusage``, ``wait4``) as a spawned child's does (multiprocessing has no public call for
    this)."""
    forkserver._forkserver._stop()
