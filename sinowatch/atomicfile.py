"""Files the CLI writes whole or not at all (``export --output``, ``sources export|import``)."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_output(path: Path, *, text: bool = False) -> Iterator[IO[Any]]:
    """A temporary file beside ``path``, renamed to ``path`` once the block succeeds.

    ``mkstemp`` creates the file readable by its owner only; it gets the mode an ordinary write
    would give instead (the replaced file's, or 0666 less the umask), so an imported sources file
    written by root under /etc/sinowatch stays readable by the service's own user.

    Raises:
        OSError: the directory cannot be written (nothing is left behind).
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(handle, _mode_of(path))
        opened = (
            os.fdopen(handle, "w", encoding="utf-8", newline="")
            if text
            else os.fdopen(handle, "wb")
        )
        with opened as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_of(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)  # the only way to read it; the CLI writes from one thread
        os.umask(umask)
        return 0o666 & ~umask
