"""crawler.dedup: normalisation, fingerprints, boilerplate stripping, MinHash and its DB index."""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pytest
from datasketch import MinHash
from sqlalchemy import delete, func, insert, select

from crawler import dedup
from crawler.config import DedupSettings
from crawler.db import Database
from crawler.dedup import (
    MIN_NEAR_TOKENS,
    Signature,
    band_hashes,
    confirmed,
    find_near_duplicate,
    fingerprint,
    index_signature,
    minhash_signature,
    normalise_text,
    similarity,
    strip_boilerplate,
    text_key,
    tokens,
)
from crawler.dedup import _ascii_tokens as ascii_tokens
from crawler.dedup import _unicode_tokens as unicode_tokens
from crawler.minhash import lsh_params
from crawler.storage.lsh_bands import add_many
from crawler.storage.lsh_bands import prune as prune_index
from crawler.storage.tables import Article, LshBand, Source, Story

SETTINGS = DedupSettings()
NOW = datetime(2025, 6, 5, 12, 0, tzinfo=UTC)


def words(n: int, seed: int) -> str:
    rng = np.random.default_rng(seed)
    vocabulary = [f"w{i}" for i in range(5000)]
    return " ".join(rng.choice(vocabulary, size=n))


def test_normalise_folds_case_punctuation_space_and_width() -> None:
    assert normalise_text("  The U.S.–China   TALKS,\n resumed!  ") == "the u s china talks resumed"
    assert normalise_text("ＡＢＣ　１２３") == "abc 123"


def test_cjk_text_tokenises_per_character() -> None:
    assert tokens("中美贸易 talks") == ["中", "美", "贸", "易", "talks"]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S.-China TALKS_resumed at 10:30, said Li (Xinhua)--again!",
        "snake_case and CamelCase, x2 and 2x; tabs\tand\nnew lines\x0b\x1c\x1f\x7f end",
        "__init__ ___ 3.14 $100 e-mail @handle #tag ~tilde `tick` [brackets] {braces} |pipe|",
        "",
        "   \r\n\f ",
        "".join(chr(code) for code in range(128)),
    ],
)
def test_the_ascii_shortcut_gives_the_unicode_path_tokens(text: str) -> None:
    assert text.isascii()
    assert ascii_tokens(text) == unicode_tokens(text)


def test_fingerprint_ignores_formatting_but_not_words() -> None:
    a = fingerprint("China and the U.S. agreed, on Friday, to talk.")
    assert a == fingerprint("china and the u.s. agreed on friday to talk")
    assert a != fingerprint("China and the U.S. refused, on Friday, to talk.")
    assert len(a) == 64


@pytest.mark.parametrize(
    "dateline",
    [
        "BEIJING, June 5 (Xinhua) -- ",
        "WASHINGTON (Reuters) - ",
        "HONG KONG, Jan. 5, 2025 (AP) — ",
        "TAIPEI — ",
        "SHANGHAI: ",
    ],
)
def test_strip_boilerplate_removes_leading_dateline(dateline: str) -> None:
    body = "Officials met on Thursday to discuss tariffs.\n\nThe talks lasted two days."
    assert strip_boilerplate(dateline + body) == body


def test_strip_boilerplate_removes_bylines_and_trailing_related_block() -> None:
    body = "\n\n".join(f"Paragraph {i} of the story about trade." for i in range(8))
    text = (
        "By Jane Doe and John Roe\n\n"
        + body
        + "\n\n(Reporting by Jane Doe; Editing by Sam Smith)\n\nRelated\n\nOther story one\n\nTwo"
    )
    assert strip_boilerplate(text) == body


def test_strip_boilerplate_keeps_an_early_heading_named_related() -> None:
    text = "Intro line.\n\nRelated\n\n" + "\n\n".join(f"Paragraph {i}." for i in range(10))
    assert "Paragraph 9." in strip_boilerplate(text)


def test_strip_boilerplate_removes_inline_read_more_lines() -> None:
    text = "First paragraph.\n\nRead more: Why tariffs matter\n\nSecond paragraph."
    assert "Read more" not in strip_boilerplate(text)
    assert "Second paragraph." in strip_boilerplate(text)


