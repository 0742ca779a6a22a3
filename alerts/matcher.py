"""One matcher for every watchlist: all words in one automaton, queries evaluated on hit positions.

``Matcher.compile(settings.watchlists)`` puts every topic word, phrase word, expert name variant
and context term into one :class:`~alerts.termscan.TermIndex`, and every topic query into one
generated function (:mod:`alerts.topiceval`). ``matcher.match(article)`` scans the title, body and
authors once each, then evaluates only the topics a found word can make true and the experts
whose words were found, so the cost grows with the text and the hits, not with the number of
watched terms.

Hits come from the article's own words only: the body is read without the related-link blocks
and teasers extraction drops (:func:`crawler.extract.article_lines`), so text stored before a
cleanup, or a feed summary, is held to the same rule.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING

from alerts.experts import CompiledExpert, compile_expert, find_experts
from alerts.experts.scripts import may_hold
from alerts.hits import ArticleText, Hit
from alerts.query import FIELDS, Field, Not, Phrase, QueryNode, Term, parse_topic
from alerts.termscan import FieldScan, Occurrence, TermIndex, Unit, scan_field
from alerts.textnorm import mark, normalize, words
from alerts.topiceval import LeafWords, TopicCompiler, TopicProgram
from crawler.extract import article_lines

if TYPE_CHECKING:
    from alerts.config import TopicSettings, WatchlistSettings


@dataclass(frozen=True, slots=True, eq=False)
class _Leaf:
    """A term or phrase as word ids: one unit (exact), or units within ``slop`` words."""

    units: tuple[Unit, ...]
    slop: int | None
    fields: tuple[Field, ...]
    word: int | None
    """The word id when the leaf is one word (its presence needs no positions)."""
    needles: tuple[str, ...] | None
    """How a phrase of exact words reads in a field (:meth:`TermIndex.needles`)."""

    def words(self) -> LeafWords:
        """Its words and fields, for compiled evaluation."""
        words = tuple(dict.fromkeys(word_id for unit in self.units for word_id in unit))
        return LeafWords(words, self.fields, self.word is not None)

    def present(self, scans: dict[str, FieldScan]) -> bool:
        """Whether the leaf occurs; a single word needs no positions."""
        if self.word is not None:
            return any(self.word in scans[name].hits for name in self.fields)
        if self.slop is None:  # a phrase: stops at its first occurrence
            return any(scans[name].has_unit(self.units[0], self.needles) for name in self.fields)
        return bool(self.occurrences(scans))

    def occurrences(self, scans: dict[str, FieldScan], only: Field | None = None) -> list[_Place]:
        """Where the leaf matches (in field ``only``, if given); a proximity match keeps the
        words it is made of."""
        found: list[_Place] = []
        for name in self.fields:
            if only is not None and name != only:
                continue
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


@dataclass(frozen=True, slots=True)
class _Topic:
    watchlist: str
    id: str
    name: str
    positive: tuple[int, ...]
    """Numbers of the leaves not under a NOT: the words a snippet marks."""


@dataclass(frozen=True, slots=True)
class _Watchlist:
    name: str
    topics: tuple[_Topic, ...]
    experts: tuple[CompiledExpert, ...]


class Matcher:
    """Every watchlist compiled once; :meth:`match` returns the hits of one article."""

    def __init__(
        self,
        index: TermIndex,
        leaves: Sequence[_Leaf],
        watchlists: Sequence[_Watchlist],
        program: TopicProgram,
    ) -> None:
        """``program``: every topic's query, in watchlist order (:meth:`compile` makes it)."""
        self._index = index
        self._leaves = tuple(leaves)
        self._watchlists = tuple(watchlists)
        self._topics = [topic for watchlist in self._watchlists for topic in watchlist.topics]
        """Every topic, in watchlist order (numbered as in ``program``)."""
        self._topic_bounds = [0, *accumulate(len(wl.topics) for wl in self._watchlists)]
        """The number of each watchlist's first topic, and how many topics there are."""
        self._program = program
        self._experts_by_word: dict[int, list[CompiledExpert]] = {}
        for watchlist in self._watchlists:
            for expert in watchlist.experts:
                for word_id in expert.trigger:
                    self._experts_by_word.setdefault(word_id, []).append(expert)
        self._sounding = [
            expert
            for watchlist in self._watchlists
            for expert in watchlist.experts
            if expert.sound is not None
        ]
        """Experts whose name may be written in another script (:mod:`alerts.experts.scripts`)."""
        index.build()

    @classmethod
    def compile(cls, watchlists: Sequence[WatchlistSettings]) -> Matcher:
        """Compile watchlists; raises :class:`alerts.query.QuerySyntaxError` for a bad query."""
        index = TermIndex()
        leaves = _LeafTable(index)
        topics = TopicCompiler(leaves.words, lambda word_id: _rank(*index.words[word_id]))
        compiled = [
            _Watchlist(
                watchlist.name,
                tuple(
                    _compile_topic(watchlist.name, topic, leaves, topics)
                    for topic in watchlist.topics
                ),
                tuple(compile_expert(expert, index) for expert in watchlist.experts),
            )
            for watchlist in watchlists
        ]
        return cls(index, leaves.leaves, compiled, topics.program())

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
        by_word = self._experts_by_word
        experts = {
            id(expert): expert  # in the order their words occur (find_experts reads them so)
            for scan in scans.values()
            for word_id in filter(by_word.__contains__, scan.hits)  # most name no expert
            for expert in by_word[word_id]
        }
        if self._sounding and any(may_hold(scan.text.original) for scan in scans.values()):
            experts.update((id(expert), expert) for expert in self._sounding)
        findings = find_experts(list(experts.values()), scans) if experts else {}
        numbers = self._topic_matches(scans)
        context = (self._leaves, scans)  # one for all the article's topic hits
        topics = self._topics
        topic_hits = [_TopicHit(topics[number], context) for number in numbers]
        hits: list[Hit] = []
        for watchlist_number, watchlist in enumerate(self._watchlists):
            # a watchlist's topics are numbered after the previous watchlist's
            first, end = self._topic_bounds[watchlist_number : watchlist_number + 2]
            hits.extend(topic_hits[bisect_left(numbers, first) : bisect_left(numbers, end)])
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

    def _topic_matches(self, scans: dict[str, FieldScan]) -> list[int]:
        """The number of each matching topic, in order: only the candidates the hit words can
        make true are evaluated, each by its compiled function."""
        leaves = self._leaves
        presence: dict[int, bool] = {}

        def present(number: int) -> bool:
            truth = presence.get(number)
            if truth is None:
                truth = presence[number] = leaves[number].present(scans)
            return truth

        return self._program.matching(scans["title"].hits, scans["body"].hits, present)


