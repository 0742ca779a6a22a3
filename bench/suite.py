"""The whole test suite's CPU time: a baseline commit's suite against the working tree's.

Run: ``python bench/suite.py [--baseline f0a99a2] [--current REF] [--rounds 1] [--parallel]
[-- PYTEST-ARGS]``

The baseline commit is exported with ``git archive`` into a temporary directory and run with
``PYTHONPATH`` at it and this interpreter (the same venv), from inside it; the working tree's
suite runs the same way from the checkout. The archive sits next to a ``shared`` symlink to the
checkout's ``../shared``, so the corpus tests of both find the corpus
(``Path(tests).parents[1].parent / "shared"``) and neither skips them; ``--current REF`` exports
that commit the same way instead of using the checkout (so the code under test cannot change
while it runs). Each round runs both suites once, interleaved (a busy machine slows both alike),
or with ``--parallel`` at the same time (on a machine shared with other work, the two then see the
same load; it halves the wall time). A suite's cost is the CPU time (user + system) of
``python -m pytest -q`` and every child it waited for (extraction workers, ``e2e`` subprocesses),
from ``os.wait4`` of that pytest process. A PostgreSQL server's own CPU is not counted, for
either side. Arguments after ``--`` go to both pytest runs (e.g. ``--durations=80``; a plugin
given with ``-p`` is found on ``SUITE_BENCH_PATH``); ``--logs DIR`` keeps each run's output.

One suite run costs minutes of CPU, so one round is the default: the ratio of two minute-long
measurements of the same machine in one run is steadier than the per-test noise. A suite that
fails is reported (the counts line says so) and the bench exits 1: a speedup of a broken suite
proves nothing. The last line is ``suite_speedup: X`` (baseline CPU over working tree CPU).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_BASELINE = "f0a99a2"  # the commit before issue 18's restructure
SUMMARY = re.compile(r"(\d+) (passed|failed|skipped|error|errors|xfailed|xpassed|deselected)")


@dataclass(frozen=True)
class SuiteRun:
    cpu: float
    """CPU seconds of pytest and its children."""
    counts: dict[str, int]
    """pytest's summary line: passed, failed, skipped… by outcome."""
    returncode: int


def start_suite(checkout: Path, extra: list[str], log: Path) -> subprocess.Popen[bytes]:
    """``python -m pytest -q`` in ``checkout`` with ``PYTHONPATH`` at it, output to ``log``."""
    path = os.pathsep.join([str(checkout), *_extra_path()])
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra],
            cwd=checkout,
            env={**os.environ, "PYTHONPATH": path},
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _extra_path() -> list[str]:
    """``SUITE_BENCH_PATH``: more import paths for both runs (a pytest plugin given with -p)."""
    return [p for p in os.environ.get("SUITE_BENCH_PATH", "").split(os.pathsep) if p]


def finish_suite(process: subprocess.Popen[bytes], log: Path) -> SuiteRun:
    """Wait for a suite; its CPU (``wait4``: the process and the children it waited for)."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    output = log.read_text(encoding="utf-8", errors="replace").strip()
    summary = [line for line in output.splitlines() if SUMMARY.search(line)]
    counts = {
        ("error" if kind == "errors" else kind): int(n)
        for n, kind in SUMMARY.findall(summary[-1] if summary else "")
    }
    if process.returncode != 0:
        sys.stderr.write(output[-4000:] + "\n")
    return SuiteRun(usage.ru_utime + usage.ru_stime, counts, process.returncode)


def export(commit: str, directory: Path) -> Path:
    """The tree of ``commit`` under ``directory/<commit>``, beside a ``shared`` symlink
    (made once for every commit exported there)."""
    checkout = directory / commit
    checkout.mkdir()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True
    ).stdout
    tar_path = directory / "tree.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(checkout, filter="data")
    tar_path.unlink()
    if SHARED.exists() and not (directory / "shared").exists():
        (directory / "shared").symlink_to(SHARED.resolve(), target_is_directory=True)
    return checkout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit to compare with")
    parser.add_argument("--current", help="commit to measure instead of the working tree")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of both suites")
    parser.add_argument("--parallel", action="store_true", help="run both suites at once")
    parser.add_argument("--logs", type=Path, help="keep each run's pytest output here")
    parser.add_argument("pytest_args", nargs="*", help="after --: passed to both pytest runs")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"warning: {SHARED} not found: the corpus tests of both suites skip", file=sys.stderr)
    runs: dict[str, list[SuiteRun]] = {"baseline": [], "current": []}
    with tempfile.TemporaryDirectory(prefix="sinowatch-suite-") as tmp:
        directory = Path(tmp)
        checkouts = {
            "baseline": export(args.baseline, directory),
            "current": export(args.current, directory) if args.current else ROOT,
        }
        logs = args.logs or directory
        logs.mkdir(parents=True, exist_ok=True)
        for round_ in range(args.rounds):
            names = list(checkouts)
            batches = [names] if args.parallel else [[name] for name in names]
            for batch in batches:
                log = {name: logs / f"{name}-{round_}.log" for name in batch}
                started = {
                    name: start_suite(checkouts[name], args.pytest_args, log[name])
                    for name in batch
                }
                for name, process in started.items():
                    result = finish_suite(process, log[name])
                    runs[name].append(result)
                    print(f"{name}: {result.cpu:.1f} s CPU, {result.counts}", flush=True)
    median = {name: statistics.median(r.cpu for r in results) for name, results in runs.items()}
    for name, value in median.items():
        tests = sum(v for k, v in runs[name][-1].counts.items() if k != "deselected")
        print(f"{name}_cpu: {value:.1f} s (median of {args.rounds}), {tests} tests")
    failed = [name for name, results in runs.items() if any(r.returncode for r in results)]
    if failed:
        print(f"suite failed: {', '.join(failed)}", file=sys.stderr)
    print(f"suite_speedup: {median['baseline'] / median['current']:.2f}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
