"""China–U.S. relevance: does an article concern both China and the United States?

Settings: ``relevance.threshold`` (default 1.0), ``relevance.china_terms`` and
``relevance.us_terms`` (replace the defaults of :mod:`crawler.terms`, where the matching rules
are). Sources with ``relevance: always`` are not scored; the pipeline marks them with
:func:`always_relevant`.

The score, per side (China, U.S.):

    hits      = 3·(hits in the title) + 2·(hits in the lead) + (hits in the body)·n
    n         = min(1, √(250 / words in the body))      # gentle: a long article is not buried
    strength  = ln(1 + hits) / ln(1 + 3)                # 1.0: one title mention's worth;
                                                        # saturates: the 20th mention adds little
    score     = min(strength_china, strength_us)        # the weaker side decides: both required
    focus     = hits of the weaker side / (FOCUS_SHARE · hits of third countries)
    score     = min(score, focus) when focus < 1        # not focused: capped below 1.0
    relevant  = score ≥ threshold

A term on both sides ("US-China", 中美, 米中, 미중) names the relation itself and counts 3× on each
side. Third countries and blocs (:data:`crawler.terms.OTHER_TERMS`: the EU, Japan, Russia, Mexico,
…, other markets' indices) are weighed the same way: when they outweigh the weaker side more than
twice over (focus < 1), the article is about China or the U.S. with someone else (an EU–China
summit that names Washington, a U.S.–Mexico tariff story that names China, a market round-up
listing every bourse), and its score is capped at the focus, below the default threshold however
many China and U.S. mentions it has. The cap sits in the score itself so that every reader of
the score (a watchlist's ``min_relevance``) sees it.

The lead is the first 60 words of the text, the body the rest; two Chinese or Japanese
characters count as one word (those languages have no spaces). Position weights favour an article
that is *about* China and the U.S. over one that mentions either in passing: with the default
threshold 1.0 each side needs hits ≥ 3, i.e. a mention in the title, a lead mention and one more,
one relation term (中美) anywhere in a short piece, or body mentions: 3 in a 250-word body, 7 in
1,250 words, 9 in 2,000. A 2,000-word piece naming the U.S. once in its body scores
ln(1 + 0.35) / ln 4 ≈ 0.22 on that side and is not relevant; one naming it a dozen times scores
ln(1 + 12·0.35) / ln 4 ≈ 1.19.

The weights were chosen on the development part of the labelled corpus only (see
``bench/relevance.py``, which reports the held-out test part).

All terms of both sides, the third countries and the exclusions sit in one Aho-Corasick
automaton: one pass over the lower-cased text finds every candidate; case, word boundaries and
exclusions are then checked on the candidates only, so the cost does not grow with the number of
terms or languages.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Literal

import ahocorasick_rs

from crawler.records import Relevance
from crawler.terms import BILATERAL_TERMS, CHINA_TERMS, EXCLUSIONS, OTHER_TERMS, US_TERMS

if TYPE_CHECKING:
    from crawler.config import RelevanceSettings

TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BILATERAL_WEIGHT = 3.0
LEAD_WORDS = 60
BODY_UNIT_WORDS = 250
BODY_EXPONENT = 0.5
HITS_FOR_ONE = 3.0
FOCUS_SHARE = 0.5
"""The weaker side's hits must be at least this share of the third countries' hits."""

Part = Literal["title", "lead", "body"]

_EAST_ASIAN_CHARS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
_EAST_ASIAN = re.compile(f"[{_EAST_ASIAN_CHARS}]")
_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{1,2}|[^\W\u3400-\u9fff\uf900-\ufaff]+")
"""A word; two Chinese characters count as one (Chinese has no spaces)."""
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTERS_WORD = re.compile(r"\w+")
"""A word of a text without Han characters: :data:`_WORD` there, and 1.5× as fast."""
_ASCII_WORD_MARKS = bytes(
    ord("w") if chr(c).isascii() and (chr(c).isalnum() or chr(c) == "_") else ord(" ")
    for c in range(256)
)
"""Bytes of ASCII text as ``w`` for a word character and a space for any other: the words of an
ASCII text (what :data:`_WORD` finds there) are then the runs of ``w``, each starting at the
text's start or after a space, counted and found by searches in C (~10× faster than the
pattern, and than splitting the text)."""
_ASCII_LEAD = re.compile(rb"(?: *+w++){%d}" % LEAD_WORDS)
"""The first ``LEAD_WORDS`` words of marked ASCII text (possessive: no backtracking)."""

_CHINA, _US, _EXCLUDED, _OTHER = 1, 2, 4, 8


@dataclass(frozen=True, slots=True, eq=False)
class _Term:
    """One way a configured term can match (compared and hashed by identity: each is made
    once, and articles tally their matches by term)."""

    term: str
    """The term as configured (what reports name)."""
    sides: int
    forms: frozenset[str] | None
    """The spellings accepted as written; None: any case."""
    word_start: bool
    word_end: bool
    acronym: bool


def _variants(term: str) -> list[str]:
    """The spellings a capitalised term matches: as written, and in capitals when > 3 letters."""
    letters = sum(ch.isalpha() for ch in term)
    caps = term.upper()
    return [term, caps] if letters > 3 and caps != term else [term]


def _compile_term(term: str, sides: int) -> tuple[str, _Term]:
    prefix = term.endswith("*")
    word = term.rstrip("*").strip()
    cjk = bool(_EAST_ASIAN.search(word))
    lowercase = word == word.lower()
    letters = sum(ch.isalpha() for ch in word)
    return word.lower(), _Term(
        term=term,
        sides=sides,
        forms=None if lowercase else frozenset(_variants(word)),
        word_start=not cjk and word[0].isalnum(),
        word_end=not cjk and not prefix and word[-1].isalnum(),
        acronym=not lowercase and word == word.upper() and letters <= 3,
    )


def _lower(text: str) -> str:
    """``text`` lower-cased, keeping every offset (the rare character that grows stays as is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)


