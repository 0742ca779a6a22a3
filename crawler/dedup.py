"""Content identity: exact fingerprints and MinHash near-duplicates kept in the database.

Settings: ``dedup.window`` (how far back the near-duplicate index looks), ``dedup.lsh_threshold``
(Jaccard similarity the LSH bands are tuned for), ``dedup.confirm_threshold`` (estimated Jaccard or
containment a candidate must reach), ``dedup.num_perm`` and ``dedup.shingle_size``.

Texts are compared after :func:`strip_boilerplate` (datelines, bylines, trailing "Related" blocks)
and :func:`normalise_text` (case, punctuation, whitespace). The LSH index is the ``lsh_bands``
table (:mod:`crawler.storage.lsh_bands`): one row per (band, band hash, article), so a lookup is
``bands`` primary-key probes and the index survives restarts and is shared by every process on the
same database. A signature is compared only with one made the same way (scheme, ``shingle_size``,
``num_perm``): before its first crawl the runner makes the window's others again from their stored
text (:func:`resign`), so an upgrade or a settings change does not silently stop near-duplicates
of the articles already stored from being found.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np

from crawler import minhash
from crawler.storage import articles, lsh_bands

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from sqlalchemy.orm import Session

    from crawler.config import DedupSettings

MIN_EXACT_TOKENS = 20
"""Texts shorter than this never match on fingerprint alone ("Subscribe to read" pages)."""
MIN_NEAR_TOKENS = 60
"""Texts shorter than this (feed summaries, stubs) never join a story on MinHash alone."""
MAX_CANDIDATES = 10
"""Candidates confirmed per lookup, the ones sharing most bands first."""

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
"""A word, or a single CJK character (Chinese/Japanese/Korean text has no spaces)."""

_DATELINE = re.compile(
    r"""^\s*
    (?:[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){0,3})          # BEIJING / HONG KONG / WASHINGTON
    (?:\s*,\s*[A-Z][A-Za-z.]{2,9}\s+\d{1,2}(?:\s*,\s*\d{4})?)?  # , June 5 / , Jan. 5, 2025
    \s*(?:\([^)\n]{1,40}\))?                                  # (Xinhua) / (Reuters)
    \s*(?:--|—|–|-|:)\s+""",
    re.VERBOSE,
)
_BYLINE = re.compile(
    r"^\s*(?:by|from|reporting by|written by)\s+[^\n]{1,80}$|^\s*\((?:reporting|writing|editing)\b"
    r"[^\n]*\)\s*$|^\s*(?:reporting|writing|editing)(?: and \w+)? by\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_TRAILER_HEADING = re.compile(
    r"^\s*(?:related(?:\s+(?:articles?|stories|coverage|content|news|reading|links))?"
    r"|read more|read next|more on this(?: story)?|more from [^\n]{1,40}|see also|recommended"
    r"|you may also like|also read|further reading|most read|popular now)\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE_PROMO = re.compile(
    r"^\s*(?:read more|also read|related|see also|recommended)\s*:[^\n]*$", re.IGNORECASE | re.M
)


def normalise_text(text: str) -> str:
    """Fold case, Unicode forms, punctuation and whitespace: the text two copies share."""
    return " ".join(tokens(text))


_ASCII_ALNUM_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256))
"""A ``bytes.translate`` table: ASCII letters and digits kept, every other byte a space."""


def tokens(text: str) -> list[str]:
    """Words of the text (single characters for CJK), case-folded, punctuation dropped."""
    if text.isascii():  # a flag of the string, no scan
        return _ascii_tokens(text)
    return _unicode_tokens(text)


def _unicode_tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def _ascii_tokens(text: str) -> list[str]:
    """:func:`_unicode_tokens` of an ASCII text, a quarter of its cost: NFKC leaves ASCII as it
    is, case-folding it is ``lower()``, and a token is a run of letters and digits (``_`` is no
    part of one, and no ASCII character is CJK)."""
    return text.lower().encode("ascii").translate(_ASCII_ALNUM_BYTES).decode("ascii").split()


def fingerprint(text: str) -> str:
    """SHA-256 (hex) of the normalised text (case, spacing and punctuation folded)."""
    return _digest(tokens(text))


def _digest(words: Sequence[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def strip_boilerplate(text: str) -> str:
    """Remove what outlets add around a wire story: leading dateline and bylines, promo lines and
    a trailing "Related"/"Read more" block (only in the last half, so a mid-article heading of that
    name never cuts the story short)."""
    body = _remove(_INLINE_PROMO, text)
    body = _remove(_BYLINE, body)
    for heading in _line_matches(_TRAILER_HEADING, body):
        if heading.start() >= len(body) // 2:
            body = body[: heading.start()]
            break
    body = body.strip()
    return _DATELINE.sub("", body, count=1)


def _line_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a multi-line pattern whose every branch starts with ``^``
    and never matches empty: tried only where a line starts, not at each character (an article
    has a dozen lines and thousands of characters; the scan cost ~40 us a pattern)."""
    end = 0
    start = 0
    while start != -1:
        if start >= end:
            match = pattern.match(text, start)
            if match is not None:
                end = match.end()
                yield match
        start = text.find("\n", start)
        if start != -1:
            start += 1


