"""Watched experts: name variants, follow-up mentions, and how each mention reads.

Variants generated from ``name`` and each Latin-script alias:

- Chinese names (first word a common Chinese surname, e.g. ``Wang Yong``): both orders
  (Wang Yong / Yong Wang), and the given name joined, hyphenated or spaced by pinyin syllables
  (Li Mingjiang / Li Ming-jiang / Li Ming Jiang / Mingjiang Li);
- other names: as written, and first + last word when a middle name is configured; in the text a
  first and last name may have up to two capitalised middle names or initials between them
  (Denis F. Simon, Denis Fred Simon);
- possessives ("Gao's") and accents need nothing: matching is on folded words.

A *full mention* is any variant or alias. The surname alone ("Gao emphasized") counts only after
a full mention in the same article, and not when the surname is ambiguous there: two watched
experts with that surname are both mentioned, or another person with it appears (``Li Qiang``,
``Kevin Li``).
``context`` terms (an affiliation) must appear somewhere in the article, else namesakes are ignored.
When they do, the quote and snippet come first from mentions tied to a context term (in their
appositive, sentence or paragraph), and never from a namesake described as someone else
("Wang Yong, a Shanghai restaurateur, said …") while a tied mention exists.

Each hit says how the expert appears: ``byline`` (in the article's authors or a "By …" line),
``quoted`` (attributed speech: "said Victor Gao", "Gao said", "Gao told CGTN", "according to Gao",
a quotation next to the name and a speech verb, or the quotation just after a sentence or colon
that only introduces it: "Gao put it bluntly." / "Gao warned:" then "…" in the next sentence or
paragraph, unless another speaker is attached to it) with the quote, else ``mentioned``.
The quote is the expert's quotation in quote marks wherever it is in the article; without one,
the reported speech in the body ("Gao said the talks would resume"); only then the headline's
paraphrase ("Ties can steady, Victor Gao says" → "Ties can steady").
Chinese attribution counts the same way: 高志凯表示：“……”, “……”，高志凯说。, 据高志凯介绍，……,
a title before the name (中国与全球化智库副主任高志凯指出); it is only looked for when CJK text is
near the mention, so English articles never run those patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from alerts.termscan import FieldScan, Occurrence, TermIndex, Unit
from alerts.textnorm import EAST_ASIAN_RANGES, NormText, has_cjk, is_cjk, mark, normalize, words

if TYPE_CHECKING:
    from alerts.hits import Mention
    from sinowatch.settings import ExpertSettings


def folded(pattern: str) -> str:
    """A pattern as folded text reads (:func:`normalize` drops accents and dakuten: "déclaré"
    is "declare" there, 述べ is 述へ)."""
    return normalize(pattern).norm


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

_TITLES = frozenset(
    """
    mr mrs ms miss dr prof professor president premier minister ambassador secretary senator
    director chairman chairwoman chair dean general gen spokesman spokeswoman spokesperson vice
    foreign state defense commerce trade analyst scholar researcher expert economist former envoy
    governor mayor rep representative sen lawmaker official adviser advisor fellow
    """.split()  # noqa: SIM905
)

# Surnames that are also English words: a sentence-initial "He said" is not a follow-up of He Jia.
_ENGLISH_SURNAMES = frozenset(
    "he an so ma ye long fan wan song tan ran pan gong sun tang hu yu ban mo bi lu du di ding "  # noqa: SIM905
    "gu ni bao".split()
)

_VERBS = (
    r"said|says|say|told|tells|added|adds|noted|notes|argued|argues|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|warned|warns|explained|explains|observed|observes|remarked|"
    r"commented|comments|wrote|writes|believes|believed|thinks|insisted|insists|acknowledged|"
    r"cautioned|cautions|suggested|suggests|predicted|predicts|pointed out|points out|concluded|"
    r"contended|contends|maintained|maintains|asserted|asserts|claimed|claims|declared|replied|"
    r"responded|recalled|urged|urges|estimated|estimates|put it|puts it|continued|asked|agreed|"
    r"agrees|disagreed|described|describes|called|calls|expects|expected|"
    r"(?:released|issued)\s+a\s+(?:joint\s+)?statement(?:\s+saying)?|"
    + folded(
        "sagte|sagt|erklärte|betonte|schrieb|ergänzte|a déclaré|a dit|a affirmé|a ajouté|"
        "a expliqué|a estimé|a souligné|a assuré|a écrit|a indiqué|déclare|affirme|"
        "ha detto|ha dichiarato|ha aggiunto|ha spiegato|ha affermato|ha scritto|"
        "ha sottolineato|dijo|afirmó|declaró|señaló|explicó|aseguró|añadió|escribió|"
        "disse|afirmou|declarou|powiedział|napisał|stwierdził|oświadczył|dodał|"
        "сказал|сказала|заявил|заявила|отметил|отметила|написал|написала|подчеркнул"
    )
)
"""Speech verbs: English, then German, French, Italian, Spanish, Portuguese, Polish, Russian."""
_ADVERBS = r"also|later|then|further|previously|once|has|had|have|recently|again|separately"
_AFTER_NAME = re.compile(
    rf"""(?:\s*\([^)\n]{{0,80}}\))?(?:\s+of\s+[^",.\n;:]{{1,80}}?(?=\s))?"""
    rf"""(?:\s*,[^"\n;]{{1,200}}?,)?\s*(?:(?:{_ADVERBS})\s+)*"""
    rf"(?:{_VERBS})\b"
)
_NAME_WORD = (
    r"(?:(?:mr|mrs|ms|dr|prof|sen|gen|rep|maj|col|lt|capt|sgt|adm|gov|rev|amb|[a-z])\.\s+"
    r"|[\w'-]+,?\s+)"
)
"""A word between a speech verb and a name ("said former ambassador Gao"); no sentence ends."""
_BEFORE_NAME = re.compile(
    rf"""(?:["',:]\s*(?:-\s*)?(?:{_VERBS})|\baccording\s+to|\bquoting|\bin\s+the\s+words\s+of)"""
    rf"""\s+{_NAME_WORD}{{0,8}}$"""
)
_QUOTE_THEN_NAME = re.compile(rf"""^"?[\s,]*(?:-\s*)?(?:(?:{_VERBS})\s+)?{_NAME_WORD}{{0,8}}$""")
_COLON_QUOTE = re.compile(r'(?:\s*\([^)\n]{0,80}\))?\s*:\s*(?=")')
"""A name, maybe its role in brackets, a colon and a quotation: 'Marco Rose (coach): "…"'."""
_DASHED_BEFORE = re.compile(rf"-\s*(?:{_VERBS})\s+{_NAME_WORD}{{0,5}}$")
_DASHED_AFTER = re.compile(r"(?:\s*,[^-\n\"]{0,80})?\s*-")
"""An attribution set in dashes inside the quotation: "Il mondo - ha dichiarato Joe Biden - …"."""
_QUOTATION = re.compile(
    r'"(?P<straight>[^"\n]{2,3000}(?:\n\s*"[^"\n]{2,3000})*)"'
    "|\u201c(?P<curly>[^\u201c\u201d]{1,3000}(?:\n\\s*\u201c[^\u201c\u201d]{1,3000})*)\u201d"
    "|\u201e(?P<low>[^\u201c\u201d\u201e\n]{1,3000})[\u201c\u201d]"
    "|\u00ab(?P<guillemets>[^\u00ab\u00bb]{1,3000})\u00bb"
    "|\u00bb(?P<reversed>[^\u00ab\u00bb\n]{1,3000})\u00ab"
    "|\u300c(?P<corner>[^\u300c\u300d]{1,3000})\u300d"
)
"""A quotation in the original text, where opening and closing marks differ (“…”, „…“, «…»,
»…«, 「…」), so one running over paragraphs is found whole, whether each paragraph opens with a
quote mark or not; straight quotes over paragraphs open each and close only the last."""
_NEXT_PARAGRAPH = re.compile('\\s*\\n\\s*["\u201c\u00ab\u300c]?')
_CLAUSE_END = ".!?,;:\u3002\u2026-"
"""How a quotation that ends its clause ends (folded: ，！？ are , ! ?)."""
_MIN_QUOTE_WORDS = 3
_MIN_QUOTE_EAST_ASIAN = 5
_EAST_ASIAN = re.compile(f"[{EAST_ASIAN_RANGES}]")
_WORD_CHAR = re.compile(r"\w")
_INTRODUCES = re.compile(r"\s*:\s*")
_LEAD_IN = re.compile(r"(?P<rest>[^\"\n:.!?;]{0,160}?)\s*(?::|(?P<end>[.!?]))\s*")
"""The rest of an attribution sentence before a quotation that follows it: "put it bluntly.",
"put it this way:", then only spaces or a paragraph break before the quote mark."""
_ASIDE = (
    r"(?:[a-z]+ly|this\s+way|so|as\s+follows|(?:in|on|at|during|to|with|after|before|about|of|"
    r"over|for|from|via|afterwards|later)(?:\s+[\w'-]+){0,8})"
)
_ASIDES = re.compile(rf"(?:{_ASIDE}|\s|,)*")
"""A rest that says nothing itself ("bluntly", "in a speech on Monday", "of the risks")."""
_ENDS_ATTRIBUTION = re.compile(r"""(?:\s*,[^"\n.!?]{0,160})?\s*[.!?]\s*""")
"""The end of a sentence closed by its attribution ("…, says Yao." or "…, said Yao, an analyst.")
before the next quotation in the paragraph."""
_OBJECT = re.compile(r"(?:tells?|told|asked)\s*$")
"""A verb whose rest starts with who was told ("told reporters in Beijing.")."""
_MAX_COLON_WORDS = 12
_ATTACHED = re.compile(
    rf"\s*,?\s*(?:(?:{_VERBS})\s+(?P<after>[\w'-]+)"
    rf"|(?P<before>[\w'-]+)(?:\s+[\w.'-]+){{0,3}}?\s+(?:{_VERBS})\b)"
)
"""An attribution attached to a quotation: ``," said Wang``, ``?" asked Wang``, ``," he added``."""
_PRONOUNS = frozenset({"he", "she"})
_SENTENCE_BREAK = re.compile(
    r"(?<!\bprof)(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bsen)(?<!\bgen)(?<!\b[a-z])"
    r"(?<!\bmaj)(?<!\bcol)(?<!\blt)(?<!\bcapt)(?<!\bsgt)(?<!\badm)(?<!\bgov)(?<!\bamb)[.!?]\s"
)
_LEADING_THAT = re.compile(
    r"^\s*(?:(?:[Ii]n|[Oo]n|[Aa]t|[Dd]uring|[Tt]o|[Ww]ith|[Aa]fter)\s[^,\"]{0,50}?\s"
    r"|(?:[A-Z][\w.'-]*\s){1,3}|(?:reporters|journalists|the\s+(?:press|media))\b[^,\"]{0,50}?\s)?"
    r"that\s+"
)
_SLUG = re.compile(r"[^\w]+")

# Chinese attribution, read in folded text: “”「」 are ", and ：，！？（） are : , ! ? ( ).
_ZH_VERBS = (
    r"表示|说道|说(?!服)|指出|认为|称(?![赞为号])|强调|坦言|直言|透露|警告|呼吁|写道|预计|"
    r"(?:补充|解释|回应|分析|评论)(?:说|称|道)|告诉(?:本报|本台)?(?:记者|媒体)|"
    r"告诉[^\s\"。!?,:;]{1,12}?(?=[,:\"])|(?:对|向)[^\s\"。!?,:;]{1,12}?(?:说|表示|透露)"
)
_ZH_ADVERBS = r"也|还|则|更|又|曾|亦|再次|进一步|同时|随后|近日|日前|此前|最近|当天|昨天|今天"
_ZH_AFTER_NAME = re.compile(
    rf"\s*(?:\([^)\n]{{0,80}}\)\s*)?(?:(?:{_ZH_ADVERBS})\s*)*"
    rf"(?:在[^\s\"。!?,:;]{{1,40}}?(?:时|上|中|期间|后)?\s*,?\s*)?"
    rf"(?:(?:{_ZH_ADVERBS})\s*)*(?:{_ZH_VERBS})"
)
"""A speech verb after a name: 表示, 也指出, 在接受采访时表示, （副主任）告诉记者."""
_ZH_REPORTED = re.compile(r"据[^\s\"。!?,:;]{0,30}$")
"""据 before a name (据高志凯介绍, 据中国与全球化智库副主任高志凯称): reported speech follows."""
_ZH_REPORTED_VERB = re.compile(rf"\s*所?(?:介绍|估计|分析|{_ZH_VERBS})")
_ZH_QUOTE_THEN_NAME = re.compile(r'^"?\s*,?[^"。!?,:;\n]{0,40}$')
"""Between a quotation and the name after it: a comma, a title (“……”，全球化智库副主任高志凯说)."""
_ZH_SENTENCE_BREAK = re.compile(r"[。!?]")

# A group the expert leads, and its quotation: "led by Zhang", "Zhang and his colleagues",
# then '"…," they wrote' or 'They wrote: "…"'.
_GROUP = re.compile(
    r"\s+(?:and|&)\s+(?:his|her|their)\s+(?:colleagues|co-?authors|co-?signatories|"
    r"collaborators|team|fellow\s+[\w-]+)\b"
)
_CO_SPEAKERS = re.compile(
    r"(?:\s*\([^)\n]{0,40}\))?"
    r"(?:\s*,\s*(?:and\s+)?[\w'-]+(?:\s+[\w'-]+){0,2}(?:\s*\([^)\n]{0,40}\))?){1,5}"
)
"""Others named with the expert before a shared verb: "Gao, Li and Wang said", "Rep. A (R-Mich.),
B (D-Ill.), and C (R-Ohio) released a joint statement saying"."""
_LED_BY = re.compile(
    r"\b(?:led|signed|organi[sz]ed|co-?authored|written|drafted)\s+by\s+(?:[\w.'-]+\s+){0,4}$"
)
_THEY = re.compile(rf"\s*,?\s*they\s+(?:(?:{_ADVERBS})\s+)*(?:{_VERBS})\b")
_THEY_INTRO = re.compile(rf"\bthey\s+(?:(?:{_ADVERBS})\s+)*(?:{_VERBS})\s*:?\s*$")
_GROUP_REACH = 600
"""How far after the group's mention its quotation may start (characters)."""


# Japanese and Korean, read in folded text: the speech verb ends the sentence.
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7af]")
_JA_VERBS = (
    "述べ|語っ|語り|話し|強調し|指摘し|説明し|明らかにし|言っ|訴え|発言し|表明し|反発し|抗議し|"
    "批判し|主張し|答え|書い|記し|呼び掛け|呼びかけ"
)
_KO_VERBS = (
    "말했|밝혔|강조했|전했|덧붙였|설명했|지적했|주장했|언급했|평가했|촉구했|경고했|말하|밝히|"
    "강조하|답했|썼"
)
_EA_SAID = re.compile(
    folded(rf"と\s*(?:{_JA_VERBS})|(?:이?라고|다고|고|며|라며|이라며)\s*(?:{_KO_VERBS})")
)
_EA_QUOTATIVE = re.compile(r"\s*(?:と|이?라고|고|며|라며|이라며)")
"""What joins a quotation to the verb after it: 「……」と述べた, "……"고 말했다, "……"며 …"""
_EA_TOPIC = re.compile(folded(r"[^\u3001\u3002\"\n]{0,20}?(?:は|が|은|는|이|가)(?:\s|\u3001|,)"))
"""The title and topic particle after a name: 氏は、, 外相は, 교수는 , 대통령은 ."""
_EA_SENTENCE_END = "\u3002!?\n"
_SENTENCE_REACH = 400
_CLAUSE_EDGE = " ,:\uff0c\uff1a"
_MIN_CLAUSE_WORDS = 3
_MIN_CLAUSE_CJK = 4
"""A clause after the verb shorter than this reads as no quote: the whole sentence is kept."""


