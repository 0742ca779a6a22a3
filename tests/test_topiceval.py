"""Compiled, candidate-based topic evaluation gives what a plain walk of the query tree gives.

Three references: the query tree evaluated over hit sets (negations and NOT-only queries
included); every query form evaluated on token lists, independently of the automaton; and, on the
whole shared corpus, every topic of the default watchlist and of the benchmark's watchlists
evaluated over the leaves the matcher finds.
"""

from __future__ import annotations

import importlib
import itertools
import random
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from alerts.config import TopicSettings, WatchlistSettings
from alerts.hits import ArticleText
from alerts.matcher import Matcher
from alerts.query import (
    MAX_QUERY_DEPTH,
    And,
    Not,
    Or,
    Phrase,
    QueryNode,
    QuerySyntaxError,
    Term,
    evaluate,
    parse_topic,
)
from alerts.textnorm import words
from alerts.topiceval import MAX_DEPTH, LeafWords, TopicCompiler, TopicProgram
from sinowatch.config_loader import load_watchlist_file

ROOT = Path(__file__).resolve().parents[1]

# 1. The compiled functions and the candidates, over hit sets ---------------------------------

WORDS = 5
LEAF_NODES: list[Term | Phrase] = [
    *(Term(f"w{n}") for n in range(WORDS)),
    Term("w0", field="title"),
    Term("w1", field="body"),
    Phrase((Term("w2"), Term("w3"))),
    Phrase((Term("w3"), Term("w4")), slop=3, field="title"),
]
LEAVES = [
    LeafWords(
        tuple(int(term.text[1:]) for term in (node.words if isinstance(node, Phrase) else [node])),
        (node.field,) if node.field else ("title", "body"),
        isinstance(node, Term),
    )
    for node in LEAF_NODES
]


def leaf_number(node: Term | Phrase) -> int:
    return LEAF_NODES.index(node)


def compiled(queries: list[QueryNode]) -> TopicProgram:
    compiler = TopicCompiler(LEAVES, rarity=lambda word: word)
    for query in queries:
        compiler.add(query, leaf_number)
    return compiler.program()


queries = st.recursive(
    st.sampled_from(LEAF_NODES),
    lambda children: st.one_of(
        children.map(Not),
        st.lists(children, min_size=2, max_size=3).map(lambda c: And(tuple(c))),
        st.lists(children, min_size=2, max_size=3).map(lambda c: Or(tuple(c))),
    ),
    max_leaves=8,
)
hit_sets = st.sets(st.integers(0, WORDS - 1)).map(lambda ids: dict.fromkeys(ids, ()))


@settings(max_examples=400, deadline=None)
@given(
    topics=st.lists(queries, min_size=1, max_size=6),
    title=hit_sets,
    body=hit_sets,
    phrases=st.lists(st.booleans(), min_size=len(LEAF_NODES), max_size=len(LEAF_NODES)),
)
@pytest.mark.slow
def test_compiled_topics_and_candidates_agree_with_walking_the_tree(
    topics: list[QueryNode], title: dict, body: dict, phrases: list[bool]
) -> None:
    def hit_in_a_field(number: int) -> bool:
        leaf = LEAVES[number]
        fields = {"title": title, "body": body}
        return any(all(w in fields[f] for w in leaf.words) for f in leaf.fields)

    def present(number: int) -> bool:  # a phrase: its words hit in a field, and in place there
        return hit_in_a_field(number) and (LEAVES[number].single or phrases[number])

    def reference(node: Term | Phrase) -> bool:
        return present(leaf_number(node))

    program = compiled(topics)
    hit = title.keys() | body.keys()
    candidates = program.candidates(hit)
    assert candidates == sorted(set(candidates))
    expected = []
    for number, query in enumerate(topics):
        truth = evaluate(query, reference)
        assert program.functions[number](title, body, hit, present) is truth
        if truth:
            assert number in candidates
            expected.append(number)
    assert program.matching(title, body, present) == expected