def _remove(pattern: re.Pattern[str], text: str) -> str:
    """``pattern.sub("", text)`` for a pattern :func:`_line_matches` takes."""
    pieces = []
    kept = 0
    for match in _line_matches(pattern, text):
        pieces.append(text[kept : match.start()])
        kept = match.end()
    pieces.append(text[kept:])
    return "".join(pieces)


SCHEME = b"MH2"
"""The mark a stored signature of :func:`minhash_signature`'s scheme opens with. Signatures of
the first scheme (datasketch's SHA-1 of every shingle: 60 % of the MinHash CPU) have no mark; they
are made again from the stored text by :func:`resign` before they are compared again."""
_COUNT = struct.Struct("<I")
_HEADER = len(SCHEME) + 1 + _COUNT.size


@dataclass(frozen=True, slots=True)
class Signature:
    """The MinHash of a text's word shingles and how many distinct shingles it had."""

    hashvalues: np.ndarray
    shingles: int
    shingle_size: int
    """Words per shingle (a signature is comparable only with one made the same way)."""

    def to_bytes(self) -> bytes:
        """``MH2<uint8 shingle size><uint32 shingle count><uint32 × num_perm>``: the
        ``articles.minhash`` column."""
        return (
            stored_layout(self.shingle_size)
            + _COUNT.pack(self.shingles)
            + self.hashvalues.astype("<u4").tobytes()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature | None:
        """The stored signature; None for one of the first scheme (see :data:`SCHEME`)."""
        if not data.startswith(SCHEME):
            return None
        (count,) = _COUNT.unpack_from(data, len(SCHEME) + 1)
        values = np.frombuffer(data, dtype="<u4", offset=_HEADER).astype(np.uint32)
        return cls(values, count, data[len(SCHEME)])

    def comparable(self, other: Signature) -> bool:
        """Made the same way: shingles of as many words, as many permutations."""
        return (self.shingle_size, len(self.hashvalues)) == (
            other.shingle_size,
            len(other.hashvalues),
        )


def stored_layout(shingle_size: int) -> bytes:
    """How a stored signature made with ``shingle_size`` opens: the scheme and the size."""
    return SCHEME + bytes((shingle_size,))


@dataclass(frozen=True, slots=True)
class TextKey:
    """Everything the deduplicator needs from one article text."""

    fingerprint: str
    token_count: int
    signature: Signature | None
    """None when the text is too short for near-duplicate matching."""

    @property
    def exact_matchable(self) -> bool:
        return self.token_count >= MIN_EXACT_TOKENS


def text_key(text: str, settings: DedupSettings, *, partial: bool = False) -> TextKey:
    """Fingerprint and (for full, long enough texts) MinHash of an article body."""
    body = strip_boilerplate(text)
    words = tokens(body)
    signature = None
    if not partial and len(words) >= MIN_NEAR_TOKENS:
        signature = minhash_signature(words, settings.num_perm, settings.shingle_size)
    return TextKey(_digest(words), len(words), signature)


def minhash_signature(words: Sequence[str], num_perm: int, shingle_size: int) -> Signature:
    """MinHash over the distinct ``shingle_size``-word shingles of ``words``.

    A shingle's 32-bit hash is made from its words' CRC-32s (of their UTF-8 bytes), ``h = h *
    SHINGLE_MULTIPLIER + crc`` word by word modulo 2**32, all shingles at once with NumPy: each
    word is hashed once instead of every shingle it is in being joined and hashed with SHA-1 as
    datasketch's default does (0.55 µs a shingle, most of the MinHash's CPU). The signature is
    then datasketch's ``MinHash(scheme="affine32", hashfunc=int).update_batch(hashes)`` of those
    hashes (:mod:`crawler.minhash`), its MurmurHash3 finalizer mixing each hash's bits first.
    Two shingles share a hash by chance about once in 2**32 pairs, as SHA-1's first four bytes did.
    """
    size = min(shingle_size, len(words))
    # one encode of the whole text instead of one per word; split on spaces only when no word
    # has one, so the pieces are the words
    encoded = " ".join(words).encode("utf-8").split(b" ")
    if len(encoded) != len(words):
        encoded = [word.encode("utf-8") for word in words]
    crcs = np.fromiter(map(zlib.crc32, encoded), dtype=np.uint32, count=len(encoded))
    count = len(crcs) - size + 1
    hashes = crcs[:count].copy()
    for offset in range(1, size):
        hashes *= SHINGLE_MULTIPLIER
        hashes += crcs[offset : offset + count]
    distinct = np.unique(hashes)
    return Signature(minhash.signature(distinct, num_perm), len(distinct), shingle_size)


SHINGLE_MULTIPLIER = np.uint32(0x01000193)
"""Odd (so the words' order counts): the 32-bit FNV prime."""


def band_hashes(signature: Signature, settings: DedupSettings) -> list[tuple[int, int]]:
    """(band, signed 64-bit hash) for each LSH band of the signature: BLAKE2b-64 of the band's
    rows as little-endian ``uint32``."""
    bands, rows = minhash.lsh_params(settings.lsh_threshold, settings.num_perm)
    data = signature.hashvalues.astype("<u4").tobytes()
    width = rows * 4
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return [
        (
            band,
            from_bytes(
                blake2b(data[start : start + width], digest_size=8).digest(), "little", signed=True
            ),
        )
        for band, start in enumerate(range(0, bands * width, width))
    ]


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller shingle set in the larger)."""
    jaccard = float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)
    overlap = jaccard * (a.shingles + b.shingles) / (1.0 + jaccard)
    containment = min(1.0, overlap / max(1, min(a.shingles, b.shingles)))
    return jaccard, containment


def confirmed(jaccard: float, containment: float, settings: DedupSettings) -> bool:
    """Whether an LSH candidate is a copy: Jaccard ≥ ``confirm_threshold``, or containment ≥ it
    for a copy with extra material (a pasted related block) — the latter only once the Jaccard
    reaches ``lsh_threshold``, because containment estimated from a MinHash is noise when the
    texts' sizes differ a lot (a 1/128 agreement between a stub and a long feature reads as 0.6)."""
    if jaccard >= settings.confirm_threshold:
        return True
    return containment >= settings.confirm_threshold and jaccard >= settings.lsh_threshold


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    article_id: int
    story_id: int
    jaccard: float
    containment: float


