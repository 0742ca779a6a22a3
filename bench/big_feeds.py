"""Peak memory of a crawl of a big feed or sitemap: 500, 10,000 and 100,000 items.

Each measured crawl is a real one, the path the spider takes: ``crawler.runner.run_crawl`` in a
child process of its own (a fresh SQLite file, ``extract_workers: 0`` so extraction is in the
process measured) against a local HTTP server in another process, which serves the document
and a small article page for any other path. The child reports its peak RSS (``VmHWM``: unlike
``ru_maxrss`` it is not inherited from the parent across ``exec``), its CPU time and the crawl's
ledger. Before it, a warm-up crawl of the first 20 items (another child) settles the source's
baseline, so the measured crawl is an ordinary one: 20 entries known, the per-run limit
(``max_articles_per_run: 50``) fetched, the rest over the limit; in the sitemap all but the 50
newest entries are older than the source's ``max_age`` (two days), as in a news site's archive.

"Before" is the same crawl with the code of another commit (``--before``, default the commit
before streamed index bodies), exported with ``git archive`` to a temporary directory, in the
same run, interleaved.

    python bench/big_feeds.py [--before REF]

The last line is ``memory_ratio_100k_vs_500: X``, the worse of the feed's and the sitemap's.
"""

from __future__ import annotations

import argparse
import http.server
import json
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

SIZES = (500, 10_000, 100_000)
FRESH = 50
"""Entries of a sitemap within its source's max_age."""
WARM_UP = 20
"""Items of the warm-up crawl (the baseline): known to the measured crawl."""
LIMIT = 50
BEFORE = "1db5bc7"
"""The last commit that held index bodies in memory and checked all entries at once."""

CHILD = """
import json, re, resource, sys
from crawler.db import Database
from crawler.migrate import upgrade
from crawler.runner import run_crawl
from crawler.store import last_ledger
from sinowatch.settings import Settings
settings = Settings.model_validate_json(sys.argv[1])
database = Database(sys.argv[2])
upgrade(database)
[report] = run_crawl(
    database, settings.sources, crawler=settings.crawler, dedup=settings.dedup,
    relevance=settings.relevance,
)
with database.session() as session:
    ledger = last_ledger(session, report.source_id)["last_crawl"]
usage = resource.getrusage(resource.RUSAGE_SELF)
status = open("/proc/self/status").read()
peak = int(re.search(r"^VmHWM:\\s+(\\d+) kB", status, re.M).group(1))
print(json.dumps({"peak_kib": peak, "cpu": usage.ru_utime + usage.ru_stime, "ledger": ledger}))
"""


