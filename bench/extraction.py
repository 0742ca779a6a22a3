"""Extraction quality and speed: ``extract_article`` against raw trafilatura, in one run.

Over the shared corpus pages with full reference bodies (aeb, fundus, np4k), prints median and
mean token F1 against the ground truth and pages per CPU second for:

- baseline: ``trafilatura.extract(html, url=..., favor_precision=True)`` on the raw bytes;
- sinowatch: ``crawler.extract.extract_article`` (decoding, metadata, boilerplate cleanup).

The two run interleaved, their order alternating every round, each pass timed in CPU time (this
process); speeds are medians over the rounds. The last line, ``extraction_speed_vs_trafilatura``,
is the median over the rounds of sinowatch's pages per CPU second over the baseline's in the same
round (target ≥ 0.95 at equal or better F1): the two passes of a round run back to back, so a
change of load between rounds moves both (a ratio of the two medians mixed rounds, and swung by
±0.1 on a loaded machine). The line before it gives the rounds' spread.

With ``--instructions STEP`` the speeds are instruction counts instead (``valgrind
--tool=callgrind``, every STEP-th page, each extractor in a child process less a child that only
loads the pages and warms both up): repeatable on a loaded machine, where CPU time is not; the
last line is then the baseline's instructions over sinowatch's.

Run: ``python bench/extraction.py [--rounds N | --instructions STEP] [--corpus PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from crawler import prunepaths
from crawler.extract import ExtractionError, extract_article, token_f1

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def load_pages(corpus: Path) -> list[tuple[str, bytes, str]]:
    """(url, html bytes, reference body) for every page with a full reference body."""
    pages = []
    for meta_path in sorted((corpus / "articles").glob("*/*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("body_text"):
            html = meta_path.with_suffix(".html").read_bytes()
            pages.append((meta["url"], html, meta["body_text"]))
    return pages


def baseline(html: bytes, url: str) -> str:
    with prunepaths.as_released():  # as released, not with extract_article's evaluators
        return trafilatura.extract(html, url=url, favor_precision=True) or ""


def sinowatch(html: bytes, url: str) -> str:
    try:
        return extract_article(html, url).text
    except ExtractionError:
        return ""  # scored as nothing extracted (F1 0), as the baseline's None is


EXTRACTORS = {"baseline": baseline, "sinowatch": sinowatch}
"""What a ``--only`` child runs (``setup``: nothing but loading and warming up)."""


def run_only(pages: list[tuple[str, bytes, str]], only: str, step: int) -> None:
    """A ``--instructions`` child: warm both extractors up on one page (imports, compiled
    XPaths), then run ``only`` over every ``step``-th page."""
    for fn in EXTRACTORS.values():
        fn(pages[0][1], pages[0][0])
    if only in EXTRACTORS:
        for url, html, _body in pages[::step]:
            EXTRACTORS[only](html, url)


def instruction_counts(corpus: Path, step: int) -> tuple[int, int]:
    """Instructions of the baseline's and of sinowatch's pass over every ``step``-th page, each
    less those of the ``setup`` child (the three children run at once)."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    command += [__file__, "--corpus", str(corpus), "--step", str(step), "--only"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    children = {
        only: subprocess.Popen(
            [*command, only], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
        )
        for only in ("setup", *EXTRACTORS)
    }
    counts = {}
    for only, child in children.items():
        _, stderr = child.communicate()
        found = re.search(r"Collected : (\d+)", stderr)
        if child.returncode or found is None:
            raise RuntimeError(f"the callgrind run of {only} failed: {stderr[-2000:]}")
        counts[only] = int(found[1])
    return counts["baseline"] - counts["setup"], counts["sinowatch"] - counts["setup"]


def scores(fn: Callable[[bytes, str], str], pages: list[tuple[str, bytes, str]]) -> list[float]:
    """Token F1 of each page's extraction against its reference body."""
    return [token_f1(fn(html, url), body) for url, html, body in pages]


def rate(fn: Callable[[bytes, str], str], pages: list[tuple[str, bytes, str]]) -> float:
    """Pages per CPU second of one pass over ``pages``."""
    start = time.process_time()
    for url, html, _body in pages:
        fn(html, url)
    return len(pages) / (time.process_time() - start)


def measure(
    extractors: dict[str, Callable[[bytes, str], str]],
    pages: list[tuple[str, bytes, str]],
    rounds: int,
) -> dict[str, tuple[list[float], list[float]]]:
    """F1 per page and the pages/s of each round for each extractor, the passes interleaved."""
    rates: dict[str, list[float]] = {name: [] for name in extractors}
    order = list(extractors)
    for _ in range(rounds):
        for name in order:
            rates[name].append(rate(extractors[name], pages))
        order.reverse()
    return {name: (scores(fn, pages), rates[name]) for name, fn in extractors.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--instructions", type=int, metavar="STEP", help="count instructions")
    parser.add_argument("--only", choices=("setup", *EXTRACTORS), help=argparse.SUPPRESS)
    parser.add_argument("--step", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (args.corpus / "MANIFEST.md").exists():
        print(f"corpus not found at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    pages = load_pages(args.corpus)
    if args.only:
        run_only(pages, args.only, args.step)
        return 0
    if args.instructions:
        return report_instructions(pages, args.corpus, args.instructions)
    results = measure(
        {"trafilatura (baseline)": baseline, "extract_article": sinowatch}, pages, args.rounds
    )
    print(f"{len(pages)} pages with full reference bodies, {args.rounds} timed rounds")
    print(f"{'extractor':<24} {'median F1':>10} {'mean F1':>8} {'F1<0.85':>8} {'pages/s':>8}")
    for name, (scores, rates) in results.items():
        low = sum(score < 0.85 for score in scores)
        print(
            f"{name:<24} {statistics.median(scores):>10.3f} {statistics.mean(scores):>8.3f}"
            f" {low:>8} {statistics.median(rates):>8.1f}"
        )
    (base_scores, base_rates), (our_scores, our_rates) = results.values()
    print_f1_ratio(base_scores, our_scores)
    ratios = [ours / base for ours, base in zip(our_rates, base_rates, strict=True)]
    print(f"speed ratio per round: {min(ratios):.2f}–{max(ratios):.2f}")
    print(f"extraction_speed_vs_trafilatura: {statistics.median(ratios):.2f}")
    return 0


def print_f1_ratio(base_scores: list[float], our_scores: list[float]) -> None:
    print(
        f"ratio extract_article / baseline: median F1 "
        f"{statistics.median(our_scores) / statistics.median(base_scores):.3f}, "
        f"mean F1 {statistics.mean(our_scores) / statistics.mean(base_scores):.3f}"
    )


def report_instructions(pages: list[tuple[str, bytes, str]], corpus: Path, step: int) -> int:
    base_scores, our_scores = scores(baseline, pages), scores(sinowatch, pages)
    print(f"{len(pages)} pages with full reference bodies")
    for name, found in (("trafilatura (baseline)", base_scores), ("extract_article", our_scores)):
        median, mean = statistics.median(found), statistics.mean(found)
        print(f"{name:<24} median F1 {median:.3f}, mean {mean:.3f}")
    print_f1_ratio(base_scores, our_scores)
    base, ours = instruction_counts(corpus, step)
    print(
        f"instructions over {len(pages[::step])} pages (every {step}th):"
        f" baseline {base / 1e9:.2f} G, extract_article {ours / 1e9:.2f} G"
    )
    print(f"extraction_speed_vs_trafilatura: {base / ours:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
