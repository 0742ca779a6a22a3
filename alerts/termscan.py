"""Every watched word in one Aho-Corasick automaton, and one article's hits on it.

A *word* is a folded run of word characters (see :mod:`alerts.textnorm`). Words are stored as
keys padded with a space on each side that must sit on a word boundary (``" ren "`` cannot match
in ``"renee"``); CJK ends are left unpadded, so CJK words match inside running CJK text. A prefix
word (``tariff*``) has no right pad and is extended to the end of the word it starts. A script
change (``gao在``, see :func:`alerts.textnorm.script_changes`) is scanned as if a space stood there.

Phrases and names are *units*: sequences of word ids that must sit on consecutive tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter
from typing import Any, NamedTuple

import ahocorasick_rs

from alerts.textnorm import NormText, is_cjk, script_changes, spaced

_NON_SPACE = re.compile(r"[^ ]")
_SPACE_RUN = re.compile(r"  +")

Unit = tuple[int, ...]
"""Word ids on consecutive tokens (a phrase, a name variant)."""


class Occurrence(NamedTuple):
    """Where a word or unit occurs: norm offsets and token indexes (inclusive)."""

    start: int
    end: int
    first_token: int
    last_token: int


class TermIndex:
    """Words (exact or prefix) → ids, compiled into one automaton by :meth:`build`."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, bool], int] = {}
        self.words: list[tuple[str, bool]] = []
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self._built = False
        self._values: dict[str, int] = {}
        """Automaton key → its value (the id of the key's first word)."""
        self._keys: dict[int, _Key] = {}
        """Automaton value (the id of the key's first word) → where the key's words lie."""
        self._shared: dict[int, tuple[int, ...]] = {}
        """Automaton value → every word of a key shared by several words."""
        self._value_of: dict[int, int] = {}
        """Word id → its key's automaton value, for the later words of a shared key."""

    def add(self, word: str, prefix: bool = False) -> int:
        """The id of a folded word (no spaces), adding it if new."""
        if not word or " " in word or script_changes(word):
            raise ValueError(f"not a single folded word: {word!r}")
        key = (word, prefix)
        word_id = self._ids.get(key)
        if word_id is None:
            word_id = self._ids[key] = len(self.words)
            self.words.append(key)
            self._built = False
        return word_id

    def build(self) -> None:
        entries: dict[str, list[tuple[int, bool]]] = {}
        for word_id, (word, prefix) in enumerate(self.words):
            lead = "" if is_cjk(word[0]) else " "
            trail = "" if prefix or is_cjk(word[-1]) else " "
            entries.setdefault(lead + word + trail, []).append((word_id, prefix))
        self._keys.clear()
        self._shared.clear()
        self._value_of.clear()
        self._values = {}
        for pattern, (key, found) in enumerate(entries.items()):
            lead = 0 if is_cjk(key[0]) else 1
            trail = 1 if key[-1] == " " else 0
            value = self._values[key] = found[0][0]  # a key is known by its first word's id
            # the match's last padded offset minus `back` is the word's start in the scan
            self._keys[value] = (key, len(key) - lead, trail, pattern)
            if len(found) > 1:  # e.g. a CJK word watched both exact and as a prefix
                self._shared[value] = tuple(word_id for word_id, _ in found)
                self._value_of.update((word_id, value) for word_id, _ in found[1:])
        self._automaton = (
            # store_patterns: a match found as a string is the key itself, nothing made per match
            ahocorasick_rs.AhoCorasick(list(entries), store_patterns=True) if entries else None
        )
        self._built = True

    def needles(self, unit: Unit) -> tuple[str, ...] | None:
        """How the unit reads in a field's :meth:`FieldScan.joined` text: it occurs exactly when
        one of these is in it. Its words one space apart (or none, between two CJK words), with
        the spaces their keys need at either end; None if a word is a prefix (its end is not
        known in advance)."""
        found = [self.words[word_id] for word_id in unit]
        if any(prefix for _, prefix in found):
            return None
        readings = ["" if is_cjk(found[0][0][0]) else " "]
        previous = ""
        for word, _ in found:
            if not previous:
                joints: tuple[str, ...] = ("",)
            elif is_cjk(previous[-1]) and is_cjk(word[0]):
                joints = ("", " ")  # CJK words may be written together
            else:
                joints = (" ",)
            readings = [reading + joint + word for reading in readings for joint in joints]
            previous = word
        trail = "" if is_cjk(previous[-1]) else " "
        return tuple(reading + trail for reading in readings)

    def find(self, scan: str) -> list[tuple[int, int, int]]:
        """Every ``(word_id, start, end)`` in a ``scan`` string, overlapping ones included."""
        return [
            (word_id, s, e) for word_id, spans in self.hits(scan).spans().items() for s, e in spans
        ]

    def hits(self, scan: str) -> Hits:
        """Word id → every ``(start, end)`` of it in a ``scan`` string, in text order (the words
        in the order they first occur).

        Which words were hit is read off the keys the automaton finds (the keys themselves, no
        object made per match) without a Python step per match; a word's spans are made when
        first asked for (phrases with a prefix, proximity, experts' names, snippets), by looking
        for its key (see :data:`FIND_WORDS`).
        """
        if not self._built:
            self.build()
        automaton = self._automaton
        if automaton is None:  # no words
            return Hits({}, _no_spans, "")
        changes = script_changes(scan)
        # scanned as if a space stood at each script change (see _Spans)
        padded = f" {spaced(scan, changes)} "
        keys = automaton.find_matches_as_strings(padded, overlapping=True)
        if not keys:
            return Hits({}, _no_spans, padded)
        # the words of the keys hit, in the order they first occur (looking up every match
        # costs less than making a dict of the keys first)
        found = dict.fromkeys(map(self._values.__getitem__, keys))
        if self._shared and not self._shared.keys().isdisjoint(found):
            found = dict.fromkeys(
                word_id for key in found for word_id in self._shared.get(key, (key,))
            )
        return Hits(found, _Spans(self, automaton, padded, changes), padded)