def test_topics_true_without_any_hit_are_always_candidates() -> None:
    w0, w1, w2 = (Term(f"w{n}") for n in range(3))
    topics = [Not(w0), Or((w1, Not(w2))), Not(And((w0, w1))), And((w1, Not(w2))), w0]
    program = compiled(topics)
    assert program.always == {0, 1, 2}
    assert program.candidates(set()) == [0, 1, 2]
    assert program.matching({}, {}, bool) == [0, 1, 2]  # an article without any watched word
    assert program.candidates({1}) == [0, 1, 2, 3]
    assert program.matching({}, {1: ()}, bool) == [0, 1, 2, 3]
    assert program.matching({0: ()}, {1: (), 2: ()}, bool) == [1, 4]


def test_an_and_is_triggered_by_one_of_its_groups_only() -> None:
    w0, w1, w2, w3 = (Term(f"w{n}") for n in range(4))
    program = compiled([And((Or((w0, w1)), w2)), And((w3, Not(w0)))])
    assert program.triggers == {2: (0,), 3: (1,)}  # w0 or w1 alone never wakes topic 0
    assert program.candidates({0, 1}) == []
    assert program.candidates({0, 2}) == [0]


# 2. Every query form, on token lists --------------------------------------------------------

POOL = ["tar", "tariff", "tariffs", "chin", "china", "war", "trade", "ban"]


def _term(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(POOL))
    return word + "*" if draw(st.booleans()) else word


@st.composite
def query_text(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["term", "phrase", "near"] + ["and", "or", "not"] * (depth < 3)))
    field = draw(st.sampled_from(["", "", "title:", "body:"])) if kind != "not" else ""
    if kind == "term":
        return field + _term(draw)
    if kind in ("phrase", "near"):
        inner = " ".join(_term(draw) for _ in range(draw(st.integers(2, 3))))
        slop = f"~{draw(st.integers(0, 3))}" if kind == "near" else ""
        return f'{field}"{inner}"{slop}'
    if kind == "not":
        return f"NOT ({draw(query_text(depth + 1))})"
    operator = " AND " if kind == "and" else " OR "
    parts = [draw(query_text(depth + 1)) for _ in range(draw(st.integers(2, 3)))]
    return "(" + operator.join(parts) + ")"


def term_matches(term: Term, token: str) -> bool:
    (word,) = words(term.text)
    return token.startswith(word) if term.prefix else token == word


def reference_leaf(node: Term | Phrase, fields: dict[str, list[str]]) -> bool:
    """The leaf on token lists: a word, adjacent words, or every word within ``slop``."""
    terms = node.words if isinstance(node, Phrase) else (node,)
    slop = node.slop if isinstance(node, Phrase) else None
    for name in (node.field,) if node.field else ("title", "body"):
        tokens = fields[name]
        if slop is None:
            for start in range(len(tokens) - len(terms) + 1):
                if all(term_matches(t, tokens[start + i]) for i, t in enumerate(terms)):
                    return True
            continue
        places = [[i for i, token in enumerate(tokens) if term_matches(t, token)] for t in terms]
        for chosen in itertools.product(*places):
            if (
                len(set(chosen)) == len(chosen)
                and max(chosen) - min(chosen) + 1 - len(terms) <= slop
            ):
                return True
    return False


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(query_text(), min_size=1, max_size=6),
    title=st.lists(st.sampled_from([*POOL, "x", "y"]), max_size=6),
    body=st.lists(st.sampled_from([*POOL, "x", "y", "z"]), max_size=14),
    punctuation=st.sampled_from([" ", ", ", ". "]),
)
@pytest.mark.slow
def test_matcher_agrees_with_a_token_list_reference(
    texts: list[str], title: list[str], body: list[str], punctuation: str
) -> None:
    topics = [TopicSettings(id=f"t{n}", query=text) for n, text in enumerate(texts)]
    try:
        matcher = Matcher.compile([WatchlistSettings(name="w", topics=topics)])
    except QuerySyntaxError:
        assume(False)  # a query that needs no word (NOT alone): refused when parsed
    article = ArticleText(title=" ".join(title).title(), text=punctuation.join(body))
    fields = {"title": words(article.title), "body": words(article.text)}
    expected = [
        topic.id
        for topic in topics
        if evaluate(parse_topic(topic), lambda leaf: reference_leaf(leaf, fields))
    ]
    assert [hit.id for hit in matcher.match(article)] == expected


