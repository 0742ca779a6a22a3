"""crawler.ingest: one article per page, copies joined into stories, revisions, on both engines."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from crawler.db import Database
from crawler.ingest import choose_canonical_url, ingest_article, known_urls
from crawler.records import ExtractedArticle, FetchedPage
from crawler.storage.stories import recent as recent_stories
from crawler.storage.tables import Article, ArticleAlias, ArticleRevision, LshBand, Story
from sinowatch.cli import app
from tests.ingesting import BODY, NOW, RELATED_BLOCK, RELEVANCE, SETTINGS, ensure_source, ingest

SHORT_WORDS = 200


@dataclass(frozen=True)
class CorpusArticle:
    name: str
    outlet: str
    title: str
    text: str


def load_corpus(corpus_dir: Path) -> list[CorpusArticle]:
    """Every corpus page with a full ground-truth body (read at test time, never copied)."""
    articles = []
    for path in sorted((corpus_dir / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("body_text"):
            articles.append(
                CorpusArticle(
                    name=f"{path.parent.name}/{path.stem}",
                    outlet=path.parent.name,
                    title=record.get("title") or path.stem,
                    text=record["body_text"],
                )
            )
    return articles


def syndicated_variants(article: CorpusArticle) -> dict[str, tuple[str, str]]:
    """(title, text) of the copies other outlets publish: new headline, dateline, related block."""
    headline = f"Exclusive: {article.title} — what it means"
    dateline = "BEIJING, June 5 (Xinhua) -- "
    return {
        "headline": (headline, f"{headline}\n\n{article.text}"),
        "dateline": (article.title, dateline + article.text),
        "related": (article.title, article.text + RELATED_BLOCK),
        "all": (headline, f"{headline}\n\n{dateline}{article.text}{RELATED_BLOCK}"),
    }


def shortened(article: CorpusArticle) -> CorpusArticle:
    short = " ".join(article.text.split()[:SHORT_WORDS])
    return CorpusArticle(article.name, article.outlet, article.title, short)


def count(database: Database, model: type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_new_article_starts_a_story_with_all_fields(any_database: Database) -> None:
    result = ingest(any_database, "https://www.example.com/a?utm_source=x", BODY, outlet="Ex")
    assert result.status == "new" and result.new_outlet
    article, story = result.article, result.story
    assert article.canonical_url == "https://example.com/a"
    assert article.url == "https://www.example.com/a?utm_source=x"
    assert (article.title, article.authors, article.language) == ("A title", ["Jane Doe"], "en")
    assert article.relevant and article.relevance_score == 0.8
    assert article.relevance_terms == {"china": {"China": 2}, "us": {"U.S.": 1}}
    assert article.story_id == story.id and article.fingerprint and article.minhash
    assert (story.first_article_id, story.first_outlet, story.outlets) == (article.id, "Ex", ["Ex"])
    assert story.article_count == 1 and story.title == "A title"
    assert count(any_database, LshBand) > 0


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.example.com/news/1?utm_source=feed&utm_medium=rss",
        "https://m.example.com/news/1",
        "https://www.example.com/amp/news/1",
        "https://amp.example.com/news/1?fbclid=abc",
        "http://example.com/news/1#top",
    ],
)
def test_url_variants_are_one_article_with_aliases(any_database: Database, variant: str) -> None:
    first = ingest(any_database, "https://www.example.com/news/1", BODY)
    again = ingest(any_database, variant, BODY)
    assert again.status == "unchanged"
    assert again.article.id == first.article.id
    assert count(any_database, Article) == 1
    with any_database.session() as session:
        aliases = set(session.scalars(select(ArticleAlias.url)))
        assert variant in aliases
        assert known_urls(session, [variant, "https://www.example.com/news/2"]) == {variant}


def test_canonical_tag_on_same_site_unifies_urls(any_database: Database) -> None:
    hint = "https://www.example.com/world/china-us-talks"
    first = ingest(any_database, "https://www.example.com/story?id=77", BODY, canonical_hint=hint)
    assert first.article.canonical_url == "https://example.com/world/china-us-talks"
    second = ingest(
        any_database, "https://example.com/p/77", BODY, canonical_hint="/world/china-us-talks"
    )
    assert second.status == "unchanged" and second.article.id == first.article.id
    with any_database.session() as session:
        # The page URL it was first fetched under stays findable for the spiders.
        assert known_urls(session, ["https://www.example.com/story?id=77&utm_source=x"])


def test_redirected_page_is_stored_under_its_final_url(any_database: Database) -> None:
    result = ingest(
        any_database,
        "https://feeds.example.com/click/123",
        BODY,
        final_url="https://www.example.com/news/123",
    )
    assert result.article.canonical_url == "https://example.com/news/123"
    with any_database.session() as session:
        assert known_urls(session, ["https://feeds.example.com/click/123"])


@pytest.mark.parametrize(
    "hint",
    [
        "https://www.other-site.com/original-story",  # a syndicated copy naming the original
        "https://www.example.com/",  # a misconfigured site naming its home page
        "javascript:void(0)",
        "https://www.example.com:99999/news/9",  # a port out of range: no URL at all
        "https://www.example.com:80:80/news/9",
    ],
)
def test_untrustworthy_canonical_tags_are_ignored(hint: str) -> None:
    page = FetchedPage(source_id="src", url="https://www.example.com/news/9")
    article = ExtractedArticle(url=page.url, title="t", text="x", canonical_hint=hint)
    assert choose_canonical_url(page, article) == "https://example.com/news/9"


def test_known_urls_handles_unknown_and_malformed(any_database: Database) -> None:
    ingest(any_database, "https://example.com/news/1", BODY)
    with any_database.session() as session:
        assert known_urls(session, []) == set()
        assert known_urls(session, ["not a url", "https://example.com/news/2"]) == set()
        assert known_urls(session, ["https://example.com/news/1/"]) == {
            "https://example.com/news/1/"
        }


def test_changed_text_is_a_revision_and_same_text_is_unchanged(any_database: Database) -> None:
    first = ingest(any_database, "https://example.com/live", BODY, title="Talks begin")
    edited = BODY + '\n\n"We will not back down," said Gao Zhikai, a commentator in Beijing.'
    later = NOW + timedelta(hours=1)
    revised = ingest(
        any_database, "https://example.com/live", edited, title="Talks go on", now=later
    )
    assert revised.status == "revision"
    assert revised.article.id == first.article.id and revised.story.id == first.story.id
    assert (revised.previous_title, revised.previous_text) == ("Talks begin", BODY)
    assert (revised.article.title, revised.article.text) == ("Talks go on", edited)
    assert revised.article.revision == 2
    with any_database.session() as session:
        saved = session.scalars(select(ArticleRevision)).one()
        assert (saved.revision, saved.title, saved.text) == (1, "Talks begin", BODY)
    again = ingest(any_database, "https://example.com/live?utm_source=x", edited, now=later)
    assert again.status == "unchanged" and again.previous_text is None
    # A re-fetch that differs only in its trailing related-links block is no edit either.
    assert ingest(any_database, "https://example.com/live", edited + RELATED_BLOCK).status == (
        "unchanged"
    )
    assert count(any_database, Article) == 1 and count(any_database, Story) == 1


def test_failed_refetch_does_not_overwrite_full_text(any_database: Database) -> None:
    ingest(any_database, "https://example.com/a", BODY)
    result = ingest(any_database, "https://example.com/a", "A feed summary only.", partial=True)
    assert result.status == "unchanged"
    assert result.article.text == BODY


def test_exact_copy_on_another_outlet_joins_the_story(any_database: Database) -> None:
    first = ingest(any_database, "https://a.example.com/1", BODY, outlet="Outlet A")
    copy = ingest(any_database, "https://other.org/x", BODY.upper(), outlet="Outlet B")
    assert copy.status == "duplicate" and copy.new_outlet
    assert copy.story.id == first.story.id
    assert copy.story.outlets == ["Outlet A", "Outlet B"] and copy.story.article_count == 2
    third = ingest(any_database, "https://a.example.com/2", BODY, outlet="Outlet A")
    assert third.status == "duplicate" and not third.new_outlet
    assert third.story.article_count == 3 and third.story.outlets == ["Outlet A", "Outlet B"]
    assert third.story.first_outlet == "Outlet A"


def test_outlet_defaults_to_domain(any_database: Database) -> None:
    result = ingest(any_database, "https://www.reuters.com/world/x", BODY)
    assert result.article.outlet == "reuters.com" and result.story.outlets == ["reuters.com"]


def test_short_texts_do_not_merge_on_minhash_alone(any_database: Database) -> None:
    summary = " ".join(BODY.split()[:40])
    ingest(any_database, "https://a.org/1", summary, partial=True)
    other = summary.replace("Paragraph 0", "Paragraph 1")
    result = ingest(any_database, "https://b.org/1", other, partial=True)
    assert result.status == "new"
    # An identical long-enough summary is the same wire text: it joins on the exact fingerprint.
    assert ingest(any_database, "https://c.org/1", summary, partial=True).status == "duplicate"


def test_copies_outside_the_window_start_a_new_story(any_database: Database) -> None:
    first = ingest(any_database, "https://a.org/1", BODY)
    late = NOW + SETTINGS.window + timedelta(hours=1)
    copy = ingest(any_database, "https://b.org/1", "TAIPEI — " + BODY, now=late)
    assert copy.status == "new" and copy.story.id != first.story.id


@pytest.mark.slow
def test_syndicated_copies_of_corpus_articles_join_one_story(
    any_database: Database, corpus_dir: Path
) -> None:
    corpus = load_corpus(corpus_dir)
    assert len(corpus) >= 40
    missed: list[str] = []
    for index, original in enumerate(corpus):
        for length, base in (("long", original), ("short", shortened(original))):
            first = ingest(any_database, f"https://origin.test/{length}/{index}", base.text)
            for kind, (title, text) in syndicated_variants(base).items():
                copy = ingest(
                    any_database,
                    f"https://copy-{kind}.test/{length}/{index}",
                    text,
                    title=title,
                    outlet=f"copy-{kind}",
                )
                if copy.story.id != first.story.id:
                    missed.append(f"{original.name} {length} {kind}: {copy.status}")
    assert missed == []


SAME_STORY = [
    # One Corriere report (Meloni at Mar-a-Lago) saved twice: the later copy adds a paragraph.
    {
        "corriere.it/fundus-CorriereDellaSera_2025_01_05",
        "corriere.it/fundus-CorriereDellaSera_2025_02_04",
    },
]
"""Corpus pages that are versions of one article: joining them is right."""


def test_different_corpus_articles_never_merge(any_database: Database, corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    stories: dict[int, list[str]] = {}
    for index, article in enumerate(corpus):
        result = ingest(any_database, f"https://{article.outlet}/{index}", article.text)
        stories.setdefault(result.story.id, []).append(article.name)
    false_merges = [names for names in stories.values() if len(names) > 1]
    assert [names for names in false_merges if set(names) not in SAME_STORY] == []
    assert len(stories) == len(corpus) - len(SAME_STORY)
    pairs = len(list(itertools.combinations(corpus, 2)))
    assert pairs > 1000  # every pair of distinct articles was a chance to merge wrongly


RESTART_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from crawler.db import Database
    from crawler.ingest import ingest_article
    from crawler.records import ExtractedArticle, FetchedPage, Relevance
    from crawler.config import DedupSettings

    url, text_path = sys.argv[1], sys.argv[2]
    database = Database(url)
    page = FetchedPage(source_id="src", url="https://copy.test/after-restart", outlet="Copy")
    text = open(text_path, encoding="utf-8").read()
    article = ExtractedArticle(url=page.url, title="New headline", text=text)
    with database.transaction() as session:
        result = ingest_article(
            session, page, article, Relevance(0.1, False), settings=DedupSettings(),
            baseline=False, now=datetime(2025, 6, 5, 13, tzinfo=UTC),
        )
        print(result.status, result.story.id, ",".join(result.story.outlets))
    database.dispose()
    """
)


