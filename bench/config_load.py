"""Config loading: the cost of the loader's bounds (aliases, nesting, tags) on the default config.

Run: ``python bench/config_load.py [--rounds 30]``

Loads the embedded default config (``config/sinowatch.yaml`` and its watchlists) with the
bounded :class:`~sinowatch.config.positions.PositionLoader` and, interleaved in the same run, with a
baseline loader that walks the same tree without the checks; compares CPU time. Then times the
alias bomb from issue 13 (nine anchors of nine aliases), which the bounded loader refuses.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
from pathlib import Path

import yaml

import sinowatch.config.includes as includes
from sinowatch.config.positions import PositionLoader
from sinowatch.config_loader import ConfigError, load_settings

DEFAULT = Path(__file__).resolve().parents[1] / "config" / "sinowatch.yaml"


class UncheckedLoader(PositionLoader):
    """The same walk without the bounds: the baseline."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        return yaml.SafeLoader.compose_node(self, parent, index)  # type: ignore[no-any-return]

    def _check(self, node: yaml.Node, aliased: bool) -> bool:
        return aliased


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_load(loader_class: type[PositionLoader]) -> float:
    includes.PositionLoader = loader_class  # type: ignore[misc]
    try:
        start = cpu()
        load_settings(DEFAULT, environ={})
        return cpu() - start
    finally:
        includes.PositionLoader = PositionLoader  # type: ignore[misc]


def alias_bomb(directory: Path) -> Path:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    path = directory / "bomb.yaml"
    path.write_text("\n".join([*lines, "sources: *a8", ""]), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    timed_load(PositionLoader)  # warm up imports
    bounded: list[float] = []
    unchecked: list[float] = []
    for _ in range(args.rounds):
        bounded.append(timed_load(PositionLoader))
        unchecked.append(timed_load(UncheckedLoader))
    with tempfile.TemporaryDirectory() as tmp:
        start = cpu()
        try:
            load_settings(alias_bomb(Path(tmp)), environ={})
            refused = "loaded (!)"
        except ConfigError as exc:
            refused = f"refused: {exc.problems[0]}"
        bomb = cpu() - start
    print(f"alias bomb: {bomb * 1000:.1f} ms CPU, {refused}")
    ms_bounded = statistics.median(bounded) * 1000
    ms_unchecked = statistics.median(unchecked) * 1000
    print(
        f"default config load: {ms_bounded:.1f} ms CPU with the bounds vs "
        f"{ms_unchecked:.1f} ms without (median of {args.rounds}; ratio "
        f"{ms_bounded / ms_unchecked:.2f})"
    )


if __name__ == "__main__":
    main()