class _TopicHit(Hit):
    """A topic hit whose snippet is built when first read.

    Most hits never reach an alert (the rules turn the article down) and a snippet costs more
    than finding the hit, so it is built only for the hits something reads: an alert's payload,
    ``query``, ``inspect``. It equals, hashes, prints and pickles as the plain :class:`Hit`.
    """

    __slots__ = ("_context", "_topic")
    _topic: _Topic
    _context: _Context | None
    """Shared by the article's topic hits (one object, however many hits)."""

    # the fields a topic hit has from its topic, read from it: a hit is made with two fields set
    watchlist = property(attrgetter("_topic.watchlist"))  # type: ignore[assignment]
    id = property(attrgetter("_topic.id"))  # type: ignore[assignment]
    name = property(attrgetter("_topic.name"))  # type: ignore[assignment]
    kind = "topic"
    mention = None
    quote = None

    def __init__(self, topic: _Topic, context: _Context) -> None:
        _SET_TOPIC(self, topic)  # Hit is frozen: its slots are set once, here
        _SET_CONTEXT(self, context)

    @property  # type: ignore[override]  # a read-only field: the snippet, built on first read
    def snippet(self) -> str:
        if self._context is not None:
            _SNIPPET.__set__(self, _topic_snippet(self._topic, *self._context))
            object.__setattr__(self, "_context", None)  # the article's scans can go
        return _SNIPPET.__get__(self, Hit)

    def _plain(self) -> Hit:
        return Hit(self.watchlist, "topic", self.id, self.name, None, None, self.snippet)

    def __eq__(self, other: object) -> bool:
        return self._plain() == other

    def __hash__(self) -> int:
        return hash(self._plain())

    def __repr__(self) -> str:
        return repr(self._plain())

    def __reduce__(self) -> tuple[type[Hit], tuple[object, ...]]:
        plain = self._plain()
        return Hit, (plain.watchlist, plain.kind, plain.id, plain.name, None, None, plain.snippet)


_Context = tuple[Sequence[_Leaf], dict[str, FieldScan]]
"""What a topic hit's snippet is made from: the matcher's leaves and the article's scans."""
_SNIPPET = Hit.__dict__["snippet"]
"""The slot :class:`Hit` keeps its snippet in (:class:`_TopicHit` fills it on first read)."""
_SET_TOPIC = _TopicHit.__dict__["_topic"].__set__
_SET_CONTEXT = _TopicHit.__dict__["_context"].__set__


def _own_text(text: str) -> str:
    return "\n".join(article_lines(text))


