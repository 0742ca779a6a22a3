"""Relevance scoring's share of a crawl's CPU.

Crawls the generated pages of ``bench/crawl_throughput.py`` (its HTTP server in its own process)
with the real :class:`~crawler.runner.CrawlRunner`, ``extract_workers: 0``, each crawl in a fresh
process after a 20-page warm-up crawl. :meth:`RelevanceScorer.score` is timed in CPU time of the
thread that runs it (the analysis thread; the reactor's CPU is not in it) and set against the
CPU time of the measured crawl (``process_cpu`` of that bench). The last line is the median share
over the rounds, ``relevance_share_of_crawl_cpu`` (target ≤ 2 %).

    python bench/relevance_share.py [--articles 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crawl_throughput  # the bench beside this one: pages, server, crawl

TARGET = 0.02


def child(base: str, first: int, count: int) -> None:
    """One crawl with the scorer timed; prints its figures as JSON."""
    from crawler.relevance import RelevanceScorer

    spent: list[float] = []
    score = RelevanceScorer.score

    def timed(self: RelevanceScorer, title: str, text: str) -> object:
        started = time.thread_time()
        try:
            return score(self, title, text)
        finally:
            spent.append(time.thread_time() - started)

    RelevanceScorer.score = timed  # type: ignore[method-assign]
    warm = crawl_throughput.WARM_UP_ARTICLES
    with tempfile.TemporaryDirectory() as tmp:
        cpu, stored = crawl_throughput.sinowatch_crawl(
            f"{base}/feed/{first}-{warm}.xml",
            f"{base}/feed/{first + warm}-{count}.xml",
            f"{tmp}/bench.db",
            0,
            count,
        )
    measured = spent[warm:]  # the warm-up crawl scored its pages first
    figures = {"cpu": cpu, "stored": stored, "scored": len(measured), "score": sum(measured)}
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.base, args.first, args.articles)
        return
    context = multiprocessing.get_context("spawn")
    ready = context.Queue()
    server = context.Process(target=crawl_throughput.serve, args=(ready,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ready.get(timeout=30)}"
    shares = []
    try:
        for round_ in range(args.rounds):
            first = round_ * (args.articles + crawl_throughput.WARM_UP_ARTICLES)
            command = [sys.executable, __file__, "--child", "--base", base]
            command += ["--first", str(first), "--articles", str(args.articles)]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode:
                sys.exit(f"crawl failed:\n{done.stderr[-3000:]}")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            shares.append(figures["score"] / figures["cpu"])
            print(
                f"round {round_ + 1}: crawl {1000 * figures['cpu'] / figures['stored']:.1f} ms "
                f"per stored article, scoring {1000 * figures['score'] / figures['scored']:.2f} "
                f"ms per scored article, {100 * shares[-1]:.2f} % of the crawl's CPU",
                flush=True,
            )
    finally:
        server.terminate()
    share = statistics.median(shares)
    print(f"target ≤ {100 * TARGET:.0f} %: {'met' if share <= TARGET else 'NOT met'}")
    print(f"relevance_share_of_crawl_cpu: {100 * share:.2f} %")


if __name__ == "__main__":
    main()
