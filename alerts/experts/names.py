"""Name variants of a watched expert: pinyin orders and splits, middle names, the id slug."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from alerts.textnorm import is_cjk, words

if TYPE_CHECKING:
    from alerts.config import ExpertSettings

# The most common Chinese surnames in pinyin: a first word from this list means family-name-first.
CHINESE_SURNAMES = frozenset(
    """
    ai an bai ban bao bi bian cai cao cen chai chang chen cheng chi chu cui dai deng di diao ding
    dong dou du duan fan fang fei feng fu gan gao ge geng gong gu guan guo han hao he hong hou hu
    hua huang ji jia jiang jin kang kong lai lan lei li liang liao lin ling liu long lou lu luo lv
    ma mao mei meng mi miao min mo mu ni nie niu ou pan pang pei peng qi qian qiao qin qiu qu ran
    ren rong ruan shao shen sheng shi song su sun tan tang tao tian tong wan wang wei wen weng wu
    xi xia xiang xiao xie xin xiong xu xue yan yang yao ye yi yin ying yu yuan yue zeng zha zhai
    zhan zhang zhao zheng zhong zhou zhu zhuang zou zuo
    """.split()  # noqa: SIM905
)

# Common Japanese and Korean surnames in romanisation: a two-word Japanese name or a Korean name
# with a two-syllable given name (Park Ji-hoon) may be written in either order.
JAPANESE_SURNAMES = frozenset(
    """
    sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada
    sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki ikeda hashimoto yamashita
    ishikawa nakajima maeda fujita ogawa goto okada hasegawa murakami kondo ishii saito sakamoto
    aoki fujii nishimura fukuda miura fujiwara okamoto matsuda nakagawa kishida suga motegi kono
    koizumi nakanishi takaichi ishiba kawaguchi noda hatoyama miyazawa takeda uchida
    """.split()  # noqa: SIM905
)
KOREAN_SURNAMES = frozenset(
    """
    kim lee yi park choi jung jeong kang cho yoon jang lim han oh seo shin kwon hwang ahn song
    yoo hong jeon ko moon yang son bae baek heo nam noh ha kwak sung cha joo woo min ryu
    """.split()  # noqa: SIM905
)
_INITIALS = "b p m f d t n l g k h j q x zh ch sh r z c s y w".split()  # noqa: SIM905
_FINALS = [
    "a",
    "o",
    "e",
    "ai",
    "ei",
    "ao",
    "ou",
    "an",
    "en",
    "ang",
    "eng",
    "ong",
    "er",
    "i",
    "ia",
    "ie",
    "iao",
    "iu",
    "ian",
    "in",
    "iang",
    "ing",
    "iong",
    "u",
    "ua",
    "uo",
    "uai",
    "ui",
    "uan",
    "un",
    "uang",
    "ueng",
    "v",
    "ve",
    "van",
    "vn",
    "ue",
]
PINYIN_SYLLABLES = frozenset(
    {initial + final for initial in _INITIALS for final in _FINALS}
    | {final for final in _FINALS if final[0] in "aoe"}
)
"""An over-inclusive set of pinyin syllables (initial × final), enough to split given names."""

TITLES = frozenset(
    """
    mr mrs ms miss dr prof professor president premier minister ambassador secretary senator
    director chairman chairwoman chair dean general gen spokesman spokeswoman spokesperson vice
    foreign state defense commerce trade analyst scholar researcher expert economist former envoy
    governor mayor rep representative sen lawmaker official adviser advisor fellow
    herr frau monsieur madame mme senor senora sr sra signor signora sig dott dottor dottoressa
    senhor senhora professeur professora profesor profesora prasident prasidentin ministerin
    botschafter ambassadeur ambassadrice ancien ancienne ministre embajador embajadora
    ambasciatore ex
    """.split()  # noqa: SIM905
)

OFFICES = tuple(
    tuple(title.split())
    for title in (
        "president", "vice president", "senator", "sen", "secretary", "governor", "gov",
        "rep", "ambassador", "chancellor", "prime minister", "premier", "professor", "prof",
    )
)  # fmt: skip
"""Offices that, before a surname written last, name the person ("President Trump" for Donald
Trump, as news style writes him after the first mention or throughout). Not for a Chinese
surname, shared by too many ("Minister Wang"), nor "Mr."/"Mrs.", which may be a spouse."""

HEAD_OFFICES = tuple(
    tuple(title.split()) for title in ("president", "vice president", "premier", "vice premier")
)
"""Offices that, before a Chinese surname that few share, name the person ("President Xi" for
Xi Jinping: one head of state, one premier, where "Minister Wang" is many ministers)."""
COMMON_CHINESE_SURNAMES = frozenset(
    """
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang
    xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei
    su lu ding ren shen yao jin cui fan fu wen zhong
    """.split()  # noqa: SIM905
)
"""The Chinese surnames that the most people bear: "President Wang" may be a university's or a
firm's, so a head office names no one by them (see :data:`HEAD_OFFICES`)."""