@dataclass(frozen=True, slots=True)
class NameForms:
    """The folded word sequences that make a full mention, and the surname for follow-ups."""

    variants: tuple[tuple[str, ...], ...]
    family: str | None
    spread: tuple[tuple[str, str], ...]
    """(first, last) word pairs that may have middle names or initials between them."""


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
    family, forms, pairs = _forms_of(words(name))
    variants.extend(forms)
    spread.extend(pairs)
    for alias in aliases:
        _alias_family, forms, pairs = _forms_of(words(alias))
        variants.extend(forms)
        spread.extend(pairs)
    return NameForms(tuple(dict.fromkeys(variants)), family, tuple(dict.fromkeys(spread)))


def _forms_of(
    parts: list[str],
) -> tuple[str | None, list[tuple[str, ...]], list[tuple[str, str]]]:
    if not parts:
        return None, [], []
    if len(parts) == 1 or any(is_cjk(char) for char in "".join(parts)):
        return None, [tuple(parts)], []
    if parts[0] in CHINESE_SURNAMES:
        family, given = parts[0], parts[1:]
        chinese = True
    else:
        family, given = parts[-1], parts[:-1]
        chinese = family in CHINESE_SURNAMES and pinyin_split("".join(given)) is not None
    forms: list[tuple[str, ...]] = [tuple(parts)]
    pairs: list[tuple[str, str]] = []
    if chinese:
        joined = "".join(given)
        syllables = pinyin_split(joined) or [joined]
        for given_form in dict.fromkeys([tuple(given), (joined,), tuple(syllables)]):
            forms.append((family, *given_form))
            forms.append((*given_form, family))
    else:
        if len(parts) > 2:
            forms.append((parts[0], family))
        pairs.append((parts[0], family))
    return family, forms, pairs


