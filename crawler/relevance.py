"""China–U.S. relevance: does an article concern both China and the United States?

Settings: ``relevance.threshold`` (default 1.0), ``relevance.china_terms`` and
``relevance.us_terms`` (replace the defaults of :mod:`crawler.terms`). Sources with
``relevance: always`` are not scored; the pipeline marks them with :func:`always_relevant`.

The score, per side (China, U.S.):

    hits      = 3·(hits in the title) + 2·(hits in the lead) + (hits in the body)·n
    n         = min(1, 250 / words in the body)        # body hits per 250 words
    strength  = ln(1 + hits)                           # saturates: the 20th mention adds little

    score     = min(strength_china, strength_us)       # the weaker side decides: both required
    relevant  = score ≥ threshold

The lead is the first 60 words of the text (a Chinese character counts as a word), the body
the rest. Position weights favour an article that is *about* China and the U.S. over one that
mentions either in passing; the body density term keeps a long page with a side note ("…the
CDC in the US says…") under the bar however much it says about the other side. With the
default threshold 1.0 each side needs hits ≥ e − 1 ≈ 1.72: a mention in the title (3) or the
lead (2), or at least one body mention per 125 words. A 2,000-word piece naming China four
times in its body scores ln(1 + 4·250/2000) ≈ 0.41 and is not relevant.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from crawler.records import Relevance
from crawler.terms import CHINA_TERMS, EXCLUSIONS, US_TERMS

if TYPE_CHECKING:
    from sinowatch.settings import RelevanceSettings

TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
LEAD_WORDS = 60
BODY_UNIT_WORDS = 250

_HAN = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[\u3400-\u9fff]|[^\W\u3400-\u9fff]+")
"""A word; each Chinese character counts as one (Chinese has no spaces)."""


def _term_pattern(term: str) -> str:
    """A regex for one term: whole words for alphabetic scripts, anywhere for Chinese."""
    body = re.escape(term)
    if _HAN.search(term):
        return body
    start = r"(?<!\w)" if term[0].isalnum() else ""
    end = r"(?!\w)" if term[-1].isalnum() else ""
    return f"{start}{body}{end}"


def _variants(term: str) -> list[str]:
    """The spellings a term matches (see :mod:`crawler.terms` for the rules)."""
    if term == term.lower():
        return [term]
    letters = sum(ch.isalpha() for ch in term)
    caps = term.upper()
    return [term, caps] if letters > 3 and caps != term else [term]


class TermSide:
    """One side's terms compiled into a single alternation regex."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._lookup: dict[str, str] = {}
        self._acronyms: set[str] = set()
        case_sensitive: list[str] = []
        insensitive: list[str] = []
        for term in dict.fromkeys(t.strip() for t in terms if t and t.strip()):
            for variant in _variants(term):
                self._lookup.setdefault(variant, term)
            if term == term.lower():
                self._lookup.setdefault(term.lower(), term)
                insensitive.append(term)
            else:
                case_sensitive.extend(_variants(term))
                if term == term.upper() and sum(ch.isalpha() for ch in term) <= 3:
                    self._acronyms.add(term)
        alternatives = [_term_pattern(t) for t in sorted(case_sensitive, key=len, reverse=True)]
        alternatives += [
            f"(?i:{_term_pattern(t)})" for t in sorted(insensitive, key=len, reverse=True)
        ]
        self._pattern = re.compile("|".join(alternatives)) if alternatives else None

    def count(self, text: str, masked: list[tuple[int, int]]) -> Counter[str]:
        """Term counts in ``text``, skipping matches inside ``masked`` spans (exclusions)."""
        found: Counter[str] = Counter()
        if self._pattern is None or not text:
            return found
        for match in self._pattern.finditer(text):
            start, end = match.span()
            if any(ms <= start and end <= me for ms, me in masked):
                continue
            key = match.group()
            if key in self._acronyms and _shouted(text, start, end):
                continue
            found[self._lookup.get(key) or self._lookup.get(key.lower(), key)] += 1
        return found


class RelevanceScorer:
    """Scores articles for China–U.S. relevance. Build once; :meth:`score` is thread-safe."""

    def __init__(self, settings: RelevanceSettings) -> None:
        self.threshold = settings.threshold
        self.china = TermSide(settings.china_terms or CHINA_TERMS)
        self.us = TermSide(settings.us_terms or US_TERMS)
        self._exclusions = re.compile(
            "|".join(_term_pattern(e) for e in sorted(EXCLUSIONS, key=len, reverse=True))
        )

    def score(self, title: str, text: str) -> Relevance:
        """Score one article from its headline and extracted text (either may be empty)."""
        title = title or ""
        lead, body = _split_lead(text or "")
        body_factor = min(1.0, BODY_UNIT_WORDS / max(1, len(_WORD.findall(body))))
        strengths: list[float] = []
        totals: list[Counter[str]] = []
        for side in (self.china, self.us):
            parts = [side.count(part, self._masked(part)) for part in (title, lead, body)]
            hits = (
                TITLE_WEIGHT * parts[0].total()
                + LEAD_WEIGHT * parts[1].total()
                + body_factor * parts[2].total()
            )
            strengths.append(math.log1p(hits))
            totals.append(parts[0] + parts[1] + parts[2])
        score = round(min(strengths), 4)
        return Relevance(
            score=score,
            relevant=score >= self.threshold,
            china_terms=dict(totals[0]),
            us_terms=dict(totals[1]),
        )

    def _masked(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._exclusions.finditer(text)]


def _shouted(text: str, start: int, end: int) -> bool:
    """True inside ALL-CAPS text, where an acronym ("US") cannot be told from a word ("us")."""
    window = text[max(0, start - 30) : start] + text[end : end + 30]
    return any(ch.isalpha() for ch in window) and not any(ch.islower() for ch in window)


def _split_lead(text: str) -> tuple[str, str]:
    """The first ``LEAD_WORDS`` words, and the rest."""
    words = list(_WORD.finditer(text))
    if len(words) <= LEAD_WORDS:
        return text, ""
    cut = words[LEAD_WORDS - 1].end()
    return text[:cut], text[cut:]


def always_relevant() -> Relevance:
    """The mark for sources configured with ``relevance: always``: relevant, not scored.

    The score stays 0.0 (finite, so it stores and serialises everywhere); read ``relevant``.
    """
    return Relevance(score=0.0, relevant=True)