# Surnames that are also English words: a sentence-initial "He said" is not a follow-up of He Jia.
ENGLISH_SURNAMES = frozenset(
    "he an so ma ye long fan wan song tan ran pan gong sun tang hu yu ban mo bi lu du di ding "  # noqa: SIM905
    "gu ni bao".split()
)
FOREIGN_WORD_SURNAMES = frozenset("ma hu yu mo bi lu du di ding gu ni bao".split())  # noqa: SIM905
"""Those of :data:`ENGLISH_SURNAMES` that are words of other languages, not English ones
(Italian "Ma", French "Du", Spanish "Ni"): sentence-initial before an English verb, they are
the surname ("Ma briefly addressed reporters")."""

_SLUG = re.compile(r"[^\w]+")
HAN_NAME_LENGTH = 4
HAN_TITLE = re.compile(
    "氏|首相|外相|総理|大臣|長官|知事|議員|教授|主席|特首|先生|女士|投手|選手|監督|社長|会長|"
    "代表|大使|部長|[发發]言人"
)
"""A title or honorific after a surname in Han characters (岸田氏, 林鄭特首)."""
HAN_FOLLOW_UP_TITLE = re.compile(
    "教授|博士|先生|女士|主任|院[长長]|所[长長]|研究[员員]|大使|[部局处處][长長]|[总總]理|[总總][统統]|"
    "主席|[议議][员員]|律[师師]|老[师師]|[发發]言人|氏|さん|社[长長]|[会會][长長]|委[员員][长長]|[总總]裁|"
    "知事|首相|[外蔵防]相|大臣|[长長]官|理事[长長]|市[长長]|董事[长長]|[总總][经經]理"
)
"""A title after the family name of a two- or three-character name in Han characters that
follows the person up when their introduction used it (中国人民大学教授张明 … 张教授表示,
北村誠社長 … 北村社長), or 氏, Japanese news style's title for anyone after the first mention
(田中浩教授 … 田中氏は)."""
HAN_FOLLOW_UP_BEFORE = re.compile(
    "[据據对對向了和与與及的是在称稱说說问問请請让讓给給被由为為见見]$"
)
"""Han characters a titled family name may follow (据张教授介绍, 采访了张教授); any other Han
character before it may be a word it ends (主张教授: "advocates professors")."""
HAN_WORDS_AFTER_NAME = re.compile(
    "[的和与與及等在是也又还還都曾再便却卻仍才先笑对對向将將就被把给給]|[来來]|而言"
    "|[所常](?=[说說讲講言述称稱写寫指])"
)
"""Han characters that follow a name as words of their own (张明的, 张明和李华, 张明等, 张明又说,
对张明来说, 正如张明所说, 张明常说): no given name's last character."""
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "  # noqa: SIM905
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
"""First names that are months or days too (May, June, April): never followed up alone."""
HANGUL_NAME = re.compile("[\uac00-\ud7af]{2,4}")
"""A Korean name: two to four Hangul syllables, the first the family name."""
HANGUL_ATTACHED = re.compile(
    "(?:씨|님|군|양)?(?:은|는|이|가|도|의|와|과|를|을|에게|에게서|한테|께서|께|만|조차|까지|랑|이랑"
    "|하고|로|으로|이라고|라고|이다|다|였다|이었다|이며|이자|에|에서)?"
)
"""What Korean writes onto a name with no space: an honorific (김민수씨, 최영호씨도), then a
particle (김민수는, 김민수가, 김민수의); any other syllable makes another name (김민수진)."""
KO_TITLE = re.compile(
    r"\s+(?:전\s+|현\s+)?(?P<title>대통령|대변인|장관|차관|교수|주석|총리|의원|대표|위원장|원장|대사|"
    r"총장|부장|국장|실장|회장|사장|연구원|연구위원|위원|특보|당선인|후보|씨)"
)
"""A title after a Korean family name (이 대통령은, 장 대변인은)."""
POLISH_ENDINGS = (("kgi", ("i", "e")), ("nmwbpfsz", ("y", "e", "ie")), ("cdhlrt", ("y", "e")))
"""The Polish genitive, accusative (folded: Annę is anne) and locative of a first name in -a,
by the last letter of its stem: Olgi, Olgę; Marii, Marię; Anny, Annę, Annie; Marty, Martę
(Marcie, Magdzie change the stem: not made)."""
POLISH_LETTERS = re.compile("[\u0105\u0119\u0142\u0144\u015b\u017a\u017c\u0107]", re.IGNORECASE)
"""Letters only Polish among the languages read (ą ę ł ń ś ź ż ć): text around a declined name
must hold :data:`MIN_POLISH_LETTERS` of them within :data:`POLISH_REACH` characters."""
MIN_POLISH_LETTERS = 2
POLISH_REACH = 200
POLISH_OBJECT_ENDINGS = ("owi", "em", "iem")
"""A Polish man's surname in the dative and instrumental (Trumpowi, Trumpem): said to or met
with, never the speaker."""
GERMANIC_LETTERS = re.compile("[\u00e4\u00f6\u00fc\u00df\u00e5\u00e6\u00f8]", re.IGNORECASE)
"""Letters of German and the Scandinavian languages (ä ö ü ß å æ ø), whose genitive adds -s to
a name: text around such a mention must hold :data:`MIN_POLISH_LETTERS` of them within
:data:`POLISH_REACH` characters too."""
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
RUSSIAN_WORD = re.compile("[\u0430-\u044f\u0451]+")
"""A lower-case Russian word, as written (ё and й kept: the case endings depend on them)."""
RUSSIAN_SURNAME = re.compile(
    "[\u0430-\u044f](?:(?P<she>ова|ева|ёва|ина|ына|ская|цкая)|(?P<he>ов|ев|ёв|ин|ын|ский|цкий))$"
)
"""A Russian surname's ending, which tells its bearer's gender (Петров, Петрова)."""
MAX_UNDECLINED_SURNAME = 3
"""Letters up to which a surname in Cyrillic is left undeclined: Ким, Цой, Мин, Ли are Korean
or Chinese, and Мина, Кима would be other people."""
GENITIVE_CUE = re.compile(
    r"(?<!\w)(?:по\s+(?:словам|мнению|данным|оценке|оценкам|информации|подсчетам|версии)|со\s+слов"
    r"|слова|заявлени[еяюи]|позици[яию]|мнени[еяи]|у|от|для|без|против|после|до|около|вместо"
    r"|кроме|визит|встреча|выступлени[еяю])\s+(?:[\w-]+\s+){0,3}$"
)
"""Words a genitive follows, maybe past a title (по словам главы МИД Сергея Иванова), read in
folded text: only after one is Иванова Иванов's genitive rather than a woman's name."""
RUSSIAN_MEN_IN_A = frozenset(["никита", "илья", "фома", "кузьма", "лука", "савва", "данила"])
"""Men's first names ending in -а or -я, which decline as women's do (Никиты, Илье)."""
RUSSIAN_HUSHING = "гкхжшчщ"
"""Letters after which the genitive -ы is written -и (Ольги, Миши)."""
NAME_DOTS = "\u00b7\u30fb\u2027\u2022"
"""The middle dots between the given and the family name of a Western name written in Han
characters or katakana (马克·温斯顿, 馬克‧溫斯頓, マイケル・トンプソン)."""
DOTTED_FAMILY_LENGTH = 3
"""Han characters from which the family name of a dotted name is followed up before any word
(温斯顿对前景并不乐观): a transliteration that long is no common word (a shorter one, 布朗, is
in 布朗大学, and needs a title, particle or verb after it as other Han surnames do)."""