def expert_id(expert: ExpertSettings) -> str:
    """The configured id, else a slug of the name ("Victor Gao" → ``victor-gao``)."""
    return expert.id or _SLUG.sub("-", " ".join(words(expert.name))).strip("-")


@dataclass(frozen=True, slots=True)
class CompiledExpert:
    id: str
    name: str
    variants: tuple[Unit, ...]
    spread: tuple[tuple[int, int], ...]
    family: int | None
    context: tuple[Unit, ...]
    trigger: frozenset[int]
    """Word ids whose presence makes the expert worth checking."""

    @property
    def person(self) -> tuple[object, ...]:
        """Who this is: two watchlists watching the same name and context watch one person."""
        return (self.variants, self.context)


def compile_expert(expert: ExpertSettings, index: TermIndex) -> CompiledExpert:
    forms = name_forms(expert.name, expert.aliases)
    variants = tuple(tuple(index.add(word) for word in variant) for variant in forms.variants)
    spread = tuple((index.add(first), index.add(last)) for first, last in forms.spread)
    context = tuple(tuple(index.add(w) for w in words(term)) for term in expert.context)
    return CompiledExpert(
        id=expert_id(expert),
        name=expert.name,
        variants=variants,
        spread=spread,
        family=index.add(forms.family) if forms.family else None,
        context=tuple(unit for unit in context if unit),
        trigger=frozenset(word for variant in variants for word in variant),
    )


