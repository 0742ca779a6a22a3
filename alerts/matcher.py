"""One matcher for every watchlist: all words in one automaton, queries evaluated on hit positions.

``Matcher.compile(settings.watchlists)`` puts every topic word, phrase word, expert name variant
and context term into one :class:`~alerts.termscan.TermIndex`. ``matcher.match(article)`` scans
the title, body and authors once each, then evaluates only the topics and experts whose words
were found, so the cost grows with the text, not with the number of watched terms.

Hits come from the article's own words only: the body is read without the related-link blocks
and teasers extraction drops (:func:`crawler.extract.article_lines`), so text stored before a
cleanup, or a feed summary, is held to the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from alerts.experts import CompiledExpert, compile_expert, find_experts
from alerts.hits import ArticleText, Hit
from alerts.query import FIELDS, And, Field, Not, Phrase, QueryNode, Term, parse_topic
from alerts.termscan import FieldScan, Occurrence, TermIndex, Unit, scan_field
from alerts.textnorm import mark, normalize, words
from crawler.extract import article_lines

if TYPE_CHECKING:
    from sinowatch.settings import TopicSettings, WatchlistSettings


@dataclass(frozen=True, slots=True, eq=False)
class _Leaf:
    """A term or phrase as word ids: one unit (exact), or units within ``slop`` words."""

    units: tuple[Unit, ...]
    slop: int | None
    fields: tuple[Field, ...]
    word: int | None
    """The word id when the leaf is one word (its presence needs no positions)."""

    def present(self, scans: dict[str, FieldScan]) -> bool:
        """Whether the leaf occurs; a single word needs no positions."""
        if self.word is not None:
            return any(self.word in scans[name].hits for name in self.fields)
        return bool(self.occurrences(scans))

    def occurrences(self, scans: dict[str, FieldScan]) -> list[_Place]:
        """Where the leaf matches; a proximity match keeps the words it is made of."""
        found: list[_Place] = []
        for name in self.fields:
            scan = scans[name]
            if not all(unit[0] in scan.hits for unit in self.units):
                continue
            if self.word is not None:  # no token positions needed
                spans = scan.hits[self.word]
                found.extend(_Place(name, (Occurrence(s, e, -1, -1),)) for s, e in spans)
            elif self.slop is None:
                found.extend(_Place(name, (occ,)) for occ in scan.unit(self.units[0]))
            else:
                found.extend(_Place(name, parts) for parts in scan.near(self.units, self.slop))
        return found


@dataclass(frozen=True, slots=True)
class _Place:
    """One match of a leaf: its field and the words (or phrases) that made it."""

    field: str
    parts: tuple[Occurrence, ...]
    """In text order; a snippet marks each of them."""

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return max(part.end for part in self.parts)


_Present = Callable[[_Leaf], bool]
_Predicate = Callable[[_Present], bool]
"""A compiled query: true when it matches, given which leaves are present."""


@dataclass(frozen=True, slots=True)
class _Topic:
    id: str
    name: str
    query: _Predicate
    leaves: tuple[_Leaf, ...]
    positive: tuple[_Leaf, ...]
    """Leaves not under a NOT: the words a snippet marks."""


@dataclass(frozen=True, slots=True)
class _Watchlist:
    name: str
    topics: tuple[_Topic, ...]
    experts: tuple[CompiledExpert, ...]


class Matcher:
    """Every watchlist compiled once; :meth:`match` returns the hits of one article."""

    def __init__(self, index: TermIndex, watchlists: Sequence[_Watchlist]) -> None:
        self._index = index
        self._watchlists = tuple(watchlists)
        self._topics = [(n, topic) for n, wl in enumerate(self._watchlists) for topic in wl.topics]
        """Every (watchlist number, topic), in watchlist order."""
        self._topics_by_word: dict[int, list[int]] = {}
        """Word id → numbers in ``_topics`` of the topics using it."""
        self._experts_by_word: dict[int, list[CompiledExpert]] = {}
        for number, (_, topic) in enumerate(self._topics):
            word_ids = {w for leaf in topic.leaves for u in leaf.units for w in u}
            for word_id in word_ids:
                self._topics_by_word.setdefault(word_id, []).append(number)
        for watchlist in self._watchlists:
            for expert in watchlist.experts:
                for word_id in expert.trigger:
                    self._experts_by_word.setdefault(word_id, []).append(expert)
        index.build()

    @classmethod
    def compile(cls, watchlists: Sequence[WatchlistSettings]) -> Matcher:
        """Compile watchlists; raises :class:`alerts.query.QuerySyntaxError` for a bad query."""
        index = TermIndex()
        compiled = [
            _Watchlist(
                watchlist.name,
                tuple(_compile_topic(topic, index) for topic in watchlist.topics),
                tuple(compile_expert(expert, index) for expert in watchlist.experts),
            )
            for watchlist in watchlists
        ]
        return cls(index, compiled)

    @property
    def watchlist_names(self) -> tuple[str, ...]:
        return tuple(watchlist.name for watchlist in self._watchlists)

    @property
    def index(self) -> TermIndex:
        """The automaton's words (benchmarks compare it with a regex per word)."""
        return self._index

    @property
    def term_count(self) -> int:
        """How many distinct words the automaton holds."""
        return len(self._index.words)

    def match(self, article: ArticleText) -> list[Hit]:
        """Every watchlist's topic and expert hits in ``article``, in watchlist order."""
        scans = {
            "byline": scan_field(self._index, normalize("\n".join(article.authors))),
            "title": scan_field(self._index, normalize(article.title or "")),
            "body": scan_field(self._index, normalize(_own_text(article.text or ""))),
        }
        text_words = scans["title"].hits.keys() | scans["body"].hits.keys()
        candidates = {
            number for word_id in text_words for number in self._topics_by_word.get(word_id, ())
        }  # only topics with a word in the text can match: the rest are never looked at
        experts = {
            id(expert): expert
            for scan in scans.values()
            for word_id in scan.hits
            for expert in self._experts_by_word.get(word_id, ())
        }
        findings = find_experts(list(experts.values()), scans) if experts else {}
        occurrences: dict[_Leaf, bool] = {}
        topic_hits: dict[int, list[Hit]] = {}
        for number in sorted(candidates):
            watchlist_number, topic = self._topics[number]
            snippet = _topic_snippet(topic, scans, occurrences)
            if snippet is not None:
                hit = Hit(self._watchlists[watchlist_number].name, "topic", topic.id, topic.name,
                          None, None, snippet)  # fmt: skip
                topic_hits.setdefault(watchlist_number, []).append(hit)
        hits: list[Hit] = []
        for watchlist_number, watchlist in enumerate(self._watchlists):
            hits.extend(topic_hits.get(watchlist_number, ()))
            for expert in watchlist.experts:
                finding = findings.get(expert.person) if id(expert) in experts else None
                if finding is not None:
                    hits.append(
                        Hit(
                            watchlist.name,
                            "expert",
                            expert.id,
                            expert.name,
                            finding.mention,
                            finding.quote,
                            finding.snippet,
                        )
                    )
        return hits


