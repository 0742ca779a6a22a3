"""Quote attribution in shapes a released invented set showed missed: a speaker introduced by a
new description after the quotation, as French, Italian and German features do (« … », soupire
ce viticulteur de 61 ans; „…“, sagt die Geschäftsführerin eines Zulieferers), and a Chinese
name before 所说 or 常说 (正如张明所说, 张明常说). And the false ones: a described noun the text
used before, a title before the speaker's own name, someone named in between. Each article is
invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

BERG = ExpertSettings(id="x", name="Anna Berg")
ZHANG = ExpertSettings(id="x", name="Zhang Ming", aliases=["张明"])


@pytest.mark.parametrize(
    ("expert", "text", "quote"),
    [
        (
            BERG,
            "Die Lagerhalle von Anna Berg ist voll. „Uns fehlen nur die Magnete“, sagt die "
            "Geschäftsführerin eines Zulieferers, der 90 Menschen beschäftigt.",
            "Uns fehlen nur die Magnete",
        ),
        (
            BERG,
            "Anna Berg fait ses comptes. Ils ne sont pas bons. « On nous a oubliés », soupire "
            "cette viticultrice de 58 ans.",
            "On nous a oubliés",
        ),
        (
            BERG,
            "Nel laboratorio di Anna Berg le macchine sono ferme. «Aspettiamo da mesi», dice "
            "la ricercatrice torinese, titolare di una borsa europea.",
            "Aspettiamo da mesi",
        ),
        (
            BERG,
            'Anna Berg sells seeds in Ames. "Nobody is buying this spring," said the '
            "owner of the shop, who opened it in 1998.",
            "Nobody is buying this spring",
        ),
        (ZHANG, "关税再次上调。正如张明所说，“这一轮没有赢家。”市场下跌。", "这一轮没有赢家。"),
        (ZHANG, "张明常说一句话：“这一轮没有赢家。”", "这一轮没有赢家。"),
        (ZHANG, "张明经常说，这一轮没有赢家。", "这一轮没有赢家。"),
    ],
)
def test_a_speaker_introduced_after_the_quotation(
    expert: ExpertSettings, text: str, quote: str
) -> None:
    assert kind_and_quote(watching([expert]), text, "x") == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        # no complement: "the farmer" names someone new, not the visitor
        'Anna Berg toured the fields. "Nice woman," the farmer said.',
        # the noun was used before: the farm, then "the farmer of the valley"
        'Anna Berg toured the farm. "Nice woman," said the farmer of the valley.',
        # the description is the title of a speaker named right after it
        "Anna Berg leitet den Verband. „Wir verlieren Marktanteile“, sagt der Handelsexperte "
        "Reto Baumann von der Universität St. Gallen.",
        # someone named in between is the nearer one
        "Anna Berg besuchte die Firma von Li Wei. „Uns fehlen Magnete“, sagt die "
        "Geschäftsführerin eines Zulieferers.",
        # the Geschäftsführerin was someone else already
        "Die Geschäftsführerin Maria Roth empfing Anna Berg. Später kam der Zoll. „Uns fehlen "
        "Magnete“, sagt die Geschäftsführerin eines Zulieferers.",
    ],
)
def test_a_new_description_names_no_one_else(text: str) -> None:
    assert kind_and_quote(watching([BERG]), text, "x")[0] == "mentioned"


def test_what_zhang_ming_said_is_not_quoted_as_a_noun() -> None:
    """所说的 opens a noun phrase (张明所说的情况: "the situation Zhang described"), no quote."""
    text = "张明所说的情况并不存在，官员们表示。"
    assert kind_and_quote(watching([ZHANG]), text, "x")[0] == "mentioned"