@dataclass(frozen=True, slots=True)
class ExpertFinding:
    mention: Mention
    quote: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class _Place:
    field: str
    occ: Occurrence
    full: bool

    @property
    def order(self) -> tuple[int, int]:
        return (FIELD_ORDER.index(self.field), self.occ.start)


FIELD_ORDER = ("byline", "title", "body")
"""Fields of an :class:`ArticleScan`, in reading order (``byline``: the authors, joined)."""

ArticleScan = dict[str, FieldScan]


def find_experts(
    experts: Sequence[CompiledExpert], article: ArticleScan
) -> dict[tuple[object, ...], ExpertFinding]:
    """How each expert (by :attr:`CompiledExpert.person`) appears in an article, if at all."""
    people = {expert.person: expert for expert in experts}
    full: dict[tuple[object, ...], list[_Place]] = {}
    for person, expert in people.items():
        places = _full_mentions(expert, article)
        if places and (not expert.context or _has_context(expert, article)):
            full[person] = places
    if not full:
        return {}
    ambiguous = _ambiguous_surnames(people, full, article)
    findings: dict[tuple[object, ...], ExpertFinding] = {}
    quotations: dict[str, list[tuple[int, int]]] = {}
    for person, places in full.items():
        expert = people[person]
        mentions = sorted(places, key=lambda place: place.order)
        if expert.family is not None and expert.family not in ambiguous:
            mentions = _with_follow_ups(expert.family, mentions, article, full)
        if expert.context:
            mentions = _by_context(expert, mentions, article)
        findings[person] = _classify(mentions, article, quotations)
    return findings