def is_hangul(char: str) -> bool:
    """A Hangul syllable."""
    return bool(char) and "\uac00" <= char <= "\ud7af"


def is_han(char: str) -> bool:
    """A Han character (not kana): what a name in Chinese or Japanese characters is written in."""
    return _HAN.match(char) is not None


@dataclass(frozen=True, slots=True)
class NameForms:
    """The folded word sequences that make a full mention, and the surname for follow-ups."""

    variants: tuple[tuple[str, ...], ...]
    family: str | None
    script_families: tuple[str, ...]
    """Surnames of aliases in another script than the name, followed up as their script is:
    the first syllable of a name in Hangul (장 of 장샤오강), only before a title (장 대변인은,
    이 대통령은: Korean news style after the first mention), and the family name of a
    four-character alias in Han characters (中西 of 中西浩二 for "Nakanishi Koji"), before a
    title, particle or speech verb (中西氏は); the family name of a Western name written with a
    middle dot (温斯顿 of 马克·温斯顿, トンプソン of マイケル・トンプソン); the last word of an
    alias in another alphabet (शर्मा of राहुल शर्मा, Берг of Анна Берг), followed up as a
    surname is."""
    spread: tuple[tuple[str, str], ...]
    """(first, last) word pairs that may have middle names or initials between them."""
    titled_families: tuple[tuple[str, str], ...] = ()
    """(family name, given name) of two- or three-character names in Han characters (张 of 张明,
    高 of 高志凯, and 田中 of 田中浩, which may be Japanese), followed up only before the title
    that introduced the person (see :data:`HAN_FOLLOW_UP_TITLE`)."""
    declined: tuple[tuple[str, ...], ...] = ()
    """The name declined as Polish declines it: a feminine first name in -a (Anny, Annę, Annie
    Berg for Anna Berg; Anną Berg folds to Anna Berg), a man's name ending in a consonant
    (Donalda Trumpa, Donaldowi Trumpowi, Donaldem Trumpem; Joe Bidena; Xi Jinpinga). Other
    languages' names too (Annie, Anne), so a mention only in Polish text (see
    :data:`POLISH_LETTERS`)."""
    genitive: tuple[tuple[str, ...], ...] = ()
    """The name in the German and Scandinavian genitive (Donald Trumps Zölle, Xi Jinpings
    Besuch): "Peters" of "John Peter" is someone else in English, so a mention only in text
    with those languages' letters (see :data:`GERMANIC_LETTERS`)."""
    given: str | None = None
    """The first name of a name written family name last (Curtis of Curtis Henning): news
    style names a person by it where their family shares the surname ("Curtis said")."""
    gender: str | None = None
    """"he" or "she" as a Russian spelling of the name tells it (Петров, Петрова), if one does."""
    cued: tuple[tuple[str, ...], ...] = ()
    """The name in Russian cases that read as a woman's name too (:attr:`RussianCases.cued_full`):
    a mention only after a genitive cue (see :data:`GENITIVE_CUE`)."""
    cued_families: tuple[str, ...] = ()
    """The surname alone in those cases (:attr:`RussianCases.cued_surnames`)."""
    object_cases: frozenset[str] = frozenset()
    """The surname in the Russian dative and instrumental (:attr:`RussianCases.object_cases`),
    the Polish ones and the German genitive: said to, met with or owned by, never the speaker."""
    oblique_cases: frozenset[str] = frozenset()
    """The last word of the name in any case but the nominative (Цзиньпина, Trumpa, Trumps):
    never the one an interview's introduction presents ("о встрече Си Цзиньпина и Трампа он
    рассказал “Ъ”" is the interviewee's)."""


