"""Flat with volume (issue 15): what each operation costs at 1k, 10k and 100k stored articles.

Run: ``python bench/scale.py [--sizes 1000,10000,100000] [--rounds 5] [--no-postgres|--no-sqlite]``

Each size is filled in bulk (not timed) with a realistic shape over 95 days: stories carried by
one to eight of 12 outlets, 40 % relevant, alerts with two deliveries each (sent, pending, dead),
an alias per article, some revisions, crawl runs, and MinHash band rows for the last nine days
(the dedup window is seven: two days are due for pruning). Then, on SQLite and on a throwaway
PostgreSQL database (``sw_scale_<random>``, dropped after), it measures the CPU time of:

- ``ingest``: :func:`crawler.ingest.ingest_article` (the real path, one transaction each) for a
  sample of new articles, exact copies and near copies; per article;
- ``query``: a watchlist dry run as ``sinowatch query -w us-china --since 30d -n 200`` does
  (read the newest 200, match them);
- ``stories``: ``stories --since 30d -n 20``; ``stories --min-outlets 2``: the same with two
  outlets or more (the same output size at every fill: the limit, not the volume, bounds it);
- ``status``: :func:`sinowatch.summary.status_summary`;
- ``retention``: the daily housekeeping of a 90-day retention (the oldest 5 % of the fill), per
  deleted article, each round on a fresh copy.

CPU time is this process's (``time.process_time``) plus, on PostgreSQL, that of the server's
backends serving the benchmark database (``/proc/<pid>/schedstat``: the server is local). Each
figure is the median of ``--rounds`` rounds, old and new interleaved. "old" is the code before
issue 15 (``bench/_scale_baseline.py`` for retention, ``stories`` and ``status``) on a copy of the
same database with issue 15's migrations (0003, 0005) undone: no indexes, no counters; 0004
(source leases, issue 16) stays, as today's code reads it. Growth = cost at the largest size /
cost at the smallest. The last line is ``worst_growth: X``, the largest growth of the new code.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import bindparam, create_engine, insert, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alerts.articles_read import recent_articles
from alerts.matcher import Matcher
from alerts.storage.tables import Alert, Delivery
from bench import _scale_baseline as baseline
from crawler.db import Database
from crawler.dedup import band_hashes, text_key
from crawler.ingest import ingest_article
from crawler.migrate import alembic_config, upgrade
from crawler.records import ExtractedArticle, FetchedPage, Relevance
from crawler.retention import housekeep
from crawler.storage import counters
from crawler.storage.stories import recent as recent_stories
from crawler.storage.tables import (
    Article,
    ArticleAlias,
    ArticleRevision,
    CrawlRun,
    LshBand,
    Source,
    Story,
)
from sinowatch.config_loader import load_settings
from sinowatch.summary import StatusSummary, status_summary

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CONFIG = Path(__file__).resolve().parents[1] / "config" / "sinowatch.yaml"
ISSUE_15_REVISIONS = ("0005", "0003")
"""The migrations issue 15 added, newest first: the baseline copy undoes these."""
SPAN = timedelta(days=95)
"""A 90-day retention finds the oldest 5 % due: the store of a service down for five days."""
RETENTION = timedelta(days=90)
BANDED = timedelta(days=9)
OUTLETS = [f"outlet{n}.example" for n in range(12)]
INGEST_SAMPLE = 24
QUERY_LIMIT = 200
STORIES_LIMIT = 20
CHUNK = 5000
SENTENCES = [
    "Negotiators from Beijing and Washington met again to discuss tariffs on {item}.",
    "The commerce ministry said export controls on {item} would be reviewed next month.",
    "Officials in Taipei watched the talks closely as drills continued near the strait.",
    "A spokesperson said the trade talks had been candid and constructive.",
    "Analysts expect the entity list to grow before the end of the quarter.",
    "Student visa applications from China fell for a third year, the report said.",
    "Port operators reported a rise in container traffic for {item}.",
    "The council approved a new budget for road repairs and school buses.",
    "Farmers said soybean orders from Chinese buyers had picked up since spring.",
    "The summit is expected to include a phone call between the two presidents.",
    "Chipmakers warned that new restrictions on {item} would hit their revenue.",
    "Economists said the trade deficit narrowed slightly in the latest figures.",
    "Local officials opened a new bridge across the river on Tuesday.",
    "A think-tank fellow said the tariff truce could unravel within months.",
    "Shipping rates for {item} climbed after the announcement.",
    "Lawmakers in Washington held a hearing on outbound investment rules.",
]
ITEMS = ["steel", "solar panels", "chips", "batteries", "rare earths", "soybeans", "cars"]


@dataclass
class Fill:
    now: datetime
    articles: int
    recent_bodies: list[str]
    """Texts of stories of the last days: the ingest sample copies them."""


def story_body(rng: random.Random, story: int) -> str:
    picked = rng.sample(SENTENCES, 8)
    lines = [line.format(item=rng.choice(ITEMS)) for line in picked]
    lines.append(f"The record of case {story} was filed under reference {story * 7919 % 100003}.")
    return "\n\n".join(lines)


def fill(database: Database, size: int, now: datetime, seed: int = 15) -> Fill:
    """Bulk-insert ``size`` articles and everything around them (explicit ids, one transaction)."""
    rng = random.Random(seed)
    settings = load_settings(CONFIG).dedup
    rows: dict[type, list[dict[str, Any]]] = {
        model: []
        for model in (Story, Article, ArticleAlias, ArticleRevision, Alert, Delivery, LshBand)
    }
    recent: list[str] = []
    article_id = story_id = alert_id = 0
    while article_id < size:
        story_id += 1
        copies = min(size - article_id, rng.choices([1, 2, 3, 5, 8], [60, 20, 10, 7, 3])[0])
        first = now - SPAN * rng.random()
        body = story_body(rng, story_id)
        banded = now - first < BANDED
        key = text_key(body, settings) if banded else None
        if banded and now - first < timedelta(days=3):
            recent.append(body)
        fingerprint = key.fingerprint if key else f"{story_id:064x}"
        minhash = (
            key.signature.to_bytes()
            if key and key.signature
            else rng.randbytes(4 + 4 * settings.num_perm)
        )
        relevant = rng.random() < 0.4
        outlets = rng.sample(OUTLETS, copies)
        story_articles = []
        last = first
        for n, outlet in enumerate(outlets):
            article_id += 1
            seen = min(now, first + timedelta(hours=6) * rng.random() * (n > 0))
            last = max(last, seen)
            url = f"https://{outlet}/news/{story_id}-{n}"
            story_articles.append(article_id)
            rows[Article].append(
                {
                    "id": article_id,
                    "canonical_url": url,
                    "url": url,
                    "source_id": outlet,
                    "outlet": outlet,
                    "title": f"Story {story_id}",
                    "authors": ["Jane Doe"],
                    "published_at": seen,
                    "language": "en",
                    "text": body,
                    "partial": False,
                    "relevance_score": 0.7 if relevant else 0.1,
                    "relevant": relevant,
                    "fingerprint": fingerprint,
                    "minhash": minhash,
                    "story_id": story_id,
                    "revision": 1,
                    "baseline": False,
                    "first_seen": seen,
                    "updated_at": seen,
                }
            )
            rows[ArticleAlias].append({"url": f"{url}?utm_source=rss", "article_id": article_id})
            if rng.random() < 0.02:
                rows[ArticleRevision].append(
                    {"article_id": article_id, "revision": 1, "text": body, "created_at": seen}
                )
            if key and key.signature:
                rows[LshBand].extend(
                    {
                        "band": band,
                        "hash": value,
                        "article_id": article_id,
                        "story_id": story_id,
                        "created_at": seen,
                    }
                    for band, value in band_hashes(key.signature, settings)
                )
        rows[Story].append(
            {
                "id": story_id,
                "title": f"Story {story_id}",
                "first_article_id": story_articles[0],
                "first_outlet": outlets[0],
                "outlets": outlets,
                "article_count": copies,
                "first_seen": first,
                "last_seen": last,
            }
        )
        for watchlist, share in (("us-china", 0.4), ("experts", 0.15)):
            if relevant and rng.random() < share:
                alert_id += 1
                rows[Alert].append(
                    {
                        "id": alert_id,
                        "watchlist": watchlist,
                        "story_id": story_id,
                        "article_id": story_articles[0],
                        "title": f"Story {story_id}",
                        "hits": [],
                        "created_at": first,
                    }
                )
                for channel in ("mail", "hook"):
                    fresh = now - first < timedelta(days=1)
                    status = "pending" if fresh else "dead" if rng.random() < 0.02 else "sent"
                    rows[Delivery].append(
                        {
                            "alert_id": alert_id,
                            "channel": channel,
                            "status": status,
                            "next_attempt_at": first,
                            "idempotency_key": f"{alert_id}-{channel}",
                            "created_at": first,
                        }
                    )
    starts = sorted(now - SPAN * rng.random() for _ in range(size // 10))
    runs = [
        {
            "source_id": rng.choice(OUTLETS),
            "started_at": started,
            "finished_at": started + timedelta(minutes=2),
            "status": "ok",
        }
        for started in starts
    ]
    with database.transaction() as session:
        session.execute(insert(Source), [{"id": o, "name": o, "kind": "feed"} for o in OUTLETS])
        firsts = [{"sid": r["id"], "first": r.pop("first_article_id")} for r in rows[Story]]
        for model in (Story, Article, ArticleAlias, ArticleRevision, Alert, Delivery, LshBand):
            for start in range(0, len(rows[model]), CHUNK):
                session.execute(insert(model), rows[model][start : start + CHUNK])
            if model is Article:  # stories and articles reference each other
                stories = Story.__table__
                session.execute(
                    stories.update()
                    .where(stories.c.id == bindparam("sid"))
                    .values(first_article_id=bindparam("first")),
                    firsts,
                )
        session.execute(insert(CrawlRun), runs)
        # PostgreSQL: fold the fill's counter deltas, as the daily housekeeping of a live store has.
        counters.compact(session)
        if database.dialect == "postgresql":
            for table in ("stories", "articles", "alerts", "deliveries", "article_revisions"):
                session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )
    return Fill(now=now, articles=size, recent_bodies=recent)


# -- databases: SQLite files and PostgreSQL databases, copied for the baseline and retention ----


class Backend:
    """Creates, copies and drops the benchmark's databases on one engine kind."""

    def __init__(self, name: str, workdir: Path, pg_url: str | None) -> None:
        self.name = name
        self.workdir = workdir
        self.pg_url = make_url(pg_url) if pg_url else None
        self.admin: Engine | None = None
        if self.pg_url is not None:
            self.admin = create_engine(self.pg_url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def url(self, name: str) -> str:
        if self.pg_url is None:
            return f"sqlite:///{self.workdir / name}.db"
        return self.pg_url.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str) -> Database:
        if self.admin is not None:
            with self.admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            self.created.append(name)
        database = Database(self.url(name))
        upgrade(database)
        return database

    def copy(self, source: Database, source_name: str, name: str) -> Database:
        """A copy of ``source`` (disposed first: PostgreSQL copies only idle templates)."""
        if self.admin is None:
            with source.engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            source.dispose()
            shutil.copyfile(self.workdir / f"{source_name}.db", self.workdir / f"{name}.db")
        else:
            source.dispose()
            with self.admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source_name}"'))
            self.created.append(name)
        return Database(self.url(name))

    def drop(self, database: Database, name: str) -> None:
        database.dispose()
        if self.admin is None:
            for suffix in (".db", ".db-wal", ".db-shm"):
                (self.workdir / f"{name}{suffix}").unlink(missing_ok=True)
            return
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.created.remove(name)

    def close(self) -> None:
        if self.admin is not None:
            with self.admin.connect() as connection:
                for name in self.created:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            self.admin.dispose()

    def settle(self, database: Database) -> None:
        """PostgreSQL: VACUUM ANALYZE, the state autovacuum keeps a live database in."""
        if self.admin is None:
            return
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM ANALYZE")

    def server_cpu(self, database: Database) -> float:
        """Seconds of CPU the server's backends for ``database`` have used (0 on SQLite)."""
        if self.admin is None:
            return 0.0
        name = make_url(database.url).database
        with self.admin.connect() as connection:
            pids = connection.execute(
                text(
                    "SELECT pid FROM pg_stat_activity "
                    "WHERE datname = :name AND backend_type = 'client backend'"
                ),
                {"name": name},
            ).scalars()
            total = 0
            for pid in pids:
                try:
                    total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
                except (OSError, ValueError):
                    continue
        return total / 1e9