@dataclass
class SideReport:
    """One side's part of the score: which terms were found where, and what they weigh."""

    found: dict[str, dict[Part, int]] = field(default_factory=dict)
    hits: float = 0.0
    strength: float = 0.0

    def counts(self) -> dict[str, int]:
        return {term: sum(where.values()) for term, where in self.found.items()}

    def to_dict(self) -> dict[str, object]:
        return {
            "hits": round(self.hits, 4),
            "strength": round(self.strength, 4),
            "found": {term: dict(where) for term, where in self.found.items()},
        }


@dataclass
class Explanation:
    """Why an article scored what it scored (``sinowatch inspect`` shows it)."""

    relevance: Relevance
    threshold: float
    china: SideReport
    us: SideReport
    others: SideReport
    """Third countries and blocs: the weaker side must weigh ``FOCUS_SHARE`` of their hits."""
    focus: float | None
    """The weaker side's hits over ``FOCUS_SHARE`` × the third countries' (None: none found)."""
    body_words: int
    body_factor: float

    @property
    def focused(self) -> bool:
        """False when third countries outweigh the weaker side (the score is then capped)."""
        return self.focus is None or self.focus >= 1.0

    def to_dict(self) -> dict[str, object]:
        return {
            "china": self.china.to_dict(),
            "us": self.us.to_dict(),
            "others": self.others.to_dict(),
            "focus": self.focus,
            "focused": self.focused,
            "focus_share": FOCUS_SHARE,
            "weights": {"title": TITLE_WEIGHT, "lead": LEAD_WEIGHT, "body": self.body_factor},
            "body_words": self.body_words,
            "bilateral_weight": BILATERAL_WEIGHT,
        }