def _own_text(text: str) -> str:
    return "\n".join(article_lines(text))


def _compile_topic(topic: TopicSettings, index: TermIndex) -> _Topic:
    leaves: dict[Term | Phrase, _Leaf] = {}
    positive: dict[_Leaf, None] = {}
    query = _compile_node(parse_topic(topic), index, leaves, positive, negated=False)
    return _Topic(topic.id, topic.name or topic.id, query, tuple(leaves.values()), tuple(positive))


def _compile_node(
    node: QueryNode,
    index: TermIndex,
    leaves: dict[Term | Phrase, _Leaf],
    positive: dict[_Leaf, None],
    negated: bool,
) -> _Predicate:
    """The query as nested closures: no tree walking or type tests when an article is matched."""
    if isinstance(node, Term | Phrase):
        leaf = leaves.get(node)
        if leaf is None:
            leaf = leaves[node] = _compile_leaf(node, index)
        if not negated:
            positive[leaf] = None
        return lambda present: present(leaf)
    if isinstance(node, Not):
        child = _compile_node(node.child, index, leaves, positive, not negated)
        return lambda present: not child(present)
    children = tuple(_compile_node(c, index, leaves, positive, negated) for c in node.children)
    if isinstance(node, And):
        return lambda present: all(child(present) for child in children)
    return lambda present: any(child(present) for child in children)


def _compile_leaf(leaf: Term | Phrase, index: TermIndex) -> _Leaf:
    terms = (leaf,) if isinstance(leaf, Term) else leaf.words
    units = tuple(_unit(term, index) for term in terms)
    slop = leaf.slop if isinstance(leaf, Phrase) else None
    if slop is None:
        units = (tuple(word_id for unit in units for word_id in unit),)
    word = units[0][0] if slop is None and len(units[0]) == 1 else None
    return _Leaf(units, slop, (leaf.field,) if leaf.field else FIELDS, word)


def _unit(term: Term, index: TermIndex) -> Unit:
    found = words(term.text)
    last = len(found) - 1
    return tuple(index.add(word, term.prefix and i == last) for i, word in enumerate(found))


def _topic_snippet(
    topic: _Topic,
    scans: dict[str, FieldScan],
    cache: dict[_Leaf, bool],
) -> str | None:
    """The sentence of the first match (body first, then title) with matched words marked."""

    def present(leaf: _Leaf) -> bool:
        truth = cache.get(leaf)
        if truth is None:
            truth = cache[leaf] = leaf.present(scans)
        return truth

    if not topic.query(present):
        return None
    places = [
        place for leaf in topic.positive if present(leaf) for place in leaf.occurrences(scans)
    ]
    if not places:  # only when a word is both required and excluded, e.g. "a AND NOT a"
        return " ".join(scans["title"].text.original.split())
    body = [place for place in places if place.field == "body"]
    chosen = body or places  # the body first: its sentence says more than the title
    text = scans[chosen[0].field].text
    first = min(chosen, key=lambda place: place.start)
    span = text.sentence(first.start, first.end)
    marks = [text.to_original(part.start, part.end) for place in chosen for part in place.parts]
    return mark(text.original, span, marks)
