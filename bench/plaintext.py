"""What the text boundary costs: ``extract_article`` with and without ``plain_text``, one run.

Over the shared corpus pages with full reference bodies, interleaved rounds extract every page
with the text boundary (:mod:`crawler.plaintext`) and with it replaced by the whitespace folding
extraction did before (the baseline), comparing CPU time (``resource.getrusage``). A second pair
times the boundary alone on feed-like strings: plain titles, titles with markup escaped twice.

Run: ``python bench/plaintext.py [--rounds N] [--corpus PATH]``. The last line is the figure.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from extraction import DEFAULT_CORPUS, load_pages  # bench/extraction.py, beside this script

import crawler.extract as extract
from crawler.plaintext import MAX_TITLE_CHARS, plain_text

MARKUP_TITLE = (
    "&lt;b&gt;China&lt;/b&gt; tariffs rise &lt;script&gt;alert(1)&lt;/script&gt; "
    "&lt;img src=x onerror=alert(2)&gt; as talks stall"
)
PLAIN_TITLE = "China tariffs rise as talks stall in Geneva, officials say"


def _fold(value: object, *, max_chars: int = 0, multiline: bool = False) -> str:
    """The baseline: what extraction did before (fold runs of whitespace, nothing else)."""
    if not isinstance(value, str):
        return ""
    if multiline:
        return value
    return " ".join(value.split())


@contextmanager
def without_boundary() -> Iterator[None]:
    saved = extract.plain_text, extract.plain_line
    extract.plain_text = _fold  # type: ignore[assignment]
    extract.plain_line = lambda value, *, max_chars: _fold(value) or None  # type: ignore[assignment]
    try:
        yield
    finally:
        extract.plain_text, extract.plain_line = saved


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(fn: Callable[[], object]) -> float:
    start = cpu()
    fn()
    return cpu() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if not (args.corpus / "articles").is_dir():
        sys.exit(f"corpus not found at {args.corpus}")
    pages = [(url, html) for url, html, _ in load_pages(args.corpus)]

    def extract_all() -> None:
        for url, html in pages:
            with suppress(extract.ExtractionError):
                extract.extract_article(html, url)

    def without() -> None:
        with without_boundary():
            extract_all()

    titles = [PLAIN_TITLE, MARKUP_TITLE] * 5_000
    with_times, base_times, title_times, fold_times = [], [], [], []
    for _ in range(args.rounds):
        base_times.append(timed(without))
        with_times.append(timed(extract_all))
        fold_times.append(timed(lambda: [_fold(t) for t in titles]))
        title_times.append(
            timed(lambda: [plain_text(t, max_chars=MAX_TITLE_CHARS) for t in titles])
        )
    base, with_ = statistics.median(base_times), statistics.median(with_times)
    per_title = statistics.median(title_times) / len(titles) * 1e6
    per_fold = statistics.median(fold_times) / len(titles) * 1e6
    print(f"pages: {len(pages)}, rounds: {args.rounds} (interleaved), CPU seconds per pass")
    print(f"baseline (whitespace fold only): {base:.2f} s = {base / len(pages) * 1e3:.1f} ms/page")
    print(
        f"text boundary:                   {with_:.2f} s = {with_ / len(pages) * 1e3:.1f} ms/page"
    )
    print(
        f"titles (half with escaped markup): {per_title:.1f} µs each vs {per_fold:.2f} µs folding"
    )
    print(f"text boundary adds {(with_ / base - 1) * 100:+.1f}% CPU to extraction")


if __name__ == "__main__":
    main()