def pinyin_split(word: str) -> list[str] | None:
    """``mingjiang`` → ``["ming", "jiang"]``: the split into fewest pinyin syllables, if any."""
    return _pinyin_split(word)


@cache
def _pinyin_split(word: str) -> list[str] | None:
    if not word:
        return []
    best: list[str] | None = None
    for size in range(min(6, len(word)), 0, -1):
        head = word[:size]
        if head in PINYIN_SYLLABLES:
            rest = _pinyin_split(word[size:])
            if rest is not None and (best is None or len(rest) + 1 < len(best)):
                best = [head, *rest]
    return best


def name_forms(name: str, aliases: Sequence[str] = ()) -> NameForms:
    """All variants of a name and its aliases (see the module docstring)."""
    variants: list[tuple[str, ...]] = []
    spread: list[tuple[str, str]] = []
    name_words = words(name)
    tokens = name.split()
    if len(tokens) == 3 and _family_first(" ".join(tokens[1:])):  # Alice Leung Wai-man
        family, forms, pairs = _forms_of(words(" ".join(tokens[1:])), " ".join(tokens[1:]))
        forms = [tuple(name_words), *forms, (name_words[0], family)]  # and "Alice Leung"
    else:
        family, forms, pairs = _forms_of(name_words, name)
    family_first = len(name_words) > 1 and family == name_words[0]  # Zhang Wenlong, Sato Kenji
    variants.extend(forms)
    spread.extend(pairs)
    others: list[str] = []
    spellings = _in_both_scripts([name, *aliases])  # the name's own other script is an alias
    for alias in spellings[1:]:
        parts = words(alias)
        alias_family, forms, pairs = _forms_of(parts, alias)
        variants.extend(forms)
        spread.extend(pairs)
        if alias_family is not None and is_han(alias_family[0]) and family != alias_family:
            others.append(alias_family)
        if len(parts) > 1 and any(dot in alias for dot in NAME_DOTS):
            others.append(parts[-1])  # 马克·温斯顿 … 温斯顿表示; マイケル・トンプソン … トンプソン
        elif len(parts) > 1 and not any(map(is_cjk, alias)) and not alias.isascii():
            # राहुल शर्मा … शर्मा ने कहा; Анна Берг … Берг сказала; Чжан Вэньлун … сказал Чжан
            others.append(parts[0] if family_first else parts[-1])
    hangul = next(
        (written[0] for written in (name, *aliases) if HANGUL_NAME.fullmatch(written.strip())),
        None,
    )
    if hangul is not None:
        others.append(hangul)
    titled = [
        (parts[0][:size], parts[0][size:])
        for written in spellings
        if len(parts := words(written)) == 1
        and 2 <= len(parts[0]) <= 3
        and all(map(is_han, parts[0]))
        for size in range(1, len(parts[0]))
    ]
    latin = [parts for written in spellings if _latin_name(parts := words(written))]
    nominatives = {words(written)[-1] for written in spellings if words(written)}
    polish = [form for parts in latin for form in _polish_masculine(parts, family_first)]
    declined = [*(form for parts in latin for form in _declined(parts)), *polish]
    genitive = [(*parts[:-1], parts[-1] + "s") for parts in latin if parts[-1][-1] not in "sxz"]
    russian = [_russian_cases(written, family_first=family_first) for written in spellings]
    for found in russian:
        variants.extend(found.full)
        others.extend(found.surnames)
    genders = {found.gender for found in russian if found.gender is not None}
    western_first = (
        len(name_words) >= 2
        and family in (name_words[-1], name_words[1])
        and name_words[0] not in CALENDAR_WORDS
    )
    one_word = bool(tokens) and "-" not in tokens[0]  # not Jean-Marc: a follow-up is one word
    given = name_words[0] if western_first and one_word and not any(map(is_cjk, name)) else None
    return NameForms(
        tuple(dict.fromkeys(variants)),
        family,
        tuple(dict.fromkeys(others)),
        tuple(dict.fromkeys(spread)),
        tuple(dict.fromkeys(titled)),
        tuple(dict.fromkeys(declined)),
        tuple(dict.fromkeys(genitive)),
        given,
        genders.pop() if len(genders) == 1 else None,
        tuple(dict.fromkeys(form for found in russian for form in found.cued_full)),
        tuple(dict.fromkeys(form for found in russian for form in found.cued_surnames)),
        frozenset(form for found in russian for form in found.object_cases)
        | {form[-1] for form in genitive}
        | {form[-1] for form in polish if form[-1].endswith(POLISH_OBJECT_ENDINGS)},
        frozenset(
            form[-1]
            for form in (
                *(form for found in russian for form in (*found.full, *found.cued_full)),
                *declined,
                *genitive,
            )
            if form[-1] not in nominatives
        ),
    )