FRAGMENTS = [
    "\n",
    "\n\n",
    " ",
    "\t",
    "\r",
    ":",
    "Related",
    "related stories",
    "Read more:",
    "READ MORE",
    "See also: the talks",
    "By Jane Doe",
    "from our desk",
    "(Reporting by Li; editing by Wu)",
    "(Writing)",
    "Reporting and editing by Bo",
    "Recommended",
    "more from the desk",
    "x" * 90,
    "The minister said on Friday.",
    "编辑",
    "\u2028",
    "\x0b",
    "by",
    "()",
]


@pytest.mark.parametrize("seed", range(40))
def test_line_start_matching_is_the_regex_scan(seed: int) -> None:
    """The boilerplate patterns are tried only at line starts: the same matches as scanning
    every character, on texts of random lines of promo, byline and heading pieces."""
    rng = np.random.default_rng(seed)
    text = "".join(rng.choice(FRAGMENTS, size=int(rng.integers(0, 60))))
    for pattern in (dedup._INLINE_PROMO, dedup._BYLINE, dedup._TRAILER_HEADING):
        spans = [match.span() for match in dedup._line_matches(pattern, text)]
        assert spans == [match.span() for match in pattern.finditer(text)]
        assert dedup._remove(pattern, text) == pattern.sub("", text)


def test_strip_boilerplate_does_not_eat_an_ordinary_first_sentence() -> None:
    text = "China and the United States agreed to talk - officials said on Friday."
    assert strip_boilerplate(text) == text


def test_text_key_short_or_partial_texts_have_no_signature() -> None:
    assert text_key(words(MIN_NEAR_TOKENS - 1, 1), SETTINGS).signature is None
    assert text_key(words(300, 1), SETTINGS, partial=True).signature is None
    key = text_key(words(300, 1), SETTINGS)
    assert key.signature is not None and key.exact_matchable
    assert not text_key("Subscribe to read", SETTINGS).exact_matchable


def test_signature_round_trips_through_bytes() -> None:
    signature = text_key(words(300, 2), SETTINGS).signature
    assert signature is not None
    restored = Signature.from_bytes(signature.to_bytes())
    assert restored.shingles == signature.shingles
    assert np.array_equal(restored.hashvalues, signature.hashvalues)
    assert restored.shingle_size == SETTINGS.shingle_size
    assert len(signature.to_bytes()) == 8 + 4 * SETTINGS.num_perm
    assert Signature.from_bytes(_first_scheme(words(300, 2))) is None  # not comparable


def test_similarity_of_copies_and_strangers() -> None:
    base = words(400, 3)
    same = text_key(base, SETTINGS).signature
    copy = text_key("WASHINGTON (Reuters) - " + base + " extra closing words here", SETTINGS)
    other = text_key(words(400, 4), SETTINGS).signature
    assert same is not None and copy.signature is not None and other is not None
    jaccard, containment = similarity(same, copy.signature)
    assert jaccard > 0.9 and containment > 0.9
    jaccard, containment = similarity(same, other)
    assert jaccard < 0.1


def test_confirmation_needs_jaccard_or_supported_containment() -> None:
    assert confirmed(0.75, 0.8, SETTINGS)
    assert confirmed(0.62, 0.9, SETTINGS)
    assert not confirmed(0.01, 0.65, SETTINGS)  # noisy containment of a stub in a long text
    assert not confirmed(0.5, 0.6, SETTINGS)


def test_lsh_parameters_fit_num_perm_and_threshold() -> None:
    bands, rows = lsh_params(0.6, 128)
    assert bands * rows <= 128
    # The S-curve's midpoint (1/b)^(1/r) sits near the configured threshold.
    assert abs((1 / bands) ** (1 / rows) - 0.6) < 0.1
    assert lsh_params(0.8, 128)[1] > rows


@pytest.mark.parametrize("count", [1, 4, 5, 61, 2000])
def test_minhash_signature_is_datasketch_minhash_of_the_shingle_hashes(count: int) -> None:
    """The vectorised shingle hashes and shared permutations give exactly datasketch's own
    MinHash of those hashes."""
    text = tokens(words(count, seed=count))
    signature = _assert_datasketch_minhash(text)
    again = minhash_signature(text, SETTINGS.num_perm, SETTINGS.shingle_size)
    assert np.array_equal(again.hashvalues, signature.hashvalues)


