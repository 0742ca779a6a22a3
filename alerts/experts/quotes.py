"""Quote attribution: whether a mention is a speaker, and the words attributed to them.

A quotation is reported speech in quote marks attributed to the speaker, or the clause after a
speech verb; quote marks around a name, title or term inside a noun phrase are not one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter, itemgetter

from alerts.experts.names import TITLES
from alerts.experts.speech import (
    ACT_OF_SPEAKING,
    ACT_THEN_PLACE,
    ADDRESS_OPENING,
    ADDRESSED_BEFORE,
    ADDRESSEE,
    AFTER_NAME,
    AFTER_THE_OBJECT,
    AGE_REFERRER,
    ANOTHER_PERSON,
    ANSWER_LINE,
    ANSWER_MARKS,
    APPOSED_NAME,
    APPOSITIVE_ARTICLE,
    APPOSITIVE_REST,
    ARTICLE_NOUN_OF,
    ARTICLES,
    ASIDE_AFTER_VERB,
    ASIDE_DASH,
    ASIDES,
    ASKED_BEFORE,
    ASKERS_OPEN,
    ASKS_NEXT,
    ATTACHED,
    ATTACHES,
    BARE_NAME_BEFORE,
    BEFORE_NAME,
    BRACKET_LABEL,
    BRACKET_LABEL_END,
    BRACKET_SIGNATURE_END,
    CALLED_SOMEONE,
    CLAUSE_COMMA,
    CLAUSE_EDGE,
    CLAUSE_END,
    CLAUSE_IN_WORDS,
    CLAUSE_JOIN,
    CLAUSE_VERB,
    CLAUSE_VERB_NEXT,
    CO_SPEAKERS,
    COLON_QUOTE,
    DASH_QUOTATION,
    DASHED_AFTER,
    DASHED_BEFORE,
    DATIVE_NAME,
    DEMONSTRATIVE,
    DESCRIBED_REACH,
    DESCRIBED_REFERRER,
    DESCRIBED_SPEAKS,
    DESCRIBED_SUBJECT,
    DESCRIPTOR_PHRASE,
    DESCRIPTOR_STOP,
    DIALOGUE,
    DIALOGUE_OTHER,
    DOCUMENT_BY,
    DOCUMENT_THEN_NAME,
    EA_BEFORE_NAME,
    EA_CLAUSE_SUBJECT,
    EA_GRAMMAR_SHARE,
    EA_INSTITUTION_AFTER,
    EA_NEXT,
    EA_OTHER_SPEAKER,
    EA_OTHER_TOPIC,
    EA_PREDICATE,
    EA_QUOTATIVE,
    EA_REPORTED,
    EA_SAID,
    EA_SENTENCE_BREAK,
    EA_SENTENCE_END,
    EA_SPEAKER,
    EA_SUBJECT,
    EA_THUS,
    EA_TOPIC,
    EARLIER_FULL_NAME,
    EAST_ASIAN,
    ENDS_ATTRIBUTION,
    FIRST_PERSON,
    FR_INCISE,
    FULL_NAME_WITHIN,
    GENERIC_REFERRERS,
    GERMAN_DATIVE_BEFORE,
    GERMAN_PARTICIPLE_CLOSES,
    GERMAN_PROSE,
    GERMAN_RELATIVE,
    GERMAN_REPORTED_BY,
    GERMAN_WHERE,
    GROUP,
    GROUP_REACH,
    HANGUL,
    HEADLINE_QUOTE,
    IN_BEFORE,
    INCISE_OBJECT,
    INCISE_REACH,
    INSIDE_RELATIVE,
    INTERVIEW_CUE,
    INTERVIEW_REACH,
    INTERVIEW_REPORTER,
    INTRODUCES,
    JA_ASKED_ABOUT,
    JA_INTERVIEWEE,
    JA_QUESTION_LINE,
    JA_VIEW_SHOWN,
    JOINED_SPEAKERS,
    KANA,
    KIN_NAMED,
    KIN_NOUN,
    KO_FEATURE,
    KO_SETTING,
    LABELLED_LINE,
    LEAD_IN,
    LEAD_NOT_SAID,
    LEADING_APPOSITIVE,
    LEADING_ASIDE_COLON,
    LEADING_CONJUNCTION,
    LEADING_THAT,
    LED_BY,
    LETTER_WORD,
    LINE_COLON,
    LINE_SPEAKER,
    LINE_SPEECH,
    LINE_START,
    LISTED_BELOW,
    LISTED_BY,
    LISTENER,
    LISTENER_COLON,
    LOWER_WORD_BEFORE,
    MADE_BY,
    MARKED_IN_CLAUSE,
    MARKED_QUESTION,
    MAX_COLON_WORDS,
    MEETS_SOMEONE,
    MET_BEFORE,
    MIN_CLAUSE_CJK,
    MIN_CLAUSE_WORDS,
    MIN_MARKED_CJK,
    MIN_MARKED_WORDS,
    MIN_QUOTE_EAST_ASIAN,
    MIN_QUOTE_WORDS,
    NAME_ENDS_APPOSITION,
    NAME_LINE,
    NAME_LINE_END,
    NAMED_AFTER_DESCRIPTION,
    NAMED_IN_MARKS,
    NAMED_INCISE,
    NAMED_INCISE_END,
    NAMED_PAIR_AFTER,
    NAMED_PAIR_BEFORE,
    NAMING_VERB_BEFORE,
    NARRATOR_OPENS,
    NESTED_QUOTE_END,
    NEW_CLAUSE,
    NEW_DESCRIPTION,
    NEXT_PARAGRAPH,
    NOT_A_PERSON,
    NOT_A_PERSON_NEXT,
    NOT_A_SPEAKER_BEFORE,
    NOT_DESCRIPTORS,
    NOTHING_SAID,
    NOUN_PHRASE,
    OBJECT,
    OBJECT_BEFORE_NAME,
    OBJECT_OF,
    OF_TITLE,
    OFFICE_NOUN,
    OFFICE_OF_BEFORE,
    OFFICE_OF_REACH,
    OFFICE_REFERRER,
    OPEN_RELATIVE,
    OPENING_CLAUSE,
    OTHER_SPEAKER_NEXT,
    OWN_CLAUSE_NEXT,
    PAIR_SPEAKS,
    PAIR_THEY,
    PARTIES,
    PARTY_TAG,
    PLATFORMS,
    POSSESSED_SPEAKS,
    POSSESSIVE,
    POSSESSOR_APPOSED,
    PREPOSITION,
    PREPOSITION_OF,
    PRONOUN_AFTER,
    PRONOUN_BEFORE,
    PRONOUN_BEFORE_REACH,
    PRONOUN_CLOSES,
    PRONOUN_GENDER,
    PRONOUN_INCISE,
    PRONOUN_REACH,
    PRONOUN_SAYS,
    PRONOUN_SENTENCES,
    PRONOUN_SUBJECT,
    PRONOUN_THEN_VERB,
    PRONOUNS,
    QUESTION_LINE,
    QUOTATION,
    QUOTATION_CLOSES_LINE,
    QUOTE_OPENERS,
    QUOTE_THEN_NAME,
    QUOTED_BY,
    RELATIVE_CLAUSE,
    REPLY_VERB,
    REPORTED_AFTER,
    REPORTED_AFTER_REACH,
    REPORTED_BY,
    RESEARCH_PLACE,
    RESEARCH_PLACE_REACH,
    ROLE_SPOKE,
    ROLE_THEN_NAME,
    RUN_ON,
    SAID_BEFORE,
    SAID_NOTHING_MORE,
    SAID_WHAT,
    SAME_ROLE,
    SENTENCE_BREAK,
    SENTENCE_REACH,
    SENTENCE_SUBJECT,
    SIGNATURE_END,
    SIGNED,
    SINGLE_QUOTATION,
    SO_INCISE_END,
    SOMEONE_ELSE,
    SPEAKER_THEN_PARTICIPLE,
    SPEECH_VERB,
    SPEECH_VERB_IN,
    SPOKE_ABOUT,
    SPOKEN_OF,
    SPOKEN_TO,
    STANCE_ENDS,
    STATED_AGE,
    STATEMENT_FROM,
    STRAY_CLOSER,
    SUBJECT_AFTER_ADDRESSEE,
    SUBJECT_COLON,
    SUBJECT_PARTICIPLE,
    SURNAME_SUBJECT,
    TERM_BEFORE,
    THAT_NEXT,
    THE_NOUN_SAID,
    THEY,
    THEY_INTRO,
    THIRD_PERSON,
    TITLE_APPOSITIVE,
    TITLE_NOUNS,
    TITLE_OPENS_SENTENCE,
    TITLE_SET_OFF_BEFORE,
    TITLE_WORDS_BEFORE,
    TOLD_THAT,
    TOLD_WHOM,
    VERB_AT_ONCE,
    VERB_FIRST,
    VERB_SECOND,
    VERB_SECOND_AFTER,
    VISITS,
    WATCHED_OBJECT,
    WHERE_PHRASE,
    WHO_ASIDE,
    WHO_NEXT,
    WHO_SAID,
    WHOSE_APPOSITIVE,
    WHOSE_CLAUSE_THEN_VERB,
    WHOSE_NEXT,
    WORD_CHAR,
    WORDS_OF,
    ZH_AFTER_NAME,
    ZH_GROUP,
    ZH_IN_VIEW,
    ZH_MEETING,
    ZH_MET_BEFORE,
    ZH_OBJECT,
    ZH_PERFECTIVE,
    ZH_QUOTE_THEN_NAME,
    ZH_REPORTED,
    ZH_REPORTED_VERB,
    ZH_SENTENCE_BREAK,
    ZH_SOMEONE_ELSE,
    ZH_THEN_ANOTHER_SPEAKS,
    ZH_THROUGH,
    ZH_TITLED_PERSON,
    ZH_TOPIC_END,
    ZH_VIEW,
    ZH_WITH,
    folded,
)
from alerts.termscan import FieldScan, Occurrence
from alerts.textnorm import NormText, has_cjk, is_cjk, sentence_spans


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    verbatim: bool
    """In quote marks, rather than reported speech or the sentence around an attribution."""
    attached: bool = False
    """Joined to the attribution itself ('"…," Gao said', 'Gao said: "…"', 「…」と述べた), not
    met further on in the clause after the verb ('Gao said that X voiced "concerns"')."""


Spans = list[tuple[int, int]]
"""A field's quotations (:func:`find_quotations`): in text order, none overlapping another, so
their starts and their ends both ascend. They are looked up by bisection, never scanned from the
first for each mention: a page may hold thousands of both."""


def find_quotations(text: NormText) -> Spans:
    """The norm spans inside the quote marks of every quotation (see :data:`QUOTATION`); the
    closing mark is at the span's end. Found in the original, where “ and ” still differ. A
    text without double marks may set its quotations in single ones, as headlines and British
    papers do (:data:`SINGLE_QUOTATION`), and so may one whose double marks all stand inside
    single ones (see :func:`_nested_in_singles`)."""
    spans = []
    mended = _mend_closers(text.original)
    doubles = list(QUOTATION.finditer(mended))
    singles = list(SINGLE_QUOTATION.finditer(mended))
    for match in singles if _nested_in_singles(mended, doubles, singles) else doubles:
        group = match.lastgroup or "straight"
        start, end = match.span(group)
        spans.append((_to_norm(text, start), _to_norm(text, end)))
    if "-" in text.norm:
        spans = _with_dialogue(text.norm, spans)
    return spans


def _with_dialogue(norm: str, spans: Spans) -> Spans:
    """``spans`` and the lines of dialogue set with dashes (:data:`DASH_QUOTATION`) outside
    them (none shares a character with one), in text order; a dialogue span ends at the space
    or comma before its closing dash."""
    found = [
        dialogue.span("said")
        for dialogue in DASH_QUOTATION.finditer(norm)
        if not _overlapping(spans, *dialogue.span("said"))
    ]
    return sorted([*spans, *found]) if found else spans


def _overlapping(quotations: Spans, start: int, end: int) -> bool:
    """Whether a quotation shares a character with ``start``..``end``."""
    before = bisect_left(quotations, end, key=_START)
    return before > 0 and quotations[before - 1][1] > start


def _nested_in_singles(
    original: str, doubles: Sequence[re.Match[str]], singles: Sequence[re.Match[str]]
) -> bool:
    """Whether every double-mark quotation, if any, stands inside a single-mark one that ends a
    clause (:data:`NESTED_QUOTE_END`: 'I've been through three "final deadlines" now.'), as
    British papers nest them (none at all: a text in single marks only). A stretch between two
    apostrophes (the '90s … the workers' pay) ends no clause, so an American text's double marks
    stay its quotations. One walk over both, each in text order."""
    holders = [
        single.span() for single in singles if original[single.end() - 2] in NESTED_QUOTE_END
    ]
    at = 0
    for double in doubles:
        start, end = double.span()
        while at < len(holders) and holders[at][1] < end:
            at += 1
        if at == len(holders) or holders[at][0] > start:
            return False
    return True


_START = itemgetter(0)
_END = itemgetter(1)


def _opening_after(quotations: Spans, offset: int) -> Iterator[tuple[int, int]]:
    """The quotations that open after ``offset``, in text order."""
    first = bisect_right(quotations, offset, key=_START)
    return map(quotations.__getitem__, range(first, len(quotations)))


def _holding(quotations: Spans, start: int, end: int) -> tuple[int, int] | None:
    """The quotation whose span holds ``start``..``end``, if any."""
    last = bisect_right(quotations, start, key=_START) - 1
    return quotations[last] if last >= 0 and quotations[last][1] >= end else None


def _ending_before(quotations: Spans, offset: int) -> int:
    """How many quotations end before ``offset`` (the first ones)."""
    return bisect_left(quotations, offset, key=_END)


def _mend_closers(original: str) -> str:
    """The text with an opening “ typed where a closing ” belongs read as ”: a second “ in a
    paragraph while one is open (“…47%“的实验秘密). Left as it is, it would open a quotation
    running on over the next paragraph. German „…“ pairs are passed over; same length, so
    offsets hold."""
    if original.count("\u201c") < 2:
        return original
    return STRAY_CLOSER.sub(_mended, original)


def _mended(match: re.Match[str]) -> str:
    quote = match.group()
    return quote if quote[0] == "\u201e" else quote[:-1] + "\u201d"


def _to_norm(text: NormText, offset: int) -> int:
    """The norm offset of an original offset (the first norm character made from it)."""
    return offset if text.offsets is None else bisect_left(text.offsets, offset)


def _opens_a_quotation(norm: str, at: int) -> bool:
    """Whether a quote mark opens at the norm offset ``at``, after spaces."""
    return norm[at:].lstrip(" \t")[:1] in QUOTE_OPENERS


def _is_term(norm: str, start: int, end: int) -> bool:
    """Quote marks around a name, a title or a term, not a quotation: after words that name it
    (:data:`TERM_BEFORE`), a fragment (fewer than three words, or five CJK characters, not
    ending a sentence), or a span run straight on into the words after it, inside a noun phrase
    (某某“丝路”研究会, the "Silk Road" institute)."""
    if TERM_BEFORE.search(norm, max(0, start - 24), max(0, start - 1)):
        return True  # the so-called “…”, a report titled “…”, 所谓“……”
    inner = norm[start:end].strip()
    ends_clause = inner[-1:] in CLAUSE_END
    following = norm[end + 1 : end + 2]
    if not ends_clause and WORD_CHAR.match(following):
        return True  # “丝路”研究会: no space, no punctuation between the mark and the next word
    return _is_fragment(inner)


def _is_fragment(inner: str) -> bool:
    """Fewer than three words, or five CJK characters, in quote marks, not ending a sentence
    (a Japanese or Korean quotation runs straight into its quotative: 「……」と, "……"고)."""
    if inner[-1:] in ".!?\u3002":
        return False
    east_asian = len(EAST_ASIAN.findall(inner))
    return east_asian < MIN_QUOTE_EAST_ASIAN and len(inner.split()) < MIN_QUOTE_WORDS


def attributed_speech(scan: FieldScan, occ: Occurrence, quotations: Spans) -> Quote | None:
    """The attributed speech when the mention at ``occ`` is a speaker, else None."""
    norm = scan.text.norm
    inside = _holding(quotations, occ.start, occ.end)
    if inside is not None:
        dashed = DASHED_BEFORE.search(norm, max(inside[0], occ.start - 120), occ.start)
        if dashed and DASHED_AFTER.match(norm, occ.end, inside[1]):
            return Quote(_original(scan, *inside), True)  # as printed, attribution and all
        incise = NAMED_INCISE.search(norm, max(inside[0], occ.start - 160), occ.start)
        if (
            incise is not None
            and NAMED_INCISE_END.match(norm, occ.end, inside[1])
            and not INCISE_OBJECT.search(norm, incise.start(), occ.start)
            and not _is_fragment(norm[inside[0] : incise.start()].strip())
        ):
            return Quote(_original(scan, inside[0], incise.start()), True, attached=True)
        return None  # named inside someone's quotation
    if EA_INSTITUTION_AFTER.match(norm, occ.end):
        return None  # トランプ政権は…と表明した, 特朗普政府表示: the administration speaks
    if norm[occ.start - 1 : occ.start] == "(" and norm[occ.end : occ.end + 1] == ")":
        # the name in brackets after its local spelling: 歐卡福（David Okafor）指出, Денис
        # Саймон (Denis Simon) отметил: the brackets are part of the name
        occ = occ._replace(start=occ.start - 1, end=occ.end + 1)
    said_before = _said_before(scan, occ, quotations) or _labelled_below(scan, occ, quotations)
    if said_before is not None:
        return said_before
    chinese = has_cjk(norm[max(0, occ.start - 200) : occ.end + 260])
    after = AFTER_NAME.match(norm, occ.end, min(len(norm), occ.end + 260))
    before = BEFORE_NAME.search(norm, max(0, occ.start - 200), occ.start)
    if after is not None and ASIDE_DASH.match(after.group()) and not _opens_its_sentence(scan, occ):
        after = None  # "Voters who backed Gao — the incumbent — said": a dashed aside's name
    if after is not None and ADDRESSED_BEFORE.search(norm, max(0, occ.start - 8), occ.start):
        after = None  # "A Marco Bini ha detto il ministro che …": he was told
    if after is not None and after["ru_where"] and not _opens_its_clause(scan, occ):
        after = None  # "Помощник Сергея Воронцова в интервью ТАСС заявил": his aide did
    if after is not None and _in_a_phrase(scan, occ, after.group()):
        after = None  # "a spokesman for Gao said", "Li, speaking after Gao, said"
    if (
        after is not None
        and after.re is AFTER_NAME
        and after["act"]
        and not _subject_after_its_title(scan, occ)
    ):
        after = None  # "Li met Anna Berg on Monday and said": Li's act, Li's words
    if after is not None and STANCE_ENDS.search(after.group()) and _in_a_labelled_line(scan, occ):
        after = None  # "Sommer: … Xi geht davon aus, dass …": her reading of Xi, not his words
    if (
        after is not None
        and WHOSE_APPOSITIVE.search(norm, max(0, occ.start - 60), occ.start)
        and not VERB_AT_ONCE.fullmatch(after.group())
    ):
        after = None  # "Takeda, whose father, Shiro Takeda, founded it, said": the son said
    if (
        before is not None
        and before["aux"]
        and (
            not GERMAN_PARTICIPLE_CLOSES.match(norm, occ.end)
            or GERMAN_DATIVE_BEFORE.search(before["words"])
            or FULL_NAME_WITHIN.search(
                scan.text.original, *scan.text.to_original(before.start("words"), occ.start)
            )
        )
    ):
        # "hat Anna Berg die Frage gestellt", "hat Reed der Ministerin Berg gesagt", "hatte Tom
        # Reed Anna Berg versichert": she was told
        before = None
    if before is not None and _in_someone_elses_attribution(scan, before, occ):
        before = None  # "said Gao's successor, Li", "said Li, a rival of Gao"
    if before is not None and before["words"] and ADDRESSEE.search(before["words"]):
        before = None  # "sagte der Minister zu Anna Berg": she was spoken to
    if before is not None and CLAUSE_VERB_NEXT.match(norm, occ.end):
        before = None  # "said Ridley had raised the incident": whom it was said of
    name_start, name_end = scan.text.to_original(occ.start, occ.end)
    if (
        before is not None
        and DATIVE_NAME.search(scan.text.original, name_start, name_end)
        and SUBJECT_AFTER_ADDRESSEE.match(scan.text.original, name_end)
    ):
        before = None  # "— заявил Анне Берг министр Олег Петров": she was told
    if (
        before is not None
        and before["so"]
        and not before["so"].startswith('"')
        and not SO_INCISE_END.match(norm, occ.end)
    ):
        before = None  # "…, so Gao walked out": German's "so Gao," is an incise, commas both sides
    if (
        before is not None
        and not before.group().startswith('"')
        and NAMING_VERB_BEFORE.search(before.group())
    ):
        before = None  # "…, called Gao “the poster child”": the name is the object
    if before is not None and PRONOUN_SUBJECT.match(before["words"]):
        before = None  # "…, sagte sie, ihre Kollegin Anna Berg habe …": the pronoun spoke
    topic_of = (
        OBJECT_OF.search(norm, max(0, occ.start - 12), occ.start)
        or SPOKEN_TO.search(norm, max(0, occ.start - 40), occ.start)
        or _zh_object(norm, occ)
    )
    if after is None and before is None and topic_of is None:
        after = COLON_QUOTE.match(norm, occ.end, min(len(norm), occ.end + 90))
        line_start = norm.rfind("\n", 0, occ.start) + 1
        if after is None and LINE_START.fullmatch(norm, line_start, occ.start):
            after = LINE_COLON.match(norm, occ.end, min(len(norm), occ.end + 90)) or (
                _line_speaker(scan, occ)
            )
        if after is None and SENTENCE_SUBJECT.search(norm, max(0, occ.start - 60), occ.start):
            after = _subject_colon(scan, occ) or _subject_participle(scan, occ)
    if after is None and before is None:
        end = min(len(norm), occ.end + 200)
        group = GROUP.match(norm, occ.end, end) or CO_SPEAKERS.match(norm, occ.end, end)
        if group is not None:  # "Zhang and his colleagues wrote that …", "Zhang, Li and Wang said"
            after = AFTER_NAME.match(norm, group.end(), min(len(norm), group.end() + 260))
        if after is None and _opens_its_sentence(scan, occ):
            group = JOINED_SPEAKERS.match(norm, occ.end, end)  # "Anna Berg and Mark Li said"
            if group is not None and _names_joined_by_and(scan, group):
                after = AFTER_NAME.match(norm, group.end(), min(len(norm), group.end() + 260))
        if after is not None and _in_a_phrase(scan, occ, norm[occ.end : after.end()]):
            after = None  # "In a letter to Cole, the under secretary, Li and Wang asked …"
    if after is None and before is None and topic_of is None:
        after = _verb_second(scan, occ)
    if after is None and before is None and topic_of is None:
        reported = _reported_after(scan, occ) or _dashed(scan, occ, quotations)
        if reported is not None:  # "Anna Berg zufolge …", 田中博氏によると、…, "—… —dijo X"
            return reported
    if after is None and before is None:
        if _japanese_or_korean(norm, occ, quotations):
            return _sentence_final_attribution(scan, occ, quotations)
        if chinese:
            after = _zh_attribution(norm, occ)
            if after is not None and ZH_THEN_ANOTHER_SPEAKS.match(norm, after.end()):
                return None  # 川普宣布……後，經濟部長林志遠表示：the background of his words
    if after is None and before is None:
        return _group_quote(scan, occ, quotations)
    before_name = _ending_before(quotations, occ.start)
    while before is not None and before_name and quotations[before_name - 1][0] > before.start():
        before_name -= 1  # an outlet's name in marks among the words before the name
    if before_name and occ.start - quotations[before_name - 1][1] <= 80:  # the nearest one
        start, end = quotations[before_name - 1]
        gap = norm[end : occ.start]
        then_name = QUOTE_THEN_NAME.match(gap) or (chinese and ZH_QUOTE_THEN_NAME.match(gap))
        if then_name and NEW_CLAUSE.search(gap):
            then_name = None  # '"…," while Gao warned': the quotation is someone else's
        if (
            then_name
            and after is not None
            and norm[start:end].rstrip()[-1:] in ".!?"
            and OWN_CLAUSE_NEXT.match(norm, after.end())
        ):
            then_name = None  # '"…." Berg said she had asked …': a new sentence, its own clause
        after_mark = gap[1:].lstrip()[:1]  # "" when the name follows the mark at once
        inner_end = norm[start:end].rstrip().rstrip("'\u2019")[-1:]  # ",'" closes a nested one
        closes = inner_end in CLAUSE_END or (after_mark and after_mark in ",:-")
        titled = TERM_BEFORE.search(norm, max(0, start - 24), max(0, start - 1))
        if then_name and closes and not titled and not _breaks(gap, chinese):
            quote = _original(scan, start, end)
            rest = _continuation(scan, occ, quotations, start, end)
            return Quote(quote if rest is None else f"{quote} {rest}", True, attached=True)
    if (
        after is not None
        and after.re in (LINE_SPEAKER, LINE_COLON)
        and not _opens_a_quotation(norm, after.end())
    ):  # a transcript's or an interview's line: the speaker's own words, first sentence
        line_end = norm.find("\n", after.end())
        words = _first_sentences(
            _original(scan, after.end(), len(norm) if line_end < 0 else line_end)
        )
        if words is not None:
            return Quote(words, True, attached=True)
    sentence = scan.text.sentence(occ.start, occ.end)
    if after is None and before is not None:
        own = _quotation_of_the_sentence(scan, quotations, before_name, sentence, before.start())
        if own is not None:  # '"…", ha detto la vice rappresentante per …, Karen Whitlock, …'
            return own
    verb_end = after.end() if after else occ.end
    for start, end in _opening_after(quotations, verb_end):
        if _is_term(norm, start, end):
            continue  # the clause after the verb holds it: the reported speech is the quote
        gap = norm[verb_end : start - 1]
        opens = INTRODUCES.fullmatch(gap) is not None  # "said:" then the quote below
        if not opens and after is not None and OBJECT.search(after.group()):
            opens = LISTENER_COLON.fullmatch(gap) is not None  # "told reporters:" then "…"
        if opens or (len(gap) <= 200 and not _breaks(gap, chinese)):
            attached = opens or ATTACHES.fullmatch(gap) is not None
            if not attached and _is_fragment(norm[start:end].strip().rstrip(".")):
                continue  # said that China would take “resolute countermeasures.”: a phrase
            return Quote(_original(scan, start, end), True, attached=attached)
        lead_in = after is not None and not chinese and _leads_in(gap, after.group())
        if after is None and not chinese:  # "…, says Yao." then “…” (hers, unattributed)
            lead_in = ENDS_ATTRIBUTION.fullmatch(gap) is not None
        if lead_in and _unattributed(norm, end):  # "put it bluntly." then "…" (its own)
            return Quote(_original(scan, start, end), True)
        break
    group = _group_quote(scan, occ, quotations)
    if group is not None:  # the letter it leads speaks in quote marks: that beats a paraphrase
        return group
    if after is not None:
        perfective = ZH_PERFECTIVE.match(norm, after.end()) if chinese else None
        if perfective is not None and perfective["pause"] is None and before is None:
            return None  # 透露了……的秘密, 表示了关注: the verb took an object, it reports nothing
        clause_from = perfective.end() if perfective is not None else after.end()
        if NOTHING_SAID.match(norm, clause_from):
            return None  # "has said nothing publicly about the meetings"
        if SPOKE_ABOUT.match(norm, clause_from) and not SAID_WHAT.search(
            norm, clause_from, _to_norm(scan.text, sentence[1])
        ):
            return None  # "has mused publicly about whether …": a topic, nothing said
        if OBJECT_BEFORE_NAME.search(
            norm, max(0, occ.start - 60), occ.start
        ) and not AFTER_THE_OBJECT.match(norm, clause_from):
            return None  # "a move Tom Reed had predicted, took effect": the move was predicted
        name_start, _ = scan.text.to_original(occ.start, occ.start)
        lead = scan.text.original[sentence[0] : name_start].rstrip()
        said_before = lead.endswith(",") and len(lead.split()) >= MIN_CLAUSE_WORDS
        if (
            before is None
            and ACT_OF_SPEAKING.search(after.group())
            and ACT_THEN_PLACE.match(norm, clause_from)
        ):
            return None  # "Reed testifies before the Senate Finance Committee", a caption
        if CALLED_SOMEONE.search(after.group()) and APPOSED_NAME.match(
            scan.text.original, scan.text.to_original(clause_from, clause_from)[0] + 1
        ):
            return None  # "Reed called Li Wei on Tuesday": he phoned
        aside = ASIDE_AFTER_VERB.match(norm, clause_from)
        if aside is not None and (that := THAT_NEXT.match(norm, aside.end())) is not None:
            clause_from, aside = that.end(), None  # "said, according to a transcript, that …"
        if said_before and not LEAD_NOT_SAID.match(lead) and aside is not None:
            return Quote(lead.rstrip(",").strip(), False)  # "Ties will steady, Gao said, adding"
        clause_end = _relative_clause_end(scan, occ, clause_from, sentence, after.group())
        clause = _reported_clause(scan, clause_from, clause_end, after.group())
        if clause is None and after.group().rstrip().endswith(":"):  # "Berg: Only partly. …"
            line_end = norm.find("\n", after.end())
            rest = _first_sentences(
                _original(scan, after.end(), len(norm) if line_end < 0 else line_end)
            )
            clause = Quote(rest, False) if rest is not None else None
        if (
            clause is not None
            and scan.text.original[:clause_end].rstrip().endswith(":")
            and WHERE_PHRASE.match(clause.text)
        ):
            listed = LISTED_BELOW.match(scan.text.original, clause_end)  # "sagte …:" then "• …"
            words = _first_sentences(listed["line"]) if listed is not None else None
            clause = Quote(words, False) if words is not None else clause
        if clause is not None and (perfective is None or perfective["pause"] is not None):
            return _words_going_on(scan, quotations, sentence[1]) or clause
        if said_before:
            return Quote(lead.rstrip(",").strip(), False)  # "Ties will steady, Gao says"
        if before is None and ACT_OF_SPEAKING.search(after.group()):
            return None  # "Gao testified before the committee.": nothing said in it
        if before is None and SAID_NOTHING_MORE.fullmatch(
            norm, after.end(), _to_norm(scan.text, sentence[1])
        ):
            return None  # "Tom Reed said in an interview.": nothing said in it
    if before is not None:  # "… a “very high commitment” to it, says Gao": her words in it
        own = _quotation_of_the_sentence(scan, quotations, before_name, sentence, before.start())
        if own is not None:
            return own
        lead = _lead_before(scan, before, sentence[0])
        if lead is not None and before["so"]:  # "Ein Abkommen, so Gao, werde …": both sides
            _, name_end = scan.text.to_original(occ.start, occ.end)
            rest = scan.text.original[name_end : sentence[1]].lstrip(" ,")
            return Quote(f"{lead} {rest}".strip(), False)
        if lead is not None:  # "Ties will steady, said Gao, adding …", "…, according to Gao."
            return Quote(lead, False)
        if REPORTED_BY.search(before.group()):  # "According to Gao, ties will steady."
            _, name_end = scan.text.to_original(occ.start, occ.end)
            rest = _past_appositive(scan.text.original[name_end : sentence[1]])
            if len(rest.split()) >= MIN_CLAUSE_WORDS:
                return Quote(rest, False)
    return Quote(scan.text.original[sentence[0] : sentence[1]].strip(), False)


def _quotation_of_the_sentence(
    scan: FieldScan,
    quotations: Spans,
    before_name: int,
    sentence: tuple[int, int],
    verb_at: int,
) -> Quote | None:
    """The first quotation, not a term, of the sentence (original offsets) among the
    ``before_name`` quotations that end before a name its speech verb (at ``verb_at``, a norm
    offset) precedes; attached to the verb when only its closing mark and a comma are between."""
    first = before_name  # back to the first quotation of the sentence
    while first and scan.text.to_original(*quotations[first - 1])[0] >= sentence[0]:
        first -= 1
    for start, end in quotations[first:before_name]:
        orig_end = scan.text.to_original(start, end)[1]
        if orig_end <= sentence[1] and not _is_term(scan.text.norm, start, end):
            attached = (
                ATTACHES.fullmatch(scan.text.norm, min(end + 1, verb_at), verb_at) is not None
            )
            return Quote(_original(scan, start, end), True, attached=attached)
    return None


def _labelled_below(scan: FieldScan, occ: Occurrence, quotations: Spans) -> Quote | None:
    """The quotation a broadcast transcript's label line gives to the name in it, on the line
    below (see :data:`BRACKET_LABEL`), or a line that holds only the name and its description,
    not the text's first (see :data:`NAME_LINE_END`)."""
    norm = scan.text.norm
    line_start = norm.rfind("\n", 0, occ.start) + 1
    if BRACKET_LABEL.fullmatch(norm, line_start, occ.start):
        label_end = BRACKET_LABEL_END.match(norm, occ.end)
    elif line_start and NAME_LINE.fullmatch(
        scan.text.original, *scan.text.to_original(line_start, occ.start)
    ):
        label_end = NAME_LINE_END.match(norm, occ.end)
    else:
        return None
    if label_end is None:
        return None
    following = next(_opening_after(quotations, label_end.end() - 1), None)
    if following is None or following[0] != label_end.end():
        return None  # no quotation opens the next line
    if label_end.re is NAME_LINE_END and not QUOTATION_CLOSES_LINE.match(norm, following[1]):
        return None  # '"…," the organisers said': signed, or a title with more after it
    return Quote(_original(scan, *following), True, attached=True)


def _verb_second(scan: FieldScan, occ: Occurrence) -> re.Match[str] | None:
    """The join to the reported clause when the name's sentence opens with a time or place and
    the speech verb (see :data:`VERB_SECOND`)."""
    norm = scan.text.norm
    sentence_start = _to_norm(scan.text, scan.text.sentence(occ.start, occ.end)[0])
    if VERB_SECOND.fullmatch(norm, sentence_start, occ.start) is None:
        return None
    return VERB_SECOND_AFTER.match(norm, occ.end)


def _said_before(scan: FieldScan, occ: Occurrence, quotations: Spans) -> Quote | None:
    """The quotation or sentence just before a sentence that opens by giving it to the name at
    ``occ`` ("«…». Lo ha detto X", "… Об этом заявил X"; see :data:`SAID_BEFORE`)."""
    norm = scan.text.norm
    said = SAID_BEFORE.search(norm, max(0, occ.start - 160), occ.start)
    if said is None or said.start() == 0:
        return None
    closed = _ending_before(quotations, said.start())
    if closed and not norm[quotations[closed - 1][1] + 1 : said.start()].strip(" .!?"):
        return Quote(_original(scan, *quotations[closed - 1]), True, attached=True)
    previous = norm[: said.start()].rstrip()
    start, end = scan.text.sentence(len(previous) - 1, len(previous))
    return Quote(scan.text.original[start:end].strip(), False)


def _words_going_on(scan: FieldScan, quotations: Spans, sentence_end: int) -> Quote | None:
    """The quotation that opens the next sentence after reported speech ending at
    ``sentence_end`` (an original offset), when nobody else is attributed it: the speaker goes
    on in their own words, which beat the paraphrase (他同时强调，……。“……”; advirtió que ….
    "…", dijo a EFE.). It may be the whole next paragraph, unsigned ("X said the uncertainty
    was growing." then a paragraph of X's words)."""
    norm = scan.text.norm
    end_at = _to_norm(scan.text, sentence_end)
    following = next(_opening_after(quotations, end_at), None)
    if following is None:
        return None
    start, end = following
    gap = norm[end_at : start - 1]
    if gap.strip() or _is_term(norm, start, end) or not _unattributed(norm, end):
        return None
    if "\n" in gap:
        line_end = norm.find("\n", end)
        rest = norm[end + 1 : len(norm) if line_end < 0 else line_end]
        if (
            gap.count("\n") > 2
            or rest.strip(CLAUSE_EDGE + ".!?")
            or SIGNED_BELOW.match(norm, end + 1)
        ):
            return None  # the quotation must be its paragraph, unsigned (no "— Name" below)
    return Quote(_original(scan, start, end), True)


SIGNED_BELOW = re.compile(r"[^\n]*\n\s*[-\u2013\u2014\u2015]")
"""A pull quote's signature on the line below it ("— Marcus Albright, CEO")."""


def _relative_clause_end(
    scan: FieldScan,
    occ: Occurrence,
    clause_from: int,
    sentence: tuple[int, int],
    attribution: str,
) -> int:
    """Where the reported speech from the norm offset ``clause_from`` ends (an original offset):
    at the sentence's end, or at the first comma after it when the name at ``occ`` speaks inside
    a relative clause (:data:`OPEN_RELATIVE`: "Ann Holt, whose lawyer Dan Ruiz said the case
    was weak, did not attend"; or its own, the ``attribution`` ", who said", where the name is
    the sentence's subject: "Tom Reed, who said last year that …, has since changed his mind":
    the rest is the main clause's)."""
    norm = scan.text.norm
    sentence_start = _to_norm(scan.text, sentence[0])
    own_clause = WHO_SAID.match(attribution) and _opens_its_sentence(scan, occ)
    if not own_clause and not OPEN_RELATIVE.search(
        norm, max(sentence_start, occ.start - 120), occ.start
    ):
        return sentence[1]
    comma = CLAUSE_COMMA.search(norm, clause_from, _to_norm(scan.text, sentence[1]))
    if comma is None or len(norm[clause_from : comma.start()].split()) < MIN_CLAUSE_WORDS:
        return sentence[1]  # "which Ruiz said was, in his view, …": no clause before the comma
    return scan.text.to_original(comma.start(), comma.start())[0]


def _reported_clause(
    scan: FieldScan, clause_from: int, sentence_end: int, attribution: str
) -> Quote | None:
    """The clause a speech verb reports, from the norm offset ``clause_from`` to the original
    ``sentence_end`` ("that" and "reporters" dropped), when it says something; the speaker's
    words in marks in it when they are long enough (see :func:`_marked_words`), verbatim."""
    clause_start, _ = scan.text.to_original(clause_from, clause_from)
    clause = scan.text.original[clause_start:sentence_end]
    stripped = clause.strip(CLAUSE_EDGE)
    clause = LEADING_THAT.sub("", stripped).strip()
    clause = LEADING_CONJUNCTION.sub("", clause).strip()
    if not scan.text.original[clause_start:sentence_end].lstrip().startswith(","):
        clause = GERMAN_WHERE.sub("", clause, count=1)
    clause = LEADING_ASIDE_COLON.sub("", clause, count=1)
    if clause == stripped.strip() and OBJECT.search(attribution):  # no "that" took the listener
        clause = TOLD_THAT.sub("", clause, count=1)
    if clause == stripped.strip() and OBJECT.search(attribution):
        clause = LISTENER.sub("", clause, count=1)
    if (run_on := RUN_ON.search(clause)) is not None:
        clause = clause[: run_on.start()]
    if (marked := _marked_words(clause)) is not None:
        return Quote(marked, True)
    if sum(map(is_cjk, clause)) >= MIN_CLAUSE_CJK or not _says_nothing(clause, attribution):
        return Quote(clause, False)
    return None


def _marked_words(clause: str) -> str | None:
    """The first quotation in marks inside a reported clause long enough to be the speaker's
    own words (see :data:`MIN_MARKED_WORDS`), or one that is all the clause says ("spricht von
    „Überkapazitäten“")."""
    for marked in MARKED_IN_CLAUSE.finditer(clause):
        inner = marked.group(1).strip()
        if NAMED_IN_MARKS.search(clause, 0, marked.start()) or is_cjk(clause[marked.end() :][:1]):
            continue  # 所谓“……”只是口号, 'called the plan "…"': a name or someone's phrase
        if len(inner.split()) >= MIN_MARKED_WORDS or sum(map(is_cjk, inner)) >= MIN_MARKED_CJK:
            return inner
        if marked.start() == 0 and not clause[marked.end() :].strip(" .!?。"):
            return inner
    return None


def headline_quote(scan: FieldScan, occ: Occurrence, quotations: Spans) -> Quote | None:
    """The quotation a headline's name speaks with its verb dropped (see
    :data:`HEADLINE_QUOTE`); a quotation that is a term or title is none."""
    norm = scan.text.norm
    lead = HEADLINE_QUOTE.match(norm, occ.end, min(len(norm), occ.end + 16))
    following = next(_opening_after(quotations, occ.end), None)
    if lead is None or following is None or following[0] != lead.end() + 1:
        return None
    if _is_term(norm, *following):
        return None
    return Quote(_original(scan, *following), True)


def interview_answer(scan: FieldScan, occ: Occurrence, quotations: Spans) -> Quote | None:
    """The first answer of an interview whose introduction names the person at ``occ``: the
    next question on a line of its own, within :data:`INTERVIEW_REACH`, then the line answering
    it, one of the two marked as an interview marks them (see :data:`QUESTION_LINE`,
    :data:`ANSWER_LINE`); in Japanese, only for the one asked (:data:`JA_INTERVIEWEE`). Its
    first sentence, without marks."""
    if _holding(quotations, occ.start, occ.end) is not None:
        return None
    original = scan.text.original
    name_start, name_end = scan.text.to_original(occ.start, occ.end)
    line_start = original.rfind("\n", 0, name_start) + 1
    if _in_an_exchange(original, line_start, name_start):
        return None
    line_end = original.find("\n", name_end)
    while 0 <= line_end < name_end + INTERVIEW_REACH:
        question = _question_line(original, line_end + 1)
        if question is not None:
            if question.re is JA_QUESTION_LINE and not JA_INTERVIEWEE.match(original, name_end):
                return None
            if not _the_one_interviewed(scan, occ, question.start()):
                return None
            answer = ANSWER_LINE.match(original, question.end())
            if answer is None or not (question["marked"] or answer["marked"]):
                return None
            if _labelled(answer["answer"]):
                return None  # "Berg: …": a speaker's line says whose it is (see _line_speaker)
            first = _first_sentences(answer["answer"].strip())
            return Quote(first.strip(ANSWER_MARKS), True) if first is not None else None
        line_end = original.find("\n", line_end + 1)
    return None


def _in_a_labelled_line(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the name at ``occ`` stands after the label of the line it is on: in someone's
    answer or transcript line ("Sommer: … Xi Jinping geht davon aus, …")."""
    original = scan.text.original
    name_start, _ = scan.text.to_original(occ.start, occ.end)
    line_start = original.rfind("\n", 0, name_start) + 1
    label = LABELLED_LINE.match(original, line_start)
    if label is None or label.end() > name_start or not _labelled(label.group()):
        return False
    return SENTENCE_BREAK.search(original, label.end(), name_start) is not None  # not a dateline


def _labelled(line: str) -> bool:
    """Whether ``line`` opens with a speaker's label (:data:`LABELLED_LINE`); one with a comma
    only in capitals, as transcripts set it ("Vietnam, Mexico: they pick up …" is an answer)."""
    label = LABELLED_LINE.match(line)
    if label is None or any(word[:1].islower() for word in label["label"].split()):
        return False
    return "," not in label["label"] or label["label"].isupper()  # "CHEN YI-TING, FORUM: …"


def _the_one_interviewed(scan: FieldScan, occ: Occurrence, questions_from: int) -> bool:
    """Whether the person at ``occ`` may be who answers an interview whose introduction ends at
    ``questions_from`` (original offset): not its reporter (记者吴欣怡／专访), and, when the
    introduction says who was interviewed (接受本报专访, "in an interview with"), the sentence
    naming them says it ("川普与习近平可能会面。简立德接受本报专访时表示……": 简立德's), or one of
    the next does, of him or her ("Lin Wei runs a think tank. We spoke to her last week.")."""
    original = scan.text.original
    name_start, _ = scan.text.to_original(occ.start, occ.end)
    if INTERVIEW_REPORTER.search(original, max(0, name_start - 80), name_start):
        return False
    start, end = scan.text.sentence(occ.start, occ.end)
    intro_from = original.rfind("\n\n", 0, name_start) + 1
    if INTERVIEW_CUE.search(original, intro_from, questions_from) is None:
        return True
    if INTERVIEW_CUE.search(original, start, end) is not None:
        return True
    for _ in range(INTERVIEW_SENTENCES):
        following = _past_spaces(original, end)
        if following >= questions_from:
            return False
        next_start, end = scan.text.sentence(*(_to_norm(scan.text, following),) * 2)
        next_norm = scan.text.norm[_to_norm(scan.text, next_start) : _to_norm(scan.text, end)]
        pronoun = THIRD_PERSON.search(next_norm)
        if (  # "Lin Wei runs a think tank. We spoke to her last week.": a next one, of her
            INTERVIEW_CUE.search(original, next_start, end) is not None
            and pronoun is not None
            and pronoun["own"] is None
            and pronoun["his"] is None
        ):
            # a subject pronoun is not of someone the name's sentence was about ("Ndiaye
            # co-founded it with Tran. She said in an interview …": hers; "at odds with Reed.
            # We spoke to him": his)
            return pronoun.group() not in ("he", "she") or not PREPOSITION.search(
                scan.text.norm, max(0, occ.start - 20), occ.start
            )
        if _someone_else(original[next_start:end]):
            return False  # "Her colleague Tom Reed disagrees. We spoke to him …": his interview
        if INTERVIEW_CUE.search(original, next_start, end) is not None and pronoun is None:
            # "The interview has been edited.": a credit line, of the one the introduction opens
            # with ("Liang Wenhua is a professor … The interview has been edited")
            return _opens_its_sentence(scan, occ) and not original[intro_from:name_start].strip()
    return False


INTERVIEW_SENTENCES = 3
"""How many sentences after the one naming a person may say that they were interviewed."""


def _in_an_exchange(original: str, line_start: int, name_start: int) -> bool:
    """Whether the name stands in a question or an answer of the interview ("Q: Minister Koh
    will attend …?", "A: … Deng's visit …", "记者：…奥尔登与宋一鸣…？"): someone asked about or
    talked about, not the one answering. Unless addressed at the question's start ("Q: Mr Gao,
    will …?"), as an interviewer turns to the interviewee."""
    question = _question_line(original, line_start)
    if question is not None and question.start("marked") <= name_start < question.end():
        opening = question.end("marked") if question["marked"] else line_start
        return not ADDRESS_OPENING.fullmatch(original, opening, name_start)
    marked = MARKED_QUESTION.match(original, line_start)
    if marked is not None and marked.end() <= name_start:  # "P. Desde la llegada de Milei, …"
        return not ADDRESS_OPENING.fullmatch(original, marked.end(), name_start)
    answer = ANSWER_LINE.match(original, line_start)
    return answer is not None and bool(answer["marked"]) and name_start >= answer.start("answer")


def _question_line(original: str, start: int) -> re.Match[str] | None:
    """An interview's question on the line at ``start`` (:data:`QUESTION_LINE`,
    :data:`JA_QUESTION_LINE`)."""
    return QUESTION_LINE.match(original, start) or JA_QUESTION_LINE.match(original, start)


def _first_sentences(text: str) -> str | None:
    """The first sentence of ``text``, or the first two when the first is a word or two
    ("Nadie. Los aranceles son …", "Only partly. Chinese carmakers will …")."""
    for _, end in sentence_spans(text):
        first = text[:end].strip()
        if len(first.strip(ANSWER_MARKS).split()) >= MIN_QUOTE_WORDS or _east_asian(first):
            return first
    return None


def _east_asian(text: str) -> bool:
    """At least :data:`MIN_QUOTE_EAST_ASIAN` CJK characters, kana or Hangul syllables."""
    return len(EAST_ASIAN.findall(text)) >= MIN_QUOTE_EAST_ASIAN


def _continuation(
    scan: FieldScan, occ: Occurrence, quotations: Spans, start: int, end: int
) -> str | None:
    """The rest of a sentence its attribution interrupts after a fragment: '“The tariffs,” said
    Gao, an economist, “are a tax.”' (the first part, too short to stand alone, ends in a comma;
    the second opens in lower case after one, in the same sentence)."""
    norm = scan.text.norm
    if norm[start:end].rstrip()[-1:] != "," and norm[end + 1 : end + 2] != ",":
        return None
    if not _is_fragment(norm[start:end].strip().rstrip(",")):
        return None  # “We will talk,” said Gao, “if they call.”: the first part stands alone
    following = next(_opening_after(quotations, occ.end), None)
    if following is None:
        return None
    gap = norm[occ.end : following[0] - 1]
    if not gap.rstrip().endswith(",") or len(gap) > 200 or _breaks(gap, False) or '"' in gap:
        return None
    rest = _original(scan, *following)
    return rest if rest[:1].islower() else None


def _reported_after(scan: FieldScan, occ: Occurrence) -> Quote | None:
    """The rest of the sentence after "according to" set after the name at ``occ`` (see
    :data:`REPORTED_AFTER`), when it says something."""
    norm = scan.text.norm
    marker = REPORTED_AFTER.match(norm, occ.end, min(len(norm), occ.end + REPORTED_AFTER_REACH))
    if marker is None or (
        marker["view"] is not None and not IN_BEFORE.search(norm, max(0, occ.start - 4), occ.start)
    ):
        return None
    _, sentence_end = scan.text.sentence(occ.start, occ.end)
    marker_end, _ = scan.text.to_original(marker.end(), marker.end())
    rest = scan.text.original[marker_end:sentence_end].lstrip(CLAUSE_EDGE + "\u3001").strip()
    if sum(map(is_cjk, rest)) >= MIN_CLAUSE_CJK or len(rest.split()) >= MIN_CLAUSE_WORDS:
        return Quote(rest, False)
    return None


def _past_appositive(rest: str) -> str:
    """What follows "according to X": past the name's appositive, one at most (see
    :data:`LEADING_APPOSITIVE` and :data:`TITLE_APPOSITIVE`)."""
    leading = LEADING_APPOSITIVE.match(rest)
    if leading is not None and rest[: leading.end()].strip() != ",":
        return rest[leading.end() :].strip()  # "of Harvard,", "(LSE),", ", an economist,"
    return TITLE_APPOSITIVE.sub("", rest, count=1).lstrip(" ,").strip()


def _lead_before(scan: FieldScan, before: re.Match[str], sentence_start: int) -> str | None:
    """The words a sentence opens with before ", said Gao" or ", according to Gao", when they
    are a clause of their own (three words or more, a comma closing them)."""
    lead_end, _ = scan.text.to_original(before.start(), before.start())
    lead = scan.text.original[sentence_start:lead_end].rstrip()
    if not (lead.endswith(",") or before.group().startswith(",")):
        return None
    lead = lead.rstrip(",").strip()
    return lead if len(lead.split()) >= MIN_CLAUSE_WORDS else None


def _dashed(scan: FieldScan, occ: Occurrence, quotations: Spans) -> Quote | None:
    """Words set off by dashes that the name at ``occ`` speaks: a line of dialogue ("—Es un
    error —dijo Anna Berg") or a quotation that opens its line signed "“…” — Anna Berg" at
    the end of it (not a title in a sentence: 'The book “…” — Anna Berg, 2019'), or signed
    with the name in brackets (「……」（佐藤美咲氏）)."""
    norm = scan.text.norm
    closed = _ending_before(quotations, occ.start)
    while closed > 1 and _is_term(norm, *quotations[closed - 1]):
        closed -= 1  # past a firm's name in marks in the description ("аналитик «ТехРынок»")
    last = quotations[closed - 1] if closed else None
    bracketed = norm[occ.start : occ.start + 1] == "("  # the name's brackets taken with it
    name_start, name_end = (occ.start + 1, occ.end - 1) if bracketed else (occ.start, occ.end)
    line = DIALOGUE.fullmatch(norm, last[1], occ.start) if last is not None else None
    if line is not None and not DIALOGUE_OTHER.search(line["words"]):
        return Quote(_original(scan, *last), True, attached=True)
    if (
        last is not None
        and not norm[norm.rfind("\n", 0, last[0]) + 1 : last[0] - 1].strip()  # opens its line
        and (signed := SIGNED.fullmatch(norm, last[1], name_start)) is not None
        and (BRACKET_SIGNATURE_END if signed["bracket"] else SIGNATURE_END).match(norm, name_end)
        and not _is_fragment(norm[last[0] : last[1]].strip())
    ):
        return Quote(_original(scan, *last), True, attached=True)
    return None


def _in_a_phrase(scan: FieldScan, occ: Occurrence, attribution: str) -> bool:
    """Whether the name at ``occ`` ends a phrase attached to another noun, so that the speech
    verb after it has another subject: "a spokesman for Gao said", "critics of Gao said", a
    phrase a comma closes, "Li, speaking after Gao, said" ("Weeks after Gao said" is hers), a
    relative clause about someone else it stands in ("a spokesman for Gao, who …, said": only a
    who-clause the verb is in, "fell to Gao, who said", is hers), its own "whose" clause, or "quoted
    by Gao as saying"."""
    norm = scan.text.norm
    if WHO_NEXT.match(attribution) and (attribution.count(",") < 2 or WHO_ASIDE.match(attribution)):
        return False  # "The task fell to Gao, who said …", "…, who, after weeks of talks, said"
    if QUOTED_BY.search(norm, max(0, occ.start - 80), occ.start):
        return True  # "Kong was quoted by journalist Gao as saying …"
    if _named_in_apposition(scan, occ, attribution):
        return True  # "Dr. Chen, Taiwan's defense minister, Wu Kuo-liang, said": Wu said
    if WHOSE_NEXT.match(attribution):
        return WHOSE_CLAUSE_THEN_VERB.fullmatch(attribution) is None
    if "," in attribution and INSIDE_RELATIVE.search(norm, max(0, occ.start - 120), occ.start):
        return True  # "Brandt, who sat beside Mercer at the hall, said …": Brandt's
    window = max(0, occ.start - 20)
    if PREPOSITION_OF.search(norm, max(0, occ.start - 50), occ.start):
        return True  # "a spokesman for Gao", "speaking on behalf of Chief Secretary Gao"
    if OF_TITLE.search(norm, max(0, occ.start - 90), occ.start):
        return True  # "Critics of Commerce Secretary Gao say"
    if ARTICLE_NOUN_OF.search(norm, max(0, occ.start - 40), occ.start):
        return True  # "Ein Kollege von Gao meint, …", "Un portavoz de Gao afirma que …"
    closed = attribution.lstrip().startswith(",")
    if closed and MADE_BY.search(norm, max(0, occ.start - 40), occ.start):
        return True  # "A study, co-written by researcher Rao, estimated": the study did
    return closed and PREPOSITION.search(norm, window, occ.start) is not None


def _named_in_apposition(scan: FieldScan, occ: Occurrence, attribution: str) -> bool:
    """Whether the last of the commas after the name at ``occ`` sets off another person's full
    name right before the verb, after a role that name holds: the name was addressed, the other
    speaks ("Dr. Chen, Taiwan's defense minister, Wu Kuo-liang, said …"; not "…, from
    Charlotte, North Carolina, said" nor "…, with his wife, Anna Berg, said")."""
    if attribution.count(",") < 2:
        return False
    _, name_end = scan.text.to_original(occ.start, occ.end)
    original = scan.text.original[name_end : name_end + len(attribution) + 40]
    parts = original.split(",")
    if len(parts) < 3:
        return False
    last, role = parts[-2].strip(), parts[-3].split()
    return (
        APPOSED_NAME.fullmatch(last) is not None
        and NOT_A_PERSON.search(last) is None
        and not any(word.lower() in ROLE_WORDS for word in last.split())
        and bool(role)
        and role[-1].lower() in ROLE_WORDS
    )


def _in_someone_elses_attribution(scan: FieldScan, before: re.Match[str], occ: Occurrence) -> bool:
    """Whether the name at ``occ`` after a speech verb or "according to" is not the one it
    attributes: a possessor ("said Gao's successor, Li"), inside the speaker's appositive
    ("said Li, a rival of Gao"), after a preposition ("said Li about Gao"), or the subject of
    the reported clause ("According to Li, Gao is wrong", "Laut Li hat Gao …"; "According to
    its chair, Gao, …" is hers)."""
    norm = scan.text.norm
    words = before["words"]
    if POSSESSIVE.match(norm, occ.end) or APPOSITIVE_REST.search(words):
        return True
    if CLAUSE_IN_WORDS.search(words):
        return True  # "…, racconta al Corriere di aver atteso Meloni": she is in what was said
    if PREPOSITION.search(words) or OBJECT_OF.search(words) or ARTICLE_NOUN_OF.search(words):
        return True  # '"…," said Li about Gao', '"…", dijo Li sobre Gao', "der Sprecher von Gao"
    if OF_TITLE.search(norm, max(0, occ.start - 90), occ.start):
        return True  # '"…," said Li, a spokeswoman for DEA chief Gao'
    if SPEAKER_THEN_PARTICIPLE.match(words):
        words_start, _ = scan.text.to_original(before.start("words"), before.start("words"))
        if scan.text.original[words_start:].lstrip()[:1].isupper():
            return True  # '"…," said Guo, recalling the consensus reached by Xi'
    if before["cites"] and "," in words:
        return True  # "«…», — цитирует РИА Новости Петрова, коллегу Берг": the colleague's
    if REPORTED_BY.search(before.group()) is None:
        return False
    if DOCUMENT_BY.search(words):
        return True  # "According to the contract signed by Gao", "Menurut buku Gao"
    if DOCUMENT_THEN_NAME.search(words):
        return True  # "Selon l'acte d'accusation, David Lin, 52 ans, aurait …"
    if CLAUSE_VERB.search(words):
        return True
    if GERMAN_REPORTED_BY.search(before.group()):
        name_start, _ = scan.text.to_original(occ.start, occ.start)
        original = scan.text.original
        if LOWER_WORD_BEFORE.search(original, max(0, name_start - 40), name_start):
            return True  # "Nach Angaben von Li erhielt Gao den Preis"
    return "," in words and NAME_ENDS_APPOSITION.match(norm, occ.end) is None


def _line_speaker(scan: FieldScan, occ: Occurrence) -> re.Match[str] | None:
    """The colon after a name that opens its line as a transcript's speaker (see
    :data:`LINE_SPEAKER`), when what follows reads as speech."""
    norm = scan.text.norm
    colon = LINE_SPEAKER.match(norm, occ.end, min(len(norm), occ.end + 90))
    if colon is None:
        return None
    if colon.group().lstrip().startswith(".") and not _original(scan, occ.start, occ.end).isupper():
        return None  # "Antoine Dufresne. – Économiste, 52 ans": a list of guests, no speech
    start, _ = scan.text.to_original(colon.end(), colon.end())
    return colon if LINE_SPEECH.match(scan.text.original, start) else None


def _subject_colon(scan: FieldScan, occ: Occurrence) -> re.Match[str] | None:
    """The rest of a sentence the name at ``occ`` opens, up to a colon and a quotation, when
    it names no one else past the name's appositive (no capitalised word: "Meloni da Trump a
    Mar-a-Lago:" may be either's words; in German, no two in a row: "Brandt rief beide Seiten
    auf Instagram zur Einigung auf:" is his)."""
    norm = scan.text.norm
    rest = SUBJECT_COLON.match(norm, occ.end, min(len(norm), occ.end + 160))
    if rest is None:
        return None
    if POSSESSED_SPEAKS.match(norm, occ.end):
        return None  # "Gao's spokesman said: “…”", 张明的学生表示：“……”
    start, end = scan.text.to_original(rest.start(), rest.end())
    words = scan.text.original[start:end]
    if words.lstrip().startswith(",") and words.count(",") >= 2:
        words = words.split(",", 2)[2]  # past the name's appositive: "X, of Harvard, put it so:"
    if GERMAN_PROSE.search(words):  # German capitalises every noun: two in a row name someone
        if FULL_NAME_WITHIN.search(words) or GERMAN_RELATIVE.search(words):
            return None  # "… lobte den Bürgermeister, der sagte: „…“": his
        return rest
    if any(word[:1].isupper() and word.strip(".,;:") not in PLATFORMS for word in words.split()):
        return None
    return rest


def _subject_participle(scan: FieldScan, occ: Occurrence) -> re.Match[str] | None:
    """The rest of a sentence the name at ``occ`` opens, after at most titles ("Foreign
    Minister Gao", "Committee chairman Gao"; "Trump praised Gao, saying …" is Trump's), up to
    a participle of speech, when no other speaker is named on the way ("on Friday" is no one)."""
    norm = scan.text.norm
    rest = SUBJECT_PARTICIPLE.match(norm, occ.end, min(len(norm), occ.end + 180))
    if rest is None or not _opens_its_sentence(scan, occ):
        return None
    start, end = scan.text.to_original(rest.start(), rest.end())
    return None if _someone_else(scan.text.original[start:end]) else rest


def _names_joined_by_and(scan: FieldScan, group: re.Match[str]) -> bool:
    """Whether the words after a name that :data:`JOINED_SPEAKERS` read are other names joined
    to it by "and" (every word capitalised, "and" or "&" before the last): not "Anna Berg,
    officials said", "Anna Berg and two aides left early, witnesses said"."""
    start, end = scan.text.to_original(group.start(), group.end())
    words = re.sub(r"\([^)]*\)", " ", scan.text.original[start:end]).replace(",", " ").split()
    if not any(word in ("and", "&") for word in words):
        return False
    return all(word in ("and", "&") or word[:1].isupper() for word in words)


def _opens_its_sentence(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the name at ``occ`` opens its sentence after at most titles ("Foreign Minister
    Gao", "Committee chairman Gao"; not "Trump praised Gao")."""
    original = scan.text.original
    sentence_start = scan.text.sentence(occ.start, occ.end)[0]
    name_start, name_end = scan.text.to_original(occ.start, occ.end)
    if (
        ROLE_SET_OFF.fullmatch(original, sentence_start, name_start)
        and original[name_end:].lstrip()[:1] == ","
    ):
        return True  # "Der zuständige Staatssekretär im Ministerium, Daniel Whitcomb, …"
    return all(
        word[:1].isupper() or word.lower() in TITLES
        for word in original[sentence_start:name_start].split()
    )


ROLE_SET_OFF = re.compile(
    r"\s*(?:the|der|die|das|el|la|los|las|le|les|il|lo|o|a)\s+[^,.;:!?\"\n]{1,80},\s*",
    re.IGNORECASE,
)
"""A role opening a sentence with an article, then a comma before the name it describes ("The
deputy commerce secretary, …", "Der zuständige Staatssekretär im Ministerium, …")."""


def _subject_after_its_title(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the name at ``occ`` is its sentence's subject: it opens the sentence after at most
    titles, or after a title set off by a comma that names no one else ("Taiwan's foreign
    minister, Kuo Wen-hsiung, welcomed …"; not "Tom Reed thanked his deputy, Anna Berg, …")."""
    if _opens_its_sentence(scan, occ):
        return True
    norm = scan.text.norm
    sentence_start, _ = scan.text.sentence(occ.start, occ.end)
    name_start, _ = scan.text.to_original(occ.start, occ.start)
    return TITLE_OPENS_SENTENCE.search(
        norm, max(0, occ.start - 60), occ.start
    ) is not None and not _someone_else(scan.text.original[sentence_start:name_start])


def _opens_its_clause(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the name at ``occ`` opens its sentence or a clause after a comma, dash or "и"
    (not after a preposition or a noun it is the genitive of)."""
    sentence_start, _ = scan.text.sentence(occ.start, occ.end)
    name_start, _ = scan.text.to_original(occ.start, occ.start)
    before = scan.text.original[sentence_start:name_start].rstrip()
    if not before or before[-1] in ",;:\u2014\u2013-" or before.endswith((" и", " а", " но")):
        return True
    words = before.split()
    last = words[-1]
    # a title ends right before the name: a body or place ("Посол КНР в России", "Министр
    # финансов США"), or a title noun in the nominative ("Политолог"); not a noun the name is
    # the genitive of ("Помощник Сергея Воронцова")
    return (len(words) > 1 and last[:1].isupper()) or last.lower() in RU_TITLE_NOUNS


RU_TITLE_NOUNS = frozenset(
    "политолог эксперт аналитик экономист министр посол глава президент премьер-министр "  # noqa: SIM905
    "директор профессор сенатор депутат генерал адмирал спикер востоковед китаист "
    "журналист замминистра".split()
)
"""Russian title nouns that stand in the nominative right before a name (политолог Анна Берг),
unlike nouns whose genitive the name is (помощник Сергея Воронцова)."""


def pronoun_quote(
    scan: FieldScan,
    occ: Occurrence,
    quotations: Spans,
    pronoun: str | None = None,
    others: Sequence[Occurrence] = (),
) -> Quote | None:
    """The first quotation after the mention at ``occ`` attributed by a pronoun ('"…," he
    wrote', 他说：“…”, 그는 "…"며) or, reaching further, by the noun that described the person
    ('"…," the professor said'), unless another speaker is named in between (by that noun, for
    a noun: see :func:`_someone_else_between`), or the pronoun is not the person's own
    (``pronoun``: "he" or "she", when known); unattributed quotations on the way are passed
    over. ``others``: the other watched people's mentions in the field (see
    :func:`_yields_to_a_subject`, :func:`_past_watched_objects`)."""
    norm = scan.text.norm
    asked = ASKED_BEFORE.search(norm, max(0, occ.start - 60), occ.start) is not None
    yields = _yields_to_a_subject(scan, occ, others)
    if (yields and not asked) or _an_object_of_someone(scan, occ):
        return None  # the answer to a question is the one asked's ("X asked Tran …. he replied")
    asks = ASKS_NEXT.match(norm, occ.end) is not None
    own = ZH_AFTER_NAME.match(norm, occ.end) or AFTER_NAME.match(norm, occ.end)
    gap_from = own.end() if own else occ.end  # past the mention's own speech verb
    if own is None and OBJECT_OF.search(norm, max(0, occ.start - 12), occ.start):
        asked = COLON_QUOTE.match(norm, occ.end)  # "Reporters asked Gao: “…?” She said no."
        gap_from = asked.end() + 1 if asked else gap_from  # that quotation is the asker's
    for start, end in _opening_after(quotations, gap_from):
        if start - occ.end > DESCRIBED_REACH:
            break
        if _signed_with_the_name(scan, occ, end):
            return None  # '"…," Samoilov said.': that mention's, the first of theirs
        after = PRONOUN_AFTER.match(norm, end + 1, min(len(norm), end + PRONOUN_AFTER_REACH))
        before = PRONOUN_BEFORE.search(norm, max(gap_from, start - PRONOUN_BEFORE_REACH), start - 1)
        quote_end = end
        if after is None and before is None:  # « …, a-t-il dit, … »: up to the incise
            after = FR_INCISE.search(norm, start, min(end, start + INCISE_REACH))
            quote_end = after.start() if after is not None else end
        joined = EA_QUOTATIVE.match(norm, end + 1) is not None  # 그는 "…"며: no term
        far = start - occ.end > PRONOUN_REACH  # only a describing noun reaches so far
        after, before = (
            found
            if found is None
            or (
                _refers_to(found, scan, occ)
                and not (
                    far and (_described_noun(found) is None or _newly_described(found, scan, occ))
                )
            )
            else None
            for found in (after, before)
        )
        if (after or before) and (joined or not _is_term(norm, start, quote_end)):
            if pronoun is not None and _gender(after or before) not in (None, pronoun):
                return None  # '“…,” he said' after "Smith thanked Berg.": not hers
            replies = REPLY_VERB.search((after or before).group()) is not None
            if (asks and replies) or (yields and not replies):
                return None  # "Marchetti asked Tran …. “No,” he replied.": the one asked
            gap_to = before.start() if before else start - 1  # up to the pronoun
            checked_from = max(gap_from, _past_watched_objects(scan, occ, others, gap_to))
            # A Chinese sentence drops its subject: the speech verbs in the rest of the name's
            # own sentence are the name's (特朗普……在社交平台透露……。他……).
            own_sentence = EA_SENTENCE_BREAK.search(norm, gap_from, gap_to)
            ea_from = own_sentence.end() if own_sentence else gap_to
            if (
                _someone_else_between(scan, occ, checked_from, gap_to, after or before, others)
                or ZH_SOMEONE_ELSE.search(norm[ea_from:gap_to])
                or ZH_TITLED_PERSON.search(norm, checked_from, gap_to)
                or EA_SAID.search(norm, ea_from, gap_to)  # 장 교수는 "…"고 말했다. 그는 …
            ):
                return None  # the pronoun points to them
            return Quote(_original(scan, start, quote_end), True, attached=True)
    return None


PRONOUN_AFTER_REACH = 200
"""How far after a quotation its pronoun's attribution is read, to its sentence's end (what a
subject-less speaker did meanwhile may run long: see ``WHILE_DOING``)."""


def _signed_with_the_name(scan: FieldScan, occ: Occurrence, end: int) -> bool:
    """Whether a speech verb and a word of the Latin or Cyrillic name at ``occ`` follow the
    quotation ending at ``end`` in its sentence ('"…," Samoilov said', «…», — сказал Самойлов)."""
    norm = scan.text.norm
    if has_cjk(norm[occ.start : occ.end]):
        return False
    stop = SENTENCE_BREAK.search(norm, end + 1, min(len(norm), end + SIGNATURE_REACH))
    tail_end = stop.start() if stop else min(len(norm), end + SIGNATURE_REACH)
    if SPEECH_VERB_IN.search(norm, end + 1, tail_end) is None:
        return False
    own = {word for word in norm[occ.start : occ.end].split() if len(word) > 2}
    words = list(TAIL_WORD.finditer(norm, end + 1, tail_end))
    for word, following in zip(words, [*words[1:], None], strict=True):
        if word.group() not in own:
            continue
        if following is None or following.group() in own:
            return True
        start, _ = scan.text.to_original(following.start(), following.start())
        if not scan.text.original[start : start + 1].isupper():
            return True  # not "Bauer Medical", a firm's name the surname opens
    return False


TAIL_WORD = re.compile(r"[\w-]+")


SIGNATURE_REACH = 80
"""How far after a quotation its signature is read (characters)."""


def _refers_to(attribution: re.Match[str], scan: FieldScan, occ: Occurrence) -> bool:
    """Whether a pronoun's attribution refers to the person at ``occ``: a pronoun may, and a
    demonstrative's noun ("cet industriel") where nothing described them yet; a described person
    ("the professor said") only by a noun that described them."""
    if attribution.re is PRONOUN_AFTER and (same := attribution["same"]) is not None:
        # 同教授: the name's own title, and no one else's since (佐藤教授は …「…」と同教授は)
        norm = scan.text.norm
        return (
            norm.startswith(same, occ.end)
            and same not in norm[occ.end + len(same) : attribution.start()]
        )
    if attribution.re is PRONOUN_AFTER and attribution["quoted_as"] is not None:
        return True  # '"…," the statement quoted him as saying': his pronoun, not its noun
    named = DESCRIBED_REFERRER.match(attribution.group())
    if named is None or PRONOUN_THEN_VERB.match(named.group(1)):
        return True
    if (age := AGE_REFERRER.search(named.group(1))) is not None:
        return _of_that_age(scan, occ, age[1])
    nouns = set(named.group(1).replace("l'", "l' ").split()) - ARTICLES - NOT_DESCRIPTORS
    described = described_as(scan.text.norm, occ)
    if DEMONSTRATIVE.match(named.group(1)) and not described:
        between = _original(scan, occ.end, attribution.start())
        return not any(
            NOT_A_PERSON.search(name[0]) is None for name in APPOSED_NAME.finditer(between)
        )  # "confie cet industriel de 52 ans": the one just named, no one named since
    head = _head_noun(named.group(1))
    if OFFICE_REFERRER.search(head) and any(OFFICE_NOUN.search(word) for word in described):
        return True  # "sagte die CDU-Politikerin" after "Bundeswirtschaftsministerin Lohmann"
    if head in GENERIC_REFERRERS and (
        (described and described <= GENERIC_REFERRERS) or _works_at_a_research_place(scan, occ)
    ):
        return True  # "sagte die Wissenschaftlerin" after "die Sinologin Anna Berg"
    return (
        any(_same_noun(noun, known) for noun in nouns for known in described)
        or any(_same_role(head, known) for known in described)
        or _newly_described(attribution, scan, occ)
    )


def _newly_described(attribution: re.Match[str], scan: FieldScan, occ: Occurrence) -> bool:
    """Whether an attribution after a quotation introduces its speaker by a noun the text has
    not used before (« … », soupire ce viticulteur de 61 ans; „…“, sagt die Geschäftsführerin
    eines Zulieferers: see :data:`NEW_DESCRIPTION`), the verb first, as a pronoun names the
    person at ``occ``: one named bare (no title before the name, no appositive after it), not
    visiting someone ("Interior Minister Berg visited the town. “…,” said the owner of a
    bakery"), and no name after the noun ("said the leader of the opposition, Tom Reed"); not
    "the farmer said" after "Wei toured the farm". In English the noun may come first when it
    names an expert ('“…,” the analyst said': :data:`THE_NOUN_SAID`, :data:`GENERIC_REFERRERS`)."""
    if attribution.re is not PRONOUN_AFTER:
        return False
    noun_first = THE_NOUN_SAID.match(attribution.group())
    if noun_first is None and not VERB_FIRST.match(attribution.group()):
        return False
    named = DESCRIBED_REFERRER.match(attribution.group())
    if named is None or PRONOUN_THEN_VERB.match(named[1]) or AGE_REFERRER.search(named[1]):
        return False
    norm = scan.text.norm
    at = attribution.start() + named.start(1)
    if noun_first is not None:
        if _head_noun(named[1]) not in GENERIC_REFERRERS or not _named_bare_then_heard(
            scan, occ, attribution.start()
        ):
            return False  # '“…,” the customer said' after "Berg runs a bakery": a customer
        phrase_end = attribution.start() + noun_first.end()
    elif (phrase := NEW_DESCRIPTION.match(norm, at)) is not None:
        phrase_end = phrase.end()
    else:
        return False
    stop = SENTENCE_BREAK.search(norm, phrase_end)
    rest = _original(scan, at, stop.start() if stop else len(norm))
    rest = rest[: relative.start()] if (relative := RELATIVE_CLAUSE.search(rest)) else rest
    surname = scan.text.norm[occ.start : occ.end].rsplit(None, 1)[-1]
    if any(
        surname not in found.group().lower().split()
        for found in NAMED_AFTER_DESCRIPTION.finditer(rest)
    ):
        return False  # „…“, sagt der Handelsexperte Reto Baumann: he is named (not his firm,
        # "der Geschäftsführer des Herstellers Bauer Medical", named after the person)
    name_start, _ = scan.text.to_original(occ.start, occ.end)
    before = scan.text.original[max(0, name_start - 40) : name_start]
    if BARE_NAME_BEFORE.search(before) is None or APPOSITIVE_ARTICLE.match(norm, occ.end):
        return False  # "Interior Minister Anna Berg", "Anna Berg, the health minister,"
    own_start, own_end = scan.text.sentence(occ.start, occ.end)
    if VISITS.search(scan.text.norm, _to_norm(scan.text, own_start), _to_norm(scan.text, own_end)):
        return False
    nouns = set(LETTER_WORD.findall(named[1])) - ARTICLES - NOT_DESCRIPTORS
    return not any(
        word.startswith(noun) and len(word) - len(noun) <= 1
        for word in LETTER_WORD.findall(norm, 0, at)
        for noun in nouns
    )  # the noun or its plural used before: someone it named ("élève" is no "éleveur")


def _named_bare_then_heard(scan: FieldScan, occ: Occurrence, until: int) -> bool:
    """Whether the person at ``occ`` may be the expert a quotation ending before ``until``
    (norm offset) is then given to by what they are ('“…,” the analyst said'): their sentence
    says nothing of them speaking or keeping silent and gives no age ("Reed told the court …",
    "Reed did not respond …", "Anna Berg, 34, lost her job"), and what follows it names no other
    speaker, nor them as "he" or "she" ('“He changed the field,” the professor said')."""
    norm = scan.text.norm
    own_start, own_end = (
        _to_norm(scan.text, offset) for offset in scan.text.sentence(occ.start, occ.end)
    )
    own = norm[own_start:own_end]
    if STATED_AGE.match(norm, occ.end) or SPOKEN_OF.search(own):
        return False
    if any(SPEECH_VERB.fullmatch(word) for word in own.split()):
        return False
    return OTHER_SPEAKER_NEXT.search(norm, own_end, until) is None


def _of_that_age(scan: FieldScan, occ: Occurrence, age: str) -> bool:
    """Whether an age used as a noun ("der 29-Jährige") can name the person at ``occ``: their
    stated age is that one ("Li Hao, 29, …"), or, with none stated, the rest of their sentence
    names no one else by a noun ("Anna Berg lobte die junge Retterin. „…“, sagt die
    23-Jährige" is the rescuer's; "Einer der Doktoranden, Li Hao, spricht offen." is his)."""
    norm = scan.text.norm
    stated = STATED_AGE.match(norm, occ.end)
    if stated is not None:
        return stated[1] == age
    if POSSESSIVE.match(norm, occ.end):
        return False  # "Anna Berg's daughter …"
    stop = SENTENCE_BREAK.search(norm, occ.end)
    rest = norm[occ.end : stop.start() if stop else len(norm)]
    return NOUN_PHRASE.search(rest) is None


def _works_at_a_research_place(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the words describing the person at ``occ`` name a research place: their
    appositive or predicate, or the words before the name in its sentence
    (:data:`RESEARCH_PLACE`)."""
    norm = scan.text.norm
    phrase = DESCRIPTOR_PHRASE.match(norm, occ.end)
    if phrase is not None and RESEARCH_PLACE.search(phrase["words"] or phrase["predicate"]):
        return True
    start = max(0, occ.start - RESEARCH_PLACE_REACH)
    breaks = list(SENTENCE_BREAK.finditer(norm, start, occ.start))
    return RESEARCH_PLACE.search(norm, breaks[-1].end() if breaks else start, occ.start) is not None


def _someone_else_between(
    scan: FieldScan,
    occ: Occurrence,
    start: int,
    end: int,
    attribution: re.Match[str],
    others: Sequence[Occurrence],
) -> bool:
    """Whether someone else the attribution may point to is named from ``start`` to ``end``
    (norm offsets, from the name at ``occ`` to the attribution): before a pronoun, anyone at
    all: another watched person (``others``: 保安局局長葉子軒……「……」他又指) or anyone
    :func:`_someone_else` finds ("met Li"); before a described person ("the professor said"),
    only someone the same noun or a noun of its role describes past the name's own appositive
    or predicate ("Tom Reed, also a professor"): the noun named the person at the name, and no
    one named since is known by it."""
    noun = _described_noun(attribution)
    newly = noun is not None and _newly_described(attribution, scan, occ)
    if noun is None or newly:
        if _named_in(others, start, end) or _another_described_speaker(scan, occ, start, end):
            return True
        own = DESCRIPTOR_PHRASE.match(scan.text.norm, occ.end, end)
        others_from = own.end() if own is not None else start
        orig_start, orig_end = scan.text.to_original(start, end)
        if (
            own is not None
            and own["words"]
            and scan.text.original[orig_start:].lstrip(" ,")[:1].islower()
            and not RELATIVE_CLAUSE.match(scan.text.norm, occ.end)  # "whose son, Tom Berg,"
        ):  # "Andrés Cifuentes, de la consultora Andina Riesgo, pone …": his firm, nobody else
            orig_start = max(orig_start, scan.text.to_original(own.end(), own.end())[0])
        between = _past_kin_of_other_gender(
            scan.text.original[orig_start:orig_end], _gender(attribution)
        )
        gender = _gender(attribution)
        if newly and any(
            NOT_A_PERSON.search(name[0]) is None for name in FULL_NAME_WITHIN.finditer(between)
        ):
            return True  # the nearer person is who a new description introduces
        kin = KIN_NOUN.search(scan.text.norm, start, end) if gender is not None else None
        if kin is not None and kin.lastgroup == gender:
            return True  # "Rosa Vidal y su marido llegaron. —… —explicó él—.": the husband
        return (
            _someone_else(between)
            or _named_earlier_again(scan, occ, orig_start, between)
            or MEETS_SOMEONE.search(between) is not None
            or ANOTHER_PERSON.search(scan.text.norm, max(start, others_from), end) is not None
        )
    own = DESCRIPTOR_PHRASE.match(scan.text.norm, occ.end, end)
    if own is not None:
        start = max(start, own.end())
    generic = _head_noun(noun) in GENERIC_REFERRERS  # "эксперт": any expert named since
    return any(
        _same_noun(word, noun) or _same_role(word, noun) or (generic and word in GENERIC_REFERRERS)
        for word in LETTER_WORD.findall(scan.text.norm, start, end)
    )


def _named_earlier_again(scan: FieldScan, occ: Occurrence, before: int, between: str) -> bool:
    """Whether someone named in full before ``before`` (an original offset) opens a sentence of
    ``between`` by their surname ("Alan Crowe and Ma Ruixue are due. … 08:41 — Crowe has
    arrived. “…,” he said."): the pronoun is theirs, not the name's at ``occ``."""
    own = set(scan.text.norm[occ.start : occ.end].split())
    surnames = {
        name["surname"]
        for name in EARLIER_FULL_NAME.finditer(scan.text.original, 0, before)
        if name["surname"].lower() not in own and NOT_A_PERSON.search(name[0]) is None
    }
    return any(
        re.search(SURNAME_SUBJECT.format(surname=re.escape(surname)), between)
        for surname in surnames
    )


def _past_kin_of_other_gender(original: str, gender: str | None) -> str:
    """``original`` without the names a kin noun gives the gender other than the pronoun's
    ("Laurie Dunham, whose son, Tyler Dunham, died … She wrote": he is not "she")."""
    if gender is None:
        return original
    other = "kin_she" if gender == "he" else "kin_he"
    return KIN_NAMED.sub(
        lambda kin: kin.group()[: kin.start("name") - kin.start()] if kin[other] else kin.group(),
        original,
    )


OWN_TITLE_REACH = 40
OWN_DESCRIPTION_REACH = 160
"""How far before a name (not past a comma) and after it (not past its sentence) its own title
and description are read (characters)."""


def _another_described_speaker(scan: FieldScan, occ: Occurrence, start: int, end: int) -> bool:
    """Whether a quotation from ``start`` to ``end`` is attributed to a described person whom
    the noun does not make the one named at ``occ`` ('Wei toured the farm. "Nice man," the
    farmer said.' before "he said"); the name's own title or appositive, in its sentence, keeps
    it theirs ("Anna Berg, a professor, …" "…," the professor said)."""
    norm = scan.text.norm
    reach = min(end, occ.end + OWN_DESCRIPTION_REACH)
    stop = SENTENCE_BREAK.search(norm, occ.end, reach)
    title_from = max(0, occ.start - OWN_TITLE_REACH)
    title_from = max(title_from, norm.rfind(",", title_from, occ.start) + 1)
    around = (title_from, stop.start() if stop else reach)
    for said in DESCRIBED_SPEAKS.finditer(norm, start, end):
        if PRONOUN_THEN_VERB.match(said["who"]):
            continue
        noun = _head_noun(said["who"])
        if noun and not any(
            _same_noun(word, noun) or _same_role(word, noun)
            for word in LETTER_WORD.findall(norm, *around)
        ):
            return True
    return False


def _described_noun(attribution: re.Match[str]) -> str | None:
    """The noun naming the person in an attribution that describes them ("the professor"),
    None for a pronoun's or an age's ("der 29-Jährige")."""
    named = DESCRIBED_REFERRER.match(attribution.group())
    if named is None or PRONOUN_THEN_VERB.match(named.group(1)) or AGE_REFERRER.search(named[1]):
        return None  # a pronoun, or an age, which names as a pronoun does
    return _head_noun(named.group(1)) or None


def _head_noun(phrase: str) -> str:
    """The last noun of a describing phrase before its verb ("the academic study said": study,
    not the academic it is about), up to a preposition ("sagte die CDU-Politikerin am Rande":
    Politikerin, not Rande)."""
    words = phrase.split()
    cut = next((at for at, word in enumerate(words) if at and word in PHRASE_PREPOSITIONS), None)
    nouns = [
        word
        for word in words[:cut]
        if word not in ARTICLES and word not in NOT_DESCRIPTORS and not SPEECH_VERB.fullmatch(word)
    ]
    return nouns[-1] if nouns else ""


PHRASE_PREPOSITIONS = frozenset(
    {
        *("of", "on", "at", "in", "to", "for", "with", "during", "after"),
        *("am", "im", "an", "auf", "bei", "vor", "nach", "zu", "zum", "zur", "mit", "fur"),
        *("en", "au", "a", "al", "de", "del", "dans", "nel", "nella", "alla", "di", "da"),
    }
)
"""Prepositions that end the noun of a describing phrase (folded: für is fur)."""


def _same_role(one: str, other: str) -> bool:
    """Nouns of one role (see :data:`SAME_ROLE`: a professor, the scholar)."""
    return any(_in_role(one, role) and _in_role(other, role) for role in SAME_ROLE)


def _in_role(noun: str, role: frozenset[str]) -> bool:
    return any(_same_noun(noun, named) for named in role)


def _same_noun(one: str, other: str) -> bool:
    """The same noun, maybe in another case or number (эксперт, эксперта; economist,
    economists): one is the other with up to two letters more; or the head of a compound
    (Kanzler of Bundeskanzler, Minister of Außenministerin)."""
    short, long = sorted((one, other), key=len)
    if len(long) - len(short) <= 2:
        return long.startswith(short)
    return len(short) >= COMPOUND_HEAD and any(
        long.endswith(short, 0, len(long) - more) for more in range(3)
    )


COMPOUND_HEAD = 5
"""Letters from which a noun may be the head that a longer compound ends in."""


def described_as(norm: str, occ: Occurrence) -> frozenset[str]:
    """The nouns that describe the person at ``occ``: the words of their title before the name
    ("former ambassador Victor Gao", "Prof. Helen Marsh": :data:`TITLE_NOUNS`; "Minister
    of National Defense Lo Chih-hung": :data:`OFFICE_OF_BEFORE`) and of the appositive or
    predicate after it ("Denis Simon, a professor at Duke"; "Simon is a professor"), up to a
    preposition."""
    found: list[str] = []
    title = TITLE_WORDS_BEFORE.search(norm, max(0, occ.start - 40), occ.start)
    if title is not None:
        found += (TITLE_NOUNS.get(word.rstrip("."), word) for word in title[1].split())
    set_off = TITLE_SET_OFF_BEFORE.search(norm, max(0, occ.start - 60), occ.start)
    if set_off is not None:
        found += set_off[1].split()
    office = OFFICE_OF_BEFORE.search(norm, max(0, occ.start - OFFICE_OF_REACH), occ.start)
    if office is not None:
        found.append(office[1])
    party = PARTY_TAG.match(norm, occ.end)
    if party is not None:
        found.append(PARTIES[party["party"]])
    phrase = DESCRIPTOR_PHRASE.match(norm, occ.end)
    if phrase is not None:
        words = phrase["words"] or phrase["predicate"]
        stop = DESCRIPTOR_STOP.search(words)
        found += words[: stop.start() if stop else len(words)].split()
    return frozenset(word for word in found if len(word) >= 4) - NOT_DESCRIPTORS


def _someone_else(original: str) -> bool:
    """Whether another speaker is named in ``original`` (see :data:`SOMEONE_ELSE`)."""
    for found in SOMEONE_ELSE.finditer(original):
        name = found["full"] or found["opening"]
        if name is None:
            if BODY_BEFORE.search(original, max(0, found.start() - 60), found.start()):
                continue  # "what the State Department calls …": a body, no he or she
            return True
        if NOT_A_PERSON.search(name) or NOT_A_PERSON_NEXT.match(original, found.end()):
            continue  # "Golden Crust Bakery": a place or a business
        if found["opening"] or not NOT_A_SPEAKER_BEFORE.search(
            original, max(0, found.start() - 40), found.start()
        ):
            return True
    return False


BODY_BEFORE = re.compile(r"\bthe\s+(?:[A-Z][\w'-]*\s+)*$")
""""the" and capitalised words before a capitalised word and a verb: a body ("the State
Department calls", "the Pentagon said"), which no he or she points to."""


def pronoun_reported(
    scan: FieldScan,
    occ: Occurrence,
    quotations: Spans,
    pronoun: str | None = None,
    others: Sequence[Occurrence] = (),
) -> Quote | None:
    """The reported speech of a sentence that a pronoun and a speech verb open, right after
    the sentence of the mention at ``occ`` or the one after it ("Gao chairs the panel. He said
    the talks would resume.", "Er sagte, …", 他表示，……), or of a clause joined to its own
    sentence (see :func:`_openings_after`), unless another speaker is named in
    between, the sentence is inside a quotation (someone else's story: «… Lui ha detto …»), or
    the pronoun is not the person's (``pronoun``; ``others`` as for :func:`pronoun_quote`)."""
    norm = scan.text.norm
    if _yields_to_a_subject(scan, occ, others) or _an_object_of_someone(scan, occ):
        return None
    _, own_end = scan.text.sentence(occ.start, occ.end)
    for start, at in _openings_after(scan, occ, own_end):
        closes = PRONOUN_CLOSES.search(norm, start, _to_norm(scan.text, at))
        incise = PRONOUN_INCISE.match(norm, start, _to_norm(scan.text, at))
        says = closes or incise or PRONOUN_SAYS.match(norm, start, min(len(norm), start + 120))
        if says is None or not _refers_to(says, scan, occ):
            continue
        if closes is not None:  # "They hurt everyone, she said.": the clause before is hers
            return _closing_clause(scan, occ, quotations, start, closes, pronoun, others)
        if incise is not None:  # "Farmers, she said, were hurt most.": both sides are hers
            return _incised_clause(scan, occ, quotations, start, at, incise, pronoun, others)
        if _named_again(scan, occ, says.end(), _to_norm(scan.text, at)):
            return None  # "Según ella, Wu le dijo …": the pronoun is someone else, Wu is named
        lead_in = OPENING_CLAUSE.match(norm, start, says.end())
        if lead_in is not None and _someone_else(_original(scan, start, lead_in.end())):
            return None  # "On Monday, Li Wen said …": the lead-in names another speaker
        if _holding(quotations, start, says.end()) is not None:
            return None
        checked_from = _past_watched_objects(scan, occ, others, start)
        if (
            _someone_else_between(scan, occ, checked_from, start, says, others)
            or _named_in(others, start, says.end())  # 我個仔梁子朗…，佢同我講: the son
            or (pronoun is None and MET_BEFORE.search(norm, max(0, occ.start - 60), occ.start))
            # the speech verbs of the name's own sentence are the name's (张明表示，……。他还说)
            or ZH_SOMEONE_ELSE.search(norm, _to_norm(scan.text, own_end), start)
        ):
            return None
        if pronoun is not None and _gender(says) not in (None, pronoun):
            return None
        if says["ko"] is not None:
            return _ko_pronoun_reported(scan, occ, quotations, start, says.end())
        clause = _reported_clause(scan, says.end(), at, says.group())
        if clause is None:
            return None
        return _words_going_on(scan, quotations, at) or clause
    return None


def _closing_clause(
    scan: FieldScan,
    occ: Occurrence,
    quotations: Spans,
    start: int,
    closes: re.Match[str],
    pronoun: str | None,
    others: Sequence[Occurrence],
) -> Quote | None:
    """The reported speech of a sentence from the norm offset ``start`` that a pronoun's
    attribution ``closes`` (see :data:`PRONOUN_CLOSES`), when the pronoun is the person's at
    ``occ``: no one else named since, in the clause or before it, no quotation in it (that is
    :func:`pronoun_quote`'s), and a clause of some words."""
    norm = scan.text.norm
    if pronoun is not None and _gender(closes) not in (None, pronoun):
        return None
    if not _alone_before_its_pronoun(scan, occ, start, others):
        return None
    if _holding(quotations, start, closes.start()) is not None or _opening_after_within(
        quotations, start, closes.start()
    ):
        return None
    checked_from = _past_watched_objects(scan, occ, others, start)
    if (
        _someone_else_between(scan, occ, checked_from, closes.start(), closes, others)
        or _named_again(scan, occ, start, closes.start())
        or (pronoun is None and MET_BEFORE.search(norm, max(0, occ.start - 60), occ.start))
    ):
        return None
    clause = _original(scan, start, closes.start()).strip()
    if len(clause.split()) < MIN_CLAUSE_WORDS:
        return None
    _, sentence_end = scan.text.to_original(closes.end(), closes.end())
    return _words_going_on(scan, quotations, sentence_end) or Quote(clause, False)


def _incised_clause(
    scan: FieldScan,
    occ: Occurrence,
    quotations: Spans,
    start: int,
    at: int,
    incise: re.Match[str],
    pronoun: str | None,
    others: Sequence[Occurrence],
) -> Quote | None:
    """The reported speech of a sentence from the norm offset ``start`` to the original offset
    ``at`` that a pronoun's attribution interrupts (see :data:`PRONOUN_INCISE`), its first words
    and the rest joined, when the pronoun is the person's at ``occ`` (as for
    :func:`_closing_clause`)."""
    if pronoun is not None and _gender(incise) not in (None, pronoun):
        return None
    if not _alone_before_its_pronoun(scan, occ, start, others):
        return None
    if _opening_after_within(quotations, start, _to_norm(scan.text, at)):
        return None  # a quotation in it is pronoun_quote's
    checked_from = _past_watched_objects(scan, occ, others, start)
    if _someone_else_between(scan, occ, checked_from, start, incise, others) or _named_again(
        scan, occ, start, incise.end()
    ):
        return None
    lead = _original(scan, start, incise.end("lead")).strip()
    rest_start, _ = scan.text.to_original(incise.end(), incise.end())
    rest = scan.text.original[rest_start:at].strip()
    return _words_going_on(scan, quotations, at) or Quote(f"{lead} {rest}", False)


def _alone_before_its_pronoun(
    scan: FieldScan, occ: Occurrence, start: int, others: Sequence[Occurrence]
) -> bool:
    """Whether the name at ``occ`` is the only one a pronoun in a reported sentence from the
    norm offset ``start`` may be: the name opens its sentence, owns nothing ("Anna Berg's
    lawyer"), is attached to no one's noun ("Der Anwalt von Anna Berg"), and no one else, named
    or introduced by a noun, stands between, not even an object ("Tom Reed met Anna Berg")."""
    norm = scan.text.norm
    if not _opens_its_sentence(scan, occ) or POSSESSIVE.match(norm, occ.end):
        return False
    if ARTICLE_NOUN_OF.search(norm, max(0, occ.start - 40), occ.start):
        return False
    sentence_start = _to_norm(scan.text, scan.text.sentence(occ.start, occ.end)[0])
    if _named_in(others, sentence_start, start):
        return False
    return not (
        _someone_else(_original(scan, occ.end, start))
        or ANOTHER_PERSON.search(norm, occ.end, start)
    )


def _opening_after_within(quotations: Spans, start: int, end: int) -> bool:
    """Whether a quotation opens from the norm offset ``start`` to ``end``."""
    following = next(_opening_after(quotations, start), None)
    return following is not None and following[0] <= end


def _named_again(scan: FieldScan, occ: Occurrence, start: int, end: int) -> bool:
    """Whether a word of the Latin name at ``occ`` (its surname, first or last) stands again
    from ``start`` to ``end`` (norm offsets)."""
    words = [word for word in scan.text.norm[occ.start : occ.end].split() if len(word) > 1]
    if len(words) < 2 or has_cjk("".join(words)):
        return False
    pattern = "|".join(map(re.escape, words))
    return re.search(rf"\b(?:{pattern})\b", scan.text.norm[start:end]) is not None


def _an_object_of_someone(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the name at ``occ`` stands after the verb of a sentence that a described person
    opens by a title or role ("The Secretary raised the cases of detainees, including Daniel
    Keough."; not "The company hired …"): a pronoun in the next sentence is that person's
    (:data:`DESCRIBED_SUBJECT`)."""
    own_start, own_end = scan.text.sentence(occ.start, occ.end)
    name_start, name_end = scan.text.to_original(occ.start, occ.end)
    if JA_ASKED_ABOUT.search(scan.text.original, name_end, own_end):
        return True  # 王毅外相が……ことについて問うと、同氏は「……」: the one asked answers
    subject = DESCRIBED_SUBJECT.match(scan.text.original, own_start, name_start)
    return (
        subject is not None
        and subject["noun"].lower() in ROLE_WORDS
        and not _asked_by_others(scan, occ)
    )


def _asked_by_others(scan: FieldScan, occ: Occurrence) -> bool:
    """Whether the sentence of the name at ``occ`` opens with people asking them (see
    :data:`ASKERS_OPEN`): the answer after is the name's."""
    own_start, _ = scan.text.sentence(occ.start, occ.end)
    name_start, _ = scan.text.to_original(occ.start, occ.start)
    return ASKERS_OPEN.fullmatch(scan.text.original, own_start, name_start) is not None


def _openings_after(scan: FieldScan, occ: Occurrence, own_end: int) -> Iterator[tuple[int, int]]:
    """Where reported speech may open after the mention at ``occ``, whose sentence ends at the
    original offset ``own_end``: past a colon or ", and" in that sentence when its pronoun can
    only be theirs (:data:`CLAUSE_JOIN`, :func:`_the_joined_clause_is_theirs`: "I spoke with
    Hastings, and he told me …"), then at each of the next :data:`PRONOUN_SENTENCES` sentences
    within :data:`PRONOUN_REACH`. Each as its norm start and original sentence end."""
    norm = scan.text.norm
    joined = CLAUSE_JOIN.search(norm, occ.end, _to_norm(scan.text, own_end))
    if joined is not None and _the_joined_clause_is_theirs(scan, occ, joined.start()):
        yield joined.end(), own_end
    at = own_end
    for _ in range(PRONOUN_SENTENCES):
        start = _past_spaces(norm, _to_norm(scan.text, at))
        if start >= len(norm) or start - occ.end > PRONOUN_REACH:
            return
        _, at = scan.text.sentence(start, start + 1)
        yield start, at


ROLE_WORDS = (
    TITLES
    | GENERIC_REFERRERS
    | frozenset(
        folded(
            "ministre ministro ministerin judge juge juez giudice richter richterin maire alcalde "
            "sindaco bürgermeister police polizei policía polizia président presidente präsident "
            "chancellor kanzler kanzlerin chairman officials officer lawyer avocat abogado anwalt"
        ).split()
    )
)
"""Nouns of an office or role: someone a pronoun may stand for (see
:func:`_the_joined_clause_is_theirs`)."""


def _the_joined_clause_is_theirs(scan: FieldScan, occ: Occurrence, join: int) -> bool:
    """Whether a pronoun in the clause joined at ``join`` to the sentence of the name at
    ``occ`` can only be them: the sentence is the reporter's own ("I spoke with Hastings, and he
    told me …"), or it is theirs who asked the name ("Reporters asked Reed …, and he said"), or
    the name is its subject before a colon ("Anna Berg sums it up: in her view,
    …"; not "Mark Lee backed the bill, but she said …") and no one else, by name or role, stands
    in it ("The minister praised Reed, and he said …", "Reed's brother …, and he said …",
    "Dupont critique le ministre : selon lui, …" are someone else's)."""
    norm = scan.text.norm
    own_start = scan.text.sentence(occ.start, occ.end)[0]
    if norm[join] == "," and not POSSESSIVE.match(norm, occ.end) and _asked_by_others(scan, occ):
        return True
    if POSSESSIVE.match(norm, occ.end) or _someone_else(
        _original(scan, _to_norm(scan.text, own_start), occ.start)
    ):
        return False
    if NARRATOR_OPENS.match(scan.text.original, own_start):
        return True
    return (
        norm[join] == ":"
        and _opens_its_sentence(scan, occ)
        and not any(word in ROLE_WORDS for word in LETTER_WORD.findall(norm, occ.end, join))
    )


def _past_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _yields_to_a_subject(scan: FieldScan, occ: Occurrence, others: Sequence[Occurrence]) -> bool:
    """Whether another watched person is named before the name at ``occ`` in its sentence: a
    pronoun after it is theirs as its subject ("Anna Berg met Li Hua. He said …"), or nobody's
    ("Anna Berg and Li Hua spoke. He said …"), never the later name's; not a possessor ("Brandt's
    daughter, Emily Brandt, … she said" is the daughter's)."""
    if not others:
        return False
    norm = scan.text.norm
    sentence_start = _to_norm(scan.text, scan.text.sentence(occ.start, occ.end)[0])
    return any(
        other.end <= occ.start
        and not POSSESSOR_APPOSED.fullmatch(norm, other.end, occ.start)
        and norm[other.end : other.end + 1] != "\u7684"  # 蔡佩君的丈夫林佳穎: 的, a possessor
        for other in _named_in(others, sentence_start, occ.start)
    )  # "Brandt's daughter, Emily Brandt": the possessor's noun is the name


def _past_watched_objects(
    scan: FieldScan, occ: Occurrence, others: Sequence[Occurrence], pronoun_at: int
) -> int:
    """Where to look for another speaker between the name at ``occ`` and a pronoun at
    ``pronoun_at`` (norm offsets): past the name's sentence when the name opens it and the
    other watched people named after it there are objects of its verb ("Anna Berg met Li Hua in
    Oslo. “…,” she said." is hers), else right after the name."""
    between = _named_in(others, occ.end, pronoun_at)
    if not between:
        return occ.end
    norm = scan.text.norm
    own_end = _to_norm(scan.text, scan.text.sentence(occ.start, occ.end)[1])
    if (
        all(other.end <= own_end for other in between)
        and SENTENCE_SUBJECT.search(norm, max(0, occ.start - 60), occ.start)
        and all(
            WATCHED_OBJECT.search(norm, max(0, other.start - 40), other.start) for other in between
        )
    ):
        return own_end
    return occ.end


def _named_in(others: Sequence[Occurrence], start: int, end: int) -> Sequence[Occurrence]:
    """The mentions in ``others`` (in text order) that start from ``start`` up to ``end``, found
    by bisection: a page may name two people thousands of times."""
    first = bisect_left(others, start, key=_OCC_START)
    return others[first : bisect_left(others, end, lo=first, key=_OCC_START)]


_OCC_START = attrgetter("start")


def _zh_object(norm: str, occ: Occurrence) -> re.Match[str] | None:
    """The Chinese verb or preposition that makes the name at ``occ`` an object or addressee
    (李华会见张明, 李华对张明说, 李华与张明交流), not a topic (对张明来说)."""
    verb = ZH_OBJECT.search(norm, max(0, occ.start - 4), occ.start) or ZH_MET_BEFORE.search(
        norm, max(0, occ.start - 40), occ.start
    )
    if verb is not None:
        return None if ZH_TOPIC_END.match(norm, occ.end) else verb
    with_ = ZH_WITH.search(norm, max(0, occ.start - 1), occ.start)
    return with_ if with_ is not None and ZH_MEETING.match(norm, occ.end) else None


def _gender(attribution: re.Match[str]) -> str | None:
    """The gender of the pronoun an attribution names ("he", "she"), if it names one."""
    found = PRONOUN_GENDER.search(attribution.group())
    return found.lastgroup if found is not None else None


def _leads_in(gap: str, attribution: str) -> bool:
    """Whether an attribution sentence ends in ``gap`` only to introduce the next quotation."""
    match = LEAD_IN.fullmatch(gap)
    if match is None:
        return False
    rest = match["rest"].strip(" ,")
    if match["end"] is None:  # a colon
        return len(rest.split()) <= MAX_COLON_WORDS
    return _says_nothing(rest, attribution)


def _says_nothing(rest: str, attribution: str) -> bool:
    """Whether the rest of a sentence after its speech verb holds no statement: too short, or
    only asides ("bluntly", "in a speech on Monday", "reporters in Beijing" after told)."""
    if len(rest.split()) < MIN_CLAUSE_WORDS:
        return True
    if OBJECT.search(attribution):
        rest = LISTENER.sub("", rest.lstrip(), count=1)  # unless the clause lost it already
    return ASIDES.fullmatch(rest.lower().rstrip(".!?")) is not None


def _unattributed(norm: str, end: int) -> bool:
    """Whether the quotation closing at ``end`` has no attribution to another speaker attached:
    none, or a pronoun (``," he added``) that points back to the one just named."""
    attached = ATTACHED.match(norm, end + 1, min(len(norm), end + 80))
    if attached is None:
        return True
    if norm[end - 1 : end] not in ",!?" and attached["after"] is None:
        return True  # a quotation ending a sentence, then a new sentence ("…." Wang agreed.)
    return (attached["after"] or attached["before"]) in PRONOUNS or attached["after"] in TOLD_WHOM


def introduced_quote(
    scan: FieldScan, occ: Occurrence, quotations: Spans, others: Sequence[Occurrence] = ()
) -> Quote | None:
    """The quotation that opens the paragraph after a short one in which a name opens a sentence
    as its subject and reports nothing said, or the next sentence after that one, when nobody is
    attributed it there and no one else is named after the name: a feature introduces someone,
    then lets them speak ("Rosa Garza, 34, has worked at the plant for two years. …" then «A mí
    me da igual …»; "Kanzler Merz reagierte zurückhaltend. „Wir wollen …“")."""
    norm = scan.text.norm
    if not _opens_its_sentence(scan, occ):
        return None  # the name opens its sentence, after its title at most
    paragraph_start = norm.rfind("\n", 0, occ.start) + 1
    paragraph_end = norm.find("\n", occ.end)
    following = next(_opening_after(quotations, occ.end), None)
    if following is None:
        return None
    start, end = following
    if paragraph_end < 0 or start < paragraph_end:  # in the name's paragraph: the next sentence
        paragraph_end = _to_norm(scan.text, scan.text.sentence(occ.start, occ.end)[1])
        if paragraph_end >= start or norm[paragraph_end : start - 1].strip():
            return None
    elif (
        norm[paragraph_end : start - 1].strip()
        or paragraph_end - paragraph_start > INTRODUCED_PARAGRAPH_REACH
    ):
        return None  # not the next paragraph's opening, or a long paragraph between
    line_end = norm.find("\n", end)
    rest = norm[end + 1 : len(norm) if line_end < 0 else line_end]
    if not (norm[start:end].rstrip()[-1:] in ".!?\u3002" or not rest.strip(" .!?\u3002")):
        return None  # a title in marks ("Der lange Schatten") opening a paragraph, no sentence
    if (
        not _unattributed(norm, end)
        or SPEECH_VERB_IN.search(rest)
        or _named_in(others, occ.end, end)
    ):
        return None
    if _someone_else(_original(scan, occ.end, paragraph_end)) or _is_term(norm, start, end):
        return None
    if SPEECH_VERB_IN.search(norm, occ.end, paragraph_end):
        return None  # the paragraph reports their words itself ("Gao noted that …")
    if not FIRST_PERSON.search(norm, start, end):
        return None  # a memo, a law, a tribute about them: not words of theirs
    if any(word in norm[start:end].split() for word in norm[occ.start : occ.end].split()):
        return None  # “Marcy says we can make it …” after Marcy Hartley: about her, not hers
    following = _original(scan, end + 1, min(len(norm), end + 1 + INTRODUCED_PARAGRAPH_REACH))
    if _someone_else(following) or WORDS_OF.search(following):
        return None  # "Those were the words of the plant's owner, Dale Whitcomb"
    return Quote(_original(scan, start, end), True)


INTRODUCED_PARAGRAPH_REACH = 400
"""How long the paragraph introducing a person may be before their quotation opens the next."""


def role_named_after(scan: FieldScan, occ: Occurrence, quotations: Spans) -> Quote | None:
    """The quotation a role spoke just before the name was given to it: '“…,” a Foreign Ministry
    spokesperson told a news briefing. “…” The spokesperson, Lin Haoran, said …' (the role
    brought in with "a", in the name's paragraph or the one before, and its quotation joined
    to that attribution)."""
    norm = scan.text.norm
    role = ROLE_THEN_NAME.search(norm, max(0, occ.start - ROLE_REACH), occ.start)
    if role is None or norm[occ.end :].lstrip(" ")[:1] != ",":
        return None
    title = _original(scan, role.start("title"), role.end("title"))
    if title and not all(word[:1].isupper() for word in title.split()):
        return None  # "The spokesperson, said to be …": no title before the name
    sentence_start = role.start() + len(role.group()) - len(role.group().lstrip(".!?\n \t"))
    paragraph = norm.rfind("\n", 0, max(0, norm.rfind("\n", 0, sentence_start)))
    spoke = _role_spoke(role["noun"]).search(norm, paragraph + 1, sentence_start)
    if spoke is None:
        return None
    for start, close in _opening_after(quotations, paragraph + 1):
        if start >= spoke.end():
            break
        before = norm[close + 1 : spoke.start()]
        if close < spoke.start() and not before.strip(" ,\"'\u201d"):
            return Quote(_original(scan, start, close), True, attached=True)
    return None


ROLE_REACH = 90
"""How far before a name "The spokesperson, " is read."""


@lru_cache(maxsize=256)
def _role_spoke(noun: str) -> re.Pattern[str]:
    """:data:`ROLE_SPOKE` for ``noun`` and the nouns of its role (spokesman, spokesperson)."""
    nouns = next((role for role in SAME_ROLE if _in_role(noun, role)), (noun,))
    return re.compile(ROLE_SPOKE.replace("{noun}", "|".join(map(re.escape, sorted(nouns)))))


def _group_quote(scan: FieldScan, occ: Occurrence, quotations: Spans) -> Quote | None:
    """The quotation of a group the mention leads ("a letter led by Zhang", "Zhang and his
    colleagues", "drafted by three scholars: …; Zhang, …; and …"), attributed to them next:
    ``"…," they wrote`` or ``They wrote: "…"``."""
    norm = scan.text.norm
    sentence = scan.text.sentence(occ.start, occ.end)
    leads = (
        GROUP.match(norm, occ.end, min(len(norm), occ.end + 80))
        or LED_BY.search(norm, max(0, occ.start - 80), occ.start)
        or STATEMENT_FROM.search(norm, max(0, occ.start - 80), occ.start)
        or LISTED_BY.search(norm, _to_norm(scan.text, sentence[0]), occ.start)
    )
    next_to = leads is not None and leads.re in (STATEMENT_FROM, LISTED_BY)
    pair_end = None if leads is not None else _in_a_named_pair(scan, occ)
    if leads is None and pair_end is None:
        return None
    for start, end in _opening_after(quotations, occ.end):
        if start > occ.end + GROUP_REACH:
            break
        if (
            next_to
            and scan.text.original[sentence[1] : scan.text.to_original(start, start)[0] - 1].strip()
        ):
            return None  # "Critics replied the next day. “…,” they wrote": not the list's
        they = THEY.match(norm, end + 1, min(len(norm), end + 80))
        if they or THEY_INTRO.search(norm, max(0, start - 60), start - 1):
            if pair_end is not None and not _pair_wrote(scan, occ, pair_end, start, end):
                return None
            # '"…," they wrote': joined to the group's verb, the first of the group's words
            return Quote(_original(scan, start, end), True, attached=they is not None)
    return None


def _pair_wrote(scan: FieldScan, occ: Occurrence, pair_end: int, start: int, end: int) -> bool:
    """Whether the quotation from ``start`` to ``end`` (norm offsets), attributed to "they",
    is that of the pair of names at ``occ`` (ending at the original offset ``pair_end``): their
    sentence says they wrote or said something (:data:`PAIR_SPEAKS`), the quotation follows it
    at once, no one is named in between, and a noun for them is their sentence's own."""
    original = scan.text.original
    own_start, own_end = scan.text.sentence(occ.start, occ.end)
    own = original[own_start:own_end].lower()
    quote_start, _ = scan.text.to_original(start, start)
    if not PAIR_SPEAKS.search(own) or original[own_end : quote_start - 1].strip():
        return False
    if _someone_else(original[pair_end:quote_start]):
        return False  # "they" may be whoever was named since
    they = PAIR_THEY.match(scan.text.norm, end + 1)
    return they is None or they["noun"] is None or they["noun"] in own


def _in_a_named_pair(scan: FieldScan, occ: Occurrence) -> int | None:
    """Where the pair ends in the original text when the name at ``occ`` is joined to another
    full name by "and" (see :data:`NAMED_PAIR_AFTER`), else None."""
    start, end = scan.text.to_original(occ.start, occ.end)
    original = scan.text.original
    if (after := NAMED_PAIR_AFTER.match(original, end)) is not None:
        return after.end()
    return end if NAMED_PAIR_BEFORE.search(original, max(0, start - 80), start) else None


def _sentence_final_attribution(
    scan: FieldScan, occ: Occurrence, quotations: Spans
) -> Quote | None:
    """Japanese and Korean put the speech verb last: 張明氏は「……」と述べた。, 장밍 교수는
    "……"고 말했다. The quotation before the verb (joined to it by と, 고, 라고, 며), else the
    reported speech between the topic particle after the name and the verb. When the name is
    its sentence's subject, any predicate after the quotative attributes (と語る, とみている,
    との見方を示した, 고 내다봤다, "……"며 …을 촉구했다)."""
    norm = scan.text.norm
    end = _ea_sentence_end(norm, occ.end, quotations)
    if JA_ASKED_ABOUT.search(norm, occ.end, end):
        return None  # 王毅外相が……ことについて問うと、同氏は「……」: the one asked answers
    before = _ea_quote_before(scan, occ, quotations, end) or _ea_thus(scan, occ, quotations, end)
    if before is not None:
        return before
    verbs = list(EA_SAID.finditer(norm, occ.end, end))
    first_topic = _no_other_topic(norm, occ)
    subject = first_topic and EA_SUBJECT.match(norm, occ.end, end) is not None
    if not verbs and first_topic and EA_SPEAKER.match(norm, occ.end, end):
        following = _ea_next_sentence(norm, occ.end, end, quotations)
        if following is not None:
            return Quote(_original(scan, *following), True, attached=True)
    if not verbs and not subject:
        return None
    for start, close in _opening_after(quotations, occ.end):
        if start >= end:
            break  # past the sentence: no quotative can join it to its verb
        joined = EA_QUOTATIVE.match(norm, close + 1, end)
        if joined is None:
            continue
        speaks = first_topic and EA_SPEAKER.match(norm, occ.end, end) is not None
        if (verbs and close <= verbs[-1].start() and speaks) or (
            subject
            and EA_PREDICATE.match(norm, joined.end(), end)
            and not _is_fragment(norm[start:close].strip())
            and not EA_CLAUSE_SUBJECT.search(norm, occ.end, start - 1)
        ):
            return Quote(_original(scan, start, close), True, attached=True)
    topic = EA_TOPIC.match(norm, occ.end, end)
    if topic is None or not first_topic:
        # 田中博氏と会談した, 김민준 교수를 임명했다고: not the subject; 한 총재는 김 위원이 …고
        # 밝혔다: the topic before the name is the one who speaks
        return None
    clause_start = topic.end()
    if (setting := KO_SETTING.match(norm, clause_start, end)) is not None:
        clause_start = setting.end()
    if verbs:
        clause_end = _reported_end(norm, verbs[-1], end)
        if clause_end is None:
            return None
    else:
        reported = [
            match
            for match in EA_REPORTED.finditer(norm, clause_start, end)
            if EA_PREDICATE.match(norm, match.end(), end)
        ]
        if not reported or EA_OTHER_SPEAKER.match(norm, reported[-1].start(), end):
            return None
        if norm[topic.end() - 1] == "は" and not JA_VIEW_SHOWN.match(norm, reported[-1].start()):
            return None  # 氏は辞任するとの見方が強まっている: others' view of the topic, not theirs
        clause_end = reported[-1].start()
    return _ea_clause(scan, clause_start, clause_end)


def _reported_end(norm: str, verb: re.Match[str], end: int) -> int | None:
    """Where the reported clause before a Japanese or Korean speech verb (see :data:`EA_SAID`)
    ends: ……한다고 밝혔다: 다 ends it, 고 quotes it; none when the verb has a subject of its own
    (……예정이라고 외교 소식통이 전했다: the source's report, about the name)."""
    if EA_OTHER_SPEAKER.match(norm, verb.start(), end):
        return None
    return verb.start() + norm.startswith("\ub2e4\uace0", verb.start())


def _ea_clause(scan: FieldScan, start: int, end: int) -> Quote | None:
    """The Japanese or Korean reported clause from ``start`` to ``end`` (norm offsets), when it
    is long enough to say something."""
    clause = scan.text.norm[start:end].strip(CLAUSE_EDGE + "\u3001")
    if len(clause) < MIN_CLAUSE_CJK:
        return None
    orig_start, orig_end = scan.text.to_original(start, end)
    return Quote(scan.text.original[orig_start:orig_end].strip(CLAUSE_EDGE + "\u3001"), False)


def _ea_next_sentence(
    norm: str, name_end: int, end: int, quotations: Spans
) -> tuple[int, int] | None:
    """The quotation opening the sentence after the name's (which ends at ``end`` and holds
    none), straight before its speech verb: Japanese and Korean leave out a subject that goes
    on (王さんは東京で学んでいる。「……」と話す。, 김 교수는 …을 지켜봤다. "……"고 말했다.)."""
    for start, close in _opening_after(quotations, name_end):
        if _is_fragment(norm[start:close].strip()):
            if start < end:
                continue  # a term in the name's sentence: ビザの「追加審査」が続いた
            return None
        if start <= end or norm[end + 1 : start - 1].strip():
            return None
        return (start, close) if EA_SAID.match(norm, close + 1) else None
    return None


def _ko_pronoun_reported(
    scan: FieldScan, occ: Occurrence, quotations: Spans, pronoun_start: int, clause_from: int
) -> Quote | None:
    """The clause a Korean sentence opened by 그는 reports with its final speech verb (그는 ……다고
    밝혔다), when the name at ``occ`` is its own sentence's subject (장밍 교수가 …, not 박 장관은
    장밍 교수를 만났다) and no other subject comes between (이어 박 의원은 …)."""
    norm = scan.text.norm
    name_end = _ea_sentence_end(norm, occ.end, quotations)
    if not _no_other_topic(norm, occ) or not EA_SUBJECT.match(norm, occ.end, name_end):
        return None
    if EA_OTHER_TOPIC.search(norm, name_end, pronoun_start):
        return None
    end = _ea_sentence_end(norm, clause_from, quotations)
    verbs = list(EA_SAID.finditer(norm, clause_from, end))
    clause_end = _reported_end(norm, verbs[-1], end) if verbs else None
    return None if clause_end is None else _ea_clause(scan, clause_from, clause_end)


def _ea_quote_before(scan: FieldScan, occ: Occurrence, quotations: Spans, end: int) -> Quote | None:
    """The quotation just before the name at ``occ`` that it speaks: joined by the quotative
    when the name is the subject and a predicate follows (「……」と田中氏は語った。, "……"라고 김
    교수는 말했다), or set before it with a feature's "words of X" (“……” 김 교수의 말이다)."""
    norm = scan.text.norm
    closed = _ending_before(quotations, occ.start)
    if not closed or _is_fragment(norm[slice(*quotations[closed - 1])].strip()):
        return None
    start, close = quotations[closed - 1]
    gap = norm[close + 1 : occ.start]
    if EA_BEFORE_NAME.fullmatch(gap):
        subject = EA_SPEAKER.match(norm, occ.end, end)
        said = subject and EA_PREDICATE.match(norm, subject.end(), end)
    else:
        said = not gap.strip() and KO_FEATURE.match(norm, occ.end, end)
    return Quote(_original(scan, start, close), True, attached=True) if said else None


def _ea_thus(scan: FieldScan, occ: Occurrence, quotations: Spans, end: int) -> Quote | None:
    """The quotation a sentence naming the name at ``occ`` points to with "thus" (see
    :data:`EA_THUS`): the one closing just before the sentence, or opening just after it."""
    norm = scan.text.norm
    start = occ.start
    while start > max(0, occ.start - SENTENCE_REACH) and not _ends_ea_sentence(norm, start - 1):
        start -= 1
    closed = _ending_before(quotations, occ.start)
    if closed and quotations[closed - 1][1] >= start:  # "……한다." 김 교수는 이같이 강조했다
        start = quotations[closed - 1][1] + 1
    thus = EA_THUS.search(norm, start, end)
    if thus is None:
        return None
    if thus["on"] is not None:
        following = next(_opening_after(quotations, end), None)
        if following is not None and not norm[end + 1 : following[0] - 1].strip():
            return Quote(_original(scan, *following), True, attached=True)
        return None
    closed = _ending_before(quotations, start)
    if closed and not norm[quotations[closed - 1][1] + 1 : start].strip(" \u3002."):
        return Quote(_original(scan, *quotations[closed - 1]), True, attached=True)
    return None


def _ea_sentence_end(norm: str, at: int, quotations: Spans) -> int:
    """The end of the Japanese or Korean sentence going on at ``at``, past quotations in it."""
    limit = min(len(norm), at + SENTENCE_REACH)
    end = at
    while end < limit and not _ends_ea_sentence(norm, end):
        inside = _holding(quotations, end, end + 1)
        end = inside[1] + 1 if inside else end + 1
    return end


def _no_other_topic(norm: str, occ: Occurrence) -> bool:
    """Whether no topic particle comes before the name at ``occ`` in its Japanese or Korean
    sentence (정부는 김민준 교수를 …, 首相は田中博氏について …: someone else is the subject); with a
    topic or subject particle after it (氏は, 교수는, 교수가) the name is the sentence's subject."""
    sentence_start = occ.start
    reach = max(0, occ.start - SENTENCE_REACH)
    while sentence_start > reach and not _ends_ea_sentence(norm, sentence_start - 1):
        sentence_start -= 1
    return EA_OTHER_TOPIC.search(norm, sentence_start, occ.start) is None


def _ends_ea_sentence(norm: str, at: int) -> bool:
    """A Japanese or Korean sentence end at ``at``: 。 ! ? a line break, or a full stop as Korean
    sets it (말했습니다.장 대변인은: no space needed), not a decimal point."""
    char = norm[at]
    if char in EA_SENTENCE_END:
        return True
    return char == "." and not norm[at + 1 : at + 2].isdigit()


def _japanese_or_korean(norm: str, occ: Occurrence, quotations: Spans) -> bool:
    """Whether the sentence of the name at ``occ`` is Japanese or Korean: the words right after
    the name hold kana or Hangul (氏は, 교수는); not when a Chinese speech verb follows it
    (张明表示，……, whatever kana comes after: a brand, a title, mojibake); else when kana or
    Hangul are a real share (:data:`EA_GRAMMAR_SHARE`) of the East Asian characters around it
    outside its quotations (森川春樹教授（東京大学）は……)."""
    following = EA_NEXT.match(norm, occ.end)
    if following is not None and (KANA.search(following[1]) or HANGUL.search(following[1])):
        return True
    if ZH_AFTER_NAME.match(norm, occ.end, occ.end + 120):
        return False  # 张明表示，…… (then kana: a brand, a title, mojibake)
    start, end = max(0, occ.start - 200), occ.end + 260
    outside = []
    for quote_start, quote_end in quotations[_ending_before(quotations, start) :]:
        if quote_start >= end:
            break
        outside.append(norm[start : max(start, quote_start)])
        start = max(start, quote_end)
    outside.append(norm[start:end])
    window = "".join(outside)
    ea_grammar = len(KANA.findall(window)) + len(HANGUL.findall(window))
    return ea_grammar > 0 and ea_grammar >= EA_GRAMMAR_SHARE * len(EAST_ASIAN.findall(window))


def _zh_attribution(norm: str, occ: Occurrence) -> re.Match[str] | None:
    """The Chinese speech verb after the name at ``occ`` (高志凯表示, 据高志凯介绍, 在高志凯看来),
    if any."""
    if _zh_object(norm, occ):
        return None  # 李华对张明说, 李华告诉张明: 李华 speaks
    if ZH_THROUGH.search(norm, max(0, occ.start - 2), occ.start):
        return None  # 经张明介绍，李华认识了王强: introduced by him, not said
    end = min(len(norm), occ.end + 120)
    after = ZH_AFTER_NAME.match(norm, occ.end, end)
    group = ZH_GROUP.match(norm, occ.end, end) if after is None else None
    if group is not None:
        after = ZH_AFTER_NAME.match(norm, group.end(), end)
    if after is None and ZH_REPORTED.search(norm, max(0, occ.start - 32), occ.start):
        after = ZH_REPORTED_VERB.match(norm, occ.end, end)
    if after is None and ZH_IN_VIEW.search(norm, max(0, occ.start - 32), occ.start):
        after = ZH_VIEW.match(norm, occ.end, end)
    return after


def _breaks(gap: str, chinese: bool) -> bool:
    """A line or sentence break in a gap (。！？ need no space after them in Chinese)."""
    return (
        "\n" in gap
        or SENTENCE_BREAK.search(gap) is not None
        or (chinese and ZH_SENTENCE_BREAK.search(gap) is not None)
    )


def _original(scan: FieldScan, start: int, end: int) -> str:
    orig_start, orig_end = scan.text.to_original(start, end)
    quote = scan.text.original[orig_start:orig_end].strip(" ,")
    return NEXT_PARAGRAPH.sub(" ", quote)  # a quotation over paragraphs reads as one