def find_near_duplicate(
    session: Session, signature: Signature, settings: DedupSettings, *, since: datetime
) -> NearDuplicate | None:
    """The most similar indexed article (indexed since ``since``) that passes confirmation.

    The window is applied to the few band rows found (see :func:`crawler.storage.lsh_bands.probe`).
    """
    shared: Counter[int] = Counter(
        article_id
        for article_id, created_at in lsh_bands.probe(session, band_hashes(signature, settings))
        if created_at >= since
    )
    if not shared:
        return None
    ranked = sorted(shared, key=lambda article_id: (-shared[article_id], article_id))
    best: NearDuplicate | None = None
    for article_id, blob, story_id in articles.minhashes(session, ranked[:MAX_CANDIDATES]):
        stored = Signature.from_bytes(blob) if blob is not None and story_id is not None else None
        if stored is None or not stored.comparable(signature):
            continue  # none, or made another way (see resign)
        jaccard, containment = similarity(signature, stored)
        if not confirmed(jaccard, containment, settings):
            continue
        if best is None or (jaccard, -article_id) > (best.jaccard, -best.article_id):
            best = NearDuplicate(article_id, story_id, jaccard, containment)
    return best


def index_signature(
    session: Session,
    article_id: int,
    story_id: int,
    signature: Signature,
    settings: DedupSettings,
    *,
    now: datetime,
    new_article: bool = False,
) -> None:
    """Replace the article's LSH band rows with those of ``signature``.

    ``new_article``: the article was inserted in this transaction, so it has no band rows to
    replace (an earlier article's rows go with it, by cascade, whatever id it had).
    """
    bands = band_hashes(signature, settings)
    if new_article:
        lsh_bands.add(session, article_id, story_id, bands, now=now)
    else:
        lsh_bands.replace(session, article_id, story_id, bands, now=now)


def _stored_size(num_perm: int) -> int:
    return _HEADER + 4 * num_perm


RESIGN_BATCH = 200
"""Articles re-signed in one transaction by :func:`resign`."""


def resign(session: Session, settings: DedupSettings, *, since: datetime) -> int:
    """Make again, from its stored text, the signature and band rows of up to
    :data:`RESIGN_BATCH` articles indexed since ``since`` (the window a lookup compares) whose
    signature was made another way (the first MinHash scheme, another ``shingle_size`` or
    ``num_perm``): a near-duplicate is compared only with signatures made as its own is. Returns
    how many were re-signed (fewer than the batch: none is left). New band rows keep the time of
    the old ones."""
    layout, size = stored_layout(settings.shingle_size), _stored_size(settings.num_perm)
    found = articles.stale_minhashes(session, layout, size, since=since, limit=RESIGN_BATCH)
    for article_id, story_id, text, partial, indexed_at in found:
        signature = text_key(text or "", settings, partial=partial).signature
        articles.set_minhash(session, article_id, signature and signature.to_bytes())
        if signature is None or story_id is None:
            lsh_bands.drop(session, article_id)
        else:
            index_signature(session, article_id, story_id, signature, settings, now=indexed_at)
    return len(found)
