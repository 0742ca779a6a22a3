"""Duplicate-check cost and quality: MinHash LSH in the database vs an exact-hash-only baseline.

Run: ``python bench/dedup.py [--sizes 10000 100000] [--queries 300] [--db PATH]``

1. Cost: a SQLite file is filled with N stored articles (synthetic signatures, band rows inserted
   in bulk), then the full duplicate check for a new article (boilerplate stripping, fingerprint,
   MinHash, exact lookup, LSH candidate lookup and confirmation) is timed; medians are printed next
   to the exact-hash-only check (fingerprint + one indexed lookup) measured in the same run.
2. Quality: syndicated variants (new headline, dateline, related block, all three; long and 200-word
   versions) of every corpus article with a full body (``../shared/corpus``) — recall of each
   method, and false merges over every pair of distinct corpus articles.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.config import DedupSettings
from crawler.db import Database
from crawler.dedup import (
    Signature,
    band_hashes,
    confirmed,
    fingerprint,
    similarity,
    text_key,
)
from crawler.ingest import matching_story
from crawler.migrate import upgrade
from crawler.storage.tables import Article, LshBand, Story

SETTINGS = DedupSettings()
NOW = datetime(2025, 6, 5, 12, tzinfo=UTC)
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
VOCABULARY = [f"term{i}" for i in range(30_000)]
DATELINE = "BEIJING, June 5 (Xinhua) -- "
RELATED = "\n\nRelated\n\nMarkets slip as investors weigh data\n\nFive things to know today"
BATCH = 5_000


def synthetic_text(rng: np.random.Generator, words: int = 400) -> str:
    return " ".join(rng.choice(VOCABULARY, size=words))


def fill(database: Database, start: int, stop: int, rng: np.random.Generator) -> None:
    """Store articles ``start..stop`` with random signatures (the index cost depends on the band
    rows, not on how the signatures came about)."""
    for low in range(start, stop, BATCH):
        high = min(stop, low + BATCH)
        stories, articles, bands = [], [], []
        for number in range(low, high):
            values = rng.integers(0, 2**32 - 1, size=SETTINGS.num_perm, dtype=np.uint32)
            signature = Signature(values, int(rng.integers(200, 800)), 4)
            article_id = number + 1
            stories.append({"id": article_id, "title": f"story {number}", "outlets": ["x"]})
            articles.append(
                {
                    "id": article_id,
                    "canonical_url": f"https://filler.test/{number}",
                    "url": f"https://filler.test/{number}",
                    "fingerprint": hashlib.sha256(str(number).encode()).hexdigest(),
                    "minhash": signature.to_bytes(),
                    "story_id": article_id,
                    "first_seen": NOW - timedelta(hours=1),
                }
            )
            bands.extend(
                {
                    "band": band,
                    "hash": value,
                    "article_id": article_id,
                    "story_id": article_id,
                    "created_at": NOW - timedelta(hours=1),
                }
                for band, value in band_hashes(signature, SETTINGS)
            )
        with database.transaction() as session:
            session.execute(insert(Story), stories)
            session.execute(insert(Article), articles)
            session.execute(insert(LshBand), bands)


def store_originals(database: Database, texts: list[str], first_id: int) -> None:
    """Store real (synthetic-text) originals whose copies the timed queries will look for."""
    with database.transaction() as session:
        for offset, text in enumerate(texts):
            key = text_key(text, SETTINGS)
            assert key.signature is not None
            article_id = first_id + offset
            session.execute(insert(Story), [{"id": article_id, "outlets": ["origin"]}])
            session.execute(
                insert(Article),
                [
                    {
                        "id": article_id,
                        "canonical_url": f"https://origin.test/{article_id}",
                        "url": f"https://origin.test/{article_id}",
                        "fingerprint": key.fingerprint,
                        "minhash": key.signature.to_bytes(),
                        "story_id": article_id,
                        "first_seen": NOW,
                    }
                ],
            )
            session.execute(
                insert(LshBand),
                [
                    {"band": b, "hash": h, "article_id": article_id, "story_id": article_id}
                    | {"created_at": NOW}
                    for b, h in band_hashes(key.signature, SETTINGS)
                ],
            )


def time_checks(database: Database, queries: list[str]) -> tuple[float, float, float]:
    """Median ms of the full check and of the exact-only check; share of queries that matched."""
    full, exact, matched = [], [], 0
    with database.session() as session:
        for text in queries:
            started = time.perf_counter()
            key = text_key(text, SETTINGS)
            story = matching_story(session, key, SETTINGS, NOW)
            full.append(time.perf_counter() - started)
            matched += story is not None

            started = time.perf_counter()
            digest = fingerprint(text)
            session.scalars(
                select(Article.story_id).where(Article.fingerprint == digest).limit(1)
            ).first()
            exact.append(time.perf_counter() - started)
    return statistics.median(full) * 1e3, statistics.median(exact) * 1e3, matched / len(queries)


def bench_cost(sizes: list[int], query_count: int, path: Path) -> None:
    rng = np.random.default_rng(7)
    database = Database(f"sqlite:///{path}")
    upgrade(database)
    originals = [synthetic_text(rng) for _ in range(query_count // 2)]
    copies = [
        f"Breaking: new headline\n\n{DATELINE}{text.replace('term1 ', 'term2 ')}{RELATED}"
        for text in originals
    ]
    strangers = [synthetic_text(rng) for _ in range(query_count - len(copies))]
    queries = [text for pair in itertools.zip_longest(copies, strangers) for text in pair if text]
    stored = 0
    results = []
    print(f"duplicate check per new article (SQLite file, {len(queries)} queries, half copies)")
    print(f"{'stored':>8} {'minhash+lsh ms':>15} {'exact-only ms':>14} {'ratio':>6} {'matched':>8}")
    for size in sorted(sizes):
        started = time.perf_counter()
        fill(database, stored, size - len(originals) if stored == 0 else size, rng)
        if stored == 0:
            store_originals(database, originals, size - len(originals) + 1)
        stored = size
        with database.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
        print(f"  (filled to {size} in {time.perf_counter() - started:.0f}s)", file=sys.stderr)
        full, exact, matched = time_checks(database, queries)
        results.append((size, full))
        print(f"{size:>8} {full:>15.2f} {exact:>14.2f} {full / exact:>6.1f} {matched:>8.0%}")
    if len(results) > 1:
        (small, small_ms), (large, large_ms) = results[0], results[-1]
        print(
            f"growth: {large / small:.0f}x stored articles -> {large_ms / small_ms:.2f}x check time"
        )
    database.dispose()


def corpus_texts() -> list[tuple[str, str, str]]:
    texts = []
    for path in sorted((CORPUS / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("body_text"):
            texts.append((path.stem, record.get("title") or path.stem, record["body_text"]))
    return texts


def variants(title: str, text: str) -> dict[str, str]:
    headline = f"Exclusive: {title} — what it means"
    return {
        "headline": f"{headline}\n\n{text}",
        "dateline": DATELINE + text,
        "related": text + RELATED,
        "all": f"{headline}\n\n{DATELINE}{text}{RELATED}",
    }


def lsh_match(a: Signature | None, b: Signature | None) -> bool:
    """Would the DB index find ``b`` as a candidate for ``a`` and confirm it?"""
    if a is None or b is None:
        return False
    if not set(band_hashes(a, SETTINGS)) & set(band_hashes(b, SETTINGS)):
        return False
    return confirmed(*similarity(a, b), SETTINGS)


def method_matches(original: str, copy: str) -> tuple[bool, bool]:
    """(exact-hash-only baseline, our check) for one pair of texts."""
    key_a, key_b = text_key(original, SETTINGS), text_key(copy, SETTINGS)
    ours = (key_a.exact_matchable and key_a.fingerprint == key_b.fingerprint) or lsh_match(
        key_a.signature, key_b.signature
    )
    return fingerprint(original) == fingerprint(copy), ours


def bench_quality() -> None:
    texts = corpus_texts()
    if not texts:
        print(f"quality: corpus not found at {CORPUS}; skipped")
        return
    print(f"\nrecall on syndicated copies of {len(texts)} corpus articles")
    print(f"{'variant':>16} {'exact-only':>11} {'ours':>6}")
    for length in ("long", "short"):
        for kind in ("headline", "dateline", "related", "all"):
            hits_exact = hits_ours = 0
            for _, title, text in texts:
                base = text if length == "long" else " ".join(text.split()[:200])
                exact, ours = method_matches(base, variants(title, base)[kind])
                hits_exact += exact
                hits_ours += ours
            n = len(texts)
            print(f"{length + ' ' + kind:>16} {hits_exact / n:>11.0%} {hits_ours / n:>6.0%}")
    keys = [text_key(text, SETTINGS) for _, _, text in texts]
    pairs = list(itertools.combinations(keys, 2))
    false_exact = sum(a.fingerprint == b.fingerprint for a, b in pairs)
    false_ours = sum(
        (a.exact_matchable and a.fingerprint == b.fingerprint)
        or lsh_match(a.signature, b.signature)
        for a, b in pairs
    )
    print(
        f"false merges over {len(pairs)} pairs of distinct articles: "
        f"exact-only {false_exact}, ours {false_ours}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--db", type=Path, help="SQLite file to fill (default: a temp file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_cost(args.sizes, args.queries, args.db or Path(tmp) / "bench.db")
    bench_quality()


if __name__ == "__main__":
    main()
