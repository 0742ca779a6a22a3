"""Quote attribution in shapes the released invented sets (the ninth, twelfth and earlier) showed
missed: a speaker introduced by a new description after the quotation, as French, Italian and
German features do (« … », soupire ce viticulteur de 61 ans; „…“, sagt die Geschäftsführerin
eines Zulieferers); a Chinese name before 所说 or 常说 (正如张明所说, 张明常说); "as X said"
with the verb first (comme me le confiait X : « … »); a subject-less verb and where it was said
(", afirmó en conferencia de prensa."); German's verb before two joined names and a colon; a
quotation "they" or "the senators" wrote after two names joined by "and"; a Japanese name's
reading in brackets before さん, and と非難しました; who was told, and when, before "that" or
"que" ("told a farm radio program on Wednesday that"); what a speaker did first ("She leaned
over and said"); a statement "attributed to" its speaker; German's "so X," incise and a
German sentence with its nouns capitalised up to a colon; Russian предупредила; Indonesian
menilai and kata; a post "sur Facebook :"; Japanese と発表した and そう言って; a Korean title
after a department (경제학과 교수는) and an adjective before the name (같은 세미나에 참석한). And
the false ones: a described noun the text used before, a title before the speaker's own name,
someone named in between, "agreed in a call to suspend", who is "called" something, "so"
meaning "therefore", who was met (在会见……时指出), a wire story's two bylines, an interview's
reporter and others its introduction names. Each article is invented for the test."""

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
        (
            BERG,
            "Avec lucidité. Comme me le confiait récemment Anna Berg, une diplomate en poste à "
            "Genève : « Nous ne demandons pas à être défendus. » La crainte est ailleurs.",
            "Nous ne demandons pas à être défendus.",
        ),
        (
            BERG,
            'La subsecretaria Anna Berg defendió los resultados. "Hemos decomisado más '
            'precursores", afirmó en conferencia de prensa.',
            "Hemos decomisado más precursores",
        ),
        (
            BERG,
            "In einem offenen Brief warnten die Abgeordneten Anna Berg (Grüne) und Peter Voss "
            "(CDU) in dieser Woche: „Die Folgen landen in Europa.“ Sie fordern ein Frühwarnsystem.",
            "Die Folgen landen in Europa.",
        ),
        (
            BERG,
            "In Washington, two senators, Mark Ellison and Anna Berg, sent the secretary a letter. "
            '"Any change will be read as a concession," the senators wrote.',
            "Any change will be read as a concession",
        ),
        (
            BERG,
            'Anna Berg and Mark Ellison wrote to the secretary. "Nothing should change," they '
            "wrote.",
            "Nothing should change",
        ),
        (
            BERG,
            "Under Secretary Anna Berg told a farm radio program on Wednesday that the "
            "department would extend payments.",
            "the department would extend payments.",
        ),
        (
            BERG,
            "I remember a dinner with Anna Berg, who was then a vice minister. She leaned over "
            'and said, "You count carriers. We count magnets."',
            "You count carriers. We count magnets.",
        ),
        (
            BERG,
            "I said the same to Anna Berg when we met last year. She laughed and told me the "
            "companies were saying exactly that.",
            "the companies were saying exactly that.",
        ),
        (BERG, "Anna Berg paused and said the talks were over.", "the talks were over."),
        (
            BERG,
            "The institute said in a statement attributed to its deputy director, Dr. Anna "
            "Berg, that it “supports collaboration conducted with transparency.”",
            "supports collaboration conducted with transparency.",
        ),
        (
            BERG,
            "Verkehrsministerin Anna Berg rief beide Seiten auf Instagram zur Einigung auf: „Die "
            "Leute müssen zur Arbeit kommen.“",
            "Die Leute müssen zur Arbeit kommen.",
        ),
        (
            BERG,
            "Die Ökonomin Anna Berg hat das beschrieben. Ein Abkommen zwischen Washington und "
            "Peking, so Berg, werde die Märkte beruhigen.",
            "Ein Abkommen zwischen Washington und Peking werde die Märkte beruhigen.",
        ),
        (
            ExpertSettings(id="x", name="Anna Berg", aliases=["Анна Берг"]),
            "В сентябре замминистра Анна Берг предупредила, что банки «рискуют потерять доступ "
            "к финансовой системе».",
            "рискуют потерять доступ к финансовой системе",
        ),
        (
            BERG,
            "Ekonom dari Lembaga Kajian, Anna Berg, menilai bahwa Indonesia masih tertinggal "
            "dari Vietnam.",
            "Indonesia masih tertinggal dari Vietnam.",
        ),
        (
            BERG,
            '"Investor melihat konsistensi kebijakan," kata Anna Berg, ekonom di Jakarta.',
            "Investor melihat konsistensi kebijakan",
        ),
        (
            BERG,
            "Le maire, Anna Berg, a lancé un appel sur Facebook : « Nous cherchons un "
            "boulanger ! » La publication a été partagée.",
            "Nous cherchons un boulanger !",
        ),
        (
            BERG,
            "La ministra de Agricultura, Anna Berg, celebró en la red social X: “Récord de "
            "embarques a China en septiembre”.",
            "Récord de embarques a China en septiembre",
        ),
        (
            ExpertSettings(id="x", name="Wu Jiaming", aliases=["呉嘉明"]),
            "東部戦区の呉嘉明報道官（上級大佐）は声明で「全過程を追跡・監視した」と発表した。",
            "全過程を追跡・監視した",
        ),
        (
            ExpertSettings(id="x", name="Sato Tomi", aliases=["佐藤トミ"]),
            "「バスがなくなったらどうすればいいのか」。85歳の佐藤トミさんはそう言って、肩を落とした。",
            "バスがなくなったらどうすればいいのか",
        ),
        (
            ExpertSettings(id="x", name="Park Ji-hoon", aliases=["박지훈"]),
            "박지훈 한빛대 경제학과 교수는 세미나에서 “기업의 부담은 커질 것”이라고 말했다.",
            "기업의 부담은 커질 것",
        ),
        (
            ExpertSettings(id="x", name="Kim Min-jung", aliases=["김민정"]),
            "같은 세미나에 참석한 김민정 위원은 “시장을 포기할 수는 없다”라며 “전략이 필요하다”고 "
            "말했다.",
            "시장을 포기할 수는 없다",
        ),
        (
            ExpertSettings(id="x", name="Liu Zihao", aliases=["劉子豪"]),
            "日本語学校で学ぶ劉子豪（リュウ・ズーハオ）さん（24）は、米国に行くつもりだった。"
            "\n\n「研究環境は今でも世界一だと思う。」と劉さんは語った。",
            "研究環境は今でも世界一だと思う。",
        ),
        (
            ExpertSettings(id="x", name="Zheng Kaiwen", aliases=["鄭凱文"]),
            "これに対し、国防省の鄭凱文報道官は談話を発表し、「米側は誤ったシグナルを送っている」"
            "と非難しました。",
            "米側は誤ったシグナルを送っている",
        ),
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
        # "they" may be whoever was named since the pair
        'Mark Ellison and Anna Berg were absent. Later Li Wei met the press. "We will act," '
        "they said.",
        # who is called something is its object, though a comma stands before the verb
        'Representative Tom Garrity, a Republican, called Anna Berg "the poster child for why '
        'we cannot let these products in."',
        # "so" is "therefore" where no comma closes the name
        "The talks failed, so Anna Berg walked out of the room.",
        # in German, two capitalised words in a row name someone else before the colon
        "Verkehrsministerin Anna Berg traf sich mit Olaf Scholz in Hannover: „Die Leute müssen "
        "zur Arbeit kommen.“",
        # agreeing to do something says nothing
        "The meeting is the third round since Anna Berg agreed in a phone call to suspend the "
        "steepest tariffs.",
        # the Geschäftsführerin was someone else already
        "Die Geschäftsführerin Maria Roth empfing Anna Berg. Später kam der Zoll. „Uns fehlen "
        "Magnete“, sagt die Geschäftsführerin eines Zulieferers.",
    ],
)
def test_a_new_description_names_no_one_else(text: str) -> None:
    assert kind_and_quote(watching([BERG]), text, "x")[0] == "mentioned"


