"""How a speech verb joins its speaker in running copy: an act of the speaker's before "and"
and the verb ("welcomed the group and said …"), imperfect and narrative tenses (decía que,
écrivait que, racconta che, lamentó), when between the verb and "that" (ha assicurato ieri
che), a pronoun's attribution set inside the sentence it reports ("Farmers, she said, were hurt
most."), accusing someone of a quotation, a Chinese speaker telling the reporter (他跟我说：,
佢同我講：), and a name inside what someone tells ("racconta … di aver atteso Meloni"). Each
article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

BERG = ExpertSettings(id="x", name="Anna Berg")
ZHANG = ExpertSettings(id="x", name="Zhang Ming", aliases=["张明", "張明"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Taiwan's foreign minister, Anna Berg, welcomed the group and said Taipei was "
            "grateful for the support.",
            ("quoted", "Taipei was grateful for the support."),
        ),
        (
            "Anna Berg verteidigte die Fahrt und sagte, das sei Völkerrecht.",
            ("quoted", "das sei Völkerrecht."),
        ),
        (
            "Mi padre, Anna Berg, fue diplomática de carrera y decía que un país sin cancillería "
            "fuerte negocia siempre en desventaja.",
            ("quoted", "un país sin cancillería fuerte negocia siempre en desventaja."),
        ),
        # the name as an object, or a possessor, does not speak for the subject
        ("Li met Anna Berg on Monday and said the talks went well.", ("mentioned", None)),
        ("Anna Berg's son met Li and said the talks went well.", ("mentioned", None)),
    ],
)
def test_an_act_then_and_then_the_speech_verb(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anna Berg, presidente di un consorzio, racconta che alcuni clienti hanno congelato "
            "gli ordini.",
            ("quoted", "alcuni clienti hanno congelato gli ordini."),
        ),
        # a statement the name put out, and a broadcaster's aside before its words
        (
            "Overnight, Senior Colonel Anna Berg put out a statement that said, and I'm quoting "
            'here, "Those who play with fire will only get burned."',
            ("quoted", "Those who play with fire will only get burned."),
        ),
        # "for her part" between the auxiliary and the participle, when before "que"
        (
            "L'ambassadrice Anna Berg a de son côté déclaré la semaine dernière que l'Europe "
            "était « un partenaire et non un rival ».",
            ("quoted", "un partenaire et non un rival"),
        ),
        # a promise, when last week, then "that"; a promise of something is no speech
        (
            "La secretaria de Agricultura, Anna Berg, prometió la semana pasada que el Gobierno "
            "“no dejará solos a los agricultores”.",
            ("quoted", "no dejará solos a los agricultores"),
        ),
        ("Anna Berg prometió a los agricultores un paquete de ayudas.", ("mentioned", None)),
        # Indonesian names people by their first name after the full name
        (
            "Pengamat dari Universitas Indonesia, Anna Berg, menilai posisi Indonesia semakin "
            'sulit dipertahankan.\n\n"Politik bebas aktif itu bagus di atas kertas, tetapi '
            'kita semakin sering dipaksa memilih," kata Anna. Menurutnya, Indonesia perlu '
            "memperkuat kerja sama dengan negara tetangga yang tidak ingin terseret dalam "
            "persaingan itu dan untuk menjaga stabilitas kawasan.",
            (
                "quoted",
                "Politik bebas aktif itu bagus di atas kertas, tetapi kita semakin sering "
                "dipaksa memilih",
            ),
        ),
        # where it was said, between an Indonesian name and its verb
        (
            "Duta Besar Anna Berg dalam keterangan tertulisnya menyatakan bahwa Norwegia "
            "menentang proteksionisme.",
            ("quoted", "Norwegia menentang proteksionisme."),
        ),
        (
            "Dans une tribune, Anna Berg écrivait que l'Europe risquait de devenir un terrain de "
            "jeu.",
            ("quoted", "l'Europe risquait de devenir un terrain de jeu."),
        ),
        (
            "Anna Berg no oculta su frustración. «Vinimos a México para estar cerca de Estados "
            "Unidos», lamentó en entrevista con este diario.",
            ("quoted", "Vinimos a México para estar cerca de Estados Unidos"),
        ),
        (
            "Il viceministro Anna Berg ha assicurato ieri che il governo segue con attenzione i "
            "negoziati.",
            ("quoted", "il governo segue con attenzione i negoziati."),
        ),
        (
            "Anna Berg criticized the tariffs. Farmers, she said, were hurt most.",
            ("quoted", "Farmers were hurt most."),
        ),
        (
            "Anna Berg a critiqué les droits. Beaucoup d'entreprises, estime-t-elle, "
            "sous-estiment le risque.",
            ("quoted", "Beaucoup d'entreprises sous-estiment le risque."),
        ),
        (
            'A commentator, Anna Berg, accused her of "selling American fairy tales," and '
            "others agreed.",
            ("quoted", "selling American fairy tales"),
        ),
        (
            "Der Abgeordnete Anna Berg warf Vogler vor, die Beziehungen „leichtfertig“ aufs "
            "Spiel zu setzen.",
            ("quoted", "die Beziehungen „leichtfertig“ aufs Spiel zu setzen."),
        ),
        ("Anna Berg accused the company of fraud.", ("mentioned", None)),
        # a name inside what someone else tells
        (
            "L'imprenditore Guido Rossi, che vive a Palm Beach, racconta al Corriere di aver "
            "atteso Anna Berg sulla porta.",
            ("mentioned", None),
        ),
    ],
)
def test_narrative_tenses_and_incises(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "答：这是事实。一位老板叫张明，他跟我说：“我们不是不想留在美国市场。”这句话我印象很深。",
            ("quoted", "我们不是不想留在美国市场。"),
        ),
        (
            "我個仔張明喺三藩市做律師，佢成日同我講：「美國客仲係想經香港做嘢。」",
            ("quoted", "美國客仲係想經香港做嘢。"),
        ),
        # how the words were given, between the name and its verb
        ("部長張明晚間回應表示，政府尊重企業布局。", ("quoted", "政府尊重企業布局。")),
        ("张明补充说，政府尊重企业的全球布局。", ("quoted", "政府尊重企业的全球布局。")),
        # the quotation first, then where and who, the name and its verb closing the sentence
        (
            "“我第一次来中国是1985年。”坐在上海的一家咖啡馆里，72岁的美国农场主张明回忆道。",
            ("quoted", "我第一次来中国是1985年。"),
        ),
    ],
)
def test_chinese_speaker_telling_the_reporter(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([ZHANG]), text, "x") == expected


def test_the_answer_to_a_question_is_the_one_asked() -> None:
    text = (
        "Kevin Tran, 41, admitted in court that he received cash. U.S. District Judge Evelyn "
        "Marchetti asked Tran whether anyone had threatened him.\n\n"
        "\"No, your honor. I'm doing this because I'm guilty,\" he replied."
    )
    tran = ExpertSettings(id="tran", name="Kevin Tran")
    judge = ExpertSettings(id="judge", name="Evelyn Marchetti")
    for matcher in (watching([tran]), watching([tran, judge])):
        assert kind_and_quote(matcher, text, "tran") == (
            "quoted",
            "No, your honor. I'm doing this because I'm guilty",
        )
    assert kind_and_quote(watching([judge]), text, "judge") == (
        "quoted",
        "whether anyone had threatened him.",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a new sentence whose verb reports its own clause takes no quotation before it
        (
            'Professor Anna Berg said the provost had told her the university "could not afford '
            'to lose its defense contracts." Berg said she had asked for an extension.\n\n'
            '"We were studying how to clean arsenic out of drinking water," Berg said.',
            ("quoted", "We were studying how to clean arsenic out of drinking water"),
        ),
        # an outlet's name in marks between the verb and the name
        (
            "«Пекин демонстрирует силу. Это сигнал Вашингтону», — сказал корреспонденту "
            "«Восток-Пресс» востоковед Анна Берг.",
            ("quoted", "Пекин демонстрирует силу. Это сигнал Вашингтону"),
        ),
        # a party politician named again by party
        (
            "Bundeswirtschaftsministerin Anna Berg warnte vor einer Spirale aus Zöllen. „Niemand "
            "gewinnt einen Handelskrieg“, sagte die CDU-Politikerin am Rande eines Termins.",
            ("quoted", "Niemand gewinnt einen Handelskrieg"),
        ),
        # the pronoun's verb, then "but" and the quotation
        (
            "Anna Berg said she had turned down an invitation. Trade was welcome, she said, but "
            '"we shouldn\'t roll out the red carpet for the Communist Party."',
            ("quoted", "we shouldn't roll out the red carpet for the Communist Party."),
        ),
        # the speaker's words in marks in a reported clause beat an earlier paraphrase
        (
            "张明指出，全球造船业高度集中，美方短期内难以找到替代产能。他认为，港口费的效果恐怕有限，"
            "“船不是关税能催生出来的”。",
            ("quoted", "船不是关税能催生出来的"),
        ),
    ],
)
def test_which_words_are_the_quote(text: str, expected: tuple[str, str | None]) -> None:
    watched = ExpertSettings(id="x", name="Anna Berg", aliases=["Анна Берг", "张明"])
    assert kind_and_quote(watching([watched]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a German adjective and noun after an article is nobody's name
        (
            "Der Experte Anna Berg von einer Stuttgarter Kanzlei kennt solche Fälle. Viele "
            "Mittelständler, sagt sie, unterschätzten, wie weit die US-Regeln reichten.",
            ("quoted", "Viele Mittelständler unterschätzten, wie weit die US-Regeln reichten."),
        ),
        # where it was said, between the verb and "que"
        (
            "Desde Minnesota, el productor Anna Berg lamentó en declaraciones a medios locales "
            'que "Brasil se está quedando con nuestros clientes".',
            ("quoted", "Brasil se está quedando con nuestros clientes"),
        ),
        # "m'a dit": the reporter told
        (
            "Le ministre de la Défense, Anna Berg, m'a dit lors d'un colloque l'an dernier que "
            "l'île devait pouvoir tenir seule deux semaines.",
            ("quoted", "l'île devait pouvoir tenir seule deux semaines."),
        ),
        # when, between 他 and his verb
        (
            "我在美国的导师叫安娜·贝格，她退休前跟我说：“实验室里没有国籍，只有数据。”",
            ("quoted", "实验室里没有国籍，只有数据。"),
        ),
        # an administration's act is not its leader's words
        ("安娜·贝格政府早前宣布，将加强审查经第三地转运的商品。", ("mentioned", None)),
    ],
)
def test_where_when_and_whom_between(text: str, expected: tuple[str, str | None]) -> None:
    watched = ExpertSettings(id="x", name="Anna Berg", aliases=["安娜·贝格"])
    assert kind_and_quote(watching([watched]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese: a ruling's object does not speak, its subject's second verb does
        (
            "主任裁判官安娜·贝格裁定梁罪成，指涉案11本书籍意图引起憎恨。",
            ("quoted", "涉案11本书籍意图引起憎恨。"),
        ),
        ("主任裁判官黄家乐裁定安娜·贝格罪成，指涉案书籍意图引起憎恨。", ("mentioned", None)),
        (
            "“进口大豆主要用来榨油。”安娜·贝格一边检修收割机一边说，“我们更关心价格。”",
            ("quoted", "进口大豆主要用来榨油。"),
        ),
        (
            "立法委员安娜·贝格今天在立法院质询时，批评经济部长王文彬对美方新规“反应太慢”。",
            ("quoted", "经济部长王文彬对美方新规“反应太慢”。"),
        ),
        ("安娜·贝格批评了这项政策。", ("mentioned", None)),
        # an office named again in general ("el funcionario") after a title set off by a comma
        (
            "La propuesta se conoció después de que el secretario de Economía, Anna Berg, se "
            "reuniera en Washington.\n\nBerg defendió la iniciativa en conferencia de prensa. "
            '"No es una medida contra ningún país", aseguró el funcionario.',
            ("quoted", "No es una medida contra ningún país"),
        ),
        # German perfect of a demand
        (
            "Anna Berg vom Wirtschaftsforum hat kürzlich gefordert, Deutschland solle sich klar "
            "an die Seite der USA stellen.",
            ("quoted", "Deutschland solle sich klar an die Seite der USA stellen."),
        ),
    ],
)
def test_objects_offices_and_demands(text: str, expected: tuple[str, str | None]) -> None:
    watched = ExpertSettings(id="x", name="Anna Berg", aliases=["安娜·贝格"])
    assert kind_and_quote(watching([watched]), text, "x") == expected


def test_a_possessor_before_the_name_is_not_its_sentences_subject() -> None:
    father = ExpertSettings(id="f", name="Lowell Brandt")
    daughter = ExpertSettings(id="d", name="Emily Brandt")
    text = (
        "Lowell Brandt farms hogs. Brandt's daughter, Emily Brandt, who now runs the farm, was "
        'more pragmatic.\n\n"My dad talks about friendship. I talk about price," she said.'
    )
    assert kind_and_quote(watching([father, daughter]), text, "d") == (
        "quoted",
        "My dad talks about friendship. I talk about price",
    )
