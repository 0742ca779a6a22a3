"""CPU per stored article of a sinowatch crawl against a minimal pipeline doing the same work.

The minimal baseline is written here: a plain Scrapy spider over the same local feed, parsed with
feedparser, each page through ``trafilatura.extract(favor_precision=True)`` and one sqlite3
insert. sinowatch crawls the same feed with its real :class:`~crawler.runner.CrawlRunner` into a
fresh SQLite file, with extraction in a thread (``extract_workers: 0``) and in two worker
processes (``extract_workers: 2``).

The pages are generated here (realistic size and markup: navigation, meta tags, JSON-LD, a byline,
paragraphs of made-up text, a related-links list, a footer) and served by an HTTP server in its
own process, so its CPU is not the crawler's. Every crawl runs in a fresh process that first
crawls a small warm-up feed (imports, lazy initialisation and worker start-up are not counted,
as in the long-running service) and then the measured feed of ``--articles`` unique pages. Its
CPU time over the measured crawl is that of the process and of its live worker processes
(user + system; ``/proc/<pid>/stat`` for live children, ``getrusage`` for the rest). The three
kinds run interleaved, their order rotating every round; figures are medians over the rounds.

    python bench/crawl_throughput.py [--articles 500] [--rounds 5]

Target: CPU per stored article ≤ 1.3× the baseline (the last line, for the worse of the two
sinowatch configurations).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 1.3
WARM_UP_ARTICLES = 20
KINDS = ("baseline", "sinowatch-0", "sinowatch-2")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# --- generated pages ---------------------------------------------------------------------------
VOCABULARY = (
    "the of and to in a is that for on was with as by at from officials said government "
    "ministry trade policy economy market investment port shipping factory workers province "
    "city council report analysts growth export import tariff agreement talks delegation "
    "minister spokesman statement week month year percent billion million company industry "
    "technology semiconductor energy solar battery coal steel bank lending currency yuan "
    "Beijing Shanghai Shenzhen Taiwan China Chinese Hong Kong Xi Jinping summit security "
    "military exercise navy coast guard island dispute region neighbours alliance partners "
    "reform plan strategy development infrastructure railway highway loan debt project "
    "election parliament opposition protest court ruling law regulation data privacy "
    "students university research science climate emissions water river drought flood"
)
WORDS = VOCABULARY.split()
PUBLISHED = "2026-11-{day:02d}T{hour:02d}:{minute:02d}:00+08:00"


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 28))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def article_page(number: int) -> tuple[str, bytes]:
    """Headline and HTML of generated article ``number`` (deterministic, unique per number)."""
    rng = random.Random(number)
    headline = " ".join(rng.choices(WORDS, k=9)).title() + f" ({number})"
    published = PUBLISHED.format(day=1 + number % 28, hour=number % 24, minute=(number * 7) % 60)
    nav = "".join(f'<li><a href="/section/{i}">{WORDS[i].title()}</a></li>' for i in range(40))
    related = "".join(
        f'<li><a href="/a/{number + i}.html">{" ".join(rng.choices(WORDS, k=7))}</a></li>'
        for i in range(1, 7)
    )
    body = "".join(f"<p>{_paragraph(rng)}</p>\n" for _ in range(rng.randint(8, 16)))
    script = "var analytics = {" + ", ".join(f'"k{i}": {i}' for i in range(300)) + "};"
    jsonld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": headline,
            "datePublished": published,
            "author": {"@type": "Person", "name": "Alex Morgan"},
        }
    )
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{headline} | Example Daily</title>
<meta name="description" content="{_sentence(rng)}">
<meta property="og:title" content="{headline}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="Alex Morgan">
<link rel="canonical" href="/a/{number}.html">
<script type="application/ld+json">{jsonld}</script>
<script>{script}</script>
<style>{"body{margin:0} " * 200}</style></head>
<body><header><div class="logo">Example Daily</div><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{headline}</h1>
<div class="byline">By Alex Morgan · <time datetime="{published}">{published}</time></div>
{body}</article>
<aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>© 2026 Example Daily. All rights reserved.</p><ul>{nav}</ul></footer>
</body></html>"""
    return headline, html.encode()


