"""Text normalisation for matching: folded text, word boundaries, token positions, sentences.

:func:`normalize` turns an article's text into two strings of the same length:

- ``norm``: NFKC, case-folded, diacritics removed ("Renée" → "renee"), typographic quotes and
  dashes as ASCII (’ → ', “ → ", — → -); punctuation is kept (quote attribution reads it);
- ``scan``: ``norm`` with every non-word character as a space, so a term ``" ren "`` padded with
  spaces matches only at Unicode word boundaries (a word character is what Python's ``\\w`` is:
  alphanumeric or ``_``). CJK characters are word characters but CJK terms need no boundary.

A *script change* between a Latin letter or digit and an East Asian character (Han, kana,
Hangul) is a word boundary too, though ``scan`` has no space there: Chinese and Japanese put no
space around foreign names ("Victor Gao在论坛上表示", "会见了Denis Simon"), and Korean attaches
particles ("Gao는"). :func:`script_changes` finds them; :func:`words` splits there and the
scanner treats them as spaces. "Renée" stays one word: é folds to e, a Latin letter.

Folding is per character (each character folded once, then by ``str.translate``), with an offset
map back to the original text so snippets and quotes come from what the article really says;
``norm`` is made when first read. Pure-ASCII text takes a fast path.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import islice, pairwise

CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
HANGUL_RANGES = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
EAST_ASIAN_RANGES = CJK_RANGES + HANGUL_RANGES
LATIN_RANGES = "0-9a-z\u00df-\u00f6\u00f8-\u024f\u1e00-\u1eff"
"""Latin letters (as folded: lower case, no diacritics left but ß, ø, æ, ł …) and digits."""
_CJK = re.compile(f"[{CJK_RANGES}]")
_EAST_ASIAN = re.compile(f"[{EAST_ASIAN_RANGES}]")
SCRIPT_CHANGE = (
    f"(?:(?<=[{LATIN_RANGES}])(?=[{EAST_ASIAN_RANGES}])"
    f"|(?<=[{EAST_ASIAN_RANGES}])(?=[{LATIN_RANGES}]))"
)
"""A zero-width regex: the point between a Latin letter or digit and an East Asian character."""
_SCRIPT_CHANGE = re.compile(
    f"[{LATIN_RANGES}](?=[{EAST_ASIAN_RANGES}])|[{EAST_ASIAN_RANGES}](?=[{LATIN_RANGES}])"
)
_TOKEN = re.compile(f"[{CJK_RANGES}]|[{HANGUL_RANGES}]+|[^ {EAST_ASIAN_RANGES}]+")
_TOKEN_START = re.compile(
    f"[{CJK_RANGES}]|(?<![{HANGUL_RANGES}])[{HANGUL_RANGES}]"
    f"|(?<![^ {EAST_ASIAN_RANGES}])[^ {EAST_ASIAN_RANGES}]"
)
"""The first character of a :data:`_TOKEN`, found from any offset (the lookbehinds read the
character before it, even before the offset a search starts at)."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
SENTENCE_WINDOW = 400

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u300c": '"',
        "\u300d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_ASCII_SCAN = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)
_ASCII_SCAN_BYTES = bytes(range(128)).decode().translate(_ASCII_SCAN).encode() + bytes(
    range(128, 256)
)
""":data:`_ASCII_SCAN` for UTF-8 bytes (``bytes.translate``): bytes >= 0x80 are left alone."""


def is_word_char(char: str) -> bool:
    """Python's ``\\w`` for one character: alphanumeric or underscore."""
    return char.isalnum() or char == "_"


def is_cjk(char: str) -> bool:
    """A Han, Hiragana or Katakana character: matched without word boundaries."""
    return _CJK.match(char) is not None


