"""crawler.heap: the objects alive after a process's first crawl are frozen once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_first_call_freezes_what_is_alive_and_later_calls_freeze_nothing_more() -> None:
    code = textwrap.dedent(
        """
        import gc
        from crawler.heap import freeze_long_lived
        assert gc.get_freeze_count() == 0
        first = freeze_long_lived()
        later_objects = [[index] for index in range(5000)]
        again = freeze_long_lived()
        print(first, again, gc.get_freeze_count())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    first, again, frozen = map(int, done.stdout.split())
    assert first > 1000  # the imported modules at least
    assert again == first == frozen  # the later objects stay with the collector