def drop_new_indexes(database: Database) -> None:
    """Back to the schema before issue 15: the downgrades of its own migrations (0005's counters,
    0003's indexes), newest first, and of no other. Not an Alembic downgrade to 0002: that would
    also undo 0004 (issue 16's source leases), whose columns today's ORM reads, so every query of
    ``sources`` would fail. The copy's version row stays at head; nothing migrates it again."""
    script = ScriptDirectory.from_config(alembic_config())
    with (
        database.engine.begin() as connection,
        operations.Operations.context(MigrationContext.configure(connection)),
    ):
        for revision in ISSUE_15_REVISIONS:
            script.get_revision(revision).module.downgrade()


def cpu_of(backend: Backend, database: Database, run: Callable[[], Any]) -> tuple[float, Any]:
    server_before = backend.server_cpu(database)
    before = time.process_time()
    result = run()
    spent = time.process_time() - before
    return spent + backend.server_cpu(database) - server_before, result


# -- the measured operations --------------------------------------------------------------------


class Operations:
    def __init__(self, fill_: Fill, backend: Backend) -> None:
        self.fill = fill_
        self.backend = backend
        self.settings = load_settings(CONFIG)
        self.matcher = Matcher.compile(
            [w for w in self.settings.watchlists if w.name == "us-china"]
        )
        self.ingested = 0

    def ingest(self, database: Database) -> float:
        """CPU per article of ingesting a sample: new texts, exact copies and near copies."""
        rng = random.Random(self.ingested)
        relevance = Relevance(score=0.8, relevant=True, china_terms={"China": 1}, us_terms={})
        pages = []
        for n in range(INGEST_SAMPLE):
            self.ingested += 1
            kind = n % 3
            if kind == 0:
                body = story_body(rng, 10_000_000 + self.ingested)
            else:
                body = rng.choice(self.fill.recent_bodies)
                if kind == 2:
                    body += "\n\nAn editor's note was added to this copy of the report."
            url = f"https://sample.example/{uuid.uuid4().hex}"
            page = FetchedPage(source_id=OUTLETS[0], url=url, outlet="sample.example")
            article = ExtractedArticle(url=url, title="Sample", text=body, language="en")
            pages.append((page, article))

        def run() -> None:
            for page, article in pages:
                with database.transaction() as session:
                    ingest_article(
                        session,
                        page,
                        article,
                        relevance,
                        settings=self.settings.dedup,
                        baseline=False,
                        now=self.fill.now,
                    )

        return cpu_of(self.backend, database, run)[0] / INGEST_SAMPLE

    def query(self, database: Database) -> float:
        def run() -> int:
            with database.session() as session:
                stored = recent_articles(session, self.fill.now - timedelta(days=30), QUERY_LIMIT)
            assert len(stored) == QUERY_LIMIT, len(stored)
            return sum(1 for s in stored if self.matcher.match(s.article))

        return cpu_of(self.backend, database, run)[0]

    def stories(self, database: Database, read: Callable[..., list[Story]], outlets: int) -> float:
        def run() -> None:
            with database.session() as session:
                found = read(
                    session,
                    since=self.fill.now - timedelta(days=30),
                    min_outlets=outlets,
                    limit=STORIES_LIMIT,
                )
                assert len(found) == STORIES_LIMIT, len(found)

        return cpu_of(self.backend, database, run)[0]

    def status(self, database: Database, read: Callable[[Session], StatusSummary]) -> float:
        def run() -> None:
            with database.session() as session:
                read(session)

        return cpu_of(self.backend, database, run)[0]


