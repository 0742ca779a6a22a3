"""The whole test suite's CPU time: a baseline commit's suite against the working tree's.

Run: ``python bench/suite.py [--baseline f0a99a2] [--rounds 1]``

The baseline commit is exported with ``git archive`` into a temporary directory and run with
``PYTHONPATH`` at it and this interpreter (the same venv), from inside it; the working tree's
suite runs the same way from the checkout. The archive sits next to a ``shared`` symlink to the
checkout's ``../shared``, so the corpus tests of both find the corpus
(``Path(tests).parents[1].parent / "shared"``) and neither skips them. Each round runs both
suites once, interleaved (a busy machine slows both alike); a suite's cost is the CPU time (user +
system) of ``python -m pytest -q`` and every child it waited for (extraction workers, ``e2e``
subprocesses), from ``resource.getrusage(RUSAGE_CHILDREN)`` before and after. A PostgreSQL
server's own CPU is not counted, for either side.

One suite run costs minutes of CPU, so one round is the default: the ratio of two minute-long
measurements of the same machine in one run is steadier than the per-test noise. A suite that
fails is reported (the counts line says so) and the bench exits 1: a speedup of a broken suite
proves nothing. The last line is ``suite_speedup: X`` (baseline CPU over working tree CPU).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
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


def run_suite(checkout: Path) -> SuiteRun:
    """``python -m pytest -q`` in ``checkout`` with ``PYTHONPATH`` at it; its CPU and counts."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=checkout,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    counts = {("error" if kind == "errors" else kind): int(n) for n, kind in SUMMARY.findall(last)}
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:])
    return SuiteRun(cpu=cpu, counts=counts, returncode=done.returncode)


def export(commit: str, directory: Path) -> Path:
    """The tree of ``commit`` under ``directory/<commit>``, beside a ``shared`` symlink."""
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
    if SHARED.exists():
        (directory / "shared").symlink_to(SHARED.resolve(), target_is_directory=True)
    return checkout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit to compare with")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of both suites")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"warning: {SHARED} not found: the corpus tests of both suites skip", file=sys.stderr)
    runs: dict[str, list[SuiteRun]] = {"baseline": [], "current": []}
    with tempfile.TemporaryDirectory(prefix="sinowatch-suite-") as tmp:
        checkouts = {"baseline": export(args.baseline, Path(tmp)), "current": ROOT}
        for _ in range(args.rounds):
            for name, checkout in checkouts.items():
                result = run_suite(checkout)
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