class TermIndex:
    """Both sides' terms, third countries and the exclusions in one Aho-Corasick automaton."""

    def __init__(
        self,
        china: Iterable[str],
        us: Iterable[str],
        exclusions: Iterable[str],
        others: Iterable[str] = (),
    ) -> None:
        sides: dict[str, int] = {}
        groups = ((_CHINA, china), (_US, us), (_OTHER, others), (_EXCLUDED, exclusions))
        for flag, terms in groups:
            for raw in terms:
                term = raw.strip() if raw else ""
                if term.rstrip("*"):
                    sides[term] = sides.get(term, 0) | flag
        entries: dict[str, list[_Term]] = {}
        for term, flags in sides.items():
            # an exclusion masks; a China or U.S. term is never also a third country
            key, compiled = _compile_term(
                term, _EXCLUDED if flags & _EXCLUDED else flags & ~_OTHER or flags
            )
            entries.setdefault(key, []).append(compiled)
        self._terms = [tuple(compiled_terms) for compiled_terms in entries.values()]
        # every overlapping match, as a DFA: ~10× faster than pyahocorasick's trie on
        # article text (the scan was half of scoring's CPU)
        options = {
            "matchkind": ahocorasick_rs.MatchKind.Standard,
            "implementation": ahocorasick_rs.Implementation.DFA,
        }
        self._automaton = ahocorasick_rs.AhoCorasick(entries, **options) if entries else None
        # The same keys over bytes, for ASCII text (most articles), where a byte offset is a
        # character offset: the str automaton maps every match's offsets back to characters,
        # as costly as the scan itself.
        self._ascii_automaton = (
            ahocorasick_rs.BytesAhoCorasick([key.encode() for key in entries], **options)
            if entries
            else None
        )

    def find(self, text: str) -> list[tuple[int, _Term]]:
        """(start, term) of every counted match, leftmost-longest, exclusions masking terms."""
        if self._automaton is None or not text:
            return []
        candidates: list[tuple[int, int, _Term]] = []
        terms, last = self._terms, len(text)
        if text.isascii() and self._ascii_automaton is not None:
            lowered = text.lower().encode("ascii")
            matches = self._ascii_automaton.find_matches_as_indexes(lowered, overlapping=True)
        else:
            matches = self._automaton.find_matches_as_indexes(_lower(text), overlapping=True)
        for index, start, end in matches:  # character offsets
            # the checks of a term, inline: this loop runs for every match of every article
            for term in terms[index]:
                if term.word_start and start and ((ch := text[start - 1]).isalnum() or ch == "_"):
                    continue
                if term.word_end and end < last and ((ch := text[end]).isalnum() or ch == "_"):
                    continue
                if term.forms is not None and text[start:end] not in term.forms:
                    continue
                if term.acronym and _shouted(text, start, end):
                    continue
                candidates.append((start, -end, term))
                break
        candidates.sort(key=_START_THEN_LONGEST)
        found: list[tuple[int, _Term]] = []
        covered = 0
        for start, neg_end, term in candidates:
            if start < covered:
                continue
            covered = -neg_end
            if not term.sides & _EXCLUDED:
                found.append((start, term))
        return found


_START_THEN_LONGEST = itemgetter(0, 1)
"""Sort key of ``(start, -end, term)`` candidates: leftmost first, then longest."""


@dataclass(frozen=True, slots=True)
class ScorerSettings:
    """What a :class:`RelevanceScorer` reads of ``relevance.*``, as plain hashable data: what
    the pipeline sends to extraction worker processes (a :class:`RelevanceSettings` would make
    each worker import pydantic and the config models to unpickle it, ~9 MiB), and the key of a
    process's scorer cache."""

    threshold: float = 1.0
    china_terms: tuple[str, ...] | None = None
    us_terms: tuple[str, ...] | None = None

    @classmethod
    def of(cls, settings: RelevanceSettings) -> ScorerSettings:
        return cls(
            threshold=settings.threshold,
            china_terms=None if settings.china_terms is None else tuple(settings.china_terms),
            us_terms=None if settings.us_terms is None else tuple(settings.us_terms),
        )


