"""Where and how each watched expert appears in an article: full mentions, surname
follow-ups, namesakes told apart by context, and the mention kind with its quote."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from alerts.experts.names import (
    CHINESE_SURNAMES,
    CYRILLIC,
    DOTTED_FAMILY_LENGTH,
    ENGLISH_SURNAMES,
    FOREIGN_WORD_SURNAMES,
    GENITIVE_CUE,
    GERMANIC_LETTERS,
    HAN_FOLLOW_UP_BEFORE,
    HAN_FOLLOW_UP_TITLE,
    HAN_TITLE,
    HAN_WORDS_AFTER_NAME,
    HANGUL_ATTACHED,
    HANGUL_NAME,
    KO_TITLE,
    MIN_POLISH_LETTERS,
    NAME_DOTS,
    POLISH_LETTERS,
    POLISH_REACH,
    TITLES,
    expert_id,
    is_han,
    is_hangul,
    name_forms,
)
from alerts.experts.quotes import (
    Quote,
    Spans,
    attributed_speech,
    find_quotations,
    headline_quote,
    interview_answer,
    introduced_quote,
    pronoun_quote,
    pronoun_reported,
    role_named_after,
)
from alerts.experts.scripts import (
    SoundName,
    Written,
    candidates,
    may_hold,
    sound_name,
    to_norm,
)
from alerts.experts.scripts import mentions as sound_mentions
from alerts.experts.speech import (
    GENDERED_AFTER,
    GENDERED_BEFORE,
    GENERIC_REFERRERS,
    KIN_BEFORE_NAME,
    VERBS,
    ZH_AFTER_NAME,
    folded,
)
from alerts.termscan import FieldScan, Occurrence, TermIndex, Unit
from alerts.textnorm import mark, words

if TYPE_CHECKING:
    from alerts.config import ExpertSettings
    from alerts.hits import Mention


@dataclass(frozen=True, slots=True)
class CompiledExpert:
    id: str
    name: str
    variants: tuple[Unit, ...]
    spread: tuple[tuple[int, int], ...]
    family: int | None
    script_families: tuple[int, ...]
    context: tuple[Unit, ...]
    trigger: frozenset[int]
    """Word ids whose presence makes the expert worth checking."""
    sound: SoundName | None = None
    """How a Latin, non-Chinese name reads in another script (see :mod:`.scripts`)."""
    pronoun: str | None = None
    """"he" or "she" when configured: a quotation the other pronoun attributes is not theirs."""
    titled_families: tuple[tuple[int, str, str], ...] = ()
    """(word id, family name, given name) of each two- or three-character Han name: followed
    up before the title that introduced the person (:data:`~.names.HAN_FOLLOW_UP_TITLE`)."""
    declined: tuple[Unit, ...] = ()
    """The name's Polish case forms, full mentions only in Polish text
    (:attr:`~.names.NameForms.declined`)."""
    genitive: tuple[Unit, ...] = ()
    """The name in the German and Scandinavian genitive, full mentions only in those languages'
    text (:attr:`~.names.NameForms.genitive`)."""
    given: int | None = None
    """The first name's word id (:attr:`~.names.NameForms.given`)."""
    gender: str | None = None
    """"he" or "she" as the name's Russian spelling tells it (:attr:`~.names.NameForms.gender`)."""
    cued: tuple[Unit, ...] = ()
    """The name in Russian cases that read as a woman's too, a mention only after a genitive cue
    (:attr:`~.names.NameForms.cued`)."""
    cued_families: tuple[int, ...] = ()
    """Word ids of the surname alone in those cases (:attr:`~.names.NameForms.cued_families`)."""
    object_cases: frozenset[str] = frozenset()
    """The surname in the Russian dative and instrumental: no speaker
    (:attr:`~.names.NameForms.object_cases`)."""
    oblique_cases: frozenset[str] = frozenset()
    """The name's last word in any case but the nominative: no interviewee
    (:attr:`~.names.NameForms.oblique_cases`)."""
    attached: tuple[tuple[Unit, int], ...] = ()
    """(words, the last one a prefix; that word's length) of each name in Hangul that may have a
    particle or honorific written onto its last word (see :data:`~.names.HANGUL_ATTACHED`): one
    word of three syllables or more (김민수는, 최영호씨도; a two-syllable one is often a word too:
    조국을, "the homeland"), or a foreign name of several words (에밀리 카터는)."""
    attached_families: tuple[tuple[int, int], ...] = ()
    """(prefix word id, length) of each surname in :attr:`script_families` of a foreign name in
    Hangul, followed up with a particle written onto it too (카터는, after 에밀리 카터)."""

    @property
    def person(self) -> tuple[object, ...]:
        """Who this is: two watchlists watching the same name, context and pronoun watch one
        person."""
        return (self.variants, self.context, self.pronoun)


