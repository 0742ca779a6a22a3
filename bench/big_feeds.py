"""Peak memory of reading a big feed or sitemap: 500, 10,000 and 100,000 items.

Each reading runs in a child process of its own and reports its peak RSS (``VmHWM``: unlike
``ru_maxrss`` it is not inherited from the parent across ``exec``): the
child holds the document's bytes, as the spider does with Scrapy's response body, and reads it
as the spider does: ``parse_sitemap`` with the source's ``max_age`` (two days; all but the 50
newest entries are older, as in a news site's archive sitemap) and ``parse_feed`` (RSS 2.0 items
with title, link, description, date and author). The baseline, in the same run, is the reading
before streaming: the whole document parsed at once (lxml's tree for the sitemap, then every
entry; feedparser on the whole feed).

    python bench/big_feeds.py

The last line is ``memory_ratio_100k_vs_500: X``, the worse of the feed's and the sitemap's.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (500, 10_000, 100_000)
FRESH = 50
"""Entries of a sitemap within its source's max_age."""
MAX_AGE = timedelta(days=2)


def sitemap(items: int) -> bytes:
    now = datetime.now(UTC)
    urls = []
    for n in range(items):
        age = timedelta(hours=n) if n < FRESH else timedelta(days=30 + n / 1000)
        date = (now - age).strftime("%Y-%m-%dT%H:%M:%SZ")
        urls.append(
            f"<url><loc>https://news.example.com/2025/story-{n}.html</loc>"
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


def feed(items: int) -> bytes:
    start = datetime(2025, 11, 4, 8, 30, tzinfo=UTC)
    entries = "".join(
        f"<item><title>Story {n}: officials discuss tariffs</title>"
        f"<link>https://news.example.com/2025/story-{n}.html</link>"
        f"<description>&lt;p&gt;Summary of story {n}, with &lt;b&gt;markup&lt;/b&gt; "
        f"as feeds send it.&lt;/p&gt;</description>"
        f"<pubDate>{(start - timedelta(minutes=n)).strftime('%a, %d %b %Y %H:%M:%S +0000')}"
        f"</pubDate><author>desk@example.com (News Desk)</author></item>\n"
        for n in range(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Example News</title><link>https://news.example.com/</link>\n"
        + entries
        + "</channel></rss>\n"
    ).encode()


def child(kind: str, how: str, path: str) -> None:
    """Read one document as the spider does (``how``: ``now``) or all at once (``before``);
    print the peak RSS in KiB and what was read."""
    body = Path(path).read_bytes()
    if kind == "sitemap":
        from crawler.sitemaps import parse_sitemap

        oldest = datetime.now(UTC) - MAX_AGE
        if how == "now":
            read = parse_sitemap(
                body, "https://news.example.com/sitemap.xml",
                keep=lambda entry: entry.date is None or entry.date >= oldest,
            )  # fmt: skip
        else:
            from lxml import etree

            from crawler import sitemaps

            root = etree.fromstring(body, etree.XMLParser(resolve_entities=False))
            entries = [sitemaps._entry(node) for node in root]  # the old way
            kept = [e for e in entries if e is not None and (e.date is None or e.date >= oldest)]
            read = sitemaps.Sitemap(url="", kind="urlset", entries=kept)
        count = len(read.entries)
    else:
        import feedparser

        from crawler import feeds

        if how == "now":
            count = len(feeds.parse_feed(body, "https://news.example.com/feed.xml").entries)
        else:
            parsed = feedparser.parse(body, sanitize_html=False)
            count = len([feeds._entry(raw) for raw in parsed.entries])
    status = Path("/proc/self/status").read_text()
    print(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1), count)  # type: ignore[union-attr]


def measure(kind: str, how: str, path: Path) -> tuple[float, int]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, how, str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    peak_kib, count = done.stdout.split()
    return int(peak_kib) / 1024, int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "HOW", "PATH"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    ratios = []
    with tempfile.TemporaryDirectory() as folder:
        for kind, make in (("sitemap", sitemap), ("feed", feed)):
            peaks: dict[tuple[str, int], float] = {}
            for size in SIZES:
                path = Path(folder) / f"{kind}-{size}.xml"
                path.write_bytes(make(size))
                megabytes = path.stat().st_size / 2**20
                for how in ("before", "now"):
                    peak, count = measure(kind, how, path)
                    peaks[how, size] = peak
                print(
                    f"{kind:7} {size:>7,} items ({megabytes:5.1f} MiB, {count:,} kept): "
                    f"peak RSS {peaks['now', size]:6.1f} MiB "
                    f"(before: {peaks['before', size]:6.1f} MiB)"
                )
            now = peaks["now", SIZES[-1]] / peaks["now", SIZES[0]]
            before = peaks["before", SIZES[-1]] / peaks["before", SIZES[0]]
            print(f"{kind:7} peak 100k vs 500 items: {now:.2f}x (before: {before:.2f}x)")
            ratios.append(now)
    print(f"memory_ratio_100k_vs_500: {max(ratios):.2f}")


if __name__ == "__main__":
    main()