class RelevanceScorer:
    """Scores articles for China–U.S. relevance. Build once; :meth:`score` is thread-safe."""

    def __init__(self, settings: RelevanceSettings | ScorerSettings) -> None:
        self.threshold = settings.threshold
        china = settings.china_terms or [*CHINA_TERMS, *BILATERAL_TERMS]
        us = settings.us_terms or [*US_TERMS, *BILATERAL_TERMS]
        self._index = TermIndex(china, us, EXCLUSIONS, OTHER_TERMS)

    def score(self, title: str, text: str) -> Relevance:
        """Score one article from its headline and extracted text (either may be empty).

        A page whose extraction failed reaches here with the feed's title and summary (see
        :func:`crawler.extract.extract_page`), so it is scored from what is there.
        """
        return self.explain(title, text).relevance

    def explain(self, title: str, text: str) -> Explanation:
        """The score, with each side's terms and where they were found."""
        title = title or ""
        text = text or ""
        lead_end, body_words = _lead_and_body_words(text)
        body_factor = min(1.0, (BODY_UNIT_WORDS / max(1, body_words)) ** BODY_EXPONENT)
        weights = {"title": TITLE_WEIGHT, "lead": LEAD_WEIGHT, "body": body_factor}
        sides = (SideReport(), SideReport(), SideReport())
        lead_start = len(title) + 1
        body_start = lead_start + lead_end
        # each (term, part) tallied first, in the order first found: an article names a handful
        # of terms dozens of times, and the sides are then updated once per pair
        tally = Counter(
            (term, "title" if start < lead_start else "lead" if start < body_start else "body")
            for start, term in self._index.find(f"{title}\n{text}")
        )
        for (term, part), count in tally.items():
            weight = weights[part] * (BILATERAL_WEIGHT if term.sides == _CHINA | _US else 1.0)
            for flag, side in zip((_CHINA, _US, _OTHER), sides, strict=True):
                if term.sides & flag:
                    side.found.setdefault(term.term, Counter())[part] += count
                    side.hits += weight * count
        for side in sides:
            side.strength = math.log1p(side.hits) / math.log1p(HITS_FOR_ONE)
        china, us, others = sides
        score = min(china.strength, us.strength)
        focus = None
        if others.hits:
            focus = round(min(china.hits, us.hits) / (FOCUS_SHARE * others.hits), 4)
            if focus < 1.0:
                score = min(score, focus)
        score = round(score, 4)
        relevance = Relevance(
            score=score,
            relevant=score >= self.threshold,
            china_terms=china.counts(),
            us_terms=us.counts(),
        )
        return Explanation(
            relevance, self.threshold, china, us, others, focus, body_words, round(body_factor, 4)
        )


def _shouted(text: str, start: int, end: int) -> bool:
    """True inside ALL-CAPS text, where an acronym ("US") cannot be told from a word ("us")."""
    window = text[max(0, start - 30) : start] + text[end : end + 30]
    return any(ch.isalpha() for ch in window) and not any(ch.islower() for ch in window)


def _lead_and_body_words(text: str) -> tuple[int, int]:
    """Where the first ``LEAD_WORDS`` words of ``text`` end (its length unless a word follows),
    and how many words follow them, as :data:`_WORD` finds words."""
    if text.isascii():  # a flag of the string, no scan; the text is marked once for both
        marks = text.encode("ascii").translate(_ASCII_WORD_MARKS)
        lead = _ASCII_LEAD.match(marks)
        if lead is None or marks.find(b"w", lead.end()) < 0:
            return len(text), 0
        return lead.end(), marks.count(b" w", lead.end())  # a lead ends before a space
    words = list(islice(_WORD.finditer(text), LEAD_WORDS + 1))
    if len(words) <= LEAD_WORDS:
        return len(text), 0
    lead_end = words[LEAD_WORDS - 1].end()
    pattern = _WORD if _HAN.search(text, lead_end) else _LETTERS_WORD
    return lead_end, len(pattern.findall(text, lead_end))  # strings: 2x faster than matches


def always_relevant() -> Relevance:
    """The mark for sources configured with ``relevance: always``: relevant, not scored.

    The score stays 0.0 (finite, so it stores and serialises everywhere); read ``relevant``.
    """
    return Relevance(score=0.0, relevant=True)