def article(path: str) -> bytes:
    """A small article page, the same for every path but its title."""
    text = " ".join(f"Officials met on trade and tariffs, paragraph {n}." for n in range(8))
    paragraphs = "".join(f"<p>{text}</p>" for _ in range(6))
    return (
        f"<html><head><title>Story {path}</title></head><body><article><h1>Story {path}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


class Site(http.server.BaseHTTPRequestHandler):
    """Serves the files of the current directory; any other path is an article page."""

    def do_GET(self) -> None:
        path = Path(self.path.lstrip("/"))
        if self.path.startswith("/robots.txt"):
            self.send_error(404)
            return
        body = path.read_bytes() if path.suffix == ".xml" and path.is_file() else None
        kind = "application/xml" if body is not None else "text/html; charset=utf-8"
        body = body if body is not None else article(self.path)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def serve(folder: str) -> None:
    """The local site (run in its own process): prints its port, serves until killed."""
    import os

    os.chdir(folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the parent closes it


def sitemap(items: int, base: str) -> bytes:
    now = datetime.now(UTC)
    urls = []
    for n in range(items):
        age = timedelta(hours=n) if n < FRESH else timedelta(days=30 + n / 1000)
        date = (now - age).strftime("%Y-%m-%dT%H:%M:%SZ")
        urls.append(
            f"<url><loc>{base}/2025/story-{n}.html</loc>"
            f"<lastmod>{date}</lastmod><news:news><news:publication><news:name>Example News"
            f"</news:name><news:language>en</news:language></news:publication>"
            f"<news:publication_date>{date}</news:publication_date>"
            f"<news:title>Story number {n} about trade talks</news:title></news:news></url>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        + "".join(urls)
        + "</urlset>\n"
    ).encode()


def feed(items: int, base: str) -> bytes:
    start = datetime(2025, 11, 4, 8, 30, tzinfo=UTC)
    entries = "".join(
        f"<item><title>Story {n}: officials discuss tariffs</title>"
        f"<link>{base}/2025/story-{n}.html</link>"
        f"<description>&lt;p&gt;Summary of story {n}, with &lt;b&gt;markup&lt;/b&gt; "
        f"as feeds send it.&lt;/p&gt;</description>"
        f"<pubDate>{(start - timedelta(minutes=n)).strftime('%a, %d %b %Y %H:%M:%S +0000')}"
        f"</pubDate><author>desk@example.com (News Desk)</author></item>\n"
        for n in range(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Example News</title><link>" + base + "/</link>\n" + entries + "</channel></rss>\n"
    ).encode()


def crawl(tree: Path, kind: str, base: str, database: Path) -> dict[str, Any]:
    """One crawl of the site's document with the code in ``tree``; what the child reported."""
    source = {"id": kind, "name": "Example News", "kind": kind, "url": f"{base}/{kind}.xml"}
    if kind == "sitemap":
        source["max_age"] = "2d"
    settings = {
        "sources": [source],
        "crawler": {
            "download_delay": "0s", "autothrottle": False, "retries": 0,
            "download_timeout": "120s", "extract_workers": 0, "max_articles_per_run": LIMIT,
        },
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(settings), f"sqlite:///{database}"],
        capture_output=True, text=True, cwd=tree, env={"PYTHONPATH": str(tree), "PATH": ""},
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"crawl failed ({tree}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(tree: Path, kind: str, size: int, base: str, folder: Path) -> dict[str, Any]:
    """Warm up (the baseline crawl of the first items), then the measured crawl of ``size``."""
    make = sitemap if kind == "sitemap" else feed
    database = folder / f"{tree.name}-{kind}-{size}.db"
    database.unlink(missing_ok=True)
    document = folder / f"{kind}.xml"
    document.write_bytes(make(WARM_UP, base))
    crawl(tree, kind, base, database)
    document.write_bytes(make(size, base))
    result = crawl(tree, kind, base, database)
    result["mib"] = document.stat().st_size / 2**20
    return result


def outcomes(ledger: dict[str, Any]) -> str:
    skipped = ", ".join(f"{count:,} {reason}" for reason, count in ledger["skipped"].items())
    return f"{ledger['new']} new, {ledger['known']} known" + (f", {skipped}" if skipped else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", default=BEFORE, help="the commit measured as 'before'")
    parser.add_argument("--serve", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return
    ratios = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        before = folder / "before"
        before.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.before], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
        trees = {"before": before, "now": ROOT}
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(folder)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert server.stdout is not None
            base = f"http://127.0.0.1:{server.stdout.readline().strip()}"
            for kind in ("sitemap", "feed"):
                peaks: dict[tuple[str, int], float] = {}
                for size in SIZES:
                    for how, tree in trees.items():
                        result = measure(tree, kind, size, base, folder)
                        peaks[how, size] = result["peak_kib"] / 1024
                        print(
                            f"{kind:7} {size:>7,} items ({result['mib']:5.1f} MiB) {how:6}: "
                            f"peak RSS {peaks[how, size]:6.1f} MiB, CPU {result['cpu']:5.1f} s; "
                            f"{outcomes(result['ledger'])}",
                            flush=True,
                        )
                now = peaks["now", SIZES[-1]] / peaks["now", SIZES[0]]
                old = peaks["before", SIZES[-1]] / peaks["before", SIZES[0]]
                print(f"{kind:7} peak 100k vs 500 items: {now:.2f}x (before: {old:.2f}x)")
                ratios.append(now)
        finally:
            server.stdin.close()  # type: ignore[union-attr]
            server.wait(timeout=30)
    print(f"memory_ratio_100k_vs_500: {max(ratios):.2f}")


if __name__ == "__main__":
    main()
