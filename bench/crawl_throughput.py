"""End-to-end crawl throughput: fetch → extract → relevance → store, from a local server.

Serves the shared corpus article pages (each under several URLs, so the run is long enough to
measure) behind one RSS feed on 127.0.0.1, and crawls it with the real CrawlRunner into a fresh
SQLite file — once with extraction in threads (``extract_workers: 0``) and once with worker
processes (``extract_workers: 2``). The baseline in the same run: extraction + relevance alone,
in this process, one page after another.

    python bench/crawl_throughput.py [--articles 240] [--repeat 3]

Target: ≥ 25 articles/s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.site

from crawler.db import Database
from crawler.ledger import FAIL_EXTRACTION
from crawler.migrate import upgrade
from crawler.pipelines import analyse
from crawler.reactor import run_on_reactor
from crawler.records import FetchedPage
from crawler.runner import CrawlRunner
from sinowatch.settings import Settings
from tests.site import Resource, TestSite

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"
TARGET = 25.0


def pages() -> list[bytes]:
    found = [p.read_bytes() for p in sorted(CORPUS.glob("*/*.html")) if ".expected." not in p.name]
    if not found:
        sys.exit(f"corpus not found at {CORPUS}")
    return found


def serve(site: TestSite, bodies: list[bytes], name: str, count: int) -> dict[str, str]:
    """A feed of ``count`` article pages under ``/name/``; returns its source config."""
    items = []
    for i in range(count):
        path = f"/{name}/a/{i}.html"
        site[path] = Resource(bodies[i % len(bodies)])
        items.append(f"<item><title>Article {i}</title><link>{site.url(path)}</link></item>")
    feed = f"<rss version='2.0'><channel><title>bench</title>{''.join(items)}</channel></rss>"
    site[f"/{name}/feed.xml"] = Resource(feed.encode(), content_type="application/rss+xml")
    return {"id": name, "name": name, "kind": "feed", "url": site.url(f"/{name}/feed.xml")}


def settings_for(sources: list[dict[str, str]], workers: int, count: int, db_url: str) -> Settings:
    return Settings.model_validate(
        {
            "database": {"url": db_url},
            "crawler": {
                "download_delay": "0s",
                "autothrottle": False,
                "extract_workers": workers,
                "max_articles_per_run": count + 10,
                "per_domain_concurrency": 16,
            },
            "sources": sources,
        }
    )


async def crawl_rate(sources: list[dict[str, str]], workers: int, count: int) -> list[float]:
    """Articles/s of each crawl after the first (a warm-up: worker processes start lazily)."""
    rates = []
    with tempfile.TemporaryDirectory() as tmp:
        database = Database(f"sqlite:///{tmp}/bench.db")
        upgrade(database)
        settings = settings_for(sources, workers, count, database.url)
        runner = CrawlRunner(
            database, crawler=settings.crawler, dedup=settings.dedup, relevance=settings.relevance
        )
        for index, source in enumerate(settings.sources):
            started = time.perf_counter()
            [report] = await runner.crawl([source])
            elapsed = time.perf_counter() - started
            # a page without article text is stored partial and counted as an extraction error
            stored = report.new_articles + report.known + report.failed.get(FAIL_EXTRACTION, 0)
            if stored != count:
                sys.exit(f"expected {count} stored articles, got {report}")
            if index:
                rates.append(stored / elapsed)
        await runner.stop()
        database.dispose()
    return rates


def extraction_rate(bodies: list[bytes], count: int) -> float:
    settings = Settings().relevance
    started = time.perf_counter()
    for i in range(count):
        page = FetchedPage(source_id="bench", url=f"http://127.0.0.1/a/{i}.html")
        page.html = bodies[i % len(bodies)]
        analyse(page, settings, False)
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bodies = pages()
    baseline = extraction_rate(bodies, min(args.articles, len(bodies) * 2))

    async def run() -> dict[int, list[float]]:
        with TestSite() as site:
            sources = [serve(site, bodies, f"r{n}", args.articles) for n in range(args.repeat + 1)]
            return {
                workers: await crawl_rate(sources, workers, args.articles) for workers in (0, 2)
            }

    results = run_on_reactor(run)
    print(f"articles per crawl: {args.articles} ({len(bodies)} distinct corpus pages)")
    print(f"baseline  extraction+relevance alone, 1 thread: {baseline:6.1f} pages/s")
    for workers, rates in results.items():
        median = statistics.median(rates)
        print(
            f"crawl     extract_workers={workers}: median {median:6.1f} articles/s "
            f"(runs: {', '.join(f'{r:.1f}' for r in rates)}; "
            f"{median / baseline:.2f}x baseline)"
        )
    best = max(statistics.median(r) for r in results.values())
    ratio = statistics.median(results[2]) / statistics.median(results[0])
    print(f"workers=2 vs workers=0: {ratio:.2f}x")
    print(f"target ≥ {TARGET:.0f} articles/s: {'met' if best >= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