def _latin_name(parts: list[str]) -> bool:
    """A name of two or more words in plain Latin letters, which other languages decline."""
    return len(parts) >= 2 and all(part.isascii() and part.isalpha() for part in parts)


def _polish_masculine(parts: list[str], family_first: bool) -> list[tuple[str, ...]]:
    """The genitive, dative and instrumental of a name whose last word ends in a consonant, as
    Polish declines a man's name (see :attr:`NameForms.declined`): a Western first name ending
    in a consonant declines too, the family name before an East Asian given name does not."""
    *before, last = parts
    if last[-1] in "aeiouy" or (not family_first and before[0][-1] == "a"):
        return []  # nor a woman's surname (Anna Berg: see _declined)
    declines = not family_first and len(before) == 1 and before[0][-1] not in "aeiouy"
    return [
        (*(word + ending if declines else word for word in before), last + ending)
        for ending in ("a", "owi", "iem" if last[-1] in "kg" else "em")
    ]


def _declined(parts: list[str]) -> list[tuple[str, ...]]:
    """The Polish case forms of a two-word name with a feminine first name in -a (see
    :data:`POLISH_ENDINGS`), its surname unchanged (Anny Berg)."""
    if len(parts) != 2:
        return []
    first, family = parts
    if len(first) < 3 or not first.endswith("a") or {first, family} & CHINESE_SURNAMES:
        return []
    stem = first[:-1]
    endings = next((ends for letters, ends in POLISH_ENDINGS if stem[-1] in letters), ())
    return [(stem + ending, family) for ending in endings]