@pytest.mark.parametrize(
    "text",
    [
        ["中", "美", "贸", "易", "会", "谈", "在", "北", "京", "举", "行", "双", "方"],
        ["naïve", "café", "über", "straße", "ﬁne", "ǅemal", "x", "señor", "crème"],
        ["two words", "one", "", "three more here", "end"],  # not tokens: kept word by word
    ],
)
def test_minhash_signature_of_any_words_is_datasketch_minhash(text: list[str]) -> None:
    """A shingle's hash is made of its words' UTF-8 bytes, whatever the words hold."""
    _assert_datasketch_minhash(text)


def test_a_shingle_hash_depends_on_its_words_order() -> None:
    forward = minhash_signature(["a", "b", "c", "d"], SETTINGS.num_perm, 4)
    backward = minhash_signature(["d", "c", "b", "a"], SETTINGS.num_perm, 4)
    assert not np.array_equal(forward.hashvalues, backward.hashvalues)


def _shingle_hashes(text: list[str], size: int) -> set[int]:
    """Each shingle's hash as :func:`minhash_signature` documents it, one word at a time."""
    crcs = [zlib.crc32(word.encode()) for word in text]
    hashes = set()
    for start in range(len(text) - size + 1):
        value = 0
        for crc in crcs[start : start + size]:
            value = (value * 0x01000193 + crc) % 2**32
        hashes.add(value)
    return hashes


def _assert_datasketch_minhash(text: list[str]) -> Signature:
    """``minhash_signature(text)``, checked equal to datasketch's MinHash of its shingles'
    hashes."""
    size = min(SETTINGS.shingle_size, len(text))
    hashes = _shingle_hashes(text, size)
    reference = MinHash(num_perm=SETTINGS.num_perm, seed=1, scheme="affine32", hashfunc=int)
    reference.update_batch(list(hashes))
    signature = minhash_signature(text, SETTINGS.num_perm, SETTINGS.shingle_size)
    assert signature.shingles == len(hashes)
    assert np.array_equal(signature.hashvalues, reference.hashvalues)
    return signature


def _first_scheme(text: str) -> bytes:
    """The ``articles.minhash`` the first scheme stored for ``text``: datasketch's MinHash of
    its shingles' SHA-1, no mark."""
    found = tokens(strip_boilerplate(text))
    size = SETTINGS.shingle_size
    shingles = {" ".join(found[i : i + size]).encode() for i in range(len(found) - size + 1)}
    sketch = MinHash(num_perm=SETTINGS.num_perm, seed=1, scheme="affine32")
    sketch.update_batch(list(shingles))
    return struct.pack("<I", len(shingles)) + sketch.hashvalues.astype("<u4").tobytes()


def test_band_hashes_are_signed_64_bit_and_deterministic() -> None:
    signature = text_key(words(300, 5), SETTINGS).signature
    assert signature is not None
    bands = band_hashes(signature, SETTINGS)
    assert len(bands) == lsh_params(SETTINGS.lsh_threshold, SETTINGS.num_perm)[0]
    assert all(-(2**63) <= value < 2**63 for _, value in bands)
    assert bands == band_hashes(Signature.from_bytes(signature.to_bytes()), SETTINGS)


def test_band_hashes_and_fingerprint_are_those_already_stored() -> None:
    """The values sinowatch computes for this text with the ``MH2`` scheme (band rows and
    fingerprints already in databases must keep matching new pages; a signature of the first
    scheme is made again before it is compared: see the ``resign`` tests)."""
    key = text_key(words(300, 21), SETTINGS)
    assert key.signature is not None
    bands = band_hashes(key.signature, SETTINGS)
    assert bands[:3] == [
        (0, 7415889414011889974),
        (1, 3227534599446249058),
        (2, 580341058965046330),
    ]
    assert bands[-1] == (17, -616555128409250042)
    assert key.fingerprint == "9cc99643f3c17f49842451b0bf6ee00397fa9e8c445c7130e85f96f93b221b68"


def _stored(database: Database, text: str, *, at: datetime = NOW) -> tuple[int, int]:
    key = text_key(text, SETTINGS)
    assert key.signature is not None
    with database.transaction() as session:
        if session.get(Source, "s") is None:
            session.add(Source(id="s", name="S", kind="feed"))
        story = Story(title="t")
        session.add(story)
        session.flush()
        article = Article(
            canonical_url=f"https://example.com/{key.fingerprint}",
            url="https://example.com/",
            source_id="s",
            text=text,
            minhash=key.signature.to_bytes(),
            fingerprint=key.fingerprint,
            story_id=story.id,
        )
        session.add(article)
        session.flush()
        index_signature(session, article.id, story.id, key.signature, SETTINGS, now=at)
        return article.id, story.id