@pytest.mark.parametrize(
    ("expert", "text", "kind"),
    [
        # met by the minister, whose words follow; the minister speaks for himself
        (
            ExpertSettings(id="x", name="David Miller", aliases=["戴维·米勒"]),
            "商务部部长王建国在会见美国一家企业全球总裁戴维·米勒等代表时指出，中国将继续扩大开放。",
            "mentioned",
        ),
        (ZHANG, "张明在会见美国企业代表时指出，中国将继续扩大开放。", "quoted"),
        # answered: the one who asked the question is no speaker of the answer
        (ZHANG, "部長韓志遠答覆立委張明質詢時表示，國軍已全程掌握動態。", "mentioned"),
        # a correspondent and a reporter sign a wire story together
        (
            ExpertSettings(id="x", name="Kim Seo-yeon", aliases=["김서연"]),
            "(워싱턴=한빛통신) 김서연 특파원 이재훈 기자 = 우리 정부는 협의를 이어가겠다고 밝혔다.",
            "byline",
        ),
        # "Kata kunci" is a key word, not "said"
        (BERG, "Kata kunci dalam laporan Anna Berg adalah efisiensi.", "mentioned"),
        # a capitalised person before the colon may have said it
        (BERG, "La ministra Anna Berg habló con Ana Gómez: “Récord de embarques”.", "mentioned"),
    ],
)
def test_who_met_or_signed_is_no_speaker(expert: ExpertSettings, text: str, kind: str) -> None:
    assert kind_and_quote(watching([expert]), text, "x")[0] == kind