def _full_mentions(expert: CompiledExpert, article: ArticleScan) -> list[_Place]:
    places: list[_Place] = []
    for name, scan in article.items():
        for variant in expert.variants:
            places.extend(_Place(name, occ, True) for occ in scan.unit(variant))
        for first, last in expert.spread:
            places.extend(_Place(name, occ, True) for occ in _spread(scan, first, last))
    places.sort(key=lambda p: (p.order, -p.occ.end))
    kept: list[_Place] = []
    for place in places:
        if kept and kept[-1].field == place.field and place.occ.end <= kept[-1].occ.end:
            continue  # inside a longer mention already kept
        kept.append(place)
    return kept


def _spread(scan: FieldScan, first: int, last: int) -> Iterator[Occurrence]:
    """``first … last`` with one or two capitalised middle names or initials between."""
    if first not in scan.hits or last not in scan.hits:
        return
    text = scan.text
    lasts = {occ.first_token: occ for occ in scan.with_tokens(scan.word(last))}
    for occ in scan.with_tokens(scan.word(first)):
        for gap in (1, 2):
            end = lasts.get(occ.last_token + 1 + gap)
            if end is None:
                continue
            middle = text.token_starts[occ.last_token + 1 : end.first_token]
            if all(_capitalised(scan, start) for start in middle) and _only_spaces_or_dots(
                text.norm[occ.end : end.start]
            ):
                yield Occurrence(occ.start, end.end, occ.first_token, end.last_token)


def _capitalised(scan: FieldScan, norm_offset: int) -> bool:
    start, _ = scan.text.to_original(norm_offset, norm_offset + 1)
    return scan.text.original[start : start + 1].isupper()


def _only_spaces_or_dots(between: str) -> bool:
    return all(char.isalnum() or char in " .\u00a0" for char in between)


def _has_context(expert: CompiledExpert, article: ArticleScan) -> bool:
    return any(scan.unit(unit) for unit in expert.context for scan in article.values())


def _ambiguous_surnames(
    people: dict[tuple[object, ...], CompiledExpert],
    full: dict[tuple[object, ...], list[_Place]],
    article: ArticleScan,
) -> set[int]:
    """Surnames that could mean more than one person in this article."""
    owners: dict[int, int] = {}
    for person in full:
        family = people[person].family
        if family is not None:
            owners[family] = owners.get(family, 0) + 1
    ambiguous = {family for family, count in owners.items() if count > 1}
    covered = [place for places in full.values() for place in places]
    for family in owners.keys() - ambiguous:
        for name, scan in article.items():
            for occ in scan.with_tokens(scan.word(family)):
                if not _inside(name, occ, covered) and _names_someone_else(scan, occ):
                    ambiguous.add(family)
    return ambiguous


def _names_someone_else(scan: FieldScan, occ: Occurrence) -> bool:
    """A surname right next to another capitalised name word: ``Li Qiang``, ``Kevin Li``."""
    text = scan.text
    starts = text.token_starts
    following = occ.last_token + 1
    if following < len(starts):
        start = starts[following]
        if text.norm[occ.end : start].strip(" ") == "" and _capitalised(scan, start):
            return True
    previous = occ.first_token - 1
    if previous >= 0:
        start = starts[previous]
        word_end = start + len(text.scan[start:].split(" ", 1)[0])
        word = text.norm[start:word_end]
        before = text.norm[:start].rstrip()
        sentence_start = not before or before[-1] in '.!?"\n'
        if (
            text.norm[word_end : occ.start].strip(" ") == ""
            and _capitalised(scan, start)
            and word not in _TITLES
            and not sentence_start
        ):
            return True
    return False


def _inside(field: str, occ: Occurrence, places: Sequence[_Place]) -> bool:
    return any(
        place.field == field and place.occ.start <= occ.start and occ.end <= place.occ.end
        for place in places
    )


def _with_follow_ups(
    family: int,
    mentions: list[_Place],
    article: ArticleScan,
    full: dict[tuple[object, ...], list[_Place]],
) -> list[_Place]:
    first = mentions[0].order
    covered = [place for places in full.values() for place in places]
    extra = [
        _Place(name, occ, False)
        for name, scan in article.items()
        for occ in scan.word(family)
        if not _inside(name, occ, covered) and _follow_up(scan, occ)
    ]
    return sorted(
        [*mentions, *(place for place in extra if place.order > first)],
        key=lambda place: place.order,
    )


def _follow_up(scan: FieldScan, occ: Occurrence) -> bool:
    """A capitalised surname; not sentence-initial when the surname is also an English word."""
    if not _capitalised(scan, occ.start):
        return False
    if scan.text.norm[occ.start : occ.end] not in _ENGLISH_SURNAMES:
        return True
    before = scan.text.norm[: occ.start].rstrip(" \"'")
    return bool(before) and before[-1] not in ".!?\n"


_APPOSITIVE = re.compile(
    r"\s*(?:\([^)\n]{1,80}\)"
    rf"|,\s*(?:a|an|the|who|whose|\d+|{'|'.join(sorted(_TITLES))})\b[^\"\n;]{{0,160}}?"
    r"(?=,|[.!?](?:\s|$)|$)"
    rf"|\s+of\s+[^\",.\n;:]{{1,80}}?(?=\s+(?:{_VERBS})\b|[\",.;:\n]|$))"
)
"""What describes the person right after a name: "(…)", ", a Shanghai restaurateur,",
", who teaches at …,", ", 45,", " of Peking University"."""
_OTHER, _UNTIED, _PARAGRAPH, _SENTENCE, _DESCRIBED = range(-1, 4)
"""How a mention is tied to the expert's context terms, from "someone else" to its appositive."""


