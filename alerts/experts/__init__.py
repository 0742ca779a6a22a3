"""Watched experts: name variants, follow-up mentions, and how each mention reads.

Variants generated from ``name`` and each Latin-script alias:

- Chinese names (first word a common Chinese surname, e.g. ``Wang Yong``): both orders
  (Wang Yong / Yong Wang), and the given name joined, hyphenated or spaced by pinyin syllables
  (Li Mingjiang / Li Ming-jiang / Li Ming Jiang / Mingjiang Li);
- other names: as written, and first + last word when a middle name is configured; in the text a
  first and last name may have up to two capitalised middle names or initials between them
  (Denis F. Simon, Denis Fred Simon);
- an office before a surname written last ("President Trump" for Donald Trump), not for a Chinese
  surname;
- a four-character name in Han characters (岸田文雄, 林鄭月娥) is followed up by its first two
  characters when a title, particle or speech verb comes next (岸田氏, 菅野は, 林鄭指出);
- a two- or three-character name in Han characters (张明, 高志凯, 田中浩) is followed up by its
  family name before the title that introduced the person, or 氏 (人民大学教授张明 … 张教授指出,
  田中浩教授 … 田中氏は), unless another person of that family carries the title too;
- a two-word name whose first name is feminine in -a: its Polish case forms (Anny, Annę, Annie
  Berg), only in Polish text (Annie, Anne are other people's names elsewhere); a two-character
  name in Han characters is not the start of a three-character one (张明 in 张明远);
- possessives ("Gao's") and accents need nothing: matching is on folded words.

A *full mention* is any variant or alias. The surname alone ("Gao emphasized") counts only after
a full mention in the same article, and only until a second person with that surname is named
there: another watched expert, or anyone else (``Li Qiang``, ``Kevin Li``); from that point on
the surname is ambiguous ("Manuel Ibarra … said Ibarra … his brother, Luis Ibarra").
``context`` terms (an affiliation) must appear somewhere in the article, else namesakes are ignored.
When they do, the quote and snippet come first from mentions tied to a context term (in their
appositive, sentence or paragraph), and never from a namesake described as someone else
("Wang Yong, a Shanghai restaurateur, said …") while a tied mention exists.

Each hit says how the expert appears: ``byline`` (in the article's authors or a "By …" line),
``quoted`` (attributed speech: "said Victor Gao", "Gao said", "Gao told CGTN", "according to Gao"
and its kin in other languages, before the name (d'après, de acuerdo con, menurut, as per, nach
Angaben von, как отметил) or after it (Gao zufolge, 田中氏によると, 김 교수에 따르면, के अनुसार,
"in Gao's view,"),
a quotation next to the name and a speech verb, or the quotation just after a sentence or colon
that only introduces it: "Gao put it bluntly." / "Gao warned:" / "Gao told reporters:" then "…"
in the next sentence or paragraph, unless another speaker is attached to it) with the quote, else
``mentioned``; so is an act of speaking with nothing said in it ("Gao testified before the
committee.").
A quotation attributed by a pronoun ('"…," he wrote', 他說，「…」, 그는 "…"며, or no subject at
all: '"…", dijo.') is the person's just named, unless another speaker is named in between or the
pronoun is not theirs (an expert's optional ``pronoun``: he or she); after a sentence naming two
watched people it is its subject's when the other is the object ("X met Y."), else nobody's ("X and
Y spoke."); a quotation its attribution interrupts ('“A,” says Gao, an analyst. “B.”') is reported
as its first part, A; a participle of speech in a sentence the name opens ("Gao hit back, saying
…") attributes the clause after it; a name opening its line with its role in brackets and a colon
(纪小龙(某医院主任)：……) speaks what follows; a colon quote about someone ("X su Y: «…»") is not
Y's. Dashes attribute too: a line of dialogue ("—Es un error —dijo X") and a quotation opening its
line signed "“…” — X".
A name inside someone else's phrase is not the speaker: attached to another noun by a
preposition ("a spokesman for Gao said", "Li, speaking after Gao, said"), in the speaker's
appositive ("said Li, a rival of Gao"), a possessor ("said Gao's successor, Li", 张明的学生表示),
the subject of what another reports ("According to Li, Gao is wrong"), or an object ("Li told
Gao: “…”", 李华对张明说); ", who said" right after the name is hers.
The quote is the expert's quotation in quote marks wherever it is in the article, one joined to
its attribution ('"…," Gao said', 表示：“…”) before one met inside a reported clause; without one,
the reported speech in the body ("Gao said the talks would resume"), or the clause a sentence
opens with before ", said Gao" or ", according to Gao"; only then the headline's
paraphrase ("Ties can steady, Victor Gao says" → "Ties can steady").
Chinese attribution counts the same way, in simplified and traditional characters: 高志凯表示：“……”,
“……”，高志凯说。, 据高志凯介绍，……,
a title before or after the name (中国与全球化智库副主任高志凯指出, 高志凯教授表示); it is only
looked for when CJK text is near the mention, so English articles never run those patterns.
Verbs that are other words too (提醒, 介绍, 分析; juge, señala, считает, opined) speak after a
quotation ("«…», juge X"), but after a name only with a comma, colon, quotation or "that" next
(张明介绍，……; "X считает, что …"); Hindi "X ने कहा". Japanese and Korean end the sentence
with the verb: when the name is the sentence's subject (氏は, 교수는, no other topic before it),
a quotation or clause joined by と/って/고/라고/며 is theirs whatever the predicate (と語る,
との見方を示した, 고 내다봤다), except what others call them (と呼ばれる, 라고 불린다); so is a
quotation before the name joined the same way (「……」と田中氏は語った, "……"라고 김 교수는 말했다)
or closed by "X의 말이다/설명이다". A name with no topic particle after it is no speaker there
(田中氏と会談したと明らかにした, 김 교수를 임명했다고 밝혔다); a "thus" sentence points to
the quotation before (こう指摘する) or after (次のように話す, 이렇게 말했다).

A group the person speaks with speaks for them: "X and his colleagues", "X, along with three
other economists,", "a letter led by X", then '“…,” they wrote' or 'the signatories wrote';
张明等学者表示, 张明与共同作者写道. A pronoun and a speech verb opening one of the next two
sentences report the person's words ("He said …", 他表示，…, 그는 …고 밝혔다) unless the name only
met someone there; the formula that hands the sentence before to the name (Lo ha detto X, Об
этом заявил X) does too. Transcripts and briefings: a name opening its line (maybe after a
bullet, with its role) then a colon and speech is the speaker (毛宁：……); an interview
introduced by the name gives its first marked answer (Q:/A:, Pregunta./Respuesta., 问：/答：,
dashes) to them. A headline's name and quotation without a verb (习近平主席“…”, Zhang: “…”)
quotes them too.

Modules: :mod:`.names` (variants), :mod:`.mentions` (finding mentions, follow-ups, namesakes,
the mention kind), :mod:`.scripts` (a Latin name written in another script, by sound),
:mod:`.quotes` (quote attribution), :mod:`.speech` (the patterns it reads).
"""

from alerts.experts.mentions import (
    FIELD_ORDER,
    ArticleScan,
    CompiledExpert,
    ExpertFinding,
    compile_expert,
    find_experts,
)
from alerts.experts.names import (
    CHINESE_SURNAMES,
    PINYIN_SYLLABLES,
    NameForms,
    expert_id,
    name_forms,
    pinyin_split,
)
from alerts.experts.quotes import find_quotations

__all__ = [
    "CHINESE_SURNAMES",
    "FIELD_ORDER",
    "PINYIN_SYLLABLES",
    "ArticleScan",
    "CompiledExpert",
    "ExpertFinding",
    "NameForms",
    "compile_expert",
    "expert_id",
    "find_experts",
    "find_quotations",
    "name_forms",
    "pinyin_split",
]