INTERVIEW = (
    "記者吳欣怡／專訪\n\n美國總統川普與中國國家主席習近平可能於年內會面。研究院執行長簡立德接受本報專訪時"
    "表示，台灣不會被放上談判桌。以下為專訪摘要：\n\n問：北京會提出什麼要求？\n\n答：北京一定會要求美方做出"
    "新的表述。"
)


@pytest.mark.parametrize(
    ("expert", "kind"),
    [
        (ExpertSettings(id="x", name="Chien Li-te", aliases=["簡立德"]), "quoted"),
        (ExpertSettings(id="x", name="Donald Trump", aliases=["川普"]), "mentioned"),
        (ExpertSettings(id="x", name="Wu Hsin-yi", aliases=["吳欣怡"]), "mentioned"),
    ],
)
def test_an_interview_answers_for_the_one_interviewed(expert: ExpertSettings, kind: str) -> None:
    """Its introduction names others too, and its reporter; the answers are the interviewee's."""
    assert kind_and_quote(watching([expert]), INTERVIEW, "x")[0] == kind


def test_what_zhang_ming_said_is_not_quoted_as_a_noun() -> None:
    """所说的 opens a noun phrase (张明所说的情况: "the situation Zhang described"), no quote."""
    text = "张明所说的情况并不存在，官员们表示。"
    assert kind_and_quote(watching([ZHANG]), text, "x")[0] == "mentioned"


