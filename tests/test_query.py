"""Topic queries: the parser (every operator, fields, errors) and evaluation through the matcher."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.config import TopicSettings, WatchlistSettings
from alerts.hits import ArticleText
from alerts.matcher import Matcher
from alerts.query import And, Not, Or, Phrase, QuerySyntaxError, Term, parse_query, parse_topic
from crawler.db import Database


def matches(query: str, text: str, title: str = "") -> bool:
    watchlist = WatchlistSettings(name="w", topics=[TopicSettings(id="t", query=query)])
    return bool(Matcher.compile([watchlist]).match(ArticleText(title=title, text=text)))


def test_parse_operators_and_nesting() -> None:
    assert parse_query("a AND (b OR -c)") == And((Term("a"), Or((Term("b"), Not(Term("c"))))))
    assert parse_query("+china -tariff") == And((Term("china"), Not(Term("tariff"))))
    assert parse_query('"trade war"~3') == Phrase((Term("trade"), Term("war")), 3)
    assert parse_query("title:(China OR 中美)") == Or(
        (Term("China", field="title"), Term("中美", field="title"))
    )
    assert parse_query("tariff*") == Term("tariff", prefix=True)


@pytest.mark.parametrize(
    ("query", "position", "fragment"),
    [
        ("china AND (tariff", 17, "ends too early"),
        ("china AND", 9, "ends too early"),
        ("china ) tariff", 6, "unexpected ')'"),
        ('china "trade war', 6, "unclosed quote"),
        ("ta*riff", 2, "trailing *"),
        ('x "trade wa?r"', 11, "trailing *"),
        ("t*", 0, "at least 2"),
        ("author:smith", 0, "unknown field"),
        ("title:(a body:b)", 9, "inside field"),
        ("tariff~2", 0, "fuzzy"),
        ("tariff^2", 0, "boost"),
        ("NOT tariff", 0, "none of its words"),
        ("china OR -tariff", 0, "none of its words"),
        ("   ", 0, "empty"),
        ("china AND ***", 10, "trailing *"),
        ("china AND ,,", 10, "no letters"),
    ],
)
def test_malformed_queries_name_the_position(query: str, position: int, fragment: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert caught.value.position == position
    assert fragment in caught.value.message


def test_list_form_compiles_to_the_same_tree() -> None:
    topic = TopicSettings(id="t", any=["trade war", "tariff*"], all=["china"], none=["electricity"])
    assert parse_topic(topic) == And(
        (
            Or((Phrase((Term("trade"), Term("war"))), Term("tariff", prefix=True))),
            Term("china"),
            Not(Term("electricity")),
        )
    )
    with pytest.raises(QuerySyntaxError, match="in any"):
        parse_topic(TopicSettings(id="t", any=['"unclosed']))


def test_and_or_not_and_implicit_and() -> None:
    assert matches("china tariffs", "China raised tariffs.")
    assert not matches("china tariffs", "China raised duties.")
    assert matches("china OR japan", "Japan said no.")
    assert not matches("china AND NOT japan", "China and Japan met.")
    assert matches("china -japan", "China met Korea.")
    assert matches("(china OR beijing) AND (tariff OR duty)", "Beijing imposed a duty.")
    assert not matches("(china OR beijing) AND (tariff OR duty)", "Beijing imposed a ban.")


def test_phrases_need_consecutive_words_across_punctuation_and_case() -> None:
    assert matches('"trade war"', "The Trade-War deepened.")
    assert matches('"trade war"', "a trade\n war")
    assert not matches('"trade war"', "trade and war")
    assert not matches('"trade war"', "war trade")
    assert matches('"U.S. tariffs"', "new U.S. tariffs on steel")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tariff China", True),
        ("China tariff", True),  # any order
        ("tariff a b c China", True),  # 3 words between, slop 3
        ("tariff a b c d China", False),  # 4 words between
        ("tariff", False),
    ],
)
def test_proximity_edges(text: str, expected: bool) -> None:
    assert matches('"tariff China"~3', text) is expected


def test_proximity_zero_and_three_words() -> None:
    assert matches('"tariff china"~0', "China tariff")
    assert not matches('"tariff china"~0', "China new tariff")
    assert matches('"tariff china beijing"~2', "Beijing x China y tariff")
    assert not matches('"tariff china beijing"~1', "Beijing x China y tariff")
    assert not matches('"tariff tariff"~2', "one tariff only")
    assert matches('"tariff tariff"~2', "tariff and tariff")


def test_prefix_wildcards_extend_to_the_word_end() -> None:
    assert matches("tariff*", "Tariffs rose.")
    assert matches("tariff*", "a tariff.")
    assert not matches("tariff*", "antitariff talk")
    assert matches('"export control*"', "new export controls on chips")
    assert not matches('"export control*"', "export decontrol")


def test_fields_restrict_to_title_or_body() -> None:
    assert matches("title:taiwan", "nothing", title="Taiwan votes")
    assert not matches("title:taiwan", "Taiwan votes", title="Elections")
    assert matches("body:taiwan AND title:election", "Taiwan votes", title="Election day")
    assert not matches('title:"trade war"', "trade war", title="trade")


def test_cjk_terms_match_inside_running_text() -> None:
    assert matches("关税", "美国对中国商品加征关税。")
    assert matches("中美 AND 贸易", "中美贸易谈判")
    assert matches('"中美 贸易"', "中美贸易谈判")


def test_words_match_on_unicode_boundaries_only() -> None:
    assert not matches("ren", "Renée Fleming sang.")
    assert matches("renee", "Renée Fleming sang.")
    assert not matches("china", "Indochina wars")
    assert matches("china", "China’s economy")


def cli_setup(tmp_path: Path, watchlist: str) -> tuple[Path, Database]:
    """A config in ``tmp_path`` with one watchlist ``beat`` (its YAML lines given), and its
    migrated SQLite database (dispose it before invoking the CLI)."""
    from crawler.migrate import upgrade

    config = tmp_path / "sinowatch.yaml"
    config.write_text(
        f"data_dir: {tmp_path}\nwatchlists:\n  - name: beat\n{watchlist}", encoding="utf-8"
    )
    database = Database(f"sqlite:///{tmp_path / 'sinowatch.db'}")
    upgrade(database)
    return config, database


def test_cli_query_dry_run_on_stored_articles(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from crawler.storage.tables import Article
    from sinowatch.cli import app

    config, database = cli_setup(
        tmp_path,
        "    topics: [{id: chips, query: 'export control*'}]\n    experts: [{name: Victor Gao}]\n",
    )
    with database.transaction() as session:
        session.add(
            Article(
                canonical_url="https://example.com/a",
                url="https://example.com/a",
                title="Chips",
                text='New export controls bite. "Too far," said Victor Gao.',
                authors=[],
            )
        )
        session.add(
            Article(
                canonical_url="https://example.com/b",
                url="https://example.com/b",
                title="Weather",
                text="Rain in Beijing.",
                authors=[],
            )
        )
    database.dispose()
    runner = CliRunner(env={"COLUMNS": "250"})
    found = runner.invoke(app, ["-c", str(config), "query", '"export control*"'])
    assert found.exit_code == 0, found.output
    assert "«export controls»" in found.output
    assert "1 of 2 article(s) matched" in found.output
    watch = runner.invoke(app, ["-c", str(config), "query", "--watchlist", "beat"])
    assert watch.exit_code == 0, watch.output
    assert "Victor Gao" in watch.output and "quoted" in watch.output
    bad = runner.invoke(app, ["-c", str(config), "query", "china AND (tariff"])
    assert bad.exit_code == 2
    assert "position 17" in bad.output
    unknown = runner.invoke(app, ["-c", str(config), "query", "--watchlist", "nope"])
    assert unknown.exit_code == 2
    assert "watchlists: beat" in unknown.output
    newest = runner.invoke(app, ["-c", str(config), "query", "rain OR chips", "--limit", "1"])
    assert newest.exit_code == 0 and "1 of 1 article(s) matched" in newest.output
    empty_config = tmp_path / "empty" / "sinowatch.yaml"
    empty_config.parent.mkdir()
    empty_config.write_text(f"data_dir: {empty_config.parent}\n", encoding="utf-8")
    empty = runner.invoke(app, ["-c", str(empty_config), "query", "tariff*", "--since", "2d"])
    assert empty.exit_code == 0 and "run `sinowatch crawl` first" in empty.output


def test_cli_query_shows_outlets_and_one_story_for_its_copies(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from crawler.storage.tables import Article, Story
    from sinowatch.cli import app

    config, database = cli_setup(
        tmp_path, "    topics: [{id: trade, name: Trade, query: '\"tariff* chin*\"~8'}]\n"
    )
    text = "China vows firm response to new tariffs."
    with database.transaction() as session:
        story = Story(title="China vows response", outlets=["wire.example", "paper.example"])
        session.add(story)
        session.flush()
        for n, outlet in enumerate(["wire.example", "paper.example", "other.example"]):
            session.add(
                Article(
                    canonical_url=f"https://{outlet}/{n}",
                    url=f"https://{outlet}/{n}",
                    outlet=outlet,
                    title=f"Copy {n}",
                    text=text,
                    authors=[],
                    story_id=story.id if n < 2 else None,
                )
            )
    database.dispose()
    result = CliRunner(env={"COLUMNS": "250"}).invoke(
        app, ["-c", str(config), "query", "--watchlist", "beat"]
    )
    assert result.exit_code == 0, result.output
    output = result.output
    for outlet in ("wire.example https://wire.example/0", "paper.example https://paper.example/1",
                   "other.example https://other.example/2"):  # fmt: skip
        assert outlet in output
    assert "(2 copies)" in output and "3 of 3 article(s) matched, in 2 story(ies)" in output
    rows = [line for line in output.splitlines() if "«China» vows firm response" in line]
    assert len(rows) == 2, output  # the two copies are one row, the unrelated article another
