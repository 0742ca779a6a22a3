"""Where the embedded default configuration lives.

A wheel carries the repository's ``config/`` as ``sinowatch/default_config`` (see the
``force-include`` in pyproject.toml); an editable checkout reads ``config/`` next to the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "default_config", _PACKAGE_DIR.parent / "config")


def default_config_dir() -> Path:
    """The directory holding the default ``sinowatch.yaml``, ``watchlists/`` and ``demo/``.

    Raises:
        FileNotFoundError: neither the packaged copy nor a checkout's ``config/`` exists
            (a broken install: reinstall sinowatch).
    """
    for candidate in _CANDIDATES:
        if (candidate / "sinowatch.yaml").is_file():
            return candidate
    looked = ", ".join(str(c) for c in _CANDIDATES)
    raise FileNotFoundError(
        f"the default sinowatch config is missing (looked in {looked}); reinstall sinowatch"
    )