def feed(prefix: str, numbers: range) -> bytes:
    items = "".join(
        f"<item><title>{article_page(n)[0]}</title><link>{prefix}/a/{n}.html</link>"
        f"<guid>{prefix}/a/{n}.html</guid><description>Story {n}</description></item>"
        for n in numbers
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>bench</title>"
        f"<link>{prefix}/</link><description>bench</description>{items}</channel></rss>"
    ).encode()


def serve(ready: Any) -> None:
    """The HTTP server process: ``/feed/<first>-<count>.xml`` and ``/a/<n>.html``."""
    cache: dict[str, tuple[bytes, str]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = cache.get(self.path)
            if found is None:
                found = cache[self.path] = self._generate()
            body, content_type = found
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _generate(self) -> tuple[bytes, str]:
            prefix = f"http://{self.headers['Host']}"
            name = self.path.rpartition("/")[2]
            if self.path.startswith("/feed/") and name.endswith(".xml"):
                first, count = map(int, name.removesuffix(".xml").split("-"))
                return feed(prefix, range(first, first + count)), "application/rss+xml"
            if self.path.startswith("/a/") and name.endswith(".html"):
                return article_page(int(name.removesuffix(".html")))[1], "text/html; charset=utf-8"
            return b"", "text/plain"

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    ready.put(server.server_address[1])
    server.serve_forever()


# --- CPU time ----------------------------------------------------------------------------------
def process_cpu() -> float:
    """CPU seconds of this process, its reaped children and its live child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # ended meanwhile
            continue
        if fields[1] == me:  # ppid; utime and stime are fields 14 and 15 of stat
            total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


# --- the crawls (each in its own process) ------------------------------------------------------
def baseline_crawl(warm_url: str, feed_url: str, database: str) -> tuple[float, int]:
    """The minimal pipeline; returns (CPU seconds, stored articles) of the measured crawl."""
    import feedparser
    import scrapy
    import trafilatura
    from scrapy.crawler import CrawlerRunner
    from scrapy.utils.defer import deferred_to_future

    from crawler.reactor import run_on_reactor

    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE articles (url TEXT PRIMARY KEY, title TEXT, text TEXT)")

    class FeedSpider(scrapy.Spider):
        name = "baseline"

        def __init__(self, url: str) -> None:
            super().__init__()
            self.start_urls = [url]

        def parse(self, response: Any) -> Any:
            for entry in feedparser.parse(response.body).entries:
                yield scrapy.Request(entry.link, callback=self.article, cb_kwargs={"entry": entry})

        def article(self, response: Any, entry: Any) -> None:
            text = trafilatura.extract(response.text, favor_precision=True)
            connection.execute(
                "INSERT INTO articles VALUES (?, ?, ?)", (response.url, entry.title, text)
            )
            connection.commit()

    settings = {
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "DOWNLOAD_DELAY": 0,
    }

    async def run() -> float:
        runner = CrawlerRunner(settings)
        await deferred_to_future(runner.crawl(FeedSpider, url=warm_url))
        started = process_cpu()
        await deferred_to_future(runner.crawl(FeedSpider, url=feed_url))
        return process_cpu() - started

    cpu = run_on_reactor(run)
    stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0] - WARM_UP_ARTICLES
    return cpu, stored


def sinowatch_crawl(
    warm_url: str, feed_url: str, database: str, workers: int, count: int
) -> tuple[float, int]:
    """The real CrawlRunner; returns (CPU seconds, stored articles) of the measured crawl."""
    from crawler.db import Database
    from crawler.ledger import FAIL_EXTRACTION
    from crawler.migrate import upgrade
    from crawler.reactor import run_on_reactor
    from crawler.runner import CrawlRunner
    from sinowatch.settings import Settings

    db = Database(f"sqlite:///{database}")
    upgrade(db)
    settings = Settings.model_validate(
        {
            "database": {"url": db.url},
            "crawler": {
                "download_delay": "0s",
                "autothrottle": False,
                "extract_workers": workers,
                "max_articles_per_run": count + 10,
                "per_domain_concurrency": 16,
            },
            "sources": [
                {"id": name, "name": name, "kind": "feed", "url": url}
                for name, url in (("warm", warm_url), ("bench", feed_url))
            ],
        }
    )

    async def run() -> tuple[float, int]:
        runner = CrawlRunner(
            db, crawler=settings.crawler, dedup=settings.dedup, relevance=settings.relevance
        )
        warm, measured = settings.sources
        await runner.crawl([warm])
        started = process_cpu()
        [report] = await runner.crawl([measured])
        cpu = process_cpu() - started
        await runner.stop()
        # a page without article text is stored partial and counted as an extraction error
        return cpu, report.new_articles + report.known + report.failed.get(FAIL_EXTRACTION, 0)

    result = run_on_reactor(run)
    db.dispose()
    return result


def child(kind: str, base: str, first: int, count: int) -> None:
    """Run one crawl of ``kind`` and print its figures as JSON."""
    warm_url = f"{base}/feed/{first}-{WARM_UP_ARTICLES}.xml"
    feed_url = f"{base}/feed/{first + WARM_UP_ARTICLES}-{count}.xml"
    with tempfile.TemporaryDirectory() as tmp:
        database = f"{tmp}/bench.db"
        if kind == "baseline":
            cpu, stored = baseline_crawl(warm_url, feed_url, database)
        else:
            workers = int(kind.rpartition("-")[2])
            cpu, stored = sinowatch_crawl(warm_url, feed_url, database, workers, count)
    print(json.dumps({"cpu": cpu, "stored": stored}))


def run_child(kind: str, base: str, first: int, count: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", kind, "--base", base]
    command += ["--first", str(first), "--articles", str(count)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{kind} crawl failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if figures["stored"] != count:
        sys.exit(f"{kind}: expected {count} stored articles, got {figures['stored']}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.base, args.first, args.articles)
        return
    context = multiprocessing.get_context("spawn")
    ready = context.Queue()
    server = context.Process(target=serve, args=(ready,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ready.get(timeout=30)}"
    per_article: dict[str, list[float]] = {kind: [] for kind in KINDS}
    try:
        for round_ in range(args.rounds):
            order = KINDS[round_ % len(KINDS) :] + KINDS[: round_ % len(KINDS)]
            # the same unique pages for the three kinds of a round, new pages every round
            first = round_ * (args.articles + WARM_UP_ARTICLES)
            for kind in order:
                figures = run_child(kind, base, first, args.articles)
                per_article[kind].append(1000 * figures["cpu"] / figures["stored"])
            print(
                f"round {round_ + 1}: "
                + ", ".join(f"{kind} {per_article[kind][-1]:.1f} ms" for kind in KINDS),
                flush=True,
            )
    finally:
        server.terminate()
    medians = {kind: statistics.median(values) for kind, values in per_article.items()}
    print(f"\n{args.articles} unique pages per crawl, {args.rounds} interleaved rounds (medians)")
    for kind in KINDS:
        print(
            f"{kind:12s} CPU per stored article {medians[kind]:6.1f} ms "
            f"({medians[kind] / medians['baseline']:.2f}x baseline)"
        )
    worst = max(medians[kind] / medians["baseline"] for kind in KINDS[1:])
    met = "met" if worst <= TARGET else "NOT met"
    print(f"target ≤ {TARGET}x baseline: {met}")
    print(f"cpu_ratio_vs_baseline: {worst:.2f}")


if __name__ == "__main__":
    main()