def _by_context(
    expert: CompiledExpert, mentions: list[_Place], article: ArticleScan
) -> list[_Place]:
    """The mentions to attribute, those tied to a context term first (see :func:`_tie`).

    The context decides whether the expert is in the article at all; within it, a namesake
    ("Wang Yong, a Shanghai restaurateur, said …") must not lend the expert his quote. A mention
    described as someone without the context is left out when another mention is tied to it;
    a surname follow-up is tied as the full mention before it, unless its own sentence says more.
    """
    contexts = {
        name: [occ for unit in expert.context for occ in scan.unit(unit)]
        for name, scan in article.items()
    }
    ties: dict[int, int] = {}
    previous: dict[str, int] = {}
    for number, place in enumerate(mentions):
        tie = _tie(article[place.field], place.occ, contexts[place.field])
        if not place.full and tie < _SENTENCE and place.field in previous:
            inherited = previous[place.field]
            tie = _OTHER if inherited == _OTHER else max(tie, inherited)
        if place.full:
            previous[place.field] = tie
        ties[number] = tie
    if max(ties.values()) <= _UNTIED:
        return mentions
    ranked = sorted(ties, key=lambda number: -ties[number])  # stable: text order within a tie
    return [mentions[number] for number in ranked if ties[number] != _OTHER]


def _tie(scan: FieldScan, occ: Occurrence, contexts: list[Occurrence]) -> int:
    """A context term in the mention's appositive, its sentence or its paragraph; or an
    appositive without one (someone else); or nothing either way."""
    norm = scan.text.norm
    appositive = _APPOSITIVE.match(norm, occ.end, min(len(norm), occ.end + 200))
    if appositive is not None and any(
        occ.end <= c.start and c.end <= appositive.end() for c in contexts
    ):
        return _DESCRIBED
    sentence = scan.text.sentence(occ.start, occ.end)
    if any(_within(scan, c, sentence) for c in contexts):
        return _SENTENCE
    if appositive is not None:
        return _OTHER
    start = norm.rfind("\n", 0, occ.start) + 1
    end = norm.find("\n", occ.end)
    end = len(norm) if end < 0 else end
    if any(start <= c.start and c.end <= end for c in contexts):
        return _PARAGRAPH
    return _UNTIED


def _within(scan: FieldScan, occ: Occurrence, span: tuple[int, int]) -> bool:
    """Whether the norm occurrence ``occ`` lies in the original ``span``."""
    start, end = scan.text.to_original(occ.start, occ.end)
    return span[0] <= start and end <= span[1]


def _classify(
    mentions: list[_Place], article: ArticleScan, quotations: dict[str, list[tuple[int, int]]]
) -> ExpertFinding:
    """The mention kind and quote; the best-ranked quote of any mention (see :func:`_rank`)."""
    for place in mentions:
        if place.full and (place.field == "byline" or _by_line(article[place.field], place.occ)):
            return ExpertFinding("byline", None, _snippet(article, place, mentions))
    best: tuple[int, _Quote, _Place] | None = None
    for place in mentions:
        if place.field == "byline":
            continue
        scan = article[place.field]
        if place.field not in quotations:
            quotations[place.field] = find_quotations(scan.text)
        quote = _quote(scan, place.occ, quotations[place.field])
        if quote is not None and (best is None or _rank(quote, place) > best[0]):
            best = (_rank(quote, place), quote, place)
    if best is not None:
        _, quote, place = best
        return ExpertFinding("quoted", quote.text, _snippet(article, place, mentions))
    first = next(place for place in mentions if place.full)
    return ExpertFinding("mentioned", None, _snippet(article, first, mentions))


def _rank(quote: _Quote, place: _Place) -> int:
    """A quotation in quote marks beats reported speech in the text, which beats the headline's
    paraphrase ("…, Victor Gao says"): the expert's own words first, the editor's last. Within
    a rank the first mention wins (mentions come tied-to-context first, then in reading order)."""
    if quote.verbatim:
        return 2
    return 0 if place.field == "title" else 1


def _by_line(scan: FieldScan, occ: Occurrence) -> bool:
    norm = scan.text.norm
    line_start = norm.rfind("\n", 0, occ.start) + 1
    line_end = norm.find("\n", occ.end)
    line = norm[line_start : len(norm) if line_end < 0 else line_end]
    return len(line) <= 120 and line.lstrip().startswith("by ")


@dataclass(frozen=True, slots=True)
class _Quote:
    text: str
    verbatim: bool
    """In quote marks, rather than reported speech or the sentence around an attribution."""


def find_quotations(text: NormText) -> list[tuple[int, int]]:
    """The norm spans inside the quote marks of every quotation (see :data:`_QUOTATION`); the
    closing mark is at the span's end. Found in the original, where “ and ” still differ."""
    spans = []
    for match in _QUOTATION.finditer(text.original):
        group = match.lastgroup or "straight"
        start, end = match.span(group)
        spans.append((_to_norm(text, start), _to_norm(text, end)))
    return spans


def _to_norm(text: NormText, offset: int) -> int:
    """The norm offset of an original offset (the first norm character made from it)."""
    return offset if text.offsets is None else bisect_left(text.offsets, offset)


