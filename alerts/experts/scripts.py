"""A watched name written in another script: "Donald Trump" as Дональд Трамп, トランプ, 트럼프 or
特朗普, with no alias configured.

Each candidate word of the article in Cyrillic, Greek, katakana, Hangul or transliteration Han
characters is romanised (:func:`anyascii.anyascii`) and reduced to a *sound key*: its consonants,
vowels dropped, in the classes that the scripts merge (:func:`sound_key`). "Trump", "toranpu"
(トランプ), "TeuLeomPeu" (트럼프) and "TeLangPu" (特朗普) all read ``trnp``; Cyrillic and Greek,
which transcribe consonants letter for letter, are compared on the consonants as written
("Tramp", Трамп, and "Trump" read ``trmp``).

A sound match is as often an ordinary word (만든, アンテナ), so an article must *anchor* the name
first: given name and surname together (Дональд Трамп, ドナルド・トランプ, 도널드 트럼프), or a
distinctive surname (:data:`MIN_SURNAME_CONSONANTS`) set with a title (トランプ大統領, 트럼프
대통령, 美国总统特朗普, 特朗普总统) or, in Cyrillic, capitalised inside a sentence. Once anchored,
the surname alone counts too when written with at least :data:`MIN_ALONE_CHARS` characters
(트럼프는, 特朗普表示).

Candidates, by script:

- Cyrillic and Greek: a capitalised word, also without a Russian case ending (Трампа, Трампом);
- katakana: a run between ・ or other characters (foreign names are written in katakana);
- Hangul: a word of three syllables or more, or those before a particle (트럼프는);
- Han: a run of the characters that the Chinese transliteration of foreign names uses
  (:data:`TRANSLIT_HAN`, after the Xinhua English–Chinese transliteration table), or the run
  less one character at either end (特朗普通电话: 通 is one of them too). Ordinary words are
  mostly written with other characters, so 美国总统特朗普表示 leaves 特朗普 alone.

Measured on the labelled corpus (bench/quotes.py's speakers watched in every labelled text):
a sound mention of a watched name that is someone else is rare but possible where two names
share a key (罗林斯, Rollins, for Williams, whose w is dropped).

Only for names in Latin script that are not Chinese (a pinyin name's characters are its own
alias to configure), or whose given name is not pinyin (Victor Gao: Виктор Гао); only when the
name is not found as written (a configured alias wins).
Chinese transliteration drops a consonant at times (马可 for Marco): those are not found.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from alerts.experts.names import CHINESE_SURNAMES, KO_TITLE, pinyin_split
from alerts.textnorm import NormText

KEY_CACHE = 65536
"""Romanised words whose keys are kept (article words are unbounded: the cache must not be)."""
MIN_SURNAME_CONSONANTS = 3
"""A surname alone needs this many consonant classes in its key: "Trump" (trnp) and "Biden"
(ptn) are distinctive in any script, "Rubio" (rp) is not."""
_CLASSES = str.maketrans("cqvzxjlm", "kkbsssrn")
"""Consonant classes that scripts without those sounds merge: l = r, m = n (ン, 朗 for "rum"),
c = q = k, v = b, z = x = j = s. Voicing is kept (바이든 and 拜登 keep Biden's b and d, which
ordinary words of the same shape rarely share); w is dropped with the vowels, h and y."""
_SPELLINGS = str.maketrans("cq", "kk")
"""Letters one sound is spelled with, merged in the fine key too: Victor is Виктор (Viktor)."""
_DIGRAPHS = (("ph", "f"), ("th", "t"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("ng", "n"))
_DROPPED = re.compile(r"[aeiouyhw]")
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
KO_PARTICLE = re.compile(
    "은|는|이|가|을|를|의|에|에게|와|과|도|로|으로|라고|이라고|측|씨|만|부터|까지|보다|처럼|이며|이다"
)
"""What may follow a name in its Hangul word: a particle or copula (트럼프는, 트럼프에게)."""
MIN_ALONE_CHARS = 3
"""Characters (syllables, kana) a surname written alone needs, untitled: 트럼프, 特朗普; two
(만든, 拜登) are as often an ordinary word."""
_JOINER = re.compile(r"^[\s\u00b7\u30fb\u2027=\uff1d-]?$")
"""What joins a given name and a surname: a space, a middle dot (·, ・), = or nothing."""
JA_TITLE = re.compile(
    "\\s*(?:氏|大統領|前大統領|元大統領|次期大統領|首相|長官|国務長官|議員|上院議員|下院議員|外相|"
    "大使|教授|総裁|会長|代表|知事|報道官|特使|さん)"
)
"""A title after a name in katakana (トランプ大統領, ケスラー氏)."""
ZH_TITLES = (
    "总统|總統|国务卿|國務卿|总理|總理|部长|部長|议员|議員|参议员|參議員|众议员|眾議員|大使|主席|"
    "教授|发言人|發言人|首相|外长|外長|总裁|總裁|州长|州長|候选人|候選人|特使|顾问|顧問|院长|院長"
)
ZH_TITLE_AFTER = re.compile(f"(?:{ZH_TITLES}|先生|女士)")
ZH_TITLE_BEFORE = re.compile(f"(?:{ZH_TITLES}|前|学者|學者)$")
"""A title before or after a name in Han characters (美国总统特朗普, 特朗普总统)."""
_FOREIGN = re.compile(
    f"[\u0400-\u04ff\u0370-\u03ff\u30a1-\u30fa\uac00-\ud7af{''.join(sorted(TRANSLIT_HAN))}]"
)


def sound_key(latin: str, *, fine: bool = False) -> str:
    """The consonant classes of a romanised word, vowels dropped ("Trump" → ``trnp``); with
    ``fine``, the consonants themselves ("Trump" → ``trmp``): Cyrillic and Greek transcribe a
    name's consonants letter for letter, so there a coarse key would only add namesakes
    (Полина for Brown)."""
    text = _NOT_LETTER.sub("", latin.lower())
    for digraph, sound in _DIGRAPHS:
        text = text.replace(digraph, sound)
    text = _DROPPED.sub("", text.translate(_SPELLINGS if fine else _CLASSES))
    return _REPEATS.sub(r"\1", text)


@lru_cache(maxsize=KEY_CACHE)
def _romanised_key(written: str, *, fine: bool = False) -> str:
    return sound_key(anyascii(written), fine=fine)


@dataclass(frozen=True, slots=True)
class SoundName:
    """The sound keys of a Latin name: its surname and, when it has one, its first given name."""

    surname: str
    given: str | None
    fine_surname: str
    fine_given: str | None

    def distinctive(self) -> bool:
        return len(self.surname) >= MIN_SURNAME_CONSONANTS

    def all_keys(self) -> tuple[str, ...]:
        """Every key a candidate word may match."""
        return tuple(
            key for key in (self.surname, self.given, self.fine_surname, self.fine_given) if key
        )


def sound_name(parts: list[str]) -> SoundName | None:
    """The keys of a name in Latin letters (its folded words) that is not Chinese, or whose
    given name is not pinyin (Victor Gao), else None."""
    if not parts or not all(part.isascii() and part.isalpha() for part in parts):
        return None
    surname = sound_key(parts[-1])
    pinyin_given = len(parts) < 2 or pinyin_split(parts[0]) is not None
    chinese = parts[0] in CHINESE_SURNAMES or parts[-1] in CHINESE_SURNAMES
    if not surname or (pinyin_given and (chinese or len(surname) < 2)):
        return None  # a short surname (Gao: g) is found only after a given name (Виктор Гао)
    given = sound_key(parts[0]) if len(parts) > 1 else None
    fine_given = sound_key(parts[0], fine=True) if len(parts) > 1 else None
    return SoundName(surname, given or None, sound_key(parts[-1], fine=True), fine_given or None)


def may_hold(text: str) -> bool:
    """Whether ``text`` has any letter of a script this module reads."""
    return _FOREIGN.search(text) is not None


@dataclass(frozen=True, slots=True)
class Written:
    """A candidate word in the original text, its sound key, and whether it is *titled*: set
    as a name is (see :func:`candidates`)."""

    start: int
    end: int
    key: str
    titled: bool
    fine: bool = False
    """The key is a fine one (Cyrillic, Greek: see :func:`sound_key`)."""


def candidates(original: str, wanted: frozenset[str]) -> list[Written]:
    """The candidate name words of the original text (see the module docstring) whose key is
    one of ``wanted`` (the watched names' keys), in order. Whether one is titled is only asked
    of those."""
    found: list[Written] = []
    for match in _CYRILLIC_WORD.finditer(original):
        word = match.group()
        if not word[0].isupper():
            continue
        for stem in dict.fromkeys((word, _RU_ENDING.sub("", word))):
            if (key := _romanised_key(stem, fine=True)) in wanted:
                titled = original[: match.start()].rstrip()[-1:] not in ".!?\n"  # mid-sentence
                found.append(Written(match.start(), match.end(), key, titled, fine=True))
    for match in _KATAKANA_RUN.finditer(original):
        if (key := _romanised_key(match.group())) in wanted:
            titled = JA_TITLE.match(original, match.end()) is not None
            found.append(Written(match.start(), match.end(), key, titled))
    for match in _HANGUL_WORD.finditer(original):
        word = match.group()
        for size in range(MIN_ALONE_CHARS, len(word) + 1):
            if size < len(word) and not KO_PARTICLE.fullmatch(word, size):
                continue
            if (key := _romanised_key(word[:size])) in wanted:
                titled = KO_TITLE.match(original, match.end()) is not None
                found.append(Written(match.start(), match.start() + size, key, titled))
    for match in _HAN_RUN.finditer(original):
        run = match.group()
        sizes = (len(run), len(run) - 1) if len(run) > MIN_ALONE_CHARS else (len(run),)
        for size in sizes:
            for start in dict.fromkeys((match.start(), match.end() - size)):
                end = start + size
                if (key := _romanised_key(original[start:end])) in wanted:
                    titled = ZH_TITLE_AFTER.match(original, end) is not None or (
                        ZH_TITLE_BEFORE.search(original, max(0, start - 8), start) is not None
                    )
                    found.append(Written(start, end, key, titled))
    found.sort(key=lambda written: (written.start, written.end))
    return found


def mentions(name: SoundName, words: list[Written], original: str) -> list[tuple[int, int]]:
    """Original spans where ``name`` is written in another script. Some mention must be
    anchored: given name and surname together, or a distinctive surname set with a title
    (トランプ大統領, 트럼프 대통령, 美国总统特朗普, a capitalised Трамп inside a sentence); then the
    distinctive surname alone counts too (트럼프는 …). Without an anchor, a word of the same
    sound is as likely an ordinary word (만든, アンテナ)."""
    given_ends = {
        written.end: written.start
        for written in words
        if name.given and written.key == (name.fine_given if written.fine else name.given)
    }
    anchored: list[tuple[int, int]] = []
    alone: list[tuple[int, int]] = []
    for written in words:
        if written.key != (name.fine_surname if written.fine else name.surname):
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
            anchored.append((pair, written.end))
        elif name.distinctive() and written.titled:
            anchored.append((written.start, written.end))
        elif name.distinctive() and (
            written.fine or written.end - written.start >= MIN_ALONE_CHARS
        ):
            alone.append((written.start, written.end))
    return sorted(anchored + alone) if anchored else []


def to_norm(text: NormText, start: int, end: int) -> tuple[int, int]:
    """The norm span of an original span."""
    if text.offsets is None:
        return start, end
    return bisect_left(text.offsets, start), bisect_left(text.offsets, end)