@dataclass(slots=True)
class RussianCases:
    """A Russian name's oblique cases, folded (see :func:`_russian_cases`)."""

    full: list[tuple[str, ...]] = field(default_factory=list)
    """The whole name in the cases no other name is in (Сергею Иванову, с Сергеем Ивановым)."""
    surnames: list[str] = field(default_factory=list)
    """The surname alone in those cases, for follow-ups (Иванову, Ивановым)."""
    cued_full: list[tuple[str, ...]] = field(default_factory=list)
    """The whole name in the genitive and accusative where it reads as a woman's too (Сергея
    Иванова; Александра Петрова is also Alexandra): only after a genitive cue."""
    cued_surnames: list[str] = field(default_factory=list)
    """The surname alone in those cases (Иванова), only after a genitive cue."""
    object_cases: list[str] = field(default_factory=list)
    """A man's surname in the dative and instrumental: said to or met with, never the speaker."""
    gender: str | None = None


def _russian_cases(written: str, *, family_first: bool = False) -> RussianCases:
    """A Russian name in Cyrillic (first name, patronymic if any, surname of four letters or
    more) in the oblique cases news copy writes it in (По словам Сергея Иванова, с Анной
    Петровой, по словам Иванова), and the gender its surname tells. Nothing for a name in another
    script or of another shape (Ли Мин: Мина is someone else).

    ``family_first``: an East Asian name written family name first (Си Цзиньпин for Xi Jinping):
    only its last word, the given name, declines, as a noun does (с Си Цзиньпином, Си Цзиньпину),
    and its ending tells no gender (Цзиньпин is no Russian surname in -ин)."""
    parts = written.lower().split()
    if not 2 <= len(parts) <= 3 or not all(RUSSIAN_WORD.fullmatch(part) for part in parts):
        return RussianCases()
    if family_first:
        return _east_asian_cases(parts)  # Ли Цяна: a short given name declines too
    if len(parts[-1]) <= MAX_UNDECLINED_SURNAME:
        return RussianCases()
    first, surname = parts[0], parts[-1]
    ending = RUSSIAN_SURNAME.search(surname)
    gender = ending.lastgroup if ending is not None else None  # Фан Сяоюй may be a woman
    feminine = gender == "she" or (
        gender is None and first[-1] in "ая" and first not in RUSSIAN_MEN_IN_A
    )
    cases = [
        _russian_word_cases(part, feminine, surname=at == len(parts) - 1)
        for at, part in enumerate(parts)
    ]
    forms = list(zip(*cases, strict=True))
    if len(parts) == 3:  # Сергея Лаврова as well as Сергея Викторовича Лаврова
        forms += [(one, other) for one, _, other in forms]
    nominative = words(surname)[0]
    found = RussianCases(gender=gender)
    for form in forms:
        reads_as_hers = not feminine and RUSSIAN_SURNAME.search(form[-1]) is not None
        (found.cued_full if reads_as_hers else found.full).append(tuple(words(" ".join(form))))
        case_surname = words(form[-1])[0]
        if case_surname != nominative:  # Анны Берг: the surname alone does not decline
            (found.cued_surnames if reads_as_hers else found.surnames).append(case_surname)
    if not feminine:  # not Паулину, Джину: nominatives that do not decline
        found.object_cases.extend(
            words(form)[0] for form in (cases[-1][1], cases[-1][3]) if form != surname
        )
    return found


