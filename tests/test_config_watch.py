"""``--watch-config``: a config file is reloaded once it changed and then stayed unchanged."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from sinowatch.service.reloading import ConfigReloader

POLL = 0.05


def _write(path: Path, text: str, mtime_ns: int) -> None:
    path.write_text(text)
    os.utime(path, ns=(mtime_ns, mtime_ns))


async def _watch_while(config: Path, edit) -> list[str]:
    """What the reloader loaded while ``edit`` ran (``load`` reads the file; ``apply`` keeps
    nothing)."""
    loaded: list[str] = []

    async def apply(_: object) -> None:
        return None

    reloader = ConfigReloader(config, lambda path: loaded.append(path.read_text()), apply)
    stopping = asyncio.Event()
    watching = asyncio.create_task(reloader.watch(POLL, stopping))
    await asyncio.sleep(POLL / 2)
    await edit()
    await asyncio.sleep(POLL * 6)
    stopping.set()
    await asyncio.wait_for(watching, 5)
    return loaded


def test_a_save_caught_between_truncation_and_write_loads_only_the_saved_file(
    tmp_path: Path,
) -> None:
    """An editor truncates, then writes: both within one mtime tick (given here), and the
    truncated file, an empty YAML, would load as a valid all-defaults config."""
    config = tmp_path / "sinowatch.yaml"
    _write(config, "old: 1\n", 1_000_000_000)

    async def save() -> None:
        _write(config, "", 2_000_000_000)  # truncated
        await asyncio.sleep(POLL * 1.2)  # the watcher polls in between
        _write(config, "new: 2\n", 2_000_000_000)  # written, the same mtime

    assert asyncio.run(_watch_while(config, save)) == ["new: 2\n"]


def test_files_still_changing_are_not_loaded_until_they_settle(tmp_path: Path) -> None:
    config = tmp_path / "sinowatch.yaml"
    _write(config, "v: 0\n", 1_000_000_000)

    async def edits() -> None:
        for version in range(1, 4):
            _write(config, f"v: {version}\n", (1 + version) * 1_000_000_000)
            await asyncio.sleep(POLL * 0.6)

    assert asyncio.run(_watch_while(config, edits)) == ["v: 3\n"]


def test_an_included_file_s_change_reloads(tmp_path: Path) -> None:
    config = tmp_path / "sinowatch.yaml"
    _write(config, "include: watchlists\n", 1_000_000_000)
    (tmp_path / "watchlists").mkdir()
    included = tmp_path / "watchlists" / "desk.yaml"
    _write(included, "topics: []\n", 1_000_000_000)

    async def edit() -> None:
        _write(included, "topics: [a]\n", 3_000_000_000)

    assert asyncio.run(_watch_while(config, edit)) == ["include: watchlists\n"]
