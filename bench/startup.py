"""CLI startup: CPU time of ``sinowatch --help`` and ``sinowatch check`` vs ``python -c pass``.

Run: ``python bench/startup.py [--rounds 7]``

Each round runs the three commands once, interleaved (so a busy machine slows all three alike),
each in a fresh interpreter; a run's cost is the CPU time (user + system) the child used, read
from ``resource.getrusage(RUSAGE_CHILDREN)`` before and after. ``check`` validates the embedded
default config (``config/sinowatch.yaml`` and its watchlists); ``typer_floor`` is a bare
two-command Typer app's ``--help``, what any Typer CLI pays. Prints the medians and each ratio to
the bare interpreter; the last line is ``startup_ratio_check: X``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = ROOT / "config" / "sinowatch.yaml"
# The floor for `--help`: a two-command Typer app printing its rich help, with nothing of ours.
TYPER_HELP = """\
import typer
app = typer.Typer()
app.command("a")(lambda: None)
app.command("b")(lambda: None)
app(["--help"])
"""
CASES = {
    "baseline": ["-c", "pass"],
    "typer_floor": ["-c", TYPER_HELP],
    "help": ["-m", "sinowatch", "--help"],
    "check": ["-m", "sinowatch", "--config", str(DEFAULT_CONFIG), "check"],
}


def child_cpu(args: list[str], env: dict[str, str]) -> float:
    """CPU seconds one ``python ARGS`` run costs; raises when the command fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, *args], env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="at least 5")
    args = parser.parse_args()
    if args.rounds < 5:
        parser.error("--rounds must be at least 5")
    # the checkout first on the path, as `PYTHONPATH=$PWD python -m sinowatch` runs it
    path = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    env = {**os.environ, "PYTHONPATH": path, "COLUMNS": "80"}
    for case in CASES.values():  # warm the file cache and .pyc files once
        child_cpu(case, env)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.rounds):
        for name, case in CASES.items():
            times[name].append(child_cpu(case, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, value in median.items():
        print(f"{name}: {value * 1000:.1f} ms CPU (median of {args.rounds})")
    print(f"typer_floor_ratio: {median['typer_floor'] / median['baseline']:.1f}")
    print(f"startup_ratio_help: {median['help'] / median['baseline']:.1f}")
    print(f"startup_ratio_check: {median['check'] / median['baseline']:.1f}")


if __name__ == "__main__":
    main()