def _east_asian_cases(parts: list[str]) -> RussianCases:
    """The cases of an East Asian name in Cyrillic, family name first (see
    :func:`_russian_cases`): its given name declined as a masculine first name is, the words
    before it unchanged; the dative and instrumental are said to or met with."""
    cases = _russian_word_cases(parts[-1], feminine=False, surname=False)
    found = RussianCases()
    found.full.extend(tuple(words(" ".join([*parts[:-1], case]))) for case in cases)
    found.object_cases.extend(words(form)[0] for form in (cases[1], cases[3]) if form != parts[-1])
    return found


def _russian_word_cases(word: str, feminine: bool, *, surname: bool) -> tuple[str, ...]:
    """The genitive, dative, accusative, instrumental and prepositional of one word of a Russian
    name; the word itself five times where it does not decline (Шойгу, Лукашенко, and a
    woman's surname ending in a consonant: Анна Берг)."""
    if word.endswith(("ский", "цкий", "ской", "цкой", "ый")) and surname and not feminine:
        stem = word[:-2]
        instrumental = "им" if word.endswith("ий") else "ым"
        return stem + "ого", stem + "ому", stem + "ого", stem + instrumental, stem + "ом"
    if word.endswith(("ская", "цкая")) and feminine:
        stem = word[:-2]
        return stem + "ой", stem + "ой", stem + "ую", stem + "ой", stem + "ой"
    if surname and feminine and RUSSIAN_SURNAME.search(word):  # Петрова: Петровой, Петрову
        stem = word[:-1]
        return stem + "ой", stem + "ой", stem + "у", stem + "ой", stem + "ой"
    if word.endswith("ия"):  # Мария: Марии, Марию, Марией
        stem = word[:-1]
        return stem + "и", stem + "и", stem + "ю", stem + "ей", stem + "и"
    if word.endswith("я") and (feminine or word in RUSSIAN_MEN_IN_A):  # Илья, Наталья
        stem = word[:-1]
        return stem + "и", stem + "е", stem + "ю", stem + "ей", stem + "е"
    if word.endswith("а") and (feminine or word in RUSSIAN_MEN_IN_A or not surname):
        stem = word[:-1]
        genitive = stem + ("и" if stem[-1] in RUSSIAN_HUSHING else "ы")
        return genitive, stem + "е", stem + "у", stem + "ой", stem + "е"
    if feminine:
        return (word,) * 5
    if word.endswith("ий"):  # Дмитрий: Дмитрия, Дмитрию, Дмитрием, Дмитрии
        stem = word[:-1]
        return stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "и"
    if word.endswith(("й", "ь")):  # Сергей: Сергея, Сергею, Сергеем, Сергее; Игорь: Игоря
        stem = word[:-1]
        return stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "е"
    if word[-1] in "аеёиоуыэюя":
        return (word,) * 5
    instrumental = (
        "ым" if surname and RUSSIAN_SURNAME.search(word) else "ем" if word[-1] in "жшчщц" else "ом"
    )
    return word + "а", word + "у", word + "а", word + instrumental, word + "е"


def _in_both_scripts(aliases: Sequence[str]) -> list[str]:
    """The spellings, first as given, and those in Han characters in the other script too:
    高志凯 is 高志凱 in Hong Kong and Taiwan copy (converted by OpenCC, phrase-aware)."""
    found: dict[str, None] = {}
    for alias in aliases:
        found[alias] = None
        if any(map(is_han, alias)):
            for convert in _converters():
                found[convert(alias)] = None
    return list(found)


@cache
def _converters() -> tuple[Callable[[str], str], ...]:
    import opencc  # only a watchlist with Han aliases needs it

    return tuple(opencc.OpenCC(config).convert for config in ("s2t.json", "t2s.json"))