_Key = tuple[str, int, int, int]
"""An automaton key and where its words lie relative to a match's last offset (its end minus
one, in the padded text): ``(key, back, trail, pattern)``: the last offset minus ``back`` is the
word's start in the scan, minus ``trail`` the (exact) word's end; ``pattern`` is the key's number
in the automaton. A plain tuple of atoms: the garbage collector stops tracking it."""

_PATTERN = itemgetter(0)
"""A match's pattern number (matches are ``(pattern, start, end)``, offsets in the padded text)."""
FIND_WORDS = 4
"""A field's first words asked for spans are looked for one by one (``str.find``); after them,
every key's matches are found at once by the automaton (a snippet reads a hit's every word)."""


class Hits(dict[int, list[tuple[int, int]]]):
    """Word id → every ``(start, end)`` of it in a field, in text order.

    Every hit word is a key from the start (``in``, iteration and ``keys()`` cost nothing more);
    its spans are made on first read (``[]``, ``get``): topics mostly need only which words were
    hit, and with a large watchlist an article hits hundreds of them.
    """

    __slots__ = ("_spans", "padded")

    def __init__(
        self, hit: dict[int, None], spans: Callable[[int], list[tuple[int, int]]], padded: str
    ) -> None:
        """``hit``: every hit word id (in the order they first occur) → None; ``padded``: the
        scan as the automaton read it (a space at each script change and at either end), or ""
        when it was not read (no words watched)."""
        super().__init__(hit)
        self._spans = spans
        self.padded = padded

    def __getitem__(self, word_id: int) -> list[tuple[int, int]]:
        spans = super().__getitem__(word_id)
        if spans is None:
            spans = self._spans(word_id)
            super().__setitem__(word_id, spans)
        return spans

    def get(self, word_id: int, default: Any = None) -> Any:
        # not dict.get, which would skip __getitem__ (the spans are made there); no KeyError
        # raised for a missing word: experts ask for many that are not there
        return self[word_id] if word_id in self else default  # noqa: SIM401

    def spans(self) -> dict[int, list[tuple[int, int]]]:
        """Every word's spans, as a plain dict."""
        return {word_id: self[word_id] for word_id in self}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, dict) and self.spans() == other

    __hash__ = None  # type: ignore[assignment]  # mutable, as dict

    def __repr__(self) -> str:
        return repr(self.spans())