def test_index_finds_a_copy_in_a_new_session_and_respects_the_window(
    any_database: Database,
) -> None:
    database = any_database
    base = words(300, 6)
    article_id, story_id = _stored(database, base)
    _stored(database, words(300, 7))
    copy = text_key("BEIJING, June 5 (Xinhua) -- " + base + "\n\nRelated\n\na b c", SETTINGS)
    assert copy.signature is not None
    reopened = Database(database.url)
    with reopened.session() as session:
        match = find_near_duplicate(session, copy.signature, SETTINGS, since=NOW - timedelta(1))
        assert match is not None
        assert (match.article_id, match.story_id) == (article_id, story_id)
        assert (
            find_near_duplicate(session, copy.signature, SETTINGS, since=NOW + timedelta(1)) is None
        )
        stranger = text_key(words(300, 8), SETTINGS).signature
        assert stranger is not None
        assert find_near_duplicate(session, stranger, SETTINGS, since=NOW - timedelta(1)) is None
    reopened.dispose()


def test_reindexing_replaces_band_rows_and_prune_drops_old_ones(any_database: Database) -> None:
    database = any_database
    article_id, story_id = _stored(database, words(300, 9), at=NOW - timedelta(days=30))
    _stored(database, words(300, 10))
    bands = lsh_params(SETTINGS.lsh_threshold, SETTINGS.num_perm)[0]
    with database.transaction() as session:
        signature = text_key(words(300, 11), SETTINGS).signature
        assert signature is not None
        index_signature(session, article_id, story_id, signature, SETTINGS, now=NOW)
        count = select(func.count()).select_from(LshBand).where(LshBand.article_id == article_id)
        assert session.scalar(count) == bands
    with database.transaction() as session:
        assert prune_index(session, before=NOW - timedelta(days=7)) == 0
        assert prune_index(session, before=NOW + timedelta(seconds=1)) == 2 * bands
        assert session.scalar(select(func.count()).select_from(LshBand)) == 0


def test_band_rows_are_written_as_sqlalchemy_writes_them(any_database: Database) -> None:
    """``add_many`` sends rows to the driver itself: each value as the ORM's INSERT stores it
    (a non-UTC time stored as UTC, 64-bit hashes of either sign)."""
    database = any_database
    first, story_id = _stored(database, words(300, 12))
    second, _ = _stored(database, words(300, 13))
    bands = [(0, -(2**63)), (1, 2**63 - 1), (2, 7)]
    at = datetime(2025, 6, 5, 20, 0, 1, 123456, tzinfo=timezone(timedelta(hours=8)))
    with database.transaction() as session:
        session.execute(delete(LshBand))
        session.execute(
            insert(LshBand),
            [
                {"band": b, "hash": h, "article_id": first, "story_id": story_id, "created_at": at}
                for b, h in bands
            ],
        )
        add_many(session, [(second, story_id, bands)], now=at)
        rows = session.connection().exec_driver_sql(
            "SELECT article_id, band, hash, story_id, created_at FROM lsh_bands"
        )
        by_article: dict[int, set[tuple[object, ...]]] = {first: set(), second: set()}
        for article_id, *values in rows:
            by_article[article_id].add(tuple(values))
    assert len(by_article[first]) == len(bands)
    assert by_article[second] == by_article[first]


def _stored_first_scheme(database: Database, text: str, *, at: datetime = NOW) -> int:
    """An article stored by the first scheme: its unmarked signature and its band rows."""
    article_id, story_id = _stored(database, text, at=at)
    legacy = _first_scheme(text)
    with database.transaction() as session:
        session.execute(
            Article.__table__.update()
            .where(Article.id == article_id)
            .values(minhash=legacy, updated_at=at, first_seen=at)
        )
        # the first scheme's band rows: band hashes of its values
        values = np.frombuffer(legacy, dtype="<u4", offset=4).astype(np.uint32)
        first = Signature(values, 0, SETTINGS.shingle_size)
        index_signature(session, article_id, story_id, first, SETTINGS, now=at)
    return article_id