def compile_expert(expert: ExpertSettings, index: TermIndex) -> CompiledExpert:
    forms = name_forms(expert.name, expert.aliases)
    variants = tuple(tuple(index.add(word) for word in variant) for variant in forms.variants)
    declined = tuple(tuple(index.add(word) for word in form) for form in forms.declined)
    cued = tuple(tuple(index.add(word) for word in form) for form in forms.cued)
    genitive = tuple(tuple(index.add(word) for word in form) for form in forms.genitive)
    spread = tuple((index.add(first), index.add(last)) for first, last in forms.spread)
    context = tuple(tuple(index.add(w) for w in words(term)) for term in expert.context)
    attached = tuple(
        (
            (*(index.add(word) for word in variant[:-1]), index.add(variant[-1], prefix=True)),
            len(variant[-1]),
        )
        for variant in forms.variants
        if (len(variant) == 1 and HANGUL_NAME.fullmatch(variant[0]) and len(variant[0]) >= 3)
        or (len(variant) > 1 and all(map(_hangul_word, variant)))
    )
    attached_families = tuple(
        (index.add(family, prefix=True), len(family))
        for family in forms.script_families
        if len(family) >= 2 and _hangul_word(family)
    )
    return CompiledExpert(
        id=expert_id(expert),
        name=expert.name,
        variants=variants,
        spread=spread,
        family=index.add(forms.family) if forms.family else None,
        script_families=tuple(index.add(family) for family in forms.script_families),
        context=tuple(unit for unit in context if unit),
        trigger=frozenset(
            [*(word for variant in (*variants, *declined, *genitive, *cued) for word in variant)]
            + [word for unit, _ in attached for word in unit]
        ),
        sound=sound_name(words(expert.name)),
        pronoun=expert.pronoun,
        titled_families=tuple(
            (index.add(family), family, given) for family, given in forms.titled_families
        ),
        declined=declined,
        genitive=genitive,
        given=index.add(forms.given) if forms.given else None,
        gender=forms.gender,
        cued=cued,
        cued_families=tuple(index.add(family) for family in forms.cued_families),
        object_cases=forms.object_cases,
        oblique_cases=forms.oblique_cases,
        attached=attached,
        attached_families=attached_families,
    )


def _hangul_word(word: str) -> bool:
    return all(map(is_hangul, word))


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
    written: dict[str, list[Written]] = {}
    wanted = frozenset(
        key
        for expert in people.values()
        if expert.sound is not None
        for key in expert.sound.all_keys()
    )
    for person, expert in people.items():
        triggered = any(
            not scan.hits.keys().isdisjoint(expert.trigger) for scan in article.values()
        )
        places = _full_mentions(expert, article) if triggered else []
        if not places and expert.sound is not None:
            places = _in_other_scripts(expert.sound, article, written, wanted)
        if places and (not expert.context or _has_context(expert, article)):
            full[person] = places
    if not full:
        return {}
    covered = _Covered(place for places in full.values() for place in places)
    relatives = _relatives(people, full, article)
    ambiguous = _ambiguous_from(people, full, article, covered, relatives)
    kin_families = {people[person].family for person in relatives}
    named: dict[tuple[object, ...], list[_Place]] = {}
    indonesian: bool | None = None  # asked once per article, only if a name needs it
    for person, places in full.items():
        expert = people[person]
        mentions = sorted(places, key=lambda place: place.order)
        if expert.family is not None:
            until = (
                mentions[0].order if person in relatives else ambiguous.get(expert.family, NEVER)
            )
            mentions = _with_follow_ups(expert.family, mentions, article, covered, until)
            shared = until != NEVER or expert.family in kin_families
            # "Curtis said", "Manuel has" in a family; "kata Rina" in Indonesian, which names
            # people by their first name
            if expert.given is not None and not shared and indonesian is None:
                indonesian = _indonesian(article)
            if expert.given is not None and (shared or indonesian):
                mentions = _with_given_follow_ups(expert.given, mentions, article, covered)
        korean_titles = _korean_titles(mentions, article)
        for family in expert.script_families:
            until = _another_dotted_name(family, article, covered)
            mentions = _with_follow_ups(
                family, mentions, article, covered, until, cue=korean_titles
            )
        for family, length in expert.attached_families:
            mentions = _with_follow_ups(family, mentions, article, covered, attached=length)
        for family in expert.cued_families:
            mentions = _with_follow_ups(family, mentions, article, covered, cue=_genitive)
        for titled in expert.titled_families:
            mentions = _with_titled_follow_ups(titled, mentions, article, covered)
        named[person] = mentions
    findings: dict[tuple[object, ...], ExpertFinding] = {}
    quotations: dict[str, Spans] = {}
    for person, mentions in named.items():
        expert = people[person]
        if expert.context:
            mentions = _by_context(expert, mentions, article)
        others = _others_named(named, person)
        pronoun = expert.pronoun or _inferred_pronoun(mentions, article, expert.gender)
        findings[person] = _classify(mentions, article, quotations, pronoun, others, expert)
    return findings


def _inferred_pronoun(
    mentions: list[_Place], article: ArticleScan, gender: str | None
) -> str | None:
    """The person's pronoun, "he" or "she", when the article tells it (an honorific or a kin
    noun before a mention, "Mr. Zhou", "Their son, Zhou"; a gendered role after one, "Zhou
    Hanlin, a spokesman"; where the name is written in Cyrillic, ``gender``, which the Russian
    surname it is watched under tells, Петров, Петрова, not a declined mention: Петрова is
    Петров's genitive) and tells only one; else None. A pronoun of the other gender then
    points to someone else ("“…,” she said" after him)."""
    told: set[str] = set()
    for place in mentions[:QUOTE_MENTIONS]:
        norm = article[place.field].text.norm
        if gender is not None and place.full and CYRILLIC.match(norm, place.occ.start):
            told.add(gender)
        for found in (
            GENDERED_BEFORE.search(norm, max(0, place.occ.start - 40), place.occ.start),
            GENDERED_AFTER.match(norm, place.occ.end, place.occ.end + 80),
        ):
            if found is not None and found.lastgroup is not None:
                told.add(found.lastgroup.removeprefix("kin_"))
    return told.pop() if len(told) == 1 else None


