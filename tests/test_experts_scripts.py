"""A watched Latin name written in another script with no alias configured (issue 14):
Cyrillic, katakana, Hangul and Chinese transliteration, in invented articles."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings, WatchlistSettings
from alerts.experts.scripts import candidates, sound_key, sound_name
from alerts.hits import ArticleText, Hit
from alerts.matcher import Matcher


class _Any(frozenset[str]):
    """Every key is wanted: to see what a word reads as."""

    def __contains__(self, key: object) -> bool:
        return True


ANY = _Any()


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    experts = [
        ExpertSettings(id="kessler", name="Martin Kessler"),
        ExpertSettings(id="rossi", name="Anna Rossi"),
        ExpertSettings(id="wang", name="Wang Ming"),
    ]
    return Matcher.compile([WatchlistSettings(name="w", experts=experts)])


def expert_hit(matcher: Matcher, text: str, expert: str = "kessler") -> Hit | None:
    hits = matcher.match(ArticleText(title="", text=text))
    return next((hit for hit in hits if hit.kind == "expert" and hit.id == expert), None)


@pytest.mark.parametrize("written", ["ケスラー", "케슬러", "凯斯勒", "凱斯勒", "Kesler"])
def test_one_sound_key_across_scripts(written: str) -> None:
    whole = [c.key for c in candidates(written, ANY) if c.end - c.start == len(written)]
    key = whole[0] if whole else sound_key(written)
    assert key == sound_key("Kessler") == "ksr"


def test_cyrillic_keeps_the_consonants_as_written() -> None:
    assert [c.key for c in candidates("Кесслер", ANY)] == [sound_key("Kessler", fine=True)]
    assert sound_key("Brown", fine=True) != candidates("Полина", ANY)[0].key  # coarse ones meet


def test_only_the_wanted_keys_are_candidates() -> None:
    assert [c.key for c in candidates("Кесслер и Полина", frozenset({"kslr"}))] == ["kslr"]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Мартин Кесслер заявил журналистам, что переговоры продолжатся до конца года.",
         "переговоры продолжатся до конца года."),
        ("Об этом говорил и Кесслером названный план. «Мы не спешим», – сказал он.",
         "Мы не спешим"),
        ("マーティン・ケスラー氏は「交渉は年末まで続く」と述べた。", "交渉は年末まで続く"),
        ('케슬러 교수는 "협상은 연말까지 계속된다"고 말했다.', "협상은 연말까지 계속된다"),
        ("美国学者凯斯勒表示：“谈判将持续到年底。”", "谈判将持续到年底。"),
    ],
)  # fmt: skip
def test_a_latin_name_is_found_in_another_script(matcher: Matcher, text: str, quote: str) -> None:
    hit = expert_hit(matcher, text)
    assert hit is not None
    assert (hit.mention, hit.quote) == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        "美国学者凯斯勒表示：“谈判将持续到年底。”",  # Rossi's key (rs) is too short alone
        "Иван Рос заявил, что всё в порядке.",
        "他们在会上讨论了不少问题。",  # ordinary words: not transliteration characters
    ],
)
def test_a_short_or_absent_surname_is_not_found(matcher: Matcher, text: str) -> None:
    assert expert_hit(matcher, text, "rossi") is None


def test_a_given_name_and_surname_together_are_found_even_when_short(matcher: Matcher) -> None:
    hit = expert_hit(matcher, "Анна Росси заявила, что всё в порядке.", "rossi")
    assert hit is not None and hit.mention == "quoted"


def test_chinese_names_in_pinyin_are_not_sounded_out(matcher: Matcher) -> None:
    # a pinyin name's characters are its own alias to configure: 汪敏 is not him
    assert sound_name(["wang", "ming"]) is None
    assert sound_name(["anna", "rossi"]) is not None
    assert expert_hit(matcher, "汪敏和万明表示，谈判将持续到年底。", "wang") is None


def test_the_name_as_written_wins_over_a_sound_match(matcher: Matcher) -> None:
    text = "Martin Kessler said talks go on. Кесслер добавил, что всё в порядке."
    hit = expert_hit(matcher, text)
    assert hit is not None and hit.quote == "talks go on."


@pytest.mark.parametrize(
    "text",
    [
        # an untitled surname with no anchor in the article: as likely an ordinary word
        "会上凯斯勒表示：“谈判将持续到年底。”",
        # two syllables are too few to tell a name from a word, titled or not
        '케슬 교수는 "협상은 연말까지 계속된다"고 말했다.',
    ],
)
def test_an_unanchored_or_short_sound_match_is_no_mention(matcher: Matcher, text: str) -> None:
    assert expert_hit(matcher, text) is None


def test_once_anchored_the_surname_alone_follows_up(matcher: Matcher) -> None:
    text = '케슬러 교수가 방한했다. 케슬러는 "협상은 연말까지 계속된다"고 말했다.'
    hit = expert_hit(matcher, text)
    assert hit is not None and hit.quote == "협상은 연말까지 계속된다"


def test_a_western_given_name_before_a_chinese_surname_is_sounded_out() -> None:
    experts = [ExpertSettings(id="gao", name="Victor Gao")]
    matcher = Matcher.compile([WatchlistSettings(name="w", experts=experts)])
    text = "«Пекин не уступит», — заявил Виктор Гао, бывший дипломат."
    hit = next(hit for hit in matcher.match(ArticleText(title="", text=text)) if hit.id == "gao")
    assert (hit.mention, hit.quote) == ("quoted", "Пекин не уступит")
    # the short surname alone is no mention, and a pinyin given name is not sounded out
    assert not matcher.match(ArticleText(title="", text="Гао выступил на форуме."))
    assert sound_name(["wang", "gao"]) is None