def _is_term(norm: str, start: int, end: int) -> bool:
    """Quote marks around a name, a title or a term, not a quotation: a fragment (fewer than
    three words, or five CJK characters, not ending a sentence), or a span run straight on into
    the words after it, inside a noun phrase (某某“丝路”研究会, the "Silk Road" institute)."""
    inner = norm[start:end].strip()
    ends_clause = inner[-1:] in _CLAUSE_END
    following = norm[end + 1 : end + 2]
    if not ends_clause and _WORD_CHAR.match(following):
        return True  # “丝路”研究会: no space, no punctuation between the mark and the next word
    if inner[-1:] in ".!?\u3002":
        return False
    east_asian = len(_EAST_ASIAN.findall(inner))
    return east_asian < _MIN_QUOTE_EAST_ASIAN and len(inner.split()) < _MIN_QUOTE_WORDS


def _quote(scan: FieldScan, occ: Occurrence, quotations: list[tuple[int, int]]) -> _Quote | None:
    """The attributed speech when the mention at ``occ`` is a speaker, else None."""
    norm = scan.text.norm
    inside = next(((s, e) for s, e in quotations if s <= occ.start and occ.end <= e), None)
    if inside is not None:
        dashed = _DASHED_BEFORE.search(norm, max(inside[0], occ.start - 120), occ.start)
        if dashed and _DASHED_AFTER.match(norm, occ.end, inside[1]):
            return _Quote(_original(scan, *inside), True)
        return None  # named inside someone's quotation
    chinese = has_cjk(norm[max(0, occ.start - 200) : occ.end + 260])
    after = _AFTER_NAME.match(norm, occ.end, min(len(norm), occ.end + 260))
    before = _BEFORE_NAME.search(norm[max(0, occ.start - 200) : occ.start])
    if after is None and before is None:
        after = _COLON_QUOTE.match(norm, occ.end, min(len(norm), occ.end + 90))
    if after is None and before is None:
        end = min(len(norm), occ.end + 200)
        group = _GROUP.match(norm, occ.end, end) or _CO_SPEAKERS.match(norm, occ.end, end)
        if group is not None:  # "Zhang and his colleagues wrote that …", "Zhang, Li and Wang said"
            after = _AFTER_NAME.match(norm, group.end(), min(len(norm), group.end() + 260))
    if after is None and before is None:
        window = norm[max(0, occ.start - 200) : occ.end + 260]
        if _KANA.search(window) or _HANGUL.search(window):
            return _sentence_final_attribution(scan, occ, quotations)
        if chinese:
            after = _zh_attribution(norm, occ)
    if after is None and before is None:
        return _group_quote(scan, occ, quotations)
    for start, end in reversed(quotations):
        if end < occ.start and occ.start - end <= 80:
            gap = norm[end : occ.start]
            then_name = _QUOTE_THEN_NAME.match(gap) or (chinese and _ZH_QUOTE_THEN_NAME.match(gap))
            closes = norm[start:end].rstrip()[-1:] in _CLAUSE_END or gap[1:].lstrip()[:1] in ",:-"
            if then_name and closes and not _breaks(gap, chinese):
                return _Quote(_original(scan, start, end), True)
            break
    verb_end = after.end() if after else occ.end
    for start, end in quotations:
        if start > verb_end and _is_term(norm, start, end):
            continue  # the clause after the verb holds it: the reported speech is the quote
        if start > verb_end:
            gap = norm[verb_end : start - 1]
            opens = _INTRODUCES.fullmatch(gap) is not None  # "said:" then the quote below
            if opens or (len(gap) <= 200 and not _breaks(gap, chinese)):
                return _Quote(_original(scan, start, end), True)
            lead_in = after is not None and not chinese and _leads_in(gap, after.group())
            if after is None and not chinese:  # "…, says Yao." then “…” (hers, unattributed)
                lead_in = _ENDS_ATTRIBUTION.fullmatch(gap) is not None
            if lead_in and _unattributed(norm, end):  # "put it bluntly." then "…" (its own)
                return _Quote(_original(scan, start, end), True)
            break
    group = _group_quote(scan, occ, quotations)
    if group is not None:  # the letter it leads speaks in quote marks: that beats a paraphrase
        return group
    sentence = scan.text.sentence(occ.start, occ.end)
    if after is not None:
        clause_start, _ = scan.text.to_original(after.end(), after.end())
        clause = scan.text.original[clause_start : sentence[1]]
        clause = _LEADING_THAT.sub("", clause.strip(_CLAUSE_EDGE)).strip()
        if sum(map(is_cjk, clause)) >= _MIN_CLAUSE_CJK or not _says_nothing(clause, after.group()):
            return _Quote(clause, False)
        name_start, _ = scan.text.to_original(occ.start, occ.start)
        lead = scan.text.original[sentence[0] : name_start].rstrip()
        if lead.endswith(",") and len(lead.split()) >= _MIN_CLAUSE_WORDS:
            return _Quote(lead.rstrip(",").strip(), False)  # "Ties will steady, Gao says"
    return _Quote(scan.text.original[sentence[0] : sentence[1]].strip(), False)