def _forms_of(
    parts: list[str], written: str = ""
) -> tuple[str | None, list[tuple[str, ...]], list[tuple[str, str]]]:
    """The family name, the full-mention variants and the spread pairs of a name's folded
    ``parts``, as ``written`` (case kept) says which word is which."""
    if not parts:
        return None, [], []
    if any(is_cjk(char) for char in "".join(parts)):
        return _han_family(parts), [tuple(parts)], []
    if len(parts) == 1:
        return None, [tuple(parts)], []
    hyphenated = "-" in written
    either_order = _japanese_or_korean(parts[0], parts, hyphenated) or _japanese_or_korean(
        parts[-1], parts, hyphenated
    )
    family_first = None if either_order else _family_first(written)
    if either_order and parts[-1] in KOREAN_SURNAMES and hyphenated:
        family, given = parts[-1], parts[:-1]  # Ji-hoon Park
        chinese = False
    elif parts[0] in CHINESE_SURNAMES:
        family, given = parts[0], parts[1:]
        chinese = True
    elif family_first is not None:  # Yeh Shu-fen, Shu-fen Yeh: the given name is hyphenated
        family, given = (parts[0], parts[1:]) if family_first else (parts[-1], parts[:-1])
        either_order, chinese = True, False
    elif _japanese_or_korean(parts[0], parts, hyphenated):
        family, given = parts[0], parts[1:]  # Sato Kenji, Park Ji-hoon
        chinese = False
    else:
        family, given = parts[-1], parts[:-1]
        chinese = family in CHINESE_SURNAMES and pinyin_split("".join(given)) is not None
    forms: list[tuple[str, ...]] = [tuple(parts)]
    pairs: list[tuple[str, str]] = []
    if either_order and not chinese:  # Kenji Sato, Sato Kenji; Park Jihoon, Ji-hoon Park
        joined = "".join(given)
        for given_form in dict.fromkeys([tuple(given), (joined,)]):
            forms.append((family, *given_form))
            forms.append((*given_form, family))
        return family, list(dict.fromkeys(forms)), pairs
    if chinese:
        joined = "".join(given)
        syllables = pinyin_split(joined) or [joined]
        for given_form in dict.fromkeys([tuple(given), (joined,), tuple(syllables)]):
            forms.append((family, *given_form))
            forms.append((*given_form, family))
        if family not in COMMON_CHINESE_SURNAMES:
            forms.extend((*title, family) for title in HEAD_OFFICES)
    else:
        if len(parts) > 2:
            forms.append((parts[0], family))
        pairs.append((parts[0], family))
        if family not in CHINESE_SURNAMES:
            forms.extend((*title, family) for title in OFFICES)
    return family, forms, pairs


def _family_first(written: str) -> bool | None:
    """Whether a two-word name whose given name alone is hyphenated with a lower-case second
    syllable (Wade-Giles, Taiwanese and Cantonese romanisation: Yeh Shu-fen, Leung Ho-man) is
    written family name first; None for any other name. A capital after the hyphen is a
    double-barrelled surname (Vanda Felbab-Brown)."""
    tokens = written.split()
    if len(tokens) != 2:
        return None
    given = [
        index
        for index, token in enumerate(tokens)
        if len(halves := token.split("-")) == 2
        and all(half.isalpha() for half in halves)
        and halves[1][0].islower()
    ]
    if len(given) != 1 or "-" in tokens[1 - given[0]]:
        return None
    return given[0] == 1


def _japanese_or_korean(surname: str, parts: list[str], hyphenated: bool) -> bool:
    """Whether ``surname`` makes the name Japanese (two words) or Korean (a hyphenated given
    name, three words once the hyphen splits it: Park Ji-hoon), so written in either order."""
    if len(parts) == 2 and surname in JAPANESE_SURNAMES:
        return True
    return hyphenated and len(parts) == 3 and surname in KOREAN_SURNAMES


def _han_family(parts: list[str]) -> str | None:
    """The family name of a four-character name in Han characters: its first two (岸田文雄,
    菅野智之, 歐陽振華, 林鄭月娥). A three-character name's one-character surname is too common
    a character to follow up on its own."""
    if len(parts) == 1 and len(parts[0]) == HAN_NAME_LENGTH and all(map(is_han, parts[0])):
        return parts[0][:2]
    return None


def expert_id(expert: ExpertSettings) -> str:
    """The configured id, else a slug of the name ("Victor Gao" → ``victor-gao``)."""
    return expert.id or _SLUG.sub("-", " ".join(words(expert.name))).strip("-")