def _others_named(
    named: dict[tuple[object, ...], list[_Place]], person: tuple[object, ...]
) -> dict[str, list[Occurrence]]:
    """Per field, the mentions of the other watched people in the article, their surnames alone
    included, in text order: a pronoun after a sentence naming two of them is the subject's
    (see :func:`.quotes.pronoun_quote`), and one after "Amsel demurred." is Amsel's."""
    others: dict[str, list[Occurrence]] = {}
    for someone, places in named.items():
        if someone != person:
            for place in places:
                others.setdefault(place.field, []).append(place.occ)
    for found in others.values():
        found.sort()
    return others


def _full_mentions(expert: CompiledExpert, article: ArticleScan) -> list[_Place]:
    places: list[_Place] = []
    for name, scan in article.items():
        hits = scan.hits
        if not hits.keys().isdisjoint(expert.trigger):  # else no variant is here
            for variant in expert.variants:
                if variant[0] in hits:  # most variants are not here: skipped without a call
                    places.extend(
                        _Place(name, _past_chinese_given_name(scan, occ), True)
                        for occ in scan.unit(variant)
                        if not _in_a_longer_han_name(scan.text.norm, occ)
                    )
            for forms, letters in (
                (expert.declined, POLISH_LETTERS),
                (expert.genitive, GERMANIC_LETTERS),
            ):
                places.extend(
                    _Place(name, occ, True)
                    for form in forms
                    if form[0] in hits
                    for occ in scan.unit(form)
                    if _written_with(letters, scan, occ)
                    or (
                        name == "title"
                        and "body" in article
                        and _body_written_with(letters, article)
                    )
                )
            for form in expert.cued:
                if form[0] in hits:
                    places.extend(
                        _Place(name, occ, True) for occ in scan.unit(form) if _genitive(scan, occ)
                    )
            for unit, length in expert.attached:
                places.extend(_Place(name, occ, True) for occ in _with_particle(scan, unit, length))
        for first, last in expert.spread:
            places.extend(_Place(name, occ, True) for occ in _spread(scan, first, last))
    places.sort(key=lambda p: (p.order, -p.occ.end))
    kept: list[_Place] = []
    for place in places:
        if kept and kept[-1].field == place.field and place.occ.end <= kept[-1].occ.end:
            continue  # inside a longer mention already kept
        kept.append(place)
    return kept


def _past_chinese_given_name(scan: FieldScan, occ: Occurrence) -> Occurrence:
    """The mention at ``occ`` up to the Cantonese or Taiwanese given name a Hong Kong or Taiwan
    paper writes after a Western first name and the surname ("Algernon Yau Ying-wah told …"
    for Algernon Yau), so that what follows the name is read after it."""
    given = CHINESE_GIVEN_AFTER.match(scan.text.norm, occ.end)
    if given is None:
        return occ
    start, _ = scan.text.to_original(given.start("given"), given.end())
    if not scan.text.original[start : start + 1].isupper():
        return occ
    return occ._replace(end=given.end())


CHINESE_GIVEN_AFTER = re.compile(r"[ \t]+(?P<given>[a-z]+-[a-z]+)\b(?!-)")
"""A hyphenated given name after a mention ("Yau Ying-wah"), its capital checked in the
original."""


def _with_particle(scan: FieldScan, unit: Unit, length: int) -> Iterator[Occurrence]:
    """The name ``unit`` in Hangul (its last word a prefix ``length`` long) with a particle or
    honorific written onto that word (김민수는, 에밀리 카터에게), each up to the name's end."""
    norm, spaced_ = scan.text.norm, scan.text.scan
    for occ in scan.unit(unit):
        end = max(occ.start, spaced_.rfind(" ", occ.start, occ.end) + 1) + length
        if end < occ.end and HANGUL_ATTACHED.fullmatch(norm, end, occ.end):
            yield occ._replace(end=end)