def script_changes(scan: str) -> list[int]:
    """Offsets in a folded text where a script change is a word boundary (before ``scan[i]``)."""
    if scan.isascii() or _EAST_ASIAN.search(scan) is None:
        return []  # the usual English article (folded to ASCII): no scan at all
    return [match.end() for match in _SCRIPT_CHANGE.finditer(scan)]


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds any CJK character (a cheap test before Chinese-only rules)."""
    return _CJK.search(text) is not None


def _fold_char(char: str) -> tuple[str, str]:
    """``(norm, scan)`` for one non-ASCII character."""
    text = unicodedata.normalize("NFKC", char).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    return text, "".join(c if is_word_char(c) else " " for c in text)


MAX_FOLD_TABLE = 1 << 16
"""Code points kept in each fold table: every script of the beat fits many times over, while a
text made of every code point (untrusted input) cannot grow the tables past a few MiB."""


class _Folding:
    """Non-ASCII characters folded one by one, kept as :meth:`str.translate` tables (code point
    → norm, code point → scan) filled the first time a character is met: a text is folded by
    ``translate`` in C, with no Python step per character."""

    def __init__(self) -> None:
        self.norm = _FoldTable(self, 0)
        self.scan = _FoldTable(self, 1)
        self._resized: set[str] = set()
        """Characters met so far that fold to more or fewer than one character (… → ..., a
        combining accent → nothing): only a text holding one needs an offset map."""
        self._compiled: tuple[int, re.Pattern[str] | None] = (0, None)
        """(how many resizing characters, the pattern finding them), read as one value."""
        self._lock = threading.Lock()

    def add(self, point: int) -> tuple[str, str]:
        norm, scan = folded = _fold_char(chr(point))
        # known as resizing before any thread can read its fold from a table (the matcher runs
        # in several threads at once: the crawl pipeline's threads)
        if len(norm) != 1:
            self._resized.add(chr(point))
        if len(self.norm) < MAX_FOLD_TABLE:  # beyond it, a character is folded each time it's met
            dict.__setitem__(self.norm, point, norm)
            dict.__setitem__(self.scan, point, scan)
        return folded

    def resized(self, text: str) -> re.Pattern[str] | None:
        """A pattern finding the characters of ``text`` that resize, or None if it holds none."""
        size, pattern = self._compiled
        if size != len(self._resized):  # rebuilt only when a new one was met
            with self._lock:
                chars = sorted(self._resized)  # the snapshot the pattern is made of
                pattern = re.compile("[" + "".join(map(re.escape, chars)) + "]")
                self._compiled = (len(chars), pattern)
        return pattern if pattern is not None and pattern.search(text) else None


class _FoldTable(dict[int, str]):
    def __init__(self, folding: _Folding, part: int) -> None:
        super().__init__()
        self._folding = folding
        self._part = part

    def __missing__(self, point: int) -> str:
        return self._folding.add(point)[self._part]


_FOLDING = _Folding()


def _fold_norm(run: re.Match[str]) -> str:
    return run.group().translate(_FOLDING.norm)


def _fold_scan(run: re.Match[str]) -> str:
    return run.group().translate(_FOLDING.scan)


@dataclass(slots=True)
class NormText:
    """An original text with its folded (``norm``) and boundary (``scan``) forms."""

    original: str
    scan: str
    offsets: list[int] | None
    """norm index → original index (length len(norm) + 1); None when they are the same."""
    _norm: str | None = field(default=None, repr=False, compare=False)
    """Folded on first use: only experts' mentions and quotes read it."""
    _token_starts: list[int] | None = field(default=None, repr=False)
    _sentences: tuple[list[tuple[int, int]], list[int]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def norm(self) -> str:
        if self._norm is None:
            self._norm = _fold(self.original)
        return self._norm

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the norm span ``[start, end)``."""
        if self.offsets is None:
            return start, end
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    @property
    def token_starts(self) -> list[int]:
        """Start offsets (in norm) of every token: a word, a Hangul run, or one CJK character."""
        if self._token_starts is None:
            self._token_starts = [m.start() for m in _TOKEN.finditer(self.scan)]
        return self._token_starts

    def tokens_starting(self, start: int, end: int, at_most: int) -> int:
        """How many tokens start at offsets ``start`` to ``end - 1``, counted up to ``at_most``
        (``token_index(b) - token_index(a)`` is this from ``a + 1`` to ``b + 1``): read off the
        token starts if the text was tokenised, else found in that stretch alone."""
        if self._token_starts is not None:
            starts = self._token_starts
            return min(bisect_left(starts, end) - bisect_left(starts, start), at_most)
        return sum(1 for _ in islice(_TOKEN_START.finditer(self.scan, start, end), at_most))

    def token_index(self, offset: int) -> int:
        """The index of the token starting at (or containing) ``offset``."""
        starts = self.token_starts
        return bisect_right(starts, offset) - 1

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the sentence(s) holding the norm span ``[start, end)``, cut to
        :data:`SENTENCE_WINDOW` characters either side of it (a run-on text gives a snippet, not
        a page).

        The text is split into sentences once, on first use: every snippet and quote of an
        article shares the split.
        """
        orig_start, orig_end = self.to_original(start, end)
        if self._sentences is None:
            spans = sentence_spans(self.original)
            self._sentences = (spans, [span_start for span_start, _ in spans])
        spans, starts = self._sentences
        first = max(bisect_right(starts, orig_start) - 1, 0)
        last = first
        while last + 1 < len(spans) and spans[last][1] < orig_end:
            last += 1
        return (
            max(spans[first][0], orig_start - SENTENCE_WINDOW),
            min(spans[last][1], orig_end + SENTENCE_WINDOW),
        )


def normalize(text: str) -> NormText:
    """Fold ``text`` for matching (see the module docstring)."""
    if text.isascii():
        norm = text.lower()
        return NormText(text, norm.translate(_ASCII_SCAN), None, norm)
    # ASCII non-word characters spaced and letters lowered on the UTF-8 bytes (a multi-byte
    # sequence is all bytes >= 0x80: left alone), then each non-ASCII run folded by its table
    lowered = text.encode("utf-8", "surrogatepass").lower().translate(_ASCII_SCAN_BYTES)
    scan = _NON_ASCII.sub(_fold_scan, lowered.decode("utf-8", "surrogatepass"))
    resized = _FOLDING.resized(text)
    if resized is None:
        return NormText(text, scan, None)
    offsets: list[int] = []
    position = 0
    for match in resized.finditer(text):
        index = match.start()
        offsets.extend(range(position, index))
        offsets.extend([index] * len(_FOLDING.norm[ord(match.group())]))
        position = index + 1
    offsets.extend(range(position, len(text) + 1))
    return NormText(text, scan, offsets)


def _fold(text: str) -> str:
    """The ``norm`` form of ``text`` (see :func:`normalize`)."""
    if text.isascii():
        return text.lower()
    lowered = text.encode("utf-8", "surrogatepass").lower()
    return _NON_ASCII.sub(_fold_norm, lowered.decode("utf-8", "surrogatepass"))


def words(text: str) -> list[str]:
    """The words of a term as the matcher sees them: folded runs of word characters.

    A CJK run is one word ("中美关系"); ``U.S.`` is two words (``u``, ``s``); a script change
    splits too ("5G网络" is ``5g``, ``网络``).
    """
    if text.isascii():  # most terms: no folding table, no script change
        return text.lower().translate(_ASCII_SCAN).split()
    return spaced(normalize(text).scan).split()


def spaced(scan: str, changes: list[int] | None = None) -> str:
    """``scan`` with a space put in at each script change (``changes``: the offsets
    :func:`script_changes` gives, if known)."""
    if changes is None:
        changes = script_changes(scan)
    if not changes:
        return scan
    return " ".join(scan[start:end] for start, end in pairwise([0, *changes, len(scan)]))


# Sentences ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(  # each branch starts with a character class: a fast scan
    r"""[.!?](?P<close>["'\u2019\u201d\u00bb)\]]*)\s+"""
    r"""(?=(?:\u00ab\s?|["'\u2018\u201c\u201e(\[])?[^\s\w]?[\w])"""
    r"|[\u3002\uff01\uff1f\u0964\u0965]+(?P<cjk_close>[\u201d\u2019\u300d\u300f\uff09]*)\s*"
    r"|\n\s*"
)
"""Sentence ends: . ! ? then closers and a space before a word, maybe after an opening quote
mark (« Pékin …, with the space French sets inside); 。！？ and the Devanagari danda
। then closing quotes or brackets (”」』）), no space needed; a line break."""
TITLE_ABBREVIATIONS = (
    "mr", "mrs", "ms", "dr", "prof", "sen", "gen", "rep", "maj", "col", "lt", "capt", "sgt", "adm",
    "gov", "rev", "amb", "st", "cmdr", "cdr", "brig", "cpl", "pvt", "supt", "insp",
)  # fmt: skip
"""Titles abbreviated with a full stop before a name ("Rep. Liu", "Lt. Cmdr. Marlow"): no
sentence ends there."""
_ABBREVIATION = re.compile(
    rf"(?:\b(?:{'|'.join(TITLE_ABBREVIATIONS)}|jr|sr|vs|no|jan|feb|mar|apr|"
    r"jun|jul|aug|sep|sept|oct|nov|dec|inc|corp|co|ltd|dept|univ|approx|etc|e\.g|i\.e)\.|"
    r"\b[a-z]\.(?:[a-z]\.)*)$",
    re.IGNORECASE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: ends at . ! ? (not after Mr., U.S. …), newlines and 。！？
    (with the closing quote: ``他说：“好。”`` is one sentence)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group("close") is not None:
            end = match.end("close")  # after the . ! ? and its closers
        elif match.group("cjk_close") is not None:
            end = match.end("cjk_close")
        else:
            end = match.start()  # a line break
        if (
            text[end - 1 : end] == "."
            and "\n" not in match.group()  # "at 9 a.m.\n\n08:41 — …": a line break ends it
            and _ABBREVIATION.search(text, max(0, end - 8), end)
        ):
            continue
        if end > start:
            spans.append((start, end))
        start = match.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def mark(text: str, span: tuple[int, int], marks: list[tuple[int, int]]) -> str:
    """``text[span]`` with each of ``marks`` (original spans inside it) wrapped in «…»."""
    start, end = span
    pieces: list[str] = []
    position = start
    for mark_start, mark_end in _merge([_with_abbreviation_dot(text, m) for m in marks]):
        if mark_start < position or mark_end > end:
            continue
        pieces.append(text[position:mark_start])
        pieces.append(f"«{text[mark_start:mark_end]}»")
        position = mark_end
    pieces.append(text[position:end])
    return " ".join("".join(pieces).split())


_DOTTED = re.compile(r"\b(?:\w\.)+\w\Z")
"""A marked ``U.S`` (the words u and s): its closing dot belongs to it too."""


def _with_abbreviation_dot(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    if text[end : end + 1] == "." and _DOTTED.search(text[start:end]):
        return start, end + 1
    return span


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