def _no_spans(word_id: int) -> list[tuple[int, int]]:
    raise KeyError(word_id)  # no word was hit: never asked


class _Spans:
    """Makes one word's spans in a field: where its key occurs in the padded text, overlapping
    occurrences included (what the automaton finds for that key, in text order)."""

    def __init__(
        self,
        index: TermIndex,
        automaton: ahocorasick_rs.AhoCorasick,
        padded: str,
        changes: list[int],
    ) -> None:
        self._index = index
        self._automaton = automaton
        self._padded = padded
        self._asked = 0
        self._matches: list[tuple[int, int, int]] | None = None
        """Every key's matches, sorted by key (found once :data:`FIND_WORDS` were asked for)."""
        # the spaces put in at script changes: an offset after each is one more than in scan
        self._spaces = tuple(offset + 1 + number for number, offset in enumerate(changes))

    def __call__(self, word_id: int) -> list[tuple[int, int]]:
        index = self._index
        key, back, trail, pattern = index._keys[index._value_of.get(word_id, word_id)]
        padded = self._padded
        ends = self._ends(key, pattern)
        if index.words[word_id][1]:  # a prefix runs on to the end of its word
            spans = [(end - 1 - back, padded.find(" ", end) - 1) for end in ends]
        else:
            spans = [(end - 1 - back, end - 1 - trail) for end in ends]
        spaces = self._spaces
        if spaces:
            return [
                (start - bisect_left(spaces, start + 1), end - bisect_left(spaces, end))
                for start, end in spans
            ]
        return spans

    def _ends(self, key: str, pattern: int) -> list[int]:
        """The end offset (in the padded text) of each occurrence of ``key``, in text order."""
        padded = self._padded
        if self._asked < FIND_WORDS:
            self._asked += 1
            ends: list[int] = []
            found = padded.find(key)
            while found >= 0:
                ends.append(found + len(key))
                found = padded.find(key, found + 1)
            return ends
        matches = self._matches
        if matches is None:
            matches = self._automaton.find_matches_as_indexes(padded, overlapping=True)
            matches.sort(key=_PATTERN)  # stable: each key's matches stay in text order
            self._matches = matches
        low = bisect_left(matches, pattern, key=_PATTERN)
        high = bisect_right(matches, pattern, key=_PATTERN)
        return [end for _, _, end in matches[low:high]]