def _genitive(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether a genitive cue stands before ``occ`` (see :data:`~.names.GENITIVE_CUE`)."""
    norm = scan.text.norm
    return GENITIVE_CUE.search(norm, max(0, occ.start - 60), occ.start) is not None


def _written_with(letters: re.Pattern[str], scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the text around ``occ`` is in the languages ``letters`` tell (Polish, see
    :data:`~.names.POLISH_LETTERS`; German and Scandinavian, see
    :data:`~.names.GERMANIC_LETTERS`)."""
    start, end = scan.text.to_original(occ.start, occ.end)
    original = scan.text.original
    window = original[max(0, start - POLISH_REACH) : end + POLISH_REACH]
    return len(letters.findall(window)) >= MIN_POLISH_LETTERS


def _body_written_with(letters: re.Pattern[str], article: ArticleScan) -> bool:
    """Whether the body's opening is in the languages ``letters`` tell: a headline is too short
    to say ("Li Qiangs Berlin-Besuch" over a German body)."""
    opening = article["body"].text.original[: 2 * POLISH_REACH]
    return len(letters.findall(opening)) >= MIN_POLISH_LETTERS


def _in_a_longer_han_name(norm: str, occ: Occurrence) -> bool:
    """Whether a two-character Han name at ``occ`` opens a three-character one, someone else's
    (张明 in 张明远表示, 张明远教授, 张明远，): the Han character after it is no word of its own
    (张明的, 张明也表示) and a pause, a title or a speech verb follows that character."""
    end = occ.end
    if occ.end - occ.start != 2 or not is_han(norm[end : end + 1]):
        return False
    if HAN_WORDS_AFTER_NAME.match(norm, end) or _name_ends(norm, end):
        return False
    return _name_ends(norm, end + 1)


def _name_ends(norm: str, at: int) -> bool:
    """Whether what follows ``at`` closes a name in Han characters: no Han character, a title
    or a speech verb (张明，, 张明教授, 张明表示)."""
    return (
        not is_han(norm[at : at + 1])
        or HAN_TITLE.match(norm, at) is not None
        or HAN_FOLLOW_UP_TITLE.match(norm, at) is not None
        or ZH_AFTER_NAME.match(norm, at) is not None
    )


def _in_other_scripts(
    sound: SoundName,
    article: ArticleScan,
    written: dict[str, list[Written]],
    wanted: frozenset[str],
) -> list[_Place]:
    """Mentions of a Latin name written in another script (``written``: each field's
    candidate words, found once per article)."""
    places: list[_Place] = []
    for name, scan in article.items():
        if name == "byline" or not may_hold(scan.text.original):
            continue
        text = scan.text
        if name not in written:
            written[name] = candidates(text.original, wanted)
        for start, end in sound_mentions(sound, written[name], text.original):
            norm_start, norm_end = to_norm(text, start, end)
            occ = Occurrence(
                norm_start, norm_end, text.token_index(norm_start), text.token_index(norm_end - 1)
            )
            places.append(_Place(name, occ, True))
    return places


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
    """Written with a capital, or in a script without capitals (Devanagari: शर्मा)."""
    start, _ = scan.text.to_original(norm_offset, norm_offset + 1)
    first = scan.text.original[start : start + 1]
    return first.isupper() or (first.isalpha() and first.lower() == first.upper())


def _only_spaces_or_dots(between: str) -> bool:
    return all(char.isalnum() or char in " .\u00a0" for char in between)


def _has_context(expert: CompiledExpert, article: ArticleScan) -> bool:
    return any(scan.unit(unit) for unit in expert.context for scan in article.values())


NEVER = (len(FIELD_ORDER), 0)
"""An order after every place of an article."""


def _ambiguous_from(
    people: dict[tuple[object, ...], CompiledExpert],
    full: dict[tuple[object, ...], list[_Place]],
    article: ArticleScan,
    covered: _Covered,
    relatives: frozenset[tuple[object, ...]],
) -> dict[int, tuple[int, int]]:
    """Where, in reading order, each surname starts to mean more than one person in this
    article: at the first mention of the second person of that family named, watched or not
    ("Manuel Ibarra … said Ibarra … Luis Ibarra, a rival,": the first "Ibarra" is Manuel's,
    later ones anyone's), unless a kin noun introduces them (a relative in passing: see
    :func:`_relative_in_passing`, ``relatives``). ``covered``: where the full mentions lie; a
    surname inside one is that person's. Surnames of one person throughout are left out."""
    firsts_of: dict[int, list[tuple[int, int]]] = {}
    for person, places in full.items():
        family = people[person].family
        if family is not None and person not in relatives:
            firsts_of.setdefault(family, []).append(min(place.order for place in places))
    for family, firsts in firsts_of.items():
        for name, scan in article.items():
            for occ in scan.with_tokens(scan.word(family)):
                if (
                    not covered.holds(name, occ)
                    and _names_someone_else(scan, occ)
                    and not _relatives_surname(scan, occ)
                ):
                    firsts.append(_Place(name, occ, False).order)
    return {family: sorted(firsts)[1] for family, firsts in firsts_of.items() if len(firsts) > 1}


def _relatives(
    people: dict[tuple[object, ...], CompiledExpert],
    full: dict[tuple[object, ...], list[_Place]],
    article: ArticleScan,
) -> frozenset[tuple[object, ...]]:
    """The watched people first named as a relative in passing of someone of their family named
    before them ("Martin Albrecht … sein Bruder Thomas Albrecht"): the surname alone stays the
    first one's, and is never theirs."""
    firsts: dict[int, list[tuple[tuple[int, int], tuple[object, ...], _Place]]] = {}
    for person, places in full.items():
        family = people[person].family
        if family is not None:
            first = min(places, key=lambda place: place.order)
            firsts.setdefault(family, []).append((first.order, person, first))
    return frozenset(
        person
        for named in firsts.values()
        for _, person, first in sorted(named)[1:]
        if _relative_in_passing(article[first.field], first.occ.start)
    )


def _relatives_surname(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the surname at ``occ`` ends the full name of a relative named in passing ("his
    son, Tom Berg"): not the subject's, and not a second person of the family either."""
    return _names_someone_else(scan, occ) and _relative_in_passing(
        scan, _given_name_start(scan, occ)
    )


def _given_name_start(scan: FieldScan, occ: Occurrence) -> int:
    """Where the word before the surname at ``occ`` starts (its given name's)."""
    before = scan.text.norm[: occ.start].rstrip(" ")
    return max(before.rfind(" "), before.rfind("\n")) + 1


def _relative_in_passing(scan: FieldScan, name_start: int) -> bool:
    """Whether the full name starting at the norm offset ``name_start`` names a relative a kin
    noun introduces ("sein Bruder Thomas Albrecht", "his brother, Luis Ibarra"): news names a
    relative so in passing, and goes on calling its subject by the surname alone ("…, sagt
    Albrecht")."""
    return KIN_BEFORE_NAME.search(scan.text.norm, max(0, name_start - 40), name_start) is not None


def _names_someone_else(scan: FieldScan, occ: Occurrence) -> bool:
    """A surname right next to another capitalised name word: ``Li Qiang``, ``Kevin Li``. A
    capitalised word after it names someone else only for a surname written first (Chinese):
    "Trump Tower" is no other Trump."""
    text = scan.text
    if is_han(text.norm[occ.start : occ.start + 1]):
        return False  # told apart by what follows it (see _follow_up)
    if text.norm[occ.start : occ.end] in CHINESE_SURNAMES and _capitalised_after(scan, occ):
        return True
    word = _capitalised_before(scan, occ) or _opening_given_name(scan, occ)
    return word is not None and word not in TITLES and not word.endswith(TITLE_ENDINGS)


OPENING_WORDS = frozenset(
    {
        *("now", "today", "then", "but", "and", "or", "for", "so", "yet", "still", "here"),
        *("there", "when", "while", "after", "before", "as", "if", "also", "even", "only"),
        *("later", "earlier", "meanwhile", "since", "though", "because", "with", "like"),
        *("coach", "father", "sister", "brother", "mother", "uncle", "aunt", "judge"),
        *("unlike", "besides", "without", "despite", "against", "beyond", "among", "about"),
        *("toward", "towards", "across", "over", "under", "from", "into", "upon", "within"),
        *("through", "during", "except", "including", "regarding", "following", "per", "via"),
    }
)
"""Words that open a sentence before a surname without being a given name ("Now Ibarra, 61,",
"Coach Berg, 48,", "Father Ibarra, who …")."""
_PERSON_APPOSITIVE = re.compile(r"\s*,\s*(?:a|an|who|whose|\d+)\b")
"""An appositive that describes a person: ", a rival grower,", ", who …", ", 52,"; not ", the
…", which a sentence's opening phrase may be followed by ("For Chen, the calculation …")."""


def _opening_given_name(scan: FieldScan, occ: Occurrence) -> str | None:
    """The capitalised word opening the sentence right before the surname at ``occ`` when a
    person's appositive follows the surname ("Luis Ibarra, a rival grower, …"): a full name,
    someone's given name and surname."""
    norm = scan.text.norm
    before = norm[: occ.start]
    start = max(before.rstrip(" ").rfind(" "), before.rfind("\n")) + 1
    opening = before[:start].rstrip(" \"'")
    if (opening and opening[-1] not in ".!?\n") or not _PERSON_APPOSITIVE.match(norm, occ.end):
        return None
    word = before[start:].strip()
    if not word.isalpha() or not _capitalised(scan, start) or word in OPENING_WORDS:
        return None
    return word


TITLE_ENDINGS = (
    *(title for title in TITLES | GENERIC_REFERRERS if len(title) >= 5),
    *folded("sprecher sprecherin leiter leiterin chef chefin kanzler kanzlerin").split(),
)
"""What ends a German compound that is a title or a role, capitalised as every German noun is,
before a surname: "Rohstoffexperte Feldmann", "Konzernchef Berg", "Wirtschaftsministerin
Riedel" name the person, not someone else called so."""


def _capitalised_after(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether a capitalised word follows the word at ``occ`` with only spaces between."""
    starts = scan.text.token_starts
    following = occ.last_token + 1
    return (
        following < len(starts)
        and scan.text.norm[occ.end : starts[following]].strip(" ") == ""
        and _capitalised(scan, starts[following])
    )


def _capitalised_before(scan: FieldScan, occ: Occurrence) -> str | None:
    """The capitalised word (folded) right before the word at ``occ``, with only spaces
    between and not opening its sentence; else None."""
    text = scan.text
    previous = occ.first_token - 1
    if previous < 0:
        return None
    start = text.token_starts[previous]
    word_end = start + len(text.scan[start:].split(" ", 1)[0])
    before = text.norm[:start].rstrip()
    if not before or before[-1] in '.!?"\n':
        return None  # a sentence's first word is capitalised anyway
    if text.norm[word_end : occ.start].strip(" ") or not _capitalised(scan, start):
        return None
    return text.norm[start:word_end]


class _Covered:
    """Where full mentions lie, per field: whether an occurrence lies inside one is found by
    bisection (a page may name an expert thousands of times: a scan of every mention per
    occurrence made it quadratic)."""

    def __init__(self, places: Iterable[_Place]) -> None:
        spans: dict[str, list[tuple[int, int]]] = {}
        for place in places:
            spans.setdefault(place.field, []).append((place.occ.start, place.occ.end))
        self._starts: dict[str, list[int]] = {}
        self._reach: dict[str, list[int]] = {}
        """Per field, the furthest end of the mentions up to each one (in order of start)."""
        for field, found in spans.items():
            found.sort()
            self._starts[field] = [start for start, _ in found]
            self._reach[field] = list(accumulate((end for _, end in found), max))

    def holds(self, field: str, occ: Occurrence) -> bool:
        """Whether a mention in ``field`` starts at or before ``occ`` and ends at or after it."""
        starts = self._starts.get(field)
        if not starts:
            return False
        last = bisect_right(starts, occ.start) - 1
        return last >= 0 and self._reach[field][last] >= occ.end


def _with_follow_ups(
    family: int,
    mentions: list[_Place],
    article: ArticleScan,
    covered: _Covered,
    until: tuple[int, int] = NEVER,
    cue: Callable[[FieldScan, Occurrence], bool] | None = None,
    attached: int | None = None,
) -> list[_Place]:
    """The mentions with the surname alone after the first of them, up to where the surname
    starts to mean someone else too (``until``, see :func:`_ambiguous_from`); where ``cue`` is
    given, only those it holds for (see :func:`_genitive`). ``attached``: ``family`` is the
    prefix id of a surname in Hangul this long, followed up with a particle written onto it
    (카터는; see :func:`_with_particle`)."""
    first = mentions[0].order
    extra = [
        _Place(name, occ, False)
        for name, scan in article.items()
        for occ in scan.with_tokens(
            scan.word(family) if attached is None else [*_with_particle(scan, (family,), attached)]
        )
        if not covered.holds(name, occ)
        and (attached is not None or _follow_up(scan, occ))
        and not _relatives_surname(scan, occ)  # "his son, Tom Berg": the son's full name
        and (cue is None or cue(scan, occ))
    ]
    return sorted(
        [*mentions, *(place for place in extra if first < place.order < until)],
        key=lambda place: place.order,
    )


def _korean_titles(
    mentions: list[_Place], article: ArticleScan
) -> Callable[[FieldScan, Occurrence], bool]:
    """Whether a follow-up is the person's: a Korean family name alone only before a title one
    of their full mentions carries, after or before it (이재명 대통령 … 이 대통령은; not 이
    연구위원은, another 이's; 대표 김정훈 씨 … 김 대표는), any title where none but 씨 did; any
    other script's follow-up."""
    titles: set[str] = set()
    for place in mentions:
        if place.full:
            norm = article[place.field].text.norm
            reach = place.occ.end + KO_TITLE_REACH
            near = KO_TITLE_NEAR.match(norm, place.occ.end, reach) or KO_TITLE_ENDING.match(
                norm, place.occ.end, reach
            )
            before = KO_TITLE_BEFORE.search(norm, max(0, place.occ.start - 12), place.occ.start)
            titles.update(found["title"] for found in (near, before) if found is not None)

    def cue(scan: FieldScan, occ: Occurrence) -> bool:
        if titles <= {"씨"} or not is_hangul(scan.text.norm[occ.start : occ.start + 1]):
            return True
        title = KO_TITLE.match(scan.text.norm, occ.end)
        return title is not None and title["title"] in titles

    return cue


KO_TITLE_REACH = 30
"""How far after a Korean full name its title is read (이서연 한국국제정책연구원 연구위원은)."""
KO_TITLE_NEAR = re.compile(KO_TITLE.pattern.replace(r"\s+", r"\s+(?:[^\s]+\s+){0,2}?", 1))
"""A Korean title within a few words after a full name, past an institution's name."""
KO_TITLE_ENDING = re.compile(
    KO_TITLE.pattern.replace(r"\s+", r"\s+[^\s]+?", 1)
    + r"(?=(?:은|는|이|가|을|를|의|도|과|와|에게|께서)?(?:[\s,.]|$))"
)
"""A Korean title ending the compound word right after a full name (김상훈 국방정책실장을:
실장), where no title stands as a word of its own."""
KO_TITLE_BEFORE = re.compile(KO_TITLE.pattern.removeprefix(r"\s+") + r"\s+$")
"""A Korean title right before a full name (전자부품업체 대표 김정훈 씨)."""


def _another_dotted_name(family: int, article: ArticleScan, covered: _Covered) -> tuple[int, int]:
    """Where someone else's dotted name with the same family name is first given (马克·约翰逊
    … 鲍里斯·约翰逊: 约翰逊 alone may be either from there), or :data:`NEVER`."""
    return min(
        (
            _Place(name, occ, False).order
            for name, scan in article.items()
            for occ in scan.word(family)
            if (before := scan.text.norm[occ.start - 1 : occ.start])
            and before in NAME_DOTS
            and not covered.holds(name, occ)
        ),
        default=NEVER,
    )


def _indonesian(article: ArticleScan) -> bool:
    """Whether the article's body is Indonesian (or Malay): its commonest words are frequent."""
    body = article.get("body")
    if body is None:
        return False
    norm = body.text.norm
    return len(INDONESIAN_WORD.findall(norm)) >= max(
        INDONESIAN_MIN_WORDS, len(norm) // INDONESIAN_CHARS_PER_WORD
    )


INDONESIAN_WORD = re.compile(r"\b(?:yang|dan|dengan|tidak|untuk|dari|pada|ini|itu|akan|dalam)\b")
INDONESIAN_MIN_WORDS = 8
INDONESIAN_CHARS_PER_WORD = 120
"""An Indonesian body holds one of :data:`INDONESIAN_WORD` every 30 to 60 characters; one in
120 leaves out English, or German with an Indonesian place name or two."""


def _with_given_follow_ups(
    given: int, mentions: list[_Place], article: ArticleScan, covered: _Covered
) -> list[_Place]:
    """The mentions with the first name alone after the first of them, as news style names one
    of a family sharing a surname ("His brother, Curtis Henning, … “…,” Curtis said"); not
    inside someone else's name ("Curtis Lee", "Tony Curtis"), nor after one."""
    first = mentions[0].order
    extra: list[_Place] = []
    until = NEVER
    for name, scan in article.items():
        for occ in scan.with_tokens(scan.word(given)):
            if covered.holds(name, occ) or not _capitalised(scan, occ.start):
                continue
            if _alone(scan, occ):
                extra.append(_Place(name, occ, False))
            else:  # in another name ("Jamie Lee Curtis"): the first name may be theirs from here
                until = min(until, _Place(name, occ, False).order)
    return sorted(
        [*mentions, *(place for place in extra if first < place.order < until)],
        key=lambda place: place.order,
    )


def _alone(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether no capitalised word is right next to the word at ``occ`` (past a sentence's
    start): it is no part of a longer name."""
    return not _capitalised_after(scan, occ) and _capitalised_before(scan, occ) is None


def _same_family_titled(norm: str, family: str, initial: str, titles: set[str]) -> Iterator[int]:
    """Where someone else of ``family`` is named with one of ``titles`` in ``norm``: a title,
    the family and a given name not opening with ``initial`` (教授张华), or the family, a given
    name of one or two characters and a title (张华教授). Read by hand: a pattern holding the
    Han range would be compiled anew for each family and article, at milliseconds each."""
    at = norm.find(family)
    while at >= 0:
        rest = at + len(family)
        following = norm[rest : rest + 1]
        if following and following != initial and is_han(following):
            before = [title for title in titles if norm.endswith(title, 0, at)]
            if before:
                yield at - len(before[0])
            elif not any(norm.startswith(title, rest) for title in titles) and any(
                all(map(is_han, norm[rest : rest + length]))
                and any(norm.startswith(title, rest + length) for title in titles)
                for length in (1, 2)
            ):
                yield at
        at = norm.find(family, at + 1)


def _with_titled_follow_ups(
    titled: tuple[int, str, str],
    mentions: list[_Place],
    article: ArticleScan,
    covered: _Covered,
) -> list[_Place]:
    """The mentions with the family name of a short Han name set before a title that one of
    its full mentions was introduced with (张明教授 / 教授张明 … 张教授), or before the colon
    of a transcript's line it opens (高橋：…), up to where another person of that family is
    introduced with it too (张华教授: 张教授 may be either from there)."""
    word, family, given = titled
    titles = {"氏"} | {
        title
        for place in mentions
        if place.full
        for title in HAN_FOLLOW_UP_TITLE.findall(
            article[place.field].text.norm,
            max(0, place.occ.start - 12),
            _past_reading(article[place.field].text.norm, place.occ.end) + 6,
        )
    }
    until = min(
        (
            _Place(name, Occurrence(found, found, -1, -1), False).order
            for name, scan in article.items()
            for found in _same_family_titled(scan.text.norm, family, given[:1], titles)
        ),
        default=NEVER,
    )
    first = mentions[0].order
    extra = []
    for name, scan in article.items():
        norm = scan.text.norm
        for occ in scan.word(word):
            title = HAN_FOLLOW_UP_TITLE.match(norm, occ.end)
            before = norm[occ.start - 1 : occ.start]
            labels_a_line = before in ("", "\n") and norm[occ.end : occ.end + 1] == ":"
            if (
                ((title is not None and title.group() in titles) or labels_a_line)
                and (not is_han(before) or HAN_FOLLOW_UP_BEFORE.search(norm, 0, occ.start))
                and not covered.holds(name, occ)
            ):
                extra.append(_Place(name, occ, False))
    return sorted(
        [*mentions, *(place for place in extra if first < place.order < until)],
        key=lambda place: place.order,
    )


_READING = re.compile(r"\([^()\n]{1,24}\)")


def _past_reading(norm: str, end: int) -> int:
    """Past the bracketed reading or romanisation after a name (劉子豪（リュウ・ズーハオ）さん,
    张明（Zhang Ming）教授), where its title follows."""
    reading = _READING.match(norm, end)
    return reading.end() if reading is not None else end


ENGLISH_VERB_NEXT = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:said|says|did|does|has|had|was|is|told|added|will|would|[a-z]+ed)\b"
)
"""An English verb, maybe after an adverb, right after a sentence-initial surname that is a word
of another language: "Ma briefly addressed reporters", not Italian's "Ma il governo …"."""


def _follow_up(scan: FieldScan, occ: Occurrence) -> bool:
    """A capitalised surname; not sentence-initial when the surname is also an English word. A
    surname in Han characters is followed by a title, honorific or particle (岸田氏, 菅野は) or
    a speech verb (林鄭指出), not by more Han characters of another name or word, unless it is
    a dotted name's long transliterated one (温斯顿对…). None joined by a middle dot to another
    name."""
    norm = scan.text.norm
    following = norm[occ.end : occ.end + 1]
    before = norm[occ.start - 1 : occ.start]
    if (following and following in NAME_DOTS) or (before and before in NAME_DOTS):
        return False  # 温斯顿·丘吉尔, 约翰·温斯顿: someone else's full name
    if is_hangul(norm[occ.start : occ.start + 1]):
        return KO_TITLE.match(norm, occ.end) is not None
    if is_han(norm[occ.start : occ.start + 1]):
        return (
            occ.end - occ.start >= DOTTED_FAMILY_LENGTH
            or not is_han(following)
            or HAN_TITLE.match(norm, occ.end) is not None
            or ZH_AFTER_NAME.match(norm, occ.end) is not None
        )
    if not _capitalised(scan, occ.start):
        return False
    surname = scan.text.norm[occ.start : occ.end]
    if surname not in ENGLISH_SURNAMES:
        return True
    if surname in FOREIGN_WORD_SURNAMES and ENGLISH_VERB_NEXT.match(scan.text.norm, occ.end):
        return True  # "Ma briefly addressed reporters"
    if scan.text.norm.startswith(":", occ.end) and scan.text.norm[: occ.start].endswith("\n"):
        return True  # "Tan: Less than people think.": an interview's label
    before = scan.text.norm[: occ.start].rstrip(" \"'")
    return bool(before) and before[-1] not in ".!?\n"


_APPOSITIVE = re.compile(
    r"\s*(?:\([^)\n]{1,80}\)"
    rf"|,\s*(?:a|an|the|who|whose|\d+|{'|'.join(sorted(TITLES))})\b[^\"\n;]{{0,160}}?"
    r"(?=,|[.!?](?:\s|$)|$)"
    rf"|\s+of\s+[^\",.\n;:]{{1,80}}?(?=\s+(?:{VERBS})\b|[\",.;:\n]|$))"
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
    mentions: list[_Place],
    article: ArticleScan,
    quotations: dict[str, Spans],
    pronoun: str | None,
    others: dict[str, list[Occurrence]],
    expert: CompiledExpert,
) -> ExpertFinding:
    """The mention kind and quote; the best-ranked quote of any mention (see :func:`_rank`);
    ``pronoun``: the person's, when configured (see :func:`pronoun_quote`); ``others``: the
    other watched people's mentions, per field; ``expert``: the person, whose name in the cases
    of whom something is said to or done with is no speaker (:attr:`CompiledExpert.object_cases`)
    and in any other case but the nominative no interviewee
    (:attr:`CompiledExpert.oblique_cases`)."""
    for place in mentions:
        if place.full and (place.field == "byline" or _by_line(article[place.field], place.occ)):
            return ExpertFinding("byline", None, _snippet(article, place, mentions))
    best: tuple[int, Quote, _Place] | None = None
    for place in mentions[:QUOTE_MENTIONS]:
        if place.field == "byline":
            continue
        scan = article[place.field]
        last_word = scan.text.norm[place.occ.start : place.occ.end].rsplit(None, 1)[-1]
        if last_word in expert.object_cases:
            continue  # сказал Иванову министр: said to them
        named = others.get(place.field, ())
        if place.field not in quotations:
            quotations[place.field] = find_quotations(scan.text)
        for quote in (
            attributed_speech(scan, place.occ, quotations[place.field]),
            pronoun_quote(scan, place.occ, quotations[place.field], pronoun, named),
            pronoun_reported(scan, place.occ, quotations[place.field], pronoun, named),
            headline_quote(scan, place.occ, quotations[place.field])
            if place.field == "title"
            else interview_answer(scan, place.occ, quotations[place.field])
            if last_word not in expert.oblique_cases
            else None,
            introduced_quote(scan, place.occ, quotations[place.field], named)
            if place.field == "body"
            else None,
            role_named_after(scan, place.occ, quotations[place.field]),
        ):
            if quote is not None and (best is None or _rank(quote, place) > best[0]):
                best = (_rank(quote, place), quote, place)
        if best is not None and best[0] == TOP_RANK:
            break  # no later mention's quote can outrank it
    if best is not None:
        _, quote, place = best
        return ExpertFinding("quoted", quote.text, _snippet(article, place, mentions))
    first = next(place for place in mentions if place.full)
    return ExpertFinding("mentioned", None, _snippet(article, first, mentions))


QUOTE_MENTIONS = 200
"""An expert's quote is looked for at their first 200 mentions (tied to context first, then in
reading order): a real article names one person far less often, and each mention reads the
quotations within a few hundred characters of it, so a page naming someone thousands of times
would cost seconds for nothing."""
TOP_RANK = 3
"""The rank of a quotation joined to its attribution (see :func:`_rank`)."""


def _rank(quote: Quote, place: _Place) -> int:
    """A quotation in quote marks beats reported speech in the text, which beats the headline's
    paraphrase ("…, Victor Gao says"): the expert's own words first, the editor's last; and a
    quotation joined to its attribution beats one met inside a reported clause ("Gao said that
    Li raised the “unresolved issues”"). Within a rank the first mention wins (mentions come
    tied-to-context first, then in reading order)."""
    if quote.verbatim:
        return TOP_RANK if quote.attached else 2
    return 0 if place.field == "title" else 1


BY_LINE = re.compile(folded(r"\s*(?:par|por|von|di|da|от|автор:?)\s+"))
"""A byline's opening word in the beat's other languages, right before the name ("Par Claire
Dubois", "Por …", "Von …"; English's "By …" opens a byline of any words)."""
_WIRE_BYLINE_AFTER = re.compile(
    r"\s*(?:기자|특파원)(?:\s*[,·]?\s*[\uac00-\ud7a3]{2,4}\s*(?:기자|특파원))*\s*="
)
_WIRE_BYLINE_BEFORE = re.compile(
    r"(?:\([^()\n]{0,12}[记記]者\s*(?:[\u4e00-\u9fff]{2,4}[、,]\s*)*|【[^】\n]{0,12}=)$"
)
"""A wire service's byline in East Asian copy: Yonhap's "(서울=연합뉴스) 김지훈 기자 = …" (or
"김지훈 특파원 이재훈 기자 = …"),
Xinhua's and CNA's "（记者张明、李华）", "（中央社記者張明台北20日電）", Japanese papers'
"【ワシントン＝田中浩】"."""
_WIRE_BYLINE_CLOSES = re.compile(r"[、,]|[^()\n,。]{0,20}[)】]")
"""What follows a name in a bracketed byline: more names, or the bracket's end within a place
and date (（中央社記者張明台北20日電）; not （在记者会上，张明表示，……）)."""


def _by_line(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the mention at ``occ`` names the article's author: a short "By …" line, a wire
    service's byline (see :data:`_WIRE_BYLINE_BEFORE`) or a broadcast transcript's reporter
    ("OWEN PRITCHARD, BYLINE: …", as NPR marks its own correspondent's lines)."""
    norm = scan.text.norm
    if norm.startswith(", byline:", occ.end):
        return True
    line_start = norm.rfind("\n", 0, occ.start) + 1
    line_end = norm.find("\n", occ.end)
    line = norm[line_start : len(norm) if line_end < 0 else line_end]
    if len(line) <= 120 and (
        line.lstrip().startswith("by ") or BY_LINE.fullmatch(norm, line_start, occ.start)
    ):
        return True
    return bool(
        _WIRE_BYLINE_AFTER.match(norm, occ.end)
        or (
            _WIRE_BYLINE_BEFORE.search(norm, max(0, occ.start - 50), occ.start)
            and _WIRE_BYLINE_CLOSES.match(norm, occ.end)
        )
    )


def _snippet(article: ArticleScan, place: _Place, mentions: list[_Place]) -> str:
    text = article[place.field].text
    span = text.sentence(place.occ.start, place.occ.end)
    marks = [
        text.to_original(other.occ.start, other.occ.end)
        for other in mentions
        if other.field == place.field
    ]
    return mark(text.original, span, marks)