@pytest.mark.e2e
def test_copy_after_restart_joins_its_story(
    any_database: Database, corpus_dir: Path, tmp_path: Path
) -> None:
    original = load_corpus(corpus_dir)[0]
    first = ingest(any_database, "https://origin.test/1", original.text, outlet="Origin")
    any_database.dispose()
    copy_text = tmp_path / "copy.txt"
    copy_text.write_text(syndicated_variants(original)["all"][1], encoding="utf-8")
    url = any_database.engine.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, "-c", RESTART_SCRIPT, url, str(copy_text)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["duplicate", str(first.story.id), "Origin,Copy"]
    reopened = Database(url)
    with reopened.session() as session:
        story = session.get(Story, first.story.id)
        assert story is not None and story.article_count == 2
    reopened.dispose()


def _cli(database: Database, tmp_path: Path, *args: str) -> tuple[int, str]:
    config = tmp_path / "sinowatch.yaml"
    url = database.engine.url.render_as_string(hide_password=False)
    config.write_text(f"data_dir: {tmp_path}\ndatabase:\n  url: {url}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["-c", str(config), "stories", *args])
    return result.exit_code, result.output


def test_recent_stories_filters_by_time_and_outlets(any_database: Database) -> None:
    now = datetime.now(UTC)
    ingest(any_database, "https://a.org/1", BODY, outlet="A", title="Shared", now=now)
    ingest(any_database, "https://b.org/1", BODY, outlet="B", now=now)
    ingest(any_database, "https://c.org/1", BODY[::-1], outlet="C", title="Solo", now=now)
    ingest(any_database, "https://d.org/old", BODY[:500], outlet="D", now=now - timedelta(days=5))
    with any_database.session() as session:
        since = now - timedelta(days=2)
        assert [s.title for s in recent_stories(session, since=since)] == ["Solo", "Shared"]
        shared = recent_stories(session, since=since, min_outlets=2)
        assert [(s.title, s.outlets, s.article_count) for s in shared] == [
            ("Shared", ["A", "B"], 2)
        ]
        assert len(recent_stories(session, since=since, limit=1)) == 1
        assert len(recent_stories(session, since=now - timedelta(days=7))) == 3


def test_stories_command_lists_outlets(any_database: Database, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    ingest(any_database, "https://a.org/1", BODY, outlet="Alpha", title="Shared", now=now)
    ingest(any_database, "https://b.org/1", BODY, outlet="Beta", now=now)
    ingest(any_database, "https://c.org/1", BODY[::-1], outlet="Gamma", title="Solo", now=now)
    code, output = _cli(any_database, tmp_path, "--since", "1d", "--min-outlets", "2", "--json")
    assert code == 0, output
    listed = json.loads(output)
    assert [(s["title"], s["outlets"], s["article_count"]) for s in listed] == [
        ("Shared", ["Alpha", "Beta"], 2)
    ]
    code, output = _cli(any_database, tmp_path)
    assert code == 0 and "Alpha, Beta" in output and "Gamma" in output


def test_stories_json_lists_urls_and_relevant_filters(any_database: Database, tmp_path: Path):
    now = datetime.now(UTC)
    first = ingest(any_database, "https://a.org/1", BODY, outlet="Alpha", title="Shared", now=now)
    ingest(any_database, "https://b.org/1", BODY, outlet="Beta", now=now)
    ingest(any_database, "https://c.org/1", BODY[::-1], outlet="Gamma", title="Solo", now=now)
    with any_database.transaction() as session:  # only the first article is relevant
        session.execute(update(Article).values(relevant=Article.id == first.article.id))
    code, output = _cli(any_database, tmp_path, "--json")
    assert code == 0, output
    urls = {s["title"]: [a["url"] for a in s["articles"]] for s in json.loads(output)}
    assert urls == {"Shared": ["https://a.org/1", "https://b.org/1"], "Solo": ["https://c.org/1"]}
    code, output = _cli(any_database, tmp_path, "--relevant", "--json")
    assert code == 0, output
    [shared] = json.loads(output)
    assert shared["title"] == "Shared"
    assert [a["relevant"] for a in shared["articles"]] == [True, False]
    code, output = _cli(any_database, tmp_path, "--relevant")
    assert code == 0 and "Alpha, Beta" in output and "Gamma" not in output


def test_stories_command_rejects_bad_since(database: Database, tmp_path: Path) -> None:
    code, output = _cli(database, tmp_path, "--since", "soon")
    assert code == 2 and "not a duration" in output


def test_concurrent_ingest_of_one_page_stores_it_once(any_database: Database) -> None:
    """Two workers storing the same page at once: the unique key decides, neither fails."""
    ensure_source(any_database)
    barrier = threading.Barrier(2)
    statuses: list[str] = []
    errors: list[BaseException] = []

    def worker(url: str) -> None:
        try:
            database = Database(any_database.url)
            page = FetchedPage(source_id="src", url=url, outlet="A")
            extracted = ExtractedArticle(url=url, title="t", text=BODY)
            with database.transaction() as session:
                barrier.wait(timeout=30)
                result = ingest_article(
                    session, page, extracted, RELEVANCE, settings=SETTINGS, baseline=False, now=NOW
                )
                statuses.append(result.status)
            database.dispose()
        except BaseException as exc:  # reported to the test thread below
            errors.append(exc)

    threads = [
        threading.Thread(target=worker, args=(url,))
        for url in ("https://example.com/race?utm_source=a", "https://m.example.com/race")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(statuses) == ["new", "unchanged"]
    assert count(any_database, Article) == 1 and count(any_database, Story) == 1
    with any_database.session() as session:
        assert known_urls(session, ["https://example.com/race?utm_source=a"])
        assert known_urls(session, ["https://m.example.com/race"])