def _leads_in(gap: str, attribution: str) -> bool:
    """Whether an attribution sentence ends in ``gap`` only to introduce the next quotation."""
    match = _LEAD_IN.fullmatch(gap)
    if match is None:
        return False
    rest = match["rest"].strip(" ,")
    if match["end"] is None:  # a colon
        return len(rest.split()) <= _MAX_COLON_WORDS
    return _says_nothing(rest, attribution)


def _says_nothing(rest: str, attribution: str) -> bool:
    """Whether the rest of a sentence after its speech verb holds no statement: too short, or
    only asides ("bluntly", "in a speech on Monday", "reporters in Beijing" after told)."""
    if len(rest.split()) < _MIN_CLAUSE_WORDS:
        return True
    if _OBJECT.search(attribution):
        rest = rest.split(maxsplit=1)[1]
    return _ASIDES.fullmatch(rest.lower().rstrip(".!?")) is not None


def _unattributed(norm: str, end: int) -> bool:
    """Whether the quotation closing at ``end`` has no attribution to another speaker attached:
    none, or a pronoun (``," he added``) that points back to the one just named."""
    attached = _ATTACHED.match(norm, end + 1, min(len(norm), end + 80))
    if attached is None:
        return True
    if norm[end - 1 : end] not in ",!?" and attached["after"] is None:
        return True  # a quotation ending a sentence, then a new sentence ("…." Wang agreed.)
    return (attached["after"] or attached["before"]) in _PRONOUNS


def _group_quote(
    scan: FieldScan, occ: Occurrence, quotations: list[tuple[int, int]]
) -> _Quote | None:
    """The quotation of a group the mention leads ("a letter led by Zhang", "Zhang and his
    colleagues"), attributed to them next: ``"…," they wrote`` or ``They wrote: "…"``."""
    norm = scan.text.norm
    leads = _GROUP.match(norm, occ.end, min(len(norm), occ.end + 80)) or _LED_BY.search(
        norm, max(0, occ.start - 80), occ.start
    )
    if leads is None:
        return None
    for start, end in quotations:
        if occ.end < start <= occ.end + _GROUP_REACH and (
            _THEY.match(norm, end + 1, min(len(norm), end + 80))
            or _THEY_INTRO.search(norm, max(0, start - 60), start - 1)
        ):
            return _Quote(_original(scan, start, end), True)
    return None


def _sentence_final_attribution(
    scan: FieldScan, occ: Occurrence, quotations: list[tuple[int, int]]
) -> _Quote | None:
    """Japanese and Korean put the speech verb last: 張明氏は「……」と述べた。, 장밍 교수는
    "……"고 말했다. The quotation before the verb (joined to it by と, 고, 라고, 며), else the
    reported speech between the topic particle after the name and the verb."""
    norm = scan.text.norm
    end = occ.end
    limit = min(len(norm), occ.end + _SENTENCE_REACH)
    while end < limit and norm[end] not in _EA_SENTENCE_END:
        inside = next((q for q in quotations if q[0] <= end < q[1]), None)
        end = inside[1] + 1 if inside else end + 1
    verbs = list(_EA_SAID.finditer(norm, occ.end, end))
    if not verbs:
        return None
    for start, close in quotations:
        joined = _EA_QUOTATIVE.match(norm, close + 1, end)
        if occ.end < start and close <= verbs[-1].start() and joined:
            return _Quote(_original(scan, start, close), True)
    topic = _EA_TOPIC.match(norm, occ.end, end)
    clause_start = topic.end() if topic else occ.end
    clause = norm[clause_start : verbs[-1].start()].strip(_CLAUSE_EDGE + "\u3001")
    if len(clause) < _MIN_CLAUSE_CJK:
        return None
    orig_start, orig_end = scan.text.to_original(clause_start, verbs[-1].start())
    return _Quote(scan.text.original[orig_start:orig_end].strip(_CLAUSE_EDGE + "\u3001"), False)


def _zh_attribution(norm: str, occ: Occurrence) -> re.Match[str] | None:
    """The Chinese speech verb after the name at ``occ`` (高志凯表示, 据高志凯介绍), if any."""
    end = min(len(norm), occ.end + 120)
    after = _ZH_AFTER_NAME.match(norm, occ.end, end)
    if after is None and _ZH_REPORTED.search(norm, max(0, occ.start - 32), occ.start):
        after = _ZH_REPORTED_VERB.match(norm, occ.end, end)
    return after


def _breaks(gap: str, chinese: bool) -> bool:
    """A line or sentence break in a gap (。！？ need no space after them in Chinese)."""
    return (
        "\n" in gap
        or _SENTENCE_BREAK.search(gap) is not None
        or (chinese and _ZH_SENTENCE_BREAK.search(gap) is not None)
    )


def _original(scan: FieldScan, start: int, end: int) -> str:
    orig_start, orig_end = scan.text.to_original(start, end)
    quote = scan.text.original[orig_start:orig_end].strip(" ,")
    return _NEXT_PARAGRAPH.sub(" ", quote)  # a quotation over paragraphs reads as one


def _snippet(article: ArticleScan, place: _Place, mentions: list[_Place]) -> str:
    text = article[place.field].text
    span = text.sentence(place.occ.start, place.occ.end)
    marks = [
        text.to_original(other.occ.start, other.occ.end)
        for other in mentions
        if other.field == place.field
    ]
    return mark(text.original, span, marks)