@dataclass(slots=True)
class FieldScan:
    """One field (title or body) of an article: its text and where each word occurs."""

    text: NormText
    hits: Hits
    _by_start: dict[int, dict[int, int]] = field(default_factory=dict)
    """Word id → the end of each of its occurrences, by start (phrases follow words on)."""
    _joined: str | None = None

    def word(self, word_id: int) -> list[Occurrence]:
        """Occurrences of one word (token indexes not filled in: see :meth:`with_tokens`)."""
        if word_id not in self.hits:
            return []
        return [Occurrence(start, end, -1, -1) for start, end in self.hits[word_id]]

    def with_tokens(self, occurrences: list[Occurrence]) -> list[Occurrence]:
        """The occurrences with their token indexes (tokenises the field once, on first use)."""
        index = self.text.token_index
        return [Occurrence(o.start, o.end, index(o.start), index(o.end - 1)) for o in occurrences]

    def _ends_by_start(self, word_id: int) -> dict[int, int]:
        table = self._by_start.get(word_id)
        if table is None:
            table = self._by_start[word_id] = dict(self.hits.get(word_id, ()))
        return table

    def unit(self, unit: Unit) -> list[Occurrence]:
        """Occurrences of the unit's words on consecutive tokens (only spaces between)."""
        if len(unit) == 1:
            return self.word(unit[0])
        if not all(map(self.hits.__contains__, unit)):  # most names and phrases: not here
            return []
        return [Occurrence(start, end, -1, -1) for start, end in self._unit_spans(unit)]

    def joined(self) -> str:
        """The field's words one space apart (a script change counts as a space), with a space
        each side: what :meth:`TermIndex.needles` are looked for in (made on first use)."""
        if self._joined is None:
            # the scan holds only word characters and spaces, as the automaton's padded copy of
            # it does: collapsing its runs of spaces leaves the words one space apart
            padded = self.hits.padded or f" {spaced(self.text.scan)} "
            self._joined = _SPACE_RUN.sub(" ", padded)
        return self._joined

    def has_unit(self, unit: Unit, needles: tuple[str, ...] | None = None) -> bool:
        """Whether the unit occurs (:meth:`unit` stopped at the first occurrence); with the
        unit's ``needles`` (:meth:`TermIndex.needles`), by looking for them, no spans made."""
        if len(unit) == 1:
            return unit[0] in self.hits
        if not all(map(self.hits.__contains__, unit)):
            return False
        if needles is not None:
            joined = self.joined()
            return any(needle in joined for needle in needles)
        return next(self._unit_spans(unit), None) is not None

    def _unit_spans(self, unit: Unit) -> Iterator[tuple[int, int]]:
        """Spans of the unit; every word of it is hit."""
        hits = self.hits
        scan = self.text.scan
        for start, end in hits[unit[0]]:
            for word_id in unit[1:]:
                following = _NON_SPACE.search(scan, end)
                if following is None:
                    break
                next_end = self._ends_by_start(word_id).get(following.start())
                if next_end is None:
                    break
                end = next_end
            else:
                yield start, end

    def near(self, units: tuple[Unit, ...], slop: int) -> list[tuple[Occurrence, ...]]:
        """Every unit, in any order, with at most ``slop`` other tokens between: for each match,
        the occurrence chosen for each unit, in text order (a snippet marks these, not the gaps;
        token indexes not filled in). Tokens are counted only between the units' occurrences.
        """
        total = sum(len(unit) for unit in units)
        reach = slop + total
        lists = [self.unit(unit) for unit in units]
        if not all(lists):
            return []
        lists = _near_tokens(self.text, lists, reach)
        for occurrences in lists:
            occurrences.sort(key=lambda occ: occ.first_token)
        order = sorted(range(len(units)), key=lambda i: len(lists[i]))
        anchor_list = lists[order[0]]
        found: list[tuple[Occurrence, ...]] = []
        for anchor in anchor_list:
            candidates = []
            for index in order[1:]:
                occurrences = lists[index]
                firsts = [occ.first_token for occ in occurrences]
                low = bisect_left(firsts, anchor.first_token - reach)
                high = bisect_right(firsts, anchor.first_token + reach)
                candidates.append(occurrences[low:high])
            chosen = _best_window([anchor], candidates, total, slop)
            if chosen is not None:
                found.append(tuple(Occurrence(o.start, o.end, -1, -1) for o in sorted(chosen)))
        return found


def _near_tokens(
    text: NormText, lists: list[list[Occurrence]], reach: int
) -> list[list[Occurrence]]:
    """The occurrences with token indexes counted from the first of them, where a gap of more
    than ``reach`` tokens counts as ``reach + 1``: every comparison :meth:`FieldScan.near` makes
    (order, overlap, a distance of up to ``reach``) comes out as with the field's own token
    indexes, and only the stretches between the occurrences are read, not the whole field."""
    points = sorted(
        {offset for found in lists for occ in found for offset in (occ.start, occ.end - 1)}
    )
    tokens = {points[0]: 0}
    token = 0
    for previous, point in pairwise(points):
        token += text.tokens_starting(previous + 1, point + 1, reach + 1)
        tokens[point] = token
    return [
        [Occurrence(occ.start, occ.end, tokens[occ.start], tokens[occ.end - 1]) for occ in found]
        for found in lists
    ]


def _best_window(
    chosen: list[Occurrence], rest: list[list[Occurrence]], total: int, slop: int
) -> list[Occurrence] | None:
    """A choice of one occurrence per remaining list, non-overlapping, within ``slop``."""
    if not rest:
        first = min(occ.first_token for occ in chosen)
        last = max(occ.last_token for occ in chosen)
        return chosen if last - first + 1 - total <= slop else None
    for occ in rest[0]:
        if any(
            occ.first_token <= other.last_token and other.first_token <= occ.last_token
            for other in chosen
        ):
            continue
        window = _best_window([*chosen, occ], rest[1:], total, slop)
        if window is not None:
            return window
    return None


def scan_field(index: TermIndex, text: NormText) -> FieldScan:
    return FieldScan(text, index.hits(text.scan))