# 3. The whole corpus: the default watchlist and the benchmark's -----------------------------


def leaf_query(node: Term | Phrase) -> str:
    """A query that is just this leaf."""
    field = f"{node.field}:" if node.field else ""
    if isinstance(node, Term):
        text = node.text.replace('"', "")
        return f'{field}"{text}{"*" * node.prefix}"'
    inner = " ".join(term.text + "*" * term.prefix for term in node.words)
    return f'{field}"{inner}"' + (f"~{node.slop}" if node.slop is not None else "")


def leaves_of(node: QueryNode) -> list[Term | Phrase]:
    if isinstance(node, Term | Phrase):
        return [node]
    if isinstance(node, Not):
        return leaves_of(node.child)
    return [leaf for child in node.children for leaf in leaves_of(child)]


def watchlists(corpus: Path) -> list[WatchlistSettings]:
    default = load_watchlist_file(ROOT / "config" / "watchlists" / "us-china.yaml")
    bench = importlib.import_module("bench.matcher")
    articles = bench.corpus_articles(corpus)
    generated = [
        bench.watchlist(bench.Vocabulary(articles, random.Random(size)), size)
        for size in (300, 3_000)
    ]
    return [*default, *generated]


@pytest.mark.slow
def test_every_topic_on_the_whole_corpus_matches_as_its_tree_says(corpus_dir: Path) -> None:
    bench = importlib.import_module("bench.matcher")
    articles = bench.corpus_articles(corpus_dir)
    lists = watchlists(corpus_dir)
    queries = {(wl.name, topic.id): parse_topic(topic) for wl in lists for topic in wl.topics}
    leaf_ids = {
        leaf: f"l{n}"
        for n, leaf in enumerate(dict.fromkeys(x for q in queries.values() for x in leaves_of(q)))
    }
    single_leaves = Matcher.compile(
        [
            WatchlistSettings(
                name="leaves",
                topics=[TopicSettings(id=i, query=leaf_query(x)) for x, i in leaf_ids.items()],
            )
        ]
    )
    matcher = Matcher.compile(lists)
    hits_seen = 0
    for article in articles:
        present = {hit.id for hit in single_leaves.match(article)}
        expected = [
            key
            for key, query in queries.items()
            if evaluate(query, lambda leaf, present=present: leaf_ids[leaf] in present)
        ]
        found = [(hit.watchlist, hit.id) for hit in matcher.match(article) if hit.kind == "topic"]
        assert found == expected, article.title
        hits_seen += len(found)
    assert hits_seen > len(articles)  # the corpus does wake the topics


def nested(depth: int) -> str:
    """``w(depth-1) OR (… AND (w0 OR (x)))``: AND/OR nested ``depth`` deep."""
    query = "x"
    for number in range(depth):
        query = f"w{number} {'AND' if number % 2 else 'OR'} ({query})"
    return query


def test_queries_as_deep_as_the_parser_allows_compile_and_match() -> None:
    depth = MAX_QUERY_DEPTH - 1  # each level of nested() adds one pair of parentheses
    text = " ".join(f"w{number}" for number in range(depth)) + " war x"
    for query in ("(" * depth + "war AND x" + ")" * depth, nested(depth)):
        topic = TopicSettings(id="t", query=query)
        matcher = Matcher.compile([WatchlistSettings(name="w", topics=[topic])])
        assert [hit.id for hit in matcher.match(ArticleText(title="", text=text))] == ["t"]
    topic = TopicSettings(id="t", query=nested(MAX_QUERY_DEPTH + 1))
    with pytest.raises(QuerySyntaxError, match="nests more than"):
        Matcher.compile([WatchlistSettings(name="w", topics=[topic])])


def test_the_compiler_refuses_a_tree_deeper_than_its_own_bound() -> None:
    """Trees built without the parser (whose bound is lower) still cannot reach compile()."""
    node: QueryNode = Term("x")
    for number in range(MAX_DEPTH + 1):
        node = Or((Term(f"w{number}"), node)) if number % 2 else And((Term(f"w{number}"), node))
    with pytest.raises(QuerySyntaxError, match=f"at most {MAX_DEPTH} are supported"):
        TopicCompiler([], lambda word: 0).add(node, lambda leaf: 0)