class _LeafTable:
    """Every distinct leaf of every topic, numbered: a leaf shared by topics is looked up once
    per article."""

    def __init__(self, index: TermIndex) -> None:
        self._index = index
        self.leaves: list[_Leaf] = []
        self.words: list[LeafWords] = []
        """Each leaf's words, for :class:`TopicCompiler`."""
        self._by_written: dict[tuple[object, ...], int] = {}
        self._by_key: dict[tuple[object, ...], int] = {}

    def number(self, node: Term | Phrase) -> int:
        # keyed by plain values, not by the node: the query's tree can go once it is compiled
        if isinstance(node, Term):
            written: tuple[object, ...] = (node.text, node.prefix, node.field)
        else:
            written = (tuple((t.text, t.prefix) for t in node.words), node.slop, node.field)
        number = self._by_written.get(written)
        if number is None:
            leaf = _compile_leaf(node, self._index)
            key = (leaf.units, leaf.slop, leaf.fields)
            number = self._by_key.get(key)
            if number is None:
                number = self._by_key[key] = len(self.leaves)
                self.leaves.append(leaf)
                self.words.append(leaf.words())
            self._by_written[written] = number
        return number


def _rank(word: str, prefix: bool) -> int:
    """How rare a word is likely to be: longer is rarer; a prefix counts as a shorter word."""
    return len(word) - 3 * prefix


def _compile_topic(
    watchlist: str, topic: TopicSettings, leaves: _LeafTable, topics: TopicCompiler
) -> _Topic:
    """The topic: its query parsed, its leaves numbered in ``leaves``, compiled in ``topics``
    (the query's tree is not kept)."""
    query = parse_topic(topic)
    numbers: dict[int, int] = {}
    positive: dict[int, None] = {}
    _number_leaves(query, leaves, numbers, positive, negated=False)
    topics.add(query, lambda node: numbers[id(node)])
    return _Topic(watchlist, topic.id, topic.name or topic.id, tuple(positive))


def _number_leaves(
    node: QueryNode,
    leaves: _LeafTable,
    numbers: dict[int, int],
    positive: dict[int, None],
    negated: bool,
) -> None:
    """Number every leaf of the query (``numbers``: by the leaf node's id, while the tree
    lives); those not under a NOT go into ``positive``, in order."""
    if isinstance(node, Term | Phrase):
        number = numbers[id(node)] = leaves.number(node)
        if not negated:
            positive[number] = None
    elif isinstance(node, Not):
        _number_leaves(node.child, leaves, numbers, positive, not negated)
    else:
        for child in node.children:
            _number_leaves(child, leaves, numbers, positive, negated)


def _compile_leaf(leaf: Term | Phrase, index: TermIndex) -> _Leaf:
    terms = (leaf,) if isinstance(leaf, Term) else leaf.words
    units = tuple(_unit(term, index) for term in terms)
    slop = leaf.slop if isinstance(leaf, Phrase) else None
    if slop is None:
        units = (tuple(word_id for unit in units for word_id in unit),)
    word = units[0][0] if slop is None and len(units[0]) == 1 else None
    needles = index.needles(units[0]) if slop is None and word is None else None
    return _Leaf(units, slop, (leaf.field,) if leaf.field else FIELDS, word, needles)


def _unit(term: Term, index: TermIndex) -> Unit:
    found = words(term.text)
    last = len(found) - 1
    return tuple(index.add(word, term.prefix and i == last) for i, word in enumerate(found))


def _topic_snippet(topic: _Topic, leaves: Sequence[_Leaf], scans: dict[str, FieldScan]) -> str:
    """The sentence of the first match (body first, then title) with matched words marked."""
    for name in FIELDS[::-1]:  # the body first: its sentence says more than the title
        first, marks = _first_and_marks(topic, leaves, scans, name)
        if first is not None:
            break
    else:  # only when a word is both required and excluded, e.g. "a AND NOT a"
        return " ".join(scans["title"].text.original.split())
    text = scans[name].text
    span = text.sentence(*first)
    return mark(text.original, span, [text.to_original(start, end) for start, end in marks])


def _first_and_marks(
    topic: _Topic, leaves: Sequence[_Leaf], scans: dict[str, FieldScan], name: Field
) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """The first match of the topic's words in field ``name`` (the earliest start; on a tie,
    the earlier leaf's), and every span a snippet marks there.

    A one-word leaf's spans are used as they are (in text order: its first is its earliest),
    with no object made per occurrence: at 10,000 terms a hit topic's words occur dozens of
    times in an article.
    """
    hits = scans[name].hits
    first: tuple[int, int] | None = None
    marks: list[tuple[int, int]] = []
    for leaf in map(leaves.__getitem__, topic.positive):
        if leaf.units[0][0] not in hits:  # a leaf needs its first word (skips the others fast)
            continue
        if leaf.word is not None:
            if name not in leaf.fields:
                continue
            spans = hits[leaf.word]
            marks.extend(spans)
            earliest = spans[0]
        else:
            places = leaf.occurrences(scans, name)
            if not places:
                continue
            marks.extend((part.start, part.end) for place in places for part in place.parts)
            place = min(places, key=lambda place: place.start)
            earliest = (place.start, place.end)
        if first is None or earliest[0] < first[0]:
            first = earliest
    return first, marks