def test_a_signature_of_the_first_scheme_is_made_again_then_found(any_database: Database) -> None:
    database = any_database
    base = words(300, 31)
    article_id = _stored_first_scheme(database, base)
    outside = _stored_first_scheme(database, words(300, 32), at=NOW - timedelta(days=30))
    copy = text_key("BEIJING, June 5 (Xinhua) -- " + base, SETTINGS).signature
    assert copy is not None
    since = NOW - SETTINGS.window
    with database.session() as session:  # not comparable: never taken for (or against) a copy
        assert find_near_duplicate(session, copy, SETTINGS, since=since) is None
    with database.transaction() as session:
        assert dedup.resign(session, SETTINGS, since=since) == 1
    with database.transaction() as session:
        assert dedup.resign(session, SETTINGS, since=since) == 0  # nothing left
        match = find_near_duplicate(session, copy, SETTINGS, since=since)
        assert match is not None and match.article_id == article_id
        stored = session.get(Article, article_id)
        assert stored is not None and stored.minhash is not None
        assert stored.minhash.startswith(dedup.SCHEME)
        assert stored.updated_at.replace(tzinfo=UTC) == NOW  # not an edit of the article
        band_times = session.scalars(
            select(LshBand.created_at).where(LshBand.article_id == article_id)
        ).all()
        assert {moment.replace(tzinfo=UTC) for moment in band_times} == {NOW}
        old = session.get(Article, outside)
        assert old is not None and old.minhash is not None
        assert not old.minhash.startswith(dedup.SCHEME)  # outside the window: left alone


def test_an_older_article_indexed_again_in_the_window_is_signed_again(
    any_database: Database,
) -> None:
    """A revised article: first seen long ago, its band rows made within the window (a lookup
    compares it), so its signature is made again too, its band rows keeping their time."""
    database = any_database
    article_id = _stored_first_scheme(database, words(300, 36))
    with database.transaction() as session:
        session.execute(
            Article.__table__.update()
            .where(Article.id == article_id)
            .values(first_seen=NOW - timedelta(days=60))
        )
        assert dedup.resign(session, SETTINGS, since=NOW - SETTINGS.window) == 1
        stored = session.get(Article, article_id)
        assert stored is not None and stored.minhash is not None
        assert stored.minhash.startswith(dedup.SCHEME)
        times = session.scalars(select(LshBand.created_at).where(LshBand.article_id == article_id))
        assert {moment.replace(tzinfo=UTC) for moment in times} == {NOW}


def test_other_dedup_settings_make_the_window_signed_again(any_database: Database) -> None:
    database = any_database
    article_id, _ = _stored(database, words(300, 33))
    wider = DedupSettings(shingle_size=5, num_perm=64)
    since = NOW - SETTINGS.window
    with database.transaction() as session:
        assert dedup.resign(session, SETTINGS, since=since) == 0  # made as these settings make it
        assert dedup.resign(session, wider, since=since) == 1
        stored = session.get(Article, article_id)
        assert stored is not None and stored.minhash is not None
        restored = Signature.from_bytes(stored.minhash)
        assert restored is not None
        assert (restored.shingle_size, len(restored.hashvalues)) == (5, 64)
        bands = lsh_params(wider.lsh_threshold, wider.num_perm)[0]
        count = select(func.count()).select_from(LshBand).where(LshBand.article_id == article_id)
        assert session.scalar(count) == bands
        # the same text signed the other way finds it only once made the same way
        text = words(300, 33)
        wide, narrow = text_key(text, wider).signature, text_key(text, SETTINGS).signature
        assert wide is not None and narrow is not None and not narrow.comparable(wide)
        assert find_near_duplicate(session, wide, wider, since=since) is not None
        assert find_near_duplicate(session, narrow, SETTINGS, since=since) is None


def test_a_text_too_short_now_loses_its_signature_and_band_rows(any_database: Database) -> None:
    database = any_database
    article_id = _stored_first_scheme(database, words(300, 34))
    with database.transaction() as session:
        session.execute(
            Article.__table__.update().where(Article.id == article_id).values(text="Too short now")
        )
        assert dedup.resign(session, SETTINGS, since=NOW - SETTINGS.window) == 1
        stored = session.get(Article, article_id)
        assert stored is not None and stored.minhash is None
        count = select(func.count()).select_from(LshBand).where(LshBand.article_id == article_id)
        assert session.scalar(count) == 0
