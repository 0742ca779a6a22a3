"""A watched name written in another script: "Donald Trump" as Дональд Трамп, トランプ, 트럼프 or
特朗普, with no alias configured.

Each candidate word of the article in Cyrillic, Greek, katakana, Hangul or transliteration Han
characters is romanised (:func:`anyascii.anyascii`) and reduced to a *sound key*: its consonants
in broad classes, vowels dropped (:func:`sound_key`). "Trump", "Tramp" (Трамп), "toranpu"
(トランプ), "TeuLeomPeu" (트럼프) and "TeLangPu" (特朗普) all read ``trnp``. A candidate is a
mention when its key equals the surname's and the key is distinctive
(:data:`MIN_SURNAME_CONSONANTS`), or when a given name and a surname written in that script
stand together (Дональд Трамп, ドナルド・トランプ).

Candidates, by script:

- Cyrillic and Greek: a capitalised word, also without a Russian case ending (Трампа, Трампом);
- katakana: a run between ・ or other characters (foreign names are written in katakana);
- Hangul: a word, or its first syllables when one to three more (a particle: 트럼프는) follow;
- Han: a run of the characters that the Chinese transliteration of foreign names uses
  (:data:`TRANSLIT_HAN`, after the Xinhua English–Chinese transliteration table), or its start or
  end (特朗普通电话: 特朗普 then 通). Ordinary words are mostly written with other characters, so
  美国总统特朗普表示 leaves 特朗普 alone.

Only for names in Latin script that are not Chinese (a pinyin name's characters are its own
alias to configure); only when the name is not found as written (a configured alias wins).
Chinese transliteration drops a consonant at times (马可 for Marco): those are not found.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii

from alerts.textnorm import NormText

MIN_SURNAME_CONSONANTS = 3
"""A surname alone needs this many consonant classes in its key: "Trump" (trnp) and "Biden"
(ptn) are distinctive in any script, "Rubio" (rp) is not."""
_CLASSES = str.maketrans("bpdtgkcqvfwzsxjlrmn", "ppttkkkkff" + "\x00" + "ssssrrnn")
"""Broad consonant classes: voiced and voiceless alike (transliteration swaps them), l = r,
m = n; w is dropped with the vowels and h and y."""
_DIGRAPHS = (("ph", "f"), ("th", "t"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("ng", "n"))
_DROPPED = re.compile(r"[aeiouyhw\x00]")
_REPEATS = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z]")

TRANSLIT_HAN = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼宾波伯博布查察彻达戴丹道德登迪蒂丁东杜敦顿多厄恩尔法凡范菲芬丰"
    "夫弗福富盖甘冈戈格根古瓜圭哈海汉豪赫黑亨洪胡华怀惠霍基吉加贾杰金卡凯坎康考柯科克肯孔库夸奎昆拉莱"
    "兰朗劳勒雷蕾里理丽利莉连林琳刘留龙隆卢鲁路伦罗洛吕马玛迈麦曼芒梅门蒙孟米密明莫默姆穆纳娜奈南内尼"
    "宁纽努诺欧帕派潘庞佩彭皮珀普奇齐恰乔钦琴琼丘屈萨塞赛桑瑟森沙莎山尚绍舍申圣施什史舒斯松苏索塔泰坦"
    "汤唐特滕提廷通图托瓦万旺威韦维温翁沃乌伍武西希锡夏肖谢辛休许雅亚扬耶伊因英尤于约詹泽扎兹佐朱卓祖"
    "愛鮑貝賓達頓爾豐蓋岡華懷賈傑凱庫誇蘭勞裡麗連劉龍盧魯倫羅呂馬瑪邁麥門納紐諾歐龐齊喬欽瓊薩賽紹聖蘇"
    "湯騰圖萬韋維溫烏錫謝許亞揚約澤紮"
)
"""Han characters of the Xinhua transliteration table for foreign names (simplified, then the
traditional forms that differ)."""
_HAN_RUN = re.compile(f"[{''.join(sorted(TRANSLIT_HAN))}]{{2,}}")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff\u0370-\u03ff]+")
_RU_ENDING = re.compile(r"(?:ом|ем|ым|им|ой|ей|ого|ему|ами|ах)$")
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7af]+")
MAX_PARTICLE = 3
"""Hangul syllables that may follow a name in its word (a particle or copula: 는, 에게, 이라고)."""
_JOINER = re.compile(r"^[\s\u00b7\u30fb\u2027=\uff1d-]?$")
"""What joins a given name and a surname: a space, a middle dot (·, ・), = or nothing."""
_FOREIGN = re.compile(
    f"[\u0400-\u04ff\u0370-\u03ff\u30a1-\u30fa\uac00-\ud7af{''.join(sorted(TRANSLIT_HAN))}]"
)


def sound_key(latin: str) -> str:
    """The consonant classes of a romanised word, vowels dropped ("Trump" → ``trnp``)."""
    text = _NOT_LETTER.sub("", latin.lower())
    for digraph, sound in _DIGRAPHS:
        text = text.replace(digraph, sound)
    text = _DROPPED.sub("", text.translate(_CLASSES))
    return _REPEATS.sub(r"\1", text)


@cache
def _romanised_key(written: str) -> str:
    return sound_key(anyascii(written))


@dataclass(frozen=True, slots=True)
class SoundName:
    """The sound keys of a Latin name: its surname and, when it has one, its first given name."""

    surname: str
    given: str | None

    def distinctive(self) -> bool:
        return len(self.surname) >= MIN_SURNAME_CONSONANTS


def sound_name(parts: list[str]) -> SoundName | None:
    """The keys of a non-Chinese name in Latin letters (its folded words), else None."""
    if not parts or not all(part.isascii() and part.isalpha() for part in parts):
        return None
    surname = sound_key(parts[-1])
    if len(surname) < 2:
        return None
    given = sound_key(parts[0]) if len(parts) > 1 else None
    return SoundName(surname, given or None)


def may_hold(text: str) -> bool:
    """Whether ``text`` has any letter of a script this module reads."""
    return _FOREIGN.search(text) is not None


@dataclass(frozen=True, slots=True)
class Written:
    """A candidate word in the original text and its sound key."""

    start: int
    end: int
    key: str


def candidates(original: str) -> list[Written]:
    """Every candidate name word of the original text (see the module docstring), in order."""
    found: list[Written] = []
    for match in _CYRILLIC_WORD.finditer(original):
        word = match.group()
        if word[0].isupper():
            for stem in dict.fromkeys((word, _RU_ENDING.sub("", word))):
                found.append(Written(match.start(), match.end(), _romanised_key(stem)))
    for match in _KATAKANA_RUN.finditer(original):
        found.append(Written(match.start(), match.end(), _romanised_key(match.group())))
    for match in _HANGUL_WORD.finditer(original):
        word = match.group()
        for size in range(max(2, len(word) - MAX_PARTICLE), len(word) + 1):
            end = match.start() + size
            found.append(Written(match.start(), end, _romanised_key(word[:size])))
    for match in _HAN_RUN.finditer(original):
        run = match.group()
        for size in range(2, len(run) + 1):
            found.append(Written(match.start(), match.start() + size, _romanised_key(run[:size])))
            if size < len(run):
                start = match.end() - size
                found.append(Written(start, match.end(), _romanised_key(run[-size:])))
    found.sort(key=lambda written: (written.start, written.end))
    return found


def mentions(name: SoundName, words: list[Written], original: str) -> Iterator[tuple[int, int]]:
    """Original spans where ``name`` is written in another script: given name and surname
    together, or a distinctive surname alone."""
    given_ends = {
        written.end: written.start for written in words if name.given and written.key == name.given
    }
    for written in words:
        if written.key != name.surname:
            continue
        pair = next(
            (
                start
                for end, start in given_ends.items()
                if end <= written.start and _JOINER.match(original[end : written.start])
            ),
            None,
        )
        if pair is not None:
            yield pair, written.end
        elif name.distinctive():
            yield written.start, written.end


def to_norm(text: NormText, start: int, end: int) -> tuple[int, int]:
    """The norm span of an original span."""
    if text.offsets is None:
        return start, end
    return bisect_left(text.offsets, start), bisect_left(text.offsets, end)