@pytest.mark.parametrize(
    ("expert", "text"),
    [
        # a new description after an official's visit names someone she met
        (
            BERG,
            "Interior Minister Anna Berg visited the flooded town on Monday. "
            '"We lost everything," said the owner of a bakery on the main square.',
        ),
        (
            ExpertSettings(id="x", name="Claire Dubois"),
            "La ministre Claire Dubois a visité un domaine près de Bordeaux. « La grêle a tout "
            "détruit », soupire ce viticulteur de 61 ans.",
        ),
        (
            BERG,
            'Anna Berg, the health minister, spoke at the memorial. "My son was 19," said the '
            "mother of one of the victims.",
        ),
        # the described speaker is named later in the sentence
        (
            BERG,
            'Anna Berg opened the debate. "This budget is a disgrace," said the leader of the '
            "opposition in the regional parliament, Tom Reed.",
        ),
        # a subject before its verb, no quotation: someone else reports
        (
            BERG,
            "Anna Berg stellte die Studie vor. Der Sprecher betonte, die Daten seien vorläufig.",
        ),
        (
            BERG,
            "Anna Berg presented the study on Monday. The union leaders said, however, that the "
            "data were flawed.",
        ),
        # a possessor or an addressee after a verb set first
        (
            ExpertSettings(id="x", name="Claire Dubois"),
            "Comme le rappelle l'avocat de Claire Dubois, la procédure est illégale.",
        ),
        (
            ExpertSettings(id="x", name="Giulia Bianchi"),
            "Come ha detto Marco Rossi alla ministra Giulia Bianchi, i fondi sono finiti.",
        ),
        # a subject after the place it was said
        (
            ExpertSettings(id="x", name="Lucía Ortega"),
            "Lucía Ortega presentó el informe el lunes. «Es un desastre», dijo en Madrid el "
            "ministro Ruiz.",
        ),
        (BERG, 'Anna Berg entered the race. "We expected this," said no one in her campaign.'),
        # a relative clause's subject speaks up to the colon; "Sie" with a plural verb is "they"
        (
            BERG,
            "Am Montag kritisierte Anna Berg den Innenminister, der entgegnete: „Das ist Unsinn.“",
        ),
        (
            BERG,
            "Anna Berg besuchte die Arbeiter im Werk. Sie erklärten, die Löhne seien zu niedrig.",
        ),
        # "they" after two joined names who wrote or said nothing
        (
            BERG,
            "Senators Anna Berg and Tom Reed questioned the bank chiefs on Tuesday. "
            '"We followed every rule," they said.',
        ),
        (
            BERG,
            "The feud between Acme Corp and Anna Berg escalated this week. "
            '"We will see her in court," they said.',
        ),
        # who was told, the Spanish clitic before the verb
        (
            ExpertSettings(id="x", name="Lucía Ortega"),
            "Pedro Ruiz esperó en la puerta. Cuando vio a Lucía Ortega, le dijo que el proyecto "
            "estaba cancelado.",
        ),
        # a letter someone else says is a forgery; a name ending someone else's report
        (BERG, "The police said a letter attributed to Anna Berg was a forgery."),
        (BERG, "According to Tom Reed, the new chief is Anna Berg."),
    ],
)
def test_the_new_rules_credit_no_one_else(expert: ExpertSettings, text: str) -> None:
    """Shapes an adversarial review of these rules wrote to trip them."""
    assert kind_and_quote(watching([expert]), text, "x")[0] == "mentioned"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Anna Berg said the group that organised the protest had been infiltrated.",
            "the group that organised the protest had been infiltrated.",
        ),
        (
            "Anna Berg sagte, viele Firmen in der Region befürchteten, dass die Zölle steigen.",
            "viele Firmen in der Region befürchteten, dass die Zölle steigen.",
        ),
        ('"Come back tomorrow," called Anna Berg from the doorway.', "Come back tomorrow"),
        (
            "Anna Berg agreed in an interview that the treaty had to be renegotiated.",
            "the treaty had to be renegotiated.",
        ),
    ],
)
def test_the_new_rules_keep_what_was_credited(text: str, quote: str) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a group with no determiner: "and colleagues"
        (
            "Research by Anna Berg and colleagues at the Lowell School tracked 212 firms. Most "
            'kept importing. "Designation shifts procurement," they wrote.',
            ("quoted", "Designation shifts procurement"),
        ),
        # a spokesperson for a titled name speaks, not the name
        (
            '"This is the closest intercept," said Captain Kyle Raines, a spokesperson for '
            "Admiral Anna Berg, the commander.",
            ("mentioned", None),
        ),
        # a broadcaster told, no article before it
        (
            "Anna Berg told state broadcaster CCTV that the two sides had reached a consensus.",
            ("quoted", "the two sides had reached a consensus."),
        ),
        # a name inside someone else's "whose" clause
        (
            "Takeda, whose mother, Anna Berg, founded the company in 1978, said the firm had "
            "no guidance yet.",
            ("mentioned", None),
        ),
        # a topic, nothing said
        (
            "The dilemma has sharpened under Anna Berg, who has mused publicly about whether "
            "the island should pay more.",
            ("mentioned", None),
        ),
        (
            "Anna Berg spoke publicly about the talks, saying they had stalled.",
            ("quoted", "they had stalled."),
        ),
        # a transcript's label line with a hyphenated name is a label, not an answer
        (
            "Host Anna Berg talks with Elena Vasquez-Ortiz.\n\nFELDMAN: Who owns TikTok now?\n\n"
            "VASQUEZ-ORTIZ: On paper, a joint venture owned by American investors.",
            ("mentioned", None),
        ),
    ],
)
def test_english_shapes_of_the_thirteenth_set(text: str, expected: tuple) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a son or a husband named between is no "she"
        (
            "Anna Berg, whose son, Tom Berg, died three years ago, followed the news. She wrote "
            "that she was “cautiously hopeful” and that “hope has let me down before.”",
            "quoted",
        ),
        (
            "Anna Berg, who opened the bakery with her husband Omid in 2006, was woken at 3am. "
            "“By the time I got there the roof had gone,” she said.",
            "quoted",
        ),
        # but a daughter may be "she"
        (
            "Anna Berg, whose daughter, Lena Berg, studies in Boston, followed the news. “We are "
            "worried,” she said.",
            "mentioned",
        ),
        # a business's name is no speaker; a person's is
        (
            "Anna Berg, who opened Golden Crust Bakery in 2006, was woken at 3am. “The roof had "
            "gone,” she said.",
            "quoted",
        ),
        (
            "Anna Berg, who hired Golden Crust in 2006, was woken at 3am. “The roof had gone,” "
            "she said.",
            "mentioned",
        ),
        # a firm, a party
        (
            "Anna Berg, chief executive of battery maker Lakeshore Cell Works, welcomed the "
            "decision, saying it gave factories a chance.",
            "quoted",
        ),
        (
            "Anna Berg of the ruling Democratic Progressive Party was blunt.\n\n“The debate is "
            "no longer about whether we should buy them,” she said.",
            "quoted",
        ),
    ],
)
def test_who_else_a_pronoun_may_name(text: str, kind: str) -> None:
    assert kind_and_quote(watching([BERG]), text, "x")[0] == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the next sentence of the name's own paragraph, words of a first person, unattributed
        (
            "Kanzlerin Anna Berg reagierte zurückhaltend. „Wir wollen Handel mit China, aber "
            "keinen naiven Handel.“\n\nDer Besuch endete am Abend.",
            ("quoted", "Wir wollen Handel mit China, aber keinen naiven Handel."),
        ),
        (
            "Anna Berg reacted cautiously. “We want trade with China, but not naive trade.”",
            ("quoted", "We want trade with China, but not naive trade."),
        ),
        # attributed by the head of her compound title
        (
            "Außenministerin Anna Berg reiste ab. „Wir bleiben im Gespräch“, sagte die Ministerin "
            "am Abend.",
            ("quoted", "Wir bleiben im Gespräch"),
        ),
        # someone else named in her sentence, or the quotation someone else's
        (
            "Anna Berg met Li Qiang on Monday. “We want trade with China, but not naive trade.”",
            ("mentioned", None),
        ),
        (
            "Anna Berg reacted cautiously. “We want trade, not naive trade,” a senator said.",
            ("mentioned", None),
        ),
        (
            "Anna Berg reacted cautiously. “The law is the law.” Nobody said more.",
            ("mentioned", None),
        ),
    ],
)
def test_a_quotation_after_the_sentence_that_names_its_speaker(text: str, expected: tuple) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    "text",
    [
        # an unattributed quotation that names her is someone speaking of her
        "Anna Berg keeps the farm's books at the kitchen table.\n\n“Anna says we can make it "
        "through one more year like this. I am not so sure.”",
        # a kin noun before her tells her gender: "he" is not her
        "The elder Hale's wife, Anna Berg, keeps the books. “I think we can make it through one "
        "more year,” he said.",
    ],
)
def test_what_is_said_of_her_is_not_hers(text: str) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == ("mentioned", None)


def test_a_pledge_to_act_is_no_quotation() -> None:
    text = "Anna Berg, whom Beijing denounces, has pledged to raise defense spending next year."
    assert kind_and_quote(watching([BERG]), text, "x") == ("mentioned", None)
    said = "Anna Berg pledged that defense spending would rise next year."
    assert kind_and_quote(watching([BERG]), said, "x") == (
        "quoted",
        "defense spending would rise next year.",
    )


def test_a_name_after_a_title_in_someone_elses_whose_clause() -> None:
    text = (
        "Tom Hale, whose sister, former student leader Anna Berg, is serving a six-year "
        "sentence, said the measures would not bring her home."
    )
    assert kind_and_quote(watching([BERG]), text, "x") == ("mentioned", None)