def retention_cost(
    backend: Backend, template: Database, template_name: str, old: bool, now: datetime
) -> tuple[float, Database]:
    """CPU per deleted article of one retention on a fresh copy of ``template``."""
    name = f"{template_name}_r{uuid.uuid4().hex[:6]}"
    copy = backend.copy(template, template_name, name)
    window = timedelta(days=7)
    if old:
        spent, deleted = cpu_of(
            backend,
            copy,
            lambda: baseline.housekeep(copy, now=now, retention=RETENTION, dedup_window=window),
        )
    else:
        spent, result = cpu_of(
            backend,
            copy,
            lambda: housekeep(copy, now=now, retention=RETENTION, dedup_window=window),
        )
        deleted = result.articles
    backend.drop(copy, name)
    reopened = Database(backend.url(template_name))
    return spent / max(1, deleted), reopened


# -- the run ------------------------------------------------------------------------------------

MEASURES = ["ingest", "query", "stories", "stories --min-outlets 2", "status", "retention"]
UNITS = {"ingest": "/article", "retention": "/deleted article"}


def measure_size(backend: Backend, size: int, rounds: int, tag: str) -> dict[str, dict[str, float]]:
    """{"old"|"new": {measure: median CPU seconds}} at one fill size."""
    now = datetime.now(UTC)
    new_name, old_name = f"sw_scale_{tag}_{size}_new", f"sw_scale_{tag}_{size}_old"
    started = time.monotonic()
    new = backend.create(new_name)
    fill_ = fill(new, size, now)
    old = backend.copy(new, new_name, old_name)
    new = Database(backend.url(new_name))
    drop_new_indexes(old)
    backend.settle(new)
    backend.settle(old)
    print(f"  {backend.name} {size:>7,}: filled in {time.monotonic() - started:.0f}s", flush=True)
    ops = Operations(fill_, backend)
    stories_code = {"old": baseline.recent_stories, "new": recent_stories}
    status_code = {"old": baseline.status_summary, "new": status_summary}
    readers: dict[str, Callable[[Database, str], float]] = {
        "query": lambda db, _version: ops.query(db),
        "stories": lambda db, version: ops.stories(db, stories_code[version], 1),
        "stories --min-outlets 2": lambda db, version: ops.stories(db, stories_code[version], 2),
        "status": lambda db, version: ops.status(db, status_code[version]),
    }
    databases = {"old": old, "new": new}
    samples: dict[str, dict[str, list[float]]] = {v: {m: [] for m in MEASURES} for v in databases}
    for version in databases:  # warm up: caches, pool connections, statement caches
        for read in readers.values():
            read(databases[version], version)
    for _ in range(rounds):
        for version in databases:
            samples[version]["ingest"].append(ops.ingest(databases[version]))
            for measure, read in readers.items():
                samples[version][measure].append(read(databases[version], version))
    for _ in range(max(1, rounds // 2)):
        for version, name in (("old", old_name), ("new", new_name)):
            spent, databases[version] = retention_cost(
                backend, databases[version], name, version == "old", now
            )
            samples[version]["retention"].append(spent)
    backend.drop(databases["old"], old_name)
    backend.drop(databases["new"], new_name)
    return {v: {m: statistics.median(s) for m, s in by.items()} for v, by in samples.items()}


@contextmanager
def backends(args: argparse.Namespace) -> Iterator[list[Backend]]:
    with tempfile.TemporaryDirectory(prefix="sw-scale-") as workdir:
        made = [] if args.no_sqlite else [Backend("sqlite", Path(workdir), None)]
        if not args.no_postgres:
            made.append(Backend("postgresql", Path(workdir), args.pg_url))
        try:
            yield made
        finally:
            for backend in made:
                backend.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pg-url", default=os.environ.get("SINOWATCH_TEST_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    tag = uuid.uuid4().hex[:6]
    results: dict[tuple[str, int], dict[str, dict[str, float]]] = {}
    with backends(args) as made:
        for backend in made:
            for size in sizes:
                results[backend.name, size] = measure_size(backend, size, args.rounds, tag)
        names = [backend.name for backend in made]
    worst = report(results, names, sizes)
    print(f"worst_growth: {worst:.2f}")


def report(
    results: dict[tuple[str, int], dict[str, dict[str, float]]], names: list[str], sizes: list[int]
) -> float:
    """Print the table (ms of CPU, old → new per size, growth); return the worst new growth."""
    small, large = sizes[0], sizes[-1]
    header = f"{'backend':<10} {'operation':<24}" + "".join(
        f"{f'{size:,} old → new':>22}" for size in sizes
    )
    print(f"\nCPU ms (median), growth = {large:,} / {small:,}")
    print(header + f"{'growth old → new':>22}")
    worst = 0.0
    for name in names:
        for measure in MEASURES:
            cells = "".join(
                f"{results[name, size]['old'][measure] * 1e3:>10.3f} → "
                f"{results[name, size]['new'][measure] * 1e3:<9.3f}"
                for size in sizes
            )
            growth = {
                version: results[name, large][version][measure]
                / results[name, small][version][measure]
                for version in ("old", "new")
            }
            worst = max(worst, growth["new"])
            label = measure + UNITS.get(measure, "")
            print(f"{name:<10} {label:<24}{cells}{growth['old']:>10.1f}× → {growth['new']:.2f}×")
    return worst


if __name__ == "__main__":
    main()
