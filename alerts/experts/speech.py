"""Speech patterns, read in folded text (see :mod:`alerts.textnorm`): speech verbs in several
languages, the shapes of attributions before and after a name, quotation marks, and the Chinese,
Japanese and Korean forms. Only patterns and their limits live here; :mod:`.quotes` applies them."""

from __future__ import annotations

import re

from alerts.textnorm import EAST_ASIAN_RANGES, TITLE_ABBREVIATIONS, normalize


def folded(pattern: str) -> str:
    """A pattern as folded text reads (:func:`normalize` drops accents and dakuten: "déclaré"
    is "declare" there, 述べ is 述へ)."""
    return normalize(pattern).norm


_ROMANCE_AUXILIARY = (
    r"(?:a|avait|aurait|ha|había|habría|aveva|avrebbe)\s+(?:(?:également|notamment|aussi|encore|"
    r"ensuite|enfin|toutefois|cependant|pourtant|déjà|ainsi|alors|d'ailleurs|par\s+ailleurs|"
    r"de\s+son\s+côté|pour\s+sa\s+part|quant\s+à\s+(?:lui|elle)|por\s+su\s+parte|"
    r"da\s+parte\s+sua|dal\s+canto\s+suo|"
    r"también|además|ya|luego|poi|anche|inoltre|invece|già|ancora|infine|quindi|pure)\s+){0,2}"
)
ROMANCE_PERFECT = folded(_ROMANCE_AUXILIARY + r"(?:dit|dicho|detto|affirmé|afirmado|affermato)")
"""French, Spanish and Italian "said" in a compound tense, an adverb or two allowed between the
auxiliary and the participle: "avait dit", "a également affirmé", "ha dicho este lunes que",
"avrebbe detto" (Spain's press reports in the perfect). Participles that are as often of other
verbs (a déclaré forfait, ha escrito dos libros, ha osservato un minuto di silenzio) are
:data:`ROMANCE_PERFECT_CUED`."""
ROMANCE_PERFECT_CUED = folded(
    _ROMANCE_AUXILIARY
    + r"(?:déclaré|ajouté|expliqué|estimé|souligné|assuré|écrit|indiqué|précisé|rappelé|averti|"
    r"martelé|insisté|reconnu|répondu|réagi|tempéré|nuancé|rétorqué|confié|confirmé|asegurado|"
    r"señalado|confirmado|confermato|"
    r"explicado|añadido|agregado|advertido|reconocido|subrayado|destacado|indicado|declarado|"
    r"insistido|manifestado|sostenido|apuntado|precisado|recordado|matizado|admitido|comentado|"
    r"respondido|escrito|defendido|dichiarato|aggiunto|spiegato|scritto|sottolineato|precisato|"
    r"ricordato|commentato|avvertito|replicato|risposto|ammesso|osservato|evidenziato|ribadito|"
    r"assicurato|prévenu|plaidé|annoncé|dénoncé|jugé|observé|regretté|déploré|tranché|"
    r"ironisé|résumé|relevé|denunciado|lamentado|anunciado|reiterado|denunciato|annunciato|"
    r"lamentato|rimarcato)"
)
"""The other participles of speech in those tenses, speech only before what was said (see
:data:`STANCE_VERBS`): "a également déclaré que …", "ha asegurado que …", "ha assicurato che …";
the bare "a déclaré", "ha dichiarato" stay :data:`VERBS` as they were."""
VERBS = (
    r"(?:issued|released|put\s+out|posted|published)\s+a\s+(?:written\s+|short\s+)?"
    r"(?:statement|post|message|note)\s+(?:that|which)\s+(?:said|read)|"
    r"said|says|say|told|tells|"
    r"(?:added|adds)(?!\s+(?:[\w.&'-]+\s+){0,4}?to\s+(?:the|its|their|a|an)\s+(?:[\w-]+\s+)?list\b"
    r"|\s+[\w.&'-]+\s*;)|noted|notes|argued|argues|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|warned|warns|explained|explains|observed|observes|remarked|"
    r"commented|comments|wrote|writes|(?:(?<=\bhas\s)|(?<=\bhad\s)|(?<=\bhave\s))written"
    r"(?=\s*(?:[.,;:!?\n\"]|$)|[^.!?\n\"]{0,160}?(?:\bthat\b|\"|:))|stated|recounted|believes|believed|thinks|insisted|insists|acknowledged|"
    r"cautioned|cautions|suggested|suggests|predicted|predicts|pointed out|points out|concluded|"
    r"contended|contends|maintained|maintains|asserted|asserts|claimed|claims|declared|replied|"
    r"responded|recalled|urged|urges|estimated|estimates|put it|puts it|"
    r"continued(?!\s+to\b)|asked(?!\s+(?:to|for|about)\b)|"
    r"agree[ds](?!\s+(?:to|on)\b|\s+(?:in|during|at|over|by|with)\b(?:(?!\bthat\b)[^.,;:\"\n]){0,40}?\sto\s)|disagreed|described|describes|called|calls|"
    r"expects(?!\s+to\b)|expected(?!\s+to\b)|"
    r"posted\s+on|posts\s+on|tweeted|tweets|testified|testifies|admitted|admits|conceded|concedes|joked|"
    r"jokes|quipped|quips|vowed|vows|pledged(?!\s+to\b)|pledges(?!\s+to\b)"
    r"|promised(?!\s+to\b)|promises(?!\s+to\b)|"
    r"reiterated|reiterates|underscored|"
    r"underscores|countered|counters|retorted|complained|complains|lamented|laments|boasted|"
    r"boasts|wondered|mused|confided|speculated|reckoned|"
    r"(?:released|issued)\s+a\s+(?:joint\s+)?statement(?:\s+saying)?|"
    r"used\s+to\s+(?:say|tell\s+(?:us|me|them|people|students|reporters)"
    r"|tell(?:\s+[\w-]+){1,3}?(?=\s*[,:]?\s*\"))|"
    r"announced(?=\s+that\b)|announces(?=\s+that\b)|"
    + folded(
        "sagte|sagt|erklärte|betonte|schrieb|ergänzte|a déclaré|a dit|a affirmé|a ajouté|"
        "a expliqué|a estimé|a souligné|a assuré|a écrit|a indiqué|"
        "ha detto|ha dichiarato|ha aggiunto|ha spiegato|ha affermato|ha scritto|"
        "ha sottolineato|a précisé|a rappelé|a averti|ha precisato|ha ricordato|ha commentato|"
        "ha avvertito|a rétorqué|a tempéré|a nuancé|a répondu|a réagi|ha replicato|ha risposto|"
        "ha ammesso|"
        "déclare|affirme|"
        ""
        "dijo|afirmó|declaró|señaló|explicó|aseguró|añadió|escribió|"
        "disse|afirmou|declarou|powiedział|napisał|stwierdził|oświadczył|dodał|"
        "сказал|сказала|заявил|заявила|отметил|отметила|написал|написала|подчеркнул|призвал|"
        "призвала|"
        "подчеркнула|предупредил|предупредила|уточнил|уточнила|напомнил|напомнила|указал|"
        "указала|заметил|заметила|констатировал|констатировала|"
        "souligne|explique|précise|estime|"
        "warnte|meinte|betont|erklärt|schreibt|argumentiert|argumentierte|warnt|"
        ""
        "advirtió|subrayó|agregó|manifestó|sostuvo|indicó|comentó|recordó|insistió|destacó|"
        "acrescentou|explicou|destacou|добавил|добавила|пояснил|пояснила|сообщил|сообщила|"
        "mengatakan|menyatakan|menegaskan|menjelaskan|menilai|menyebut|mengungkapkan|"
        "menambahkan|menekankan|menuturkan|memperingatkan|berpendapat|rétorque|"
        ""
        "replicó|respondió|contestó|"
        "reconoció|admitió|respondeu|rebateu|ressaltou|entgegnete|erwiderte|ответил|ответила|"
        "парировал|парировала|признал|признала|powiedziała|napisała|stwierdziła|oświadczyła|"
        "dodała|zapewnił|zapewniła|podkreślił|podkreśliła|zaznaczył|zaznaczyła|ocenił|oceniła|"
        "wyjaśnił|wyjaśniła|ostrzegł|ostrzegła|zapowiedział|zapowiedziała|przyznał|przyznała|"
        "odpowiedział|odpowiedziała|zauważył|zauważyła|przekonywał|przekonywała|mówił|mówiła|"
        "tłumaczył|tłumaczyła|poinformował|poinformowała|przypomniał|przypomniała|"
        "oznajmił|oznajmiła|odparł|odparła|argumentował|argumentowała|skomentował|skomentowała|"
        "podsumował|podsumowała|przestrzegł|przestrzegła|podkreślał|podkreślała|zaznaczał|"
        "zaznaczała|dodawał|dodawała|wyjaśniał|wyjaśniała|zapewniał|zapewniała|ostrzegał|"
        "ostrzegała|twierdził|twierdziła|zauważał|zauważała|przyznawał|przyznawała|oceniał|"
        "oceniała|stwierdzał|stwierdzała|"
        "bekräftigte|unterstrich|unterstreicht|beteuerte|beteuert|antwortete|kommentierte|"
        "bilanzierte|resümierte|ergänzt|entgegnet|erwidert|"
        "a fait savoir|a raconté|a relaté|a commenté|a argué|a renchéri|a répliqué|"
        "ha fatto sapere|ha fatto notare|ha raccontato|ha puntualizzato|ha riferito|ha tuonato|"
        "ha chiosato|ha argomentato|ha ammonito|"
        "enfatizó|aclaró|argumentó|aseveró|exclamó|espetó|resaltó|apostilló|acotó|puntualizó|"
        "vaticinó|pronosticó|"
        "salientou|sublinhou|frisou|enfatizou|argumentou|reiterou|ponderou|pontuou|esclareceu|"
        "advertiu|alertou|avisou|comentou|escreveu|relatou|insistiu|adiantou|assegurou|"
        "объяснил|объяснила|заверил|заверила|предположил|предположила|прокомментировал|"
        "прокомментировала|говорил|говорила|утверждал|утверждала|высказался|высказалась|"
        "резюмировал|резюмировала|подытожил|подытожила|посетовал|посетовала|признался|"
        "призналась|возразил|возразила|пожаловался|пожаловалась|"
        "menerangkan|mengemukakan|menandaskan|mengutarakan|menyebutkan|"
        "zei|zegt|schreef|verklaarde|benadrukte|voegde toe|publicó en|a publié sur"
    )
    + rf"|{ROMANCE_PERFECT}"
    + r"|diz(?!\s+respeito)|"
    + folded(
        r"назвал[аи]?(?!\s+(?:сво|его\s|ее\s|её\s))(?=[^.!?\n\"]{0,60}\"[^\"\n]*?(?:ой|ей|ом|ем|ами|ями|ью)\b)"
        r"|(?:ha\s+definito|a\s+qualifié|qualifie|calificó|califica|ha\s+calificado|bezeichnete"
        r"|bezeichnet)(?=(?:\s+[^\s\"]+){0,4}\s+(?:de\s+|d'|als\s+)?\")"
        r"|(?:parla|ha\s+parlato|habló|ha\s+hablado)\s+(?:di|de)(?=\s*\")|"
        r"accused(?=[^.!?\n\"]{0,50}\bof\s+\")|(?:warf|wirft)(?:\s+[^\s,.;:\"]+){1,4}?\s+vor(?=\s*,)|"
    )
    + r"(?:"
    + folded(
        r"(?:teilte|teilt)\s+mit|(?:gab|gibt)\s+an|räumte\s+ein|führte\s+aus|"
        r"(?:kündigte|kündigt)\s+an|berichtete?(?:\s+(?!dass\b)[^\s,.;:\"]+){0,4}?"
    )
    + r")(?=\s*[,:])"
    + r"|"
    + folded(r"(?:äußerte|äußert)\s+sich(?:\s+(?!nicht\b|nie\b|kaum\b)[^\s,.;:\"]+){0,2}?(?=\s*:)")
    + r"|"
    + folded(r"(?:sprach|spricht)\s+von(?=\s+(?:[^\s\"]+\s+)?\")")
)
"""Speech verbs: English ("added", not "added Huawei to the entity list" or "added Huawei;"),
then German, French, Italian, Spanish, Portuguese, Polish, Russian,
Indonesian, Dutch; Portuguese diz (not diz respeito, "concerns"), German verbs with their
particle before a comma or colon (teilte mit, "…"; kündigte an, …; äußerte sich kritisch: …;
not "teilte mit ihrer Schwester"), "sprach von" (spoke of: "sprach von einem „Fehler“"), verbs
of calling something a quotation (назвала пошлины «ошибкой», ha definito i dazi «un errore», a
qualifié … de « … », bezeichnete … als „…“) and of speaking of one (parla di «…», habló de
«…»), of accusing someone of one ('accused her of "selling fairy tales"', "warf Vogler vor,
…"). "Agreed
to restore", "expected to attend", "continued to push" and "asked to leave" report what
someone did, not what they said; "has written" says something only before a stop, a quotation,
a colon or "that" in its sentence ("has written for the Atlantic" tells what someone did; "has
written to Congress describing him as “…”" what they said)."""
CUED_VERBS = (
    r"opined|opines|highlighted|highlights|posted|posts|responds|recalls|replies|concludes|"
    r"reckons|recounts|retorts|muses|wonders|disagrees|"
    r"declares|acknowledges|"
) + folded(
    "observe|ajoute|confie|juge|résume|prévient|raconte|analyse|insiste|señala|asegura|opinó|"
    "apuntó|precisó|afirma|explica|comenta|advierte|añade|agrega|sostiene|meint|erläuterte|"
    "erläutert|fügte|fügt|говорит|считает|уверен|уверена|отмечает|pondera|"
    "confirma|déplore|regrette|reconnaît|смеётся|вздыхает|признаётся|замечает|сетует|"
    "поясняет|рассказал|рассказала|spiega|osserva|sottolinea|aggiunge|afferma|avverte|avaliou|avalia|ressalta|"
    "kata|ujar|tutur|répond|tempère|nuance|replica|risponde|responde|uważa|denkt|vindt|"
    "mówi|podkreśla|zaznacza|ocenia|przekonuje|twierdzi|tłumaczy|dodaje|wyjaśnia|ostrzega|"
    "zauważa|przyznaje|zapewnia|"
    "bekräftigt|antwortet|kommentiert|fait savoir|commente|renchérit|réplique|fa sapere|"
    "fa notare|puntualizza|riferisce|tuona|chiosa|argomenta|ammonisce|dichiara|scrive|commenta|"
    "ribadisce|evidenzia|rimarca|"
    "dit|assure|rappelle|indique|poursuit|dice|opina|cuenta|considera|subraya|destaca|reconoce|"
    "schimpfte|schimpft|klagte|klagt|mahnte|mahnt|fragte|fragt|kritisiert|kritisierte|forderte|"
    "fordert|"
    "recuerda|resume|puntualiza|matiza|полагает|рассказывает|объясняет|подчеркивает|заявляет|"
    "добавляет|пишет|уточняет"
)
"""Speech verbs, mostly present tenses, that are also other words (juge "judge", afirma "the
signature", kata "word", replica, dit "called", dice "dice", cuenta "account") or need what
follows ("highlighted the risks", "posted a photo"): after a quotation they attribute freely
("«…», juge Anna Berg"), after a name only with :data:`CUE` next."""
_THAT = r"(?:(?:that|что|que|che|dass|bahwa)\b|qu'(?=\w))"
_WHEN = folded(
    r"(?:\s+(?:ieri|oggi|stamattina|stamane|hier|aujourd'hui|ayer|hoy|gestern|heute|mardi|lundi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado"
    r"|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|yesterday|today"
    r"|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:la|el|este|esta|la\s+settimana|il|lo|la|le|der|die|das|last|this)\s+(?:semana|mes|año"
    r"|semaine|mois|année|settimana|mese|anno|pasada|pasado|scorsa|scorso|passée|passé|dernier"
    r"|dernière|vergangenen|letzten|week|month|year)(?:\s+(?:pasada|pasado|scorsa|scorso"
    r"|dernière|dernier|passée|passé))?)){1,2}"
)
"""When something was said, between its verb and "that" ("ha assicurato ieri che", "a affirmé
mardi que", "expressed confidence on Monday that", "prometió la semana pasada que")."""
_SAID_IN = folded(
    r"\s+(?:en|in|dans|nel|nella|im|bei)\s+(?:(?:un|una|une|an?|einem|einer)\s+)?"
    r"(?:declaraciones|entrevista|interview|entretien|intervista|gespräch|comunicado|communiqué"
    r"|comunicato|statement|nota|mitteilung|conferencia\s+de\s+prensa|conférence\s+de\s+presse"
    r"|conferenza\s+stampa|pressekonferenz)"
    r"(?:\s+(?:a|à|al|au|aux|con|avec|with|to|mit)\s+[^.,:\"\n]{1,30}?)?"
    r"|\s+(?:lors\s+d(?:'|e\s+|u\s+)|during|durante|durant)\s*[^.,:\"\n]{1,40}?"
    r"|\s+(?:на|в)\s+(?:[а-яё-]+\s+)?(?:пресс-конференции|брифинге|интервью|беседе|эфире"
    r"|заявлении|комментарии|выступлении)"
)
"""Where something was said, a statement or an interview, between its verb and "that" ("lamentó
en declaraciones a medios locales que", "a estimé dans un entretien au Monde que"; "заявил на
ежемесячной пресс-конференции"); not any phrase ("destaca en un equipo que ha perdido …" is a
relative clause)."""
_TOLD_WHOM = folded(
    r"\s+(?:to|au|aux|à|a|al|alla|allo|ai|agli)\s+(?:(?:l'|des|los|las|sus|i|gli)\s*)?"
    r"(?!(?:a|an|the|la|le|les|un|una|une|uno|il|lo|el|su|sa|son|ses|mi|ma|mon)\s)"
    r"[^\s,.;:\"]+"
)
"""Whom something was said to, between a verb and "that", a word after the preposition:
"a confié au Monde que", "explica a EFE que", "ha confermato al Corriere che", "expressed
confidence to reporters that"; not an article's noun and more ("escribía a su madre cartas
que", "posted to a website that")."""
CUE = folded(
    rf"(?=\s*[,:\"]|(?:{_WHEN})?\s+{_THAT}|(?:{_TOLD_WHOM}|{_SAID_IN})\s+{_THAT}"
    r"|\s+[^.,:\"\n]{1,30},\s*(?:что|dass|que|bahwa)\b|[^.!?\n\"]{1,60}:\s*\")"
)
"""What after a name makes a :data:`CUED_VERBS` verb speech: a comma, colon or quotation, or
"that", maybe after whom it was told ("Petrov считает, что …", "Berg afirma que …", "Bini
osserva che …", "Berg confie au Monde qu'il …")."""
MARKED_VERBS = folded(r"dénonce|évoque|parle\s+d(?=')|parle\s+de|s'est\s+dite?|denuncia")
"""Verbs that speak only before the speaker's words in marks ("dénonce « une erreur »", "parle
d'« une erreur »", "s'est dite « très inquiète »"): before anything else they are other acts
("évoque, dans son livre, son enfance")."""
MARK_CUE = r"(?=\s*\"|'\s*\")"
THAT_VERBS = folded(
    r"annonce|plaide|anuncia|annuncia|racconta|raccontava|diceva|scriveva|spiegava|decía|escribía"
    r"|explicaba|aseguraba|sostenía|disait|écrivait|expliquait|affirmait|estimait|assurait"
    r"|soulignait|répétait|lamentó|lamenta|m'a\s+(?:dit|confié|expliqué|assuré|raconté)"
    r"|prometió|prometeu|promit|ha\s+promesso|versprach|пообещал|пообещала|обещал|обещала"
)
"""Narrative tenses and verbs that speak only before "that", a colon or a quotation ("decía que
…", "racconta che …", "lamentó en declaraciones a … que", "promised that …", "prometió la semana
pasada que …"): before a comma, or an object, they are other acts
("sostenía en brazos a su hija", "lamenta, todavía hoy, la muerte de su padre")."""
STANCE_VERBS = r"signaled|signalled|signals|expressed\s+(?:confidence|hope|concern)|" + folded(
    "не исключил|не исключила|не исключает|выразил уверенность|выразила уверенность|"
    "выразил надежду|выразила надежду|убежден|убеждена|geht davon aus|ging davon aus|"
    "rechnet damit|rechnete damit|ist überzeugt|zeigte sich überzeugt|zeigt sich überzeugt|"
    "zeigte sich zuversichtlich|zeigt sich zuversichtlich|cree|creía|piensa|pensaba|glaubt|"
    "glaubte|ist der ansicht|ist der meinung|hält es für wahrscheinlich|pense|pensait|croit|"
    "croyait|s'est dit convaincu|s'est dite convaincue"
)
"""A view or a speech verb that is as often another act, speech only before what was said
straight after it (:data:`STRICT_CUE`): "не исключил, что …", "geht davon aus, dass …", "cree
que …", "expressed confidence that …"; not "cree en la reforma, que …", "не исключил Петрова из
делегации, что …". The Romance participles of :data:`ROMANCE_PERFECT_CUED` need "that", a colon
or a quotation (:data:`THAT_CUE`): "a également déclaré que …", not "a confirmé, samedi, son
statut", "ha escrito dos libros"."""
STANCE_ENDS = re.compile(rf"(?:{STANCE_VERBS})$")
"""An attribution that ends in a view rather than speech (:data:`STANCE_VERBS`): inside someone
else's labelled answer it is their reading of the person ("Sommer: … Xi geht davon aus, dass
…"), not the person's words."""
STRICT_CUE = folded(rf"(?=\s*[,:\"]|(?:{_WHEN})?\s+{_THAT}|(?:{_TOLD_WHOM}|{_SAID_IN})\s+{_THAT})")
"""What must follow a :data:`STANCE_VERBS` verb: a comma, colon or quotation, or "that", maybe
after whom it was told ("a confié au Monde que")."""
THAT_CUE = folded(rf"(?=\s*[:\"]|(?:{_WHEN})?\s+{_THAT}|(?:{_TOLD_WHOM}|{_SAID_IN})\s+{_THAT})")
"""What must follow a :data:`THAT_VERBS` verb: a colon or quotation, or "that"; no comma."""
QUOTE_VERBS = folded(
    "lance|lâche|glisse|souffle|soupire|tranche|martèle|ironise|katanya|ujarnya|tuturnya|ucapnya|jelasnya|"
    "kata|ujar|tutur|"
    "tambahnya|tegasnya|ungkapnya|imbuhnya|lanjutnya|terangnya|paparnya|sebutnya|tandasnya|"
    "pungkasnya|tulisnya|jawabnya|"
    "met en garde|mettait en garde|avertit|contó|relató|narró|resumió|recalcó"
    "|remarcó|sentenció|ironizó"
)
"""Speech verbs only after a quotation («…», lance X; "…," katanya: the pronoun as a suffix,
"she said"; «…», met en garde X; "…", contó X): after a name they are other verbs (X lance, ce
mardi, une pétition; X katanya akan mundur, "X reportedly will resign"; X met en garde contre
…; X contó con el apoyo de …)."""
HI_SAID = folded(
    r"[\u0900-\u097f]{0,3}\s+(?:ने\s+(?:(?!और\s|ने\s)[^\s।,]+\s+){0,10}?(?:कहा|बताया)(?![\u0900-\u0963])"
    r"|का\s+(?:मानना|कहना)\s+है)"
)
"""Hindi "X said": the agent marker ने, up to ten words of its clause (no comma, और or other
ने on the way: सोमवार को, गुरुवार को दिल्ली में निर्यातकों के एक सम्मेलन में) and कहा or
बताया (not कहानी, "story"), after the vowel signs that end the name (a mention ends at its last
letter: शर्मा ने कहा); "X believes / says" (का मानना है, का कहना है)."""
ACCORDING_TO = folded(
    r"según|selon|laut|secondo|segundo|по словам|d'après|de acuerdo con|de acordo com|menurut|"
    r"as per|nach (?:angaben|einschätzung|ansicht) von|по мнению|volgens|według|"
    r"a juicio de|en opinión de|en palabras de|à en croire|"
    r"(?<=said in )a statement (?:attributed to|(?:issued )?in the name of)|"
    r"(?<!так,\s)(?<!так\s)как (?:отметил|отметила|пояснил|пояснила|сказал|сказала|заявил|"
    r"заявила|подчеркнул|отмечает|поясняет|говорит|считает|пишет|подчеркивает|указывает)|"
    r"comme (?:(?:me|m'|nous|lui|vous) ?)?l[e'] ?(?:dit|disait|confie|confiait|résume|résumait|"
    r"souligne|soulignait|rappelle|rappelait|explique|expliquait|écrit|écrivait|note|notait)|"
    r"como (?:(?:me|nos|le|lo) )*(?:dice|decía|dijo|explica|explicaba|resume|resumía|señala|"
    r"señalaba|escribió|recuerda|recordaba)|"
    r"come (?:(?:mi|ci|ha|aveva) )*(?:dice|diceva|detto|spiega|spiegava|sottolinea|ricorda|"
    r"ricordava|scrive|scriveva|osserva)"
)
""""According to" in the languages of :data:`VERBS`, a statement "attributed to" or "issued in
the name of" X, and "as X noted" where the language sets
the verb first (как отметил X, comme me le confiait X : « … », como dice X, come ha detto X):
reported speech follows or precedes."""
REPORTED_AFTER = re.compile(
    folded(
        r"\s+zufolge\b|[\u0900-\u097f]{0,3}\s+के\s+अनुसार"
        r"|[^、。\"\n\sのがをにとでらや]{0,12}?(?:によると|によれば)"
        r"|(?:\s+[^\s\"。]{0,15}[^\s\"。()의와을를은는]){0,4}?\)?에\s*따르면"
    )
    + r"|(?P<view>(?:'s|')\s+(?:view|opinion)(?=\s*,))"
)
""""According to" set after the name, then what they said: "Anna Berg zufolge …", "शर्मा के
अनुसार, …", 田中博氏によると、…, 김민준 교수에 따르면 …, a long title and its bracket too
((김민준 한국대학교 국제관계학과 교수)에 따르면 …); and "in X's view, …" (``view``: only after
"in", see :data:`IN_BEFORE`, and before a comma). Not what the name owns or did, or someone
joined to it: 田中博氏の著書によると, 田中博氏が監修した報告書によると are a document's words,
김민준 교수와 박 의원에 따르면 is a report of both."""
REPORTED_AFTER_REACH = 80
"""How far after a name :data:`REPORTED_AFTER` may end (a Korean title runs to a few words)."""
IN_BEFORE = re.compile(r"\bin\s+$")
ADVERBS = (
    r"also|later|then|further|previously|once|has|had|have|recently|again|separately|long|often|"
    r"since|always|"
    + folded(
        "ранее|также|уже|вновь|недавно|неоднократно|лишь|только|"
        "également|aussi|déjà|también|ya|anche|già|também|já|"
        "le|les|me|nos|lo|gli|mi|ci"
    )
)
"""Words between a name and its speech verb: adverbs, and a Spanish or Italian pronoun of whom
it was said to ("Wu le dijo", "Rossi mi ha detto")."""
"""Words between a name or pronoun and its speech verb: "Gao also said", "Фостер ранее заявил",
"Berg también dijo", "Berg già ha detto"; not "then" in other languages (", затем заявил" opens
another clause, often another subject's)."""
GESTURE = (
    r"(?:(?:paused|smiled|laughed|sighed|nodded|shrugged|leaned|leant|turned|looked|stood"
    r"|frowned|hesitated|grinned|winced)(?:\s+(?:over|back|up|down|forward|away|around))?"
    r"\s+and\s+)"
)
"""What a speaker did before speaking, joined by "and": "He leaned over and said, “…”", "She
laughed and told me that …"."""
ABBREVIATIONS = (
    *TITLE_ABBREVIATIONS, "jr", "sr", "inc", "co", "corp", "ltd", "llc", "bros", "dept", "univ",
    "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip
"""Words abbreviated with a full stop inside a phrase: titles, a company's ending ("Acme Inc.",
"Baird & Co."), a number ("No. 2") and a month ("Jan. 2020")."""
NOT_A_SENTENCE_END = (
    r"(?!(?=[.!?]\s)" + "".join(rf"(?<!\b{word})" for word in ABBREVIATIONS) + r"(?<!\b[a-z]))"
)
"""Not where a sentence ends: a full stop, bang or question mark and a space, but after an
abbreviation or an initial ("Dr. ", "U.S. ", "Wells Fargo & Co. in New York")."""
WHERE_BEFORE_VERB = (
    r"(?:\s+(?:dalam|saat|ketika|usai|seusai)(?:\s+[^\s,.;:\"]+){1,3}?"
    rf"(?=\s+(?:{VERBS})\b)"
    r"|(?P<ru_where>\s+(?:в|во|на|при|после|перед|в\s+ходе|во\s+время)"
    r"(?:\s+(?!министр|президент|глава|председатель|эксперт|аналитик|представитель|посол"
    r"|депутат|сенатор|премьер|не\b)(?:\"[^\"\n]{1,40}\"|[^\s,.;:\"]+)){1,3}?"
    rf"(?=\s+(?:{VERBS}|{CUED_VERBS}|{THAT_VERBS})\b)))"
)
"""Where or when, between a Russian or Indonesian name and its verb: "Иванов в интервью ТАСС
заявил, что …", "Иванов на брифинге в четверг отметил …", "Wang dalam keterangan tertulisnya
menyatakan bahwa …"; no one else's office on the way ("… в интервью ТАСС министр заявил")."""
GERMAN_FROM = rf"(?:\s+aus\s+(?:dem|der|den)(?:\s+[^\s,.;:\"]+){{1,2}}?(?=\s+(?:{VERBS})\b))"
"""Where a German name is from, straight before its verb: "Falk aus dem Wirtschaftsministerium
sagte"; not "Brandt aus dem Beirat zu drängen, sagte die Ministerin"."""
_GERMAN_PARTICIPLES = folded(
    r"gesagt|erklärt|betont|gewarnt|geschrieben|mitgeteilt|ergänzt|hinzugefügt|argumentiert|"
    r"bemerkt|erläutert|beteuert|versichert|eingeräumt|zugegeben|bekräftigt|gefordert|kritisiert|"
    r"angekündigt|bestätigt|versprochen"
)
GERMAN_PERFECT = (
    folded(
        r"(?:hat|hatte|habe|hätte)\s+"
        r"(?:(?!(?:ein|eine|einen|einem|einer|den|das|der|die|sich|niemand|man|jemand|keiner|nie"
        r"|nicht|es)\s)[^\s,.;:!?\"„“]+\s+){0,8}?"
    )
    + rf"(?:{_GERMAN_PARTICIPLES})(?=\s*[,:]|\s+dass\b)"
)
"""German's perfect, the participle closing its clause before a comma, colon or "dass": "Keane
hat vor dem Kongress gesagt, China könne …", "Berg hatte am Montag betont, dass …"; no object,
other subject or negation on the way ("hat ein Buch geschrieben, das …", "hat die Ministerin
gesagt", "hat sich bereit erklärt", "hat niemand gesagt", "hat den Fehler nicht bemerkt")."""
GERMAN_DATIVE_BEFORE = re.compile(
    folded(
        r"\b(?:der|dem|ihrem|seinem|ihrer|seiner|zu|mit|bei|nach|von|gegen|über|für)\s+"
        r"(?:[^\s]+\s+)?$"
    )
)
"""A dative article or possessive before a name the auxiliary precedes: whom it was said to
("hat Tom Reed der Ministerin Anna Berg gesagt", "hat Anna Berg ihrem Bruder Tom Berg gesagt")."""
GERMAN_PARTICIPLE_CLOSES = re.compile(
    rf"(?:\s+(?!nicht\b|nie\b)[^\s,.;:!?\"]+){{0,6}}?\s+(?:{_GERMAN_PARTICIPLES})(?=\s*(?:[.,;:!?]|$))"
)
"""The participle that closes German's perfect after a quotation, the auxiliary before the name
and where or when between ("„…“, hat Anna Berg am Montag in Berlin gesagt."): see
:data:`BEFORE_NAME`'s ``aux``."""
ACT_AND = (
    r"(?P<act>(?!(?:and|or|y|e|et|und|but|pero|mais|ma|aber|who|qui|che|que|der|die|the|a|an"
    r"|was|were|is|are|been|be|wurde|war|fue|était|è|était"
    r"|to|of|in|on|at|for|with|by|from|de|en|a|di|da|zu|mit|von|im|am)\b)[^\W\d_][\w-]*"
    r"(?:\s+(?!(?:and|y|e|et|und|her|his|their|sein|seine|ihr|ihre|su|sus|son|sa)\b)"
    r"[^\s,.;:!?\"()]+){0,6}?\s+(?:and|y|e|et|und)\s+)"
)
"""An act of the name's before "and" and its speech verb ("Kuo welcomed the group and said
…", "Mi padre … fue diplomático y decía que …"): only where the name is its sentence's subject
(:data:`SENTENCE_SUBJECT`; "Li met Berg on Monday and said" is Li's)."""
AFTER_NAME = re.compile(
    rf"""(?:\s*\([^)\n]{{0,80}}\))?(?:\s+(?:of|at|from|von|vom|de|du|di|del|della|da|do|из)\s+(?:[^",.\n;:]|(?<=\b\w)\.){{1,80}}?(?=[\s,]))?"""
    rf"""(?:\s*,(?:{NOT_A_SENTENCE_END}[^"\n;]){{1,200}}?,"""
    rf"""|\s*,(?:[^"\n;.!?]|"[^"\n.!?]{{1,80}}"){{1,200}}?(?:,|"[^"\n.!?]{{1,80}},")"""
    rf"""|\s+-\s+[^"\n;.!?]{{1,120}}?\s+-(?:\s*,?\s*who\b[^"\n;.!?]{{1,200}}?,)?"""
    rf"""|\s*,(?:\s*who\b)?)?{WHERE_BEFORE_VERB}?{GERMAN_FROM}?\s*(?:(?:{ADVERBS}|[a-z]+ly)\s+)*"""
    rf"(?:{GESTURE}|{ACT_AND})?(?:(?:{VERBS}|(?:(?:was|is|has\s+been)\s+)?(?:quoted\s+(?:by\s+[^\",.\n;:]{{1,40}}?\s+)?)?as\s+saying)\b"
    rf"|(?:{CUED_VERBS})\b{CUE}|(?:{STANCE_VERBS})\b{STRICT_CUE}"
    rf"|(?:{THAT_VERBS}|{ROMANCE_PERFECT_CUED})\b{THAT_CUE}"
    rf"|(?:{MARKED_VERBS}){MARK_CUE}|{HI_SAID}|{GERMAN_PERFECT})"
)
"""A speech verb after a name: "Gao said", "Gao, an economist, said" (a title in quote marks
inside, in the same sentence: 'Gao, author of "Chip War," said'), "Gao of the S. Rajaratnam
School said", "Gao at Oxford Economics, a consultancy, said", "Gao – no relation – said",
"Gao — a former envoy — who …, said", "Berg von der Universität Kiel
sagte", "Берг из Университета Цинхуа уверена, что", "…, who said", "Gao was quoted as
saying", "Gao was quoted by state media as saying", "Xinhua quoted Gao as saying", "Gao
считает, что", "शर्मा ने कहा"."""
ASIDE_DASH = re.compile(r"\s+-\s")
"""An aside between dashes opening what follows a name (:data:`AFTER_NAME`): the name speaks
only where it opens its sentence ("Councillor Pryce — no relation — said"; not "Voters who
backed Pryce — the incumbent — said")."""
NAME_WORD = (
    rf"(?:(?:{'|'.join(TITLE_ABBREVIATIONS)}|[a-z])\.\s+"
    r"|(?:[a-z]\.){2,}\s+|[\w'-]+,?\s+|\"[^\"\n]{1,30}(?<![.!?])\"\s+)"
)
"""A word between a speech verb and a name ("said former ambassador Gao", "said Deputy U.S. Trade
Representative Ellison"); no sentence ends."""
GERMAN_PLURAL_VERBS = folded("sagten|erklärten|betonten|schrieben|warnten|kritisierten")
"""Speech verbs of several speakers, read only where German sets the verb before them ("In einem
Brief warnten die Abgeordneten A und B: „…“"): after "Sie" they are "they said"."""
VERB_SECOND = re.compile(
    folded(
        r"(?:am|an|bei|beim|in|im|auf|nach|vor|während|gestern|heute|zudem|außerdem|dabei|dazu"
        r"|ayer|hoy|además|tras|durante|en|ieri|oggi|inoltre|dopo|hier|aujourd'hui|lors|ontem"
        r"|hoje|após|вчера|сегодня|позже|затем)\b"
    )
    + rf"""[^"\n.!?,]{{0,80}}?\s(?:{VERBS}|{GERMAN_PLURAL_VERBS})\s+{NAME_WORD}{{0,3}}"""
)
"""A sentence opened by a time or place, then the speech verb and the name (German puts the
verb second; Spanish and Italian may): "Am Dienstag sagte Anna Berg, …", "Bei einer Anhörung
betonte die Ökonomin Anna Berg, dass …", "Ayer dijo Anna Berg que …"; no comma before the
verb ("In a statement, Li said Anna Berg, …" is Li's); matched from the sentence's start to the
name."""
VERB_SECOND_AFTER = re.compile(
    folded(r"\s*,\s*|\s+(?=(?:dass|que|che|что)\b)")
    + r"|(?:\s*\([^)\n]{0,40}\))?(?:\s+(?:und|and|et|y|e|и)\s+[\w'-]+(?:\s+[\w'-]+){0,2}"
    r"(?:\s*\([^)\n]{0,40}\))?)?[^\"\n.!?:,]{0,40}:\s*(?=\")"
)
"""What joins the name to the clause it reports after :data:`VERB_SECOND`, or to a quotation
after a colon: "In einem Brief warnten die Abgeordneten Anna Berg (Grüne) und Peter Voss (CDU)
in dieser Woche: „…“"."""
SAID_BEFORE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))"
    + folded(
        r"(?:lo ha (?:detto|dichiarato|affermato|spiegato|sottolineato|ricordato)"
        r"|об этом (?:заявил|заявила|сказал|сказала|сообщил|сообщила|рассказал|рассказала)"
        r"|c'est ce qu'a (?:déclaré|affirmé|expliqué|souligné)"
        r"|así lo (?:dijo|afirmó|explicó|expresó))"
    )
    + rf"\s+(?P<words>{NAME_WORD}{{0,8}})$"
)
"""A sentence that opens by saying the previous one was the name's: "«…». Lo ha detto X",
"… Об этом заявил X", "« … » C'est ce qu'a déclaré X" (ANSA's, TASS's, AFP's formula)."""
OPENING_ACCORDING_TO = folded(r"pour|para|per|stando a")
""""According to" that is only that when it opens a sentence: "Pour X, …" (Le Monde's way of
giving an expert's view), "Para el economista X, …", "Per X, …", "Stando a X, …"."""
STATEMENT_OF = folded(
    r"говорится\s+в\s+(?:заявлении|сообщении|письме|обращении|посте)"
    r"|heißt\s+es\s+in\s+(?:einer|ihrer|seiner|der)\s+(?:erklärung|mitteilung|stellungnahme)"
    r"\s+(?:von|des|der)|reads?\s+a\s+statement\s+(?:from|by)"
)
"""A statement of the name's quoted after a quotation: "«…», — говорится в заявлении Анны Берг",
"„…“, heißt es in einer Erklärung von Anna Berg", '"…," read a statement from Anna Berg'."""
CITES = folded(
    r"цитирует|цитируют|цитировал|цитировала|цитировало|цитировали"
    r"|(?:приводит|приводят|привел|привела|привело|привели)(?=(?:\s+[^\s,.;:\"]+){0,3}?\s+слова\b)"
)
"""Russian "quotes X" and "gives X's words" after a quotation, the name its object and the
outlet its subject: "«…», — цитирует Ивана Петрова РИА Новости", "«…», — приводит ТАСС слова
Анны Берг"."""
BEFORE_NAME = re.compile(
    rf"""(?:["',:]\s*(?:-\s*)?(?:{VERBS}|{CUED_VERBS}|{QUOTE_VERBS}|(?P<cites>{CITES})|{STATEMENT_OF}|(?P<aux>hat|hatte))"""
    rf"""|"\s*,?\s*(?:-\s*)?(?:{THAT_VERBS}|{MARKED_VERBS})"""
    rf"""|"\s*,?\s*(?:-\s*)?(?:{ROMANCE_PERFECT_CUED})"""
    rf"""|\baccording\s+to|\bquoting|\bin\s+the\s+words\s+of"""
    rf"""|\b(?:{ACCORDING_TO})|(?P<so>"?\s*,\s*so)|(?:^|(?<=[.!?]\s)|(?<=\n))(?:{OPENING_ACCORDING_TO}))"""
    rf"""(?:{_SAID_IN})?\s+(?P<words>{NAME_WORD}{{0,8}}|{NAME_WORD}{{9,10}}(?<=,\s))$"""
)
"""A speech verb or "according to" before a name ('"…," said former ambassador Gao'; where it was
said between: '"…", señaló en un comunicado el portavoz …, Liang Wenjie'), or German's
auxiliary whose participle closes the clause after it (``aux``: '„…“, hat Anna Berg gesagt', see
:data:`GERMAN_PARTICIPLE_CLOSES`); the
``words`` between them may be the name's title or appositive ("said its chair, Gao") or someone
else's ("said Li, a rival of Gao": see :data:`APPOSITIVE_REST`). Searched with ``pos`` and
``endpos`` (the name's start), so ``^`` is the text's start, never the window's."""
SO_INCISE_END = re.compile(r"\s*,")
"""What closes German's incise "so X," ("Ein Abkommen, so Gao, werde …"; "„…“, so Gao."
needs none)."""
SPEAKER_THEN_PARTICIPLE = re.compile(
    r"\s*[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2},\s*"
    + folded(r"(?:\w+(?:ing|ando|endo|iendo|ant)|ricordando|recordando|rappelant|erinnernd)\b")
)
"""A speaker right after the verb, then a participle's clause that may name others ("said Guo,
recalling the consensus reached by Xi", "ha aggiunto Guo, ricordando … Xi Jinping"): the
names in that clause are not the speaker (the first word's capital is checked in the original)."""
APPOSITIVE_REST = re.compile(
    r",\s*(?:(?:who|whose|qui|dont|quien|cuyo|cuya|der|die|welche|welcher|che|"
    r"\u043a\u043e\u0442\u043e\u0440\w+)\b[^,]*|(?:citing|quoting)\s[^,]*\bby\s*"
    r"|[^,\s][^,]*\b(?:of|for|to|against|(?<!together\s)(?<!along\s)with|de|del|von|vom|du|di"
    r"|della|dello|dei|degli|des)\s+(?:(?:admiral|general|gen\.|president|minister|secretary"
    r"|senator|sen\.|governor|gov\.|judge|dr\.|professor|prof\.)\s+)?)$"
)
"""Words after the last comma between a speech verb and a name that attach the name by a
preposition or a relative clause: it is inside the speaker's appositive ("said Li, a rival of
Gao", "señala Li, colega de Gao", "said Li, who was replaced by Gao", "said Li, citing research
by Gao"), not a title ("said its
chair, economist Gao") or a list ("said Li, a colleague, and Gao", "said Li, together with Gao,
…")."""
CLAUSE_IN_WORDS = re.compile(
    folded(r"\b(?:di|de|d')\s*(?:aver|avere|essere|haber|avoir|être)\b|\b(?:to\s+have|dass|что)\b")
)
"""A clause opening between a speech verb and a name after it: the name is in what was said
("…, racconta al Corriere di aver atteso Meloni", "said that Gao"), not the one saying it."""
CLAUSE_VERB = re.compile(
    r"\b(?:hat|haben|habe|hatte|ist|sind|sei|war|wird|werden|werde|soll|will|kann|muss)\s+$"
)
"""A German verb just before a name after "laut"/"nach Angaben von": the name is the subject
of the reported clause ("Nach Angaben von Li hat Gao das Institut verlassen")."""
GERMAN_REPORTED_BY = re.compile(folded(r"\b(?:laut|nach (?:angaben|einschätzung|ansicht) von)\b"))
LOWER_WORD_BEFORE = re.compile(r"\b(?!(?:laut|von|vom|der|die|das|den|dem|des)\b)[a-zäöüß]+\s+$")
"""A lower-case word just before a name, read in the original text, that is no article or
preposition: after "laut"/"nach Angaben von", German's finite verb ("Nach Angaben von Li
erhielt Gao den Preis": German nouns, "Laut der Ökonomin Gao", are capitalised)."""
ARTICLE_NOUN_OF = re.compile(
    folded(
        r"\b(?:ein|eine|einer|eines|einem|einen|der|die|das|des|dem|den)\s+\w+\s+(?:von|vom)\s+"
        r"(?:(?:herrn?|frau|dr)\.?\s+)?$"
        r"|(?:\b(?:un|una|el|la|los|las|le|les|uno|il|lo|gli|um|uma|o|a|os|as)\s+|\bl')\w+\s+"
        r"(?:de|del|di|do|da)\s+(?:(?:m|mme|mlle|dr|sr|sra|sig|sig\.ra)\.?\s+)?$"
    )
)
"""An article, a noun and von/de before a name, maybe its honorific ("Ein Kollege von Gao
meint", "der Sprecher von Gao sagte", "Un portavoz de Gao afirma", "L'avocat de M. Lin, Robert
Kessler, a indiqué"): the noun speaks, not the name. Not von or de alone,
which also open surnames (von Weizsäcker, de Blasio)."""
WHERE_FROM = r"of|at|from|in|de|del|von|vom|du|di"
"""The prepositions of a phrase saying where a named person is from ("Gao of Harvard", "at the
LSE", "von der Universität Zürich")."""
NAME_ENDS_APPOSITION = re.compile(
    rf"\s*(?:(?:{WHERE_FROM})\s+[^\s,(]+(?:\s+[^\s,(]+){{0,5}}\s*)?"
    r"(?:[,(\u2013\u2014]|-\s|and\s+[^\s,]+(?:\s+[^\s,]+){0,2}\s*,|$)"
)
"""What closes a name set in apposition, maybe after a phrase of where she is from ("According to
its chair, Gao, …", "According to one expert, Gao of Harvard / at the LSE / – an economist –,
…") or the next name of a list ("According to two experts, Gao and Li, …"); a verb instead makes
it the subject of the reported clause ("According to Li, Gao is wrong")."""
POSSESSOR_APPOSED = re.compile(r"(?:'s|(?<=s)')\s+(?:[\w-]+\s+)?[\w-]+\s*,\s*")
"""A possessor whose noun sets off the name after it ("Brandt's daughter, Emily Brandt")."""
WHERE_PHRASE = re.compile(
    folded(
        r"(?:at|on|in|during|auf|in|bei|vor|nach|während|à|au|lors|en|durante|in|nel|nella|на|в)\s"
    )
)
"""A clause that only says where or when something was said ("auf einer Pressekonferenz:")."""
POSSESSIVE = re.compile(r"(?:'s\b|(?<=s)'(?=\s)|\u7684)")
"""A name as a possessor ("Gao's successor", 张明的学生): the noun after it is the person."""
WHOSE_APPOSITIVE = re.compile(r"\bwhose\s+(?:[\w-]+\s+){0,2}[\w-]+,\s*(?:[\w.-]+\s+){0,3}$")
"""A name set in apposition inside someone's relative clause, maybe after its title ("Takeda,
whose father, Shiro Takeda, founded the company, said …"; "whose brother, former student
leader Cheung Ka-lok, is serving …, said"): the verb after the clause is the first person's, unless
the speech verb follows the name at once and so is the clause's own ("Ann Berg, whose lawyer,
Dan Ruiz, said the case was weak, did not comment": the lawyer said; see
:data:`VERB_AT_ONCE`)."""
VERB_AT_ONCE = re.compile(rf"\s*,\s*(?:(?:{ADVERBS}|[a-z]+ly)\s+)*(?:{VERBS})\b")
"""A speech verb right after the comma that closes a name's apposition (", said", ", later
told")."""
WHO_NEXT = re.compile(r"\s*,\s*who\b")
"""A relative clause right after a name (", who said"): the name is its subject, whatever
phrase it closes ("The task fell to Gao, who said …")."""
WHO_ASIDE = re.compile(r"\s*,\s*who\s*,")
"""A relative clause whose verb comes after an aside (", who, after weeks of talks, said"): the
name is its subject."""
WHOSE_NEXT = re.compile(r"\s*,\s*whose\b")
"""A "whose" clause right after a name: the verb in it has its own subject ("Calloway, whose
list of firms Voss described as …", "Li, whose spokesman said …")."""
WHOSE_CLAUSE_THEN_VERB = re.compile(
    r"\s*,\s*whose\s+(?:[\w-]+\s+){0,2}[\w-]+(?:\s*,[^,;:\"]{1,80},)?\s+"
    r"(?:is|was|are|were|has|had|have|will|would|could|can|may|might|did|does|do|[a-z]+ed)\b"
    rf"[^,;:\"]*,\s*(?:(?:{ADVERBS}|[a-z]+ly)\s+)*(?:{VERBS})"
)
"""A "whose" clause with a verb of its own that a comma closes before the speech verb: the verb
is the name's ("Cheung, whose brother, Ka-lok, is serving a sentence, said …"; not "Li, whose
spokesman said …", nor "Berg, whose lawyer, Dan Ruiz, said …")."""
INSIDE_RELATIVE = re.compile(
    r",\s*(?:who|whose|which|"
    + folded(
        "qui|dont|lequel|laquelle|quien|quienes|cuyo|cuya|welche|welcher|che|il quale|la quale"
    )
    + r"|\u043a\u043e\u0442\u043e\u0440\w+)\b[^,;:\"]*$"
)
"""A relative clause still open before a name ("Tom Brandt, who sat beside Alan Mercer", "Liu,
qui a succédé au vétéran Xie", "Li, che ha sostituito Berg", "Ли, который сменил Берг"): a
comma then closes it, and the verb after that comma is the clause's head's. Not German der, die
or das, articles too ("ihre Kollegin, die Ökonomin Anna Berg, sagte" is Berg's)."""
OPEN_RELATIVE = re.compile(
    r",\s*(?:who|whose|which(?!\s+(?:is|was)\s+why|\s+means|\s+meant)|"
    + folded("qui|dont|lequel|laquelle|quien|quienes|cuyo|cuya|welche|welcher|il quale|la quale")
    + r"|\u043a\u043e\u0442\u043e\u0440\w+)\b[^,;:\"]*(?:,\s*)?$"
)
"""A relative clause still open at a name, maybe set in apposition in it ("Ann Holt, whose
lawyer, Dan Ruiz, said …", "The company, which Dan Ruiz said …"): what the name says in it ends
at the comma that closes it; the verb after that comma is the clause's head's. Not "which is
why" or "which means", which open a sentence's own clause, nor Italian che, "that" too."""
WHO_SAID = re.compile(r"\s*,\s*who\s")
"""A name's own relative clause opening what follows it (", who said …"): see
:data:`OPEN_RELATIVE`."""
ASIDE_AFTER_VERB = re.compile(
    r"(?:\s+(?:on|in|at|late|early|this|last|yesterday|today|tonight|earlier|later)\b"
    r"[^,.;:\"]{0,40})?\s*,\s*(?:adding|noting|according\s+to|citing)\b"
)
"""What follows the verb after a clause and its speaker: when and an aside ("Ties will steady,
Gao said on Tuesday, adding …", "…, Gao said, according to a transcript"): the clause before the
name is what was said."""
LEAD_NOT_SAID = re.compile(
    r"\s*(?:[A-Z][a-z]+ing|Asked|At|In|On|During|After|Before|Following|Speaking|Addressing)\b"
)
"""A sentence's opening that is the circumstance of speaking, not what was said ("Speaking to
reporters in Geneva, Reed said …", "Asked about the duties, …", "At a press conference, …")."""
THAT_NEXT = re.compile(r"[^,.;:]{0,60},\s*that\b")
"""What was said still to come after an aside ("…, according to a transcript, that …")."""
CLAUSE_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
"""A comma, not one inside a number (1,200; 1,5 %)."""
PREPOSITION_OF = re.compile(
    r"\bon\s+behalf\s+of\s+(?:[\w.'-]+\s+){0,3}$"
    r"|\b(?:of|(?:for|against|(?<!according\s)to|unter|um)\s+(?:(?:mr|mrs|ms|dr|prof|professor"
    r"|senator|sen|rep|representative|president|governor|gov|ambassador|mayor|adm|admiral|gen"
    r"|general|col|colonel|cmdr|commander|capt|captain|lt)\.?\s+){0,2})\s*$"
)
OF_TITLE = re.compile(
    r"\b(?:critics?|supporters?|allies|ally|aides?|opponents?|friends?|rivals?|advisers?|advisors?"
    r"|lawyers?|spokes(?:man|woman|person)|representatives?|staff|office|family|members?)"
    r"\s+(?:of|for|to)\s+(?:[\w'.&-]+\s+){0,5}(?:secretary|minister|president|senator|governor"
    r"|ambassador|chairman|chairwoman|director|spokesman|spokeswoman|spokesperson|chief|head"
    r"|administrator|commissioner|leader|ceo|chair)\s+$"
)
"""People around someone, "of", "for" or "to" and a title before a name: the name is attached
to them ("Critics of Commerce Secretary Gao say", "a spokeswoman for Drug Enforcement
Administration chief Gao, said"); an institution's name is not ("Bank of England Governor Gao
said")."""
"""A preposition that attaches the name after it to the noun before it ("a spokesman for Gao",
"a spokesperson for Senator Gao", "speaking on behalf of Chief Secretary Gao", "critics of
Gao", "an aide to Gao", "die Kommission unter Gao"): that noun, not the name, is the subject
of a verb after it. Not von, de or da, which also open surnames (von Weizsäcker said), nor "of"
before a department, which may end an office ("Minister of Commerce Gao told reporters"; see
:data:`OF_TITLE` for "of" before a title)."""
QUOTED_BY = re.compile(r"\bquoted\s+by\s+(?:[^\s,.;:\"]+\s+){0,4}$")
"""Who quoted someone ("Kong was quoted by journalist Vivian Lau as saying …"): not the one who
said it."""
_PREPOSITIONS = (
    r"of|for|against|(?<!according\s)to|after|before|(?<!together\s)(?<!along\s)with|without|"
    r"like|unlike|than|behind|beside|alongside|toward|towards|over|about|at|on"
)
"""Prepositions that attach a name to something else ("together with", "along with" join a list
of speakers instead)."""
PREPOSITION = re.compile(
    rf"\b(?:{_PREPOSITIONS})\s+$|"
    + folded(r"\b(?:de|du|des|di|del|della|dello|dei|degli|à|al|alla|au|aux|ai|agli)\s+$|\bd'$")
    + r"|(?<![\w-])(?:о|об|обо|про|к|ко|для|против)\s+$"
)
MADE_BY = re.compile(
    folded(
        r"\b(?:(?:co-?)?(?:written|authored)|edited|commissioned|funded|published|signed|compiled"
        r"|led|rédigée?s?|dirigée?s?|escrito|escrita|firmado|firmada|verfasst|geleitet)\s+"
        r"(?:by|par|por|von)\s+(?:[\w.-]+\s+){0,2}$"
    )
)
"""Who made a thing, before a name a comma then closes off ("A study, co-written by researcher
Priya Rao, estimated that …"): the thing's verb, not hers."""
"""A preposition before a name that a comma then closes off ("Li, speaking after Gao, said"):
the name ends a phrase inside someone else's sentence; and the French, Spanish and Italian
"of" and "to" ("Comme le rappelle l'avocat de Claire Dubois, …", "Come ha detto Rossi alla
ministra Bianchi, …"). Not "by" or "from": a report by Gao, a letter from Gao are hers."""
ZH_OBJECT = re.compile(
    r"(?:(?:[对對向]|告[诉訴]|[会會](?:见|見|晤)|接[见見]|拜[会會访訪]|致[电電]|感[谢謝]|批[评評]|裁定|判[处處决決]|"
    r"起[诉訴]|控告|逮捕|拘[捕留]|"
    r"[询詢][问問]|[关關]于|[关關]於|有[关關])了?|(?<=[\u4e00-\u9fff])(?<![除为為到])了)$"
)
"""A Chinese verb or preposition that makes the name after it an object or addressee (李华会见
张明, 李华对张明说, 李华告诉张明, 关于张明的提问, 法官裁定梁罪成，指…), or any verb with 了
(李华看了张明一眼，说：;
not 除了, 为了, 到了张明): the speech verb after it and a later 他 are the subject's."""
ZH_MET_BEFORE = re.compile(
    r"(?:[会會](?:见|見|晤)|接[见見]|拜[会會访訪]|答[覆复]|回答|回[应應])[^\s\"。!?,:;]{0,30}$"
)
"""A verb of meeting or answering earlier in the name's clause, its title between
(答覆民進黨立委吳佩珊質詢時表示; 在会见美国某企业全球总裁
戴维·米勒等代表时指出): the name is who was met; the speech verb after is the host's."""
ZH_THROUGH = re.compile(r"(?:[经經]过?|[经經]過|通[过過])$")
"""Through someone (经张明介绍, 通过张明): the verb after the name is an act of theirs, not speech
("introduced by Zhang Ming")."""
ZH_TOPIC_END = re.compile(r"[来來]说|[来來]說|而言")
"""对张明来说, 对张明而言: 'for Zhang', a topic, not an addressee (他 after it is Zhang's)."""
ZH_WITH = re.compile(r"[与與和跟同]$")
ZH_MEETING = re.compile(
    r"(?:[进進]行了?)?(?:交流|[会會][谈談]|[会會]面|[会會]晤|通[话話]|[见見]面|座[谈談])"
)
"""李华与张明交流/会谈: 与 makes 张明 an object only with a verb of meeting after the name (张明与
李华表示 is 'Zhang and Li said')."""
REPORTED_BY = re.compile(
    rf"\b(?:according\s+to|in\s+the\s+words\s+of|{ACCORDING_TO})\b|^(?:{OPENING_ACCORDING_TO})\b"
)
DOCUMENT_BY = re.compile(
    folded(
        r"\b(?:by|book|report|study|survey|contract|paper|data|article|blog|letter|memo|buku|"
        r"laporan|studi|survei|hasil|artikel|surat)\b[^,]*$"
    )
)
"""A document or an agent between "according to" and a name, no comma after it: the words are
the document's ("According to the contract signed by Gao", "Menurut buku Gao"), not hers
("According to the author of the report, Gao, …" is)."""
DOCUMENT_THEN_NAME = re.compile(
    folded(
        r"^(?:(?:the|its|l'|le|la|les|el|los|las|der|die|das|den|dem|des|su|sus|son|sa|ses)\s*)?"
        r"(?:[\w-]+\s+)?(?:report|study|survey|poll|data|figures|documents?|filings?|indictment|complaint"
        r"|statement|records|papers|rapport|étude|sondage|données|chiffres|acte d'accusation"
        r"|plainte|communiqué|informe|estudio|encuesta|datos|cifras|acusación|denuncia|comunicado"
        r"|bericht|studie|umfrage|daten|zahlen|anklage|anklageschrift|mitteilung|доклад"
        r"|исследовани\w*|опрос\w*|данным|обвинени\w*)\b[^,]*,\s*$"
    )
)
"""A document, a comma, then a name after "according to" ("Selon l'acte d'accusation, David
Lin, 52 ans, aurait …"), the document the head of the words: the name opens the clause the
document reports, it is not the source ("According to the author of the report, Gao, …" is)."""
LEADING_APPOSITIVE = re.compile(
    rf"^\s*(?:(?:\([^)\n]{{0,80}}\)|(?:{WHERE_FROM}|and)\s[^,\n]{{1,60}})?\s*,"
    r"|\s*[\u2013\u2014]\s[^\u2013\u2014\n]{1,80}[\u2013\u2014]\s*,?|\s-\s[^\n-]{1,80}\s-\s*,?)"
    r"(?:\s*(?:a|an|the|who|un|una|el|la|le|der|die|il)\s[^,]{0,120},)?"
)
"""What follows a name before the reported clause of "according to X, …": its appositive, as
:data:`NAME_ENDS_APPOSITION` reads it ("According to Gao of Harvard / at the LSE / – an
economist –, …"), or the rest of a list ("According to two experts, Gao and Li, …")."""
TITLE_APPOSITIVE = re.compile(
    r"^\s*,\s*[^,\s]+(?:\s+[^,\s]+){0,12}?\s+(?:[ld]['\u2019])?"
    r"[A-Z\u00c0-\u00de\u0401\u0410-\u042f(][^,]*,"
)
"""An appositive without an article after "according to X" that names where the person is
from (a capitalised word after its first: "Laut X, Direktor des Wifo, könnten …", "Pour X,
chercheuse à Oslo, …", "По словам X, экономиста Кильского института, …"); "According to Gao,
ties will steady, and …" keeps its clause."""
QUOTE_OPENERS = '"\u201c\u00ab\u300c\u300e\u201e'
"""Marks that open a quotation (folded text mostly has '"'; corner brackets stay)."""
QUOTE_THEN_NAME = re.compile(
    rf"""^"?[\s,]*(?:-\s*)?(?:(?:{VERBS}|{CUED_VERBS})\s+)?{NAME_WORD}{{0,8}}$"""
)
NEW_CLAUSE = re.compile(
    folded(
        r"\b(?:while|whereas|but|as|though|although|when|mientras|pero|mais|alors|aber|während|mentre|ma|а|но)\s"
    )
)
"""A conjunction between a quotation and a name: the name opens a clause of its own ('… had
"bottomed out," while Cross warned …'), it does not sign the quotation."""
TERM_BEFORE = re.compile(
    folded(
        r"(?:\b(?:so-called|so called|titled|entitled|dubbed|named|known as|called|in"
        r"|sogenannte[nmrs]?|intitulée?|baptisée?|llamad[oa]s?|denominad[oa]s?|intitolat[oaie]"
        r"|cosiddett[oaie]|так называем\w*|под названием)"
        r"|所[谓謂]的?|名[为為]|题[为為]|題[为為])\s*$"
    )
)
"""Words before quote marks that make what they hold a name, title or term, not a quotation:
"the so-called “debt trap”", "a report titled “Chips and Sovereignty”", "In “The World
According to China,” Economy writes", 所谓“产能过剩论”."""
HEADLINE_QUOTE = re.compile(rf"\s*(?:[{EAST_ASIAN_RANGES}]{{1,6}})?\s*:?\s*(?=[\"'])")
"""A headline's name, maybe a title in CJK or Hangul after it, then the quotation it speaks:
習近平主席「……」, 왕이 "……", 'Xi: “…”' (a headline drops its speech verb; "Xi reads “…”" is
no speech)."""
MEDIUM_PHRASE = (
    r"\s*,\s*(?:speaking|talking|writing)\s+(?:to|with|on|in|for)\s[^,:\"\n]{1,60}"
    r"|\s*,\s*in\s+(?:an?\s+)?(?:interview|conversation|op-ed|column|podcast|statement|speech)"
    r"\b[^,:\"\n]{0,60}"
)
"""A participle or "in" phrase after a name saying where or to whom they spoke (", speaking to
CGTN", ", in an interview with Reuters"): the capitalised words in it are a medium or a
listener, not another speaker."""
SPOKEN_TO = re.compile(
    r"\b(?:speaking|talking|writing)\s+(?:to|with)\s+$"
    r"|\bin\s+(?:an?\s+)?(?:interview|conversation)\s+with\s+$"
)
"""The end of a :data:`MEDIUM_PHRASE` right before a name: the name was spoken to ("Li,
speaking to Anna Berg: “…”" is Li's)."""
WHEN_PHRASE = folded(
    r"(?:\s+(?:on|this|last|yesterday|today|am|in\s+dieser|diese|letzte|gestern|heute|ce|cette"
    r"|hier|ayer|hoy|este|esta)\b[^\"\n.!?:,]{0,30}?)"
)
"""When something was said, after a name before a colon ("on Monday", "in dieser Woche")."""
COLON_QUOTE = re.compile(
    rf'(?:\s*\([^)\n]{{0,80}}\)|{MEDIUM_PHRASE})?{WHEN_PHRASE}?\s*,?\s*:\s*(?=")'
)
"""A name, maybe its role in brackets or where it spoke, and when, a colon and a quotation:
'Marco Rose (coach): "…"', 'Anna Berg, speaking to CGTN: "…"', "… warnten Anna Lehmann und
Peter Voss (CDU) in dieser Woche: „…“"."""
CLAUSE_JOIN = re.compile(r":\s*|,\s+(?:and|but)\s+|,\s*(?=[他她])")
"""Where a sentence opens a clause of its own that a pronoun may say: a colon, ", and", ", but"
("I spoke with Hastings, and he told me …"), a Chinese comma before 他 or 她
(记者询问张明，他表示)."""
NARRATOR_OPENS = re.compile(r"\s*(?:I|We)\s")
"""A sentence the reporter opens in the first person ("I spoke with Hastings, and he told me")."""
ASKERS_OPEN = re.compile(
    r"\s*(?:(?:the|some|several)\s+)?(?:reporters|journalists|lawmakers|legislators|senators|"
    r"students|critics|interviewers|i|we|they)\s+(?:\w+\s+)?(?:asked|pressed|questioned)\s+"
    r"|\s*有?(?:[记記]者|媒[体體]|本[报報]|本台)[^，。,\n]{0,12}?(?:[询詢][问問]|追[问問]|[问問]|采[访訪]|[採][訪])了?",
    re.IGNORECASE,
)
"""A sentence opened by those who asked the name, none of them one man or woman ("Reporters
asked Reed about …, and he said …", 记者就此询问张明，他表示): the pronoun after is the one
asked."""
LINE_COLON = re.compile(r"\s*\([^)\n]{1,80}\)\s*:\s*(?=\S)")
"""A name opening its line, its role in brackets, a colon and what they said, quote marks or
not, as commentary and interviews are set: 纪小龙(某医院主任)：我想……"""
LINE_SPEAKER = re.compile(
    r"(?:\s*,(?:[^:\n.!?\"]|(?<=\b[a-z])\.){1,80}?|\s*/[^:/\n]{1,40}?|\s*\))?"
    r"\s*(?::|\.[ \t]+-)\s*"
    r"(?:\([^()\n]{1,40}\)[ \t]*(?=\S))?(?=\S)"
    r"|(?<=[\u4e00-\u9fff])(?:社長|会長|教授|大臣|長官|代表|委員長|総裁|知事|首相|理事長|部長|局長|外相)"
    r"[ \t](?=[\u3040-\u30ff\u4e00-\u9fff\"])"
)
"""A name opening its line, maybe its role after a comma or a slash, then a colon: a
transcript's or a briefing's speaker ("RYAN HASS, FORMER NSC DIRECTOR: Well, …", 毛宁：……,
"• Ryan Hass, Brookings: “…”", a Korean broadcast's "[인터뷰] 김태윤/한국무역협회
연구위원 : "…"", a Taiwanese one's caption "（總統 賴清德）：「…」"), maybe a note in
brackets after it ("HE LINA: (Through interpreter) …"; not "(Laughs)" alone on its line),
or a dash after a stop as French transcripts set it ("ANTOINE DUFRESNE. – Ce qui compte …");
or a Japanese name, maybe with its title, then a space (a question-and-answer's "北村社長
中国向けは……"); what follows must read as speech (see :data:`LINE_SPEECH`)."""
LINE_SPEECH = re.compile(
    rf"""(?:["\u201c\u00ab\u300c]|[A-Z\u00c0-\u00de\u0400-\u042f]|[{EAST_ASIAN_RANGES}])"""
    r"""[^\n]*?(?:[.!?\u3002\uff01\uff1f]|["\u201d\u00bb\u300d])"""
)
"""What a line speaker says, in the original text: it opens with a capital, a quote mark or a
CJK character and ends a sentence on its line ("Zhang Ming: a profile of …" heads an article)."""
LISTED_BELOW = re.compile(r"[ \t]*\n\s*(?:[\u2022*\u00b7\u25aa\u25ba-]\s*)?(?P<line>[^\n]+)")
"""The line below an attribution that ends with a colon, maybe a list's first bullet ("Lu
sagte auf einer Pressekonferenz:" then "• China werde …"): what was said."""
SPELLED_TITLES = (
    r"(?:senator|representative|congressman|congresswoman|professor|ambassador|minister"
    r"|president|secretary|governor|general|admiral)"
)
"""Titles written out before a name where a transcript's line or a quotation's dash signature
names its speaker ("SENATOR ROGER CASTELLANO:", "— Ambassador Anna Berg")."""
TITLE_BEFORE_NAME = rf"(?:{SPELLED_TITLES}\s+|(?:{'|'.join(TITLE_ABBREVIATIONS)})\.\s+)"
"""A title, written out or abbreviated with its full stop, before a name."""
LINE_START = re.compile(
    r"\s*(?:[\u2022*\u00b7\u25aa\u25ba-]\s*)?"
    r"(?:[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?[\])]?\s*(?:[-\u2013\u2014]\s*)?)?"
    r"(?:[\[<][^\]>\n:]{1,10}[\]>]\s*)?"
    rf"(?:\((?:[{EAST_ASIAN_RANGES}]{{1,20}}\s+)?)?"
    rf"(?:(?:host|anchor|moderator|presenter|reporter|correspondent)\s+|{TITLE_BEFORE_NAME})?"
)
"""What may open a speaker's line before the name: nothing, or a list's bullet, a recording's
time ("[00:00:04] PRIYA RAMAN: …"), a broadcast's label ("[인터뷰] 김태윤/…"), a caption's
bracket with the title in it ("（總統 賴清德）："), or the role or title a transcript gives its
speaker ("HOST RACHEL DUNMORE: …", "SEN. ROGER CASTELLANO: …")."""
_OF = folded(
    "of|by|on|about|with|for|to|from|di|da|del|della|dal|su|con|per|de|du|des|sur|avec|par|"
    "von|vom|mit|über|für|sobre|por|para"
)
SENTENCE_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s|\n)\s*(?:\d{{1,2}}[:.]\d{{2}}(?:\s*(?:uhr|h|am|pm))?\s*-\s*)?(?:(?:(?!(?:{_OF})\s)[\w'.-]+\s+){{0,3}}|(?:[\w'.-]+\s+){{0,4}}[\w'.-]+,\s*)$"
)
"""A name opening its sentence, maybe after a live blog's time ("16:05 — Dong, at a briefing, …"),
maybe after up to three words (a title: "Senator", "Il
ministro"), none a preposition ("L'elogio di Trump:" is about him, not him speaking), or after
a title set before it with a comma ("El ministro de Agricultura, Javier Rossi, …")."""
_IN_SENTENCE = r"""(?:[^".!?\n:;。]|(?<=\b[a-z])\.)"""
"""A character that does not end the sentence, a dot after a letter too (u.s., e.g.)."""
SUBJECT_PARTICIPLE = re.compile(
    rf"""(?!'s\b)(?:(?!\b(?:as|when|while|after|before|because|since|until|who|which|whose|where)\b)"""
    rf"""{_IN_SENTENCE}){{0,160}}?(?:,\s*|\s+by\s+)(?:saying|adding|arguing|noting|warning|insisting|"""
    r"""stressing|explaining|announcing(?=\s+that\b)|"""
    + folded("diciendo|afirmando|asegurando|affirmant|estimant|soulignant|affermando|dicendo")
    + r""")\b(?:\s+that\b)?"""
)
"""The rest of a sentence a name opens, up to a participle of speech: "Gao hit back on Friday,
saying …", "Gao closed the hearing by announcing that …" (his words follow; "Trump praised Gao,
saying …" is Trump's: Gao does not open it; nor is "Gao watched as the chairman closed it by
announcing …", "Gao's husband ended it by announcing …": another clause or noun on the way)."""
PLATFORMS = frozenset(
    [
        "Facebook",
        "X",
        "Instagram",
        "Twitter",
        "Weibo",
        "WeChat",
        "LinkedIn",
        "Telegram",
        "TikTok",
        "YouTube",
        "Truth",
        "Social",
        "Threads",
        "Bluesky",
    ]
)
"""Capitalised words that name where a post went up, not someone else who spoke ("a lancé un
appel sur Facebook : « … »", "celebró en la red social X: “…”")."""
SUBJECT_COLON = re.compile(rf"""{_IN_SENTENCE}{{0,140}}:\s*(?=")""")
"""The rest of a sentence that a name opens, up to a colon and a quotation: the words are the
name's however the sentence calls them ('Rubio, welcoming her, then called her: «…»', "Gao was
blunt: “…”")."""
NAMING_VERB_BEFORE = re.compile(r"\b(?:called|calls|described|describes|dubbed|labell?ed)\s+$")
"""A verb right before a name that names or describes the person it is about: "Garrity, a
Republican, called Gao “the poster child …”" quotes Garrity, though a comma stands before the
verb as in '"…," said Gao'."""
OBJECT_OF = re.compile(
    r"\b(?:on|about|over|su|sul|sulla|uber|sur|sobre|told|tells|asked|asks|met|meets)\s+$"
)
"""A preposition of topic before a name makes it the subject matter, not the speaker, of a colon
quote: 'Donald Trump su Giorgia Meloni: «…»' quotes Trump ("Interview with X:" is X's); so does
a verb whose object it is: 'Li told Gao: “…”' and 'Li asked Gao: “…?”' are Li's."""
DASHED_BEFORE = re.compile(rf"-\s*(?:{VERBS})\s+{NAME_WORD}{{0,5}}$")
DASHED_AFTER = re.compile(r"(?:\s*,[^-\n\"]{0,80})?\s*\.?\s*-\s*")
"""An attribution set in dashes inside the quotation: "Il mondo - ha dichiarato Joe Biden - …",
"«…, — сказал Маслов. — …»"."""
NAMED_INCISE = re.compile(rf",\s*(?:{VERBS}|{CUED_VERBS})\s+{NAME_WORD}{{0,8}}$")
NAMED_INCISE_END = re.compile(r"[^\n\"]{0,80}?[,.](?:\s|$)")
"""An attribution set between commas inside the quotation, its speaker named, maybe after a
title, maybe with a complement: « Les ports rouvriront, a déclaré la vice-ministre Anna Berg
devant la presse. Mais pas avant juin »: the words before it are hers."""
INCISE_OBJECT = re.compile(
    folded(r"\b(?:à|a|au|aux|al|to|zu|an|de|du|des|of|von|vom|di|del|della|do|da)\s+$")
)
"""The word before a name in an incise that makes it someone else's object or owner (« …, a
expliqué Li à Anna Berg. … », « …, a déclaré le porte-parole de Anna Berg. … »)."""
BRACKET_LABEL = re.compile(folded(r"[ \t]*\[\s*(?:(?:녹취|인터뷰|인터뷰\s*녹취|현장음)\s*:\s*)?"))
BRACKET_LABEL_END = re.compile(r"(?:\s*/[^\]\n]{0,60})?\s*\]\s*\n\s*\"")
"""A Korean broadcast transcript's label of the words on the next line, read around a name
([녹취: 토머스 그레인저 / 미 하원의원], [인터뷰: 윤서준 / 유학생]), up to the next line's opening
quote mark; the label's word may be left out ([왕리신 / 중국 런민대 교수])."""
NAME_LINE = re.compile(
    r"[ \t]*(?:[\u25a0\u25a1\u25c6\u25cf\u25b6\u2022*][ \t]*)?(?:[^\W\d_][\w.-]*[ \t]+){0,3}"
)
"""What may stand before a name on its own line: a round-up's bullet (■, ●, ◆), up to three
words of title ("Dr.", "Professor emerita", 元米国務次官補)."""
NAME_LINE_END = re.compile(
    r"(?:[ \t]*[,(\u2013\u2014-][^\n.!?\"]{0,150}|氏|さん|教授|씨|교수)?[ \t]*:?[ \t]*\n\s*\""
)
"""The rest of a line that holds only a name and its description ("Brianna Holt, senior
fellow, Center for Strategic Futures, Washington"), no sentence, up to the next line's opening
quote mark: a round-up of reactions gives each person's words below their name."""
QUOTATION_CLOSES_LINE = re.compile(r'"[ \t]*(?:$|\n(?![ \t]*-))')
"""A quotation below a name line that is the whole of its paragraph, unsigned after (not
'"…," the organisers said', a book's '"Title" (Press, 2023)' or a '— Mark Dyson' below)."""
DIALOGUE = re.compile(
    rf"[ \t]*,?[ \t]+-[ \t]*(?:{VERBS}|{CUED_VERBS}|{QUOTE_VERBS})\s+"
    rf"(?P<words>(?:\"[^\"\n]{{1,40}}\"\s+|{NAME_WORD}){{0,6}})"
)
"""What follows a line of dialogue (:data:`DASH_QUOTATION`) up to a name: "—Es un error —dijo
Anna Berg" (folded, the dashes are -), past a description of up to six words, a firm's name in
quote marks among them ("— …, — объясняет аналитик компании «ТехРынок» Екатерина Воронцова"):
the words between the dashes are hers."""
DASH_QUOTATION = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?:]\s))[ \t]*-[ \t]*"
    r"(?P<said>(?:[^-\n]|(?<=\w)-(?=\w)|(?<=\w )-(?= \w)){2,600}?)"
    rf"[ \t]*,?[ \t]+-[ \t]*(?=(?:{VERBS}|{CUED_VERBS}|{QUOTE_VERBS})\b)"
)
"""A line of dialogue as Spanish and Russian set it, read in folded text (the dashes are -),
up to the dash before its speech verb: "—Es un error —dijo.", "— Это ошибка, — сказал он.";
its words are a quotation, whoever the verb gives them to (see
:func:`alerts.experts.quotes.find_quotations`). It opens a line or follows a sentence's end; a
dash between words inside it is Russian's copula ("— Пекин — наш партнёр, — говорит он")."""
DIALOGUE_OTHER = re.compile(folded(r"\b(?:a|al|de|del|sobre|con|to|about|of|with|for)\s"))
"""A preposition among the words between the verb and the name: it is someone else's object
("—… —dijo Li a Anna Berg")."""
SIGNED = re.compile(rf'"\s*(?:-|(?P<bracket>\())\s*{TITLE_BEFORE_NAME}{{0,2}}')
SIGNATURE_END = re.compile(r'(?:\s*,[^\n"]{1,120})?\s*(?:\n|$)')
BRACKET_SIGNATURE_END = re.compile(
    r"(?:氏|さん|様|教授|准教授|主任研究員|研究員|社長|会長|代表|所長|議員|大臣|長官|大使)?"
    r"\)[ \t]*(?:\n|$)"
)
"""A quotation signed with a dash and the name, maybe its title before and an affiliation
after, ending the line: "“…” — Anna Berg, Lund University", "“…” — Rep. Anna Berg, R-Ariz., in
a post on X, Oct. 3"; or with the name in brackets, maybe its title, as
Japanese papers sign a quotation set apart (「……」（佐藤美咲氏））, maybe a title, nothing else
(not a photo's credit: （佐藤美咲氏提供））."""
QUOTATION = re.compile(
    r'"(?P<straight>[^"\n]{2,3000}(?:\n\s*"[^"\n]{2,3000})*)"'
    r"|\"(?P<typed>[^\"\n]{2,3000})''"
    "|\u201c(?P<curly>[^\u201c\u201d]{1,3000}(?:\n\\s*\u201c[^\u201c\u201d]{1,3000})*)\u201d"
    "|\u201e(?P<low>[^\u201c\u201d\u201e\n]{1,3000})[\u201c\u201d]"
    "|\u00ab(?P<guillemets>[^\u00ab\u00bb]{1,3000}(?:\n\\s*\u00ab[^\u00ab\u00bb]{1,3000})*)\u00bb"
    "|\u00bb(?P<reversed>[^\u00ab\u00bb\n]{1,3000})\u00ab"
    "|\u300c(?P<corner>[^\u300c\u300d]{1,3000}(?:\n\\s*\u300c[^\u300c\u300d]{1,3000})*)\u300d"
)
"""A quotation in the original text, where opening and closing marks differ (“…”, „…“, «…»,
»…«, 「…」), so one running over paragraphs is found whole, whether each paragraph opens with a
quote mark or not; straight quotes over paragraphs open each and close only the last. A
straight opener may be closed by two apostrophes, as typewritten copy sets it ("…'')."""
SINGLE_QUOTATION = re.compile(
    "(?<![\\w\u2018\u2019'])[\u2018'](?P<single>[^\u2018\u2019'\n]{1,300}?"
    "(?:[\u2019']\\w[^\u2018\u2019'\n]{0,300}?){0,8})[\u2019']"
    "(?![^\\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])"
)
"""A quotation in single marks, as headlines and British papers set them ("Gao: ‘Trade war has
no winners’"); an apostrophe inside it (China’s; 'I've … after one letter) is passed over; a
Korean or Japanese particle may follow it ('……'이라며). Read in a text without double marks, or
whose double marks all stand inside single ones (British nesting); else single marks are
quotations inside quotations."""
NESTED_QUOTE_END = '.,!?\u2026\u201d"'
"""What a quotation in single marks holding a double-mark one ends with inside its closing mark:
clause punctuation ('… now.', '… around,'), or the inner quotation's own closer."""
STRAY_CLOSER = re.compile(
    "\u201e[^\u201c\u201d\u201e\n]*[\u201c\u201d]|\u201c[^\u201c\u201d\u201e\n]*\u201c"
)
"""A German „…“ pair, or “… closed by another “ in the same paragraph (a mistyped closer)."""
NEXT_PARAGRAPH = re.compile('\\s*\\n\\s*["\u201c\u00ab\u300c]?\\s*')
CLAUSE_END = ".!?,;:\u3002\u2026-"
"""How a quotation that ends its clause ends (folded: ，！？ are , ! ?)."""
MIN_QUOTE_WORDS = 3
MIN_QUOTE_EAST_ASIAN = 5
EAST_ASIAN = re.compile(f"[{EAST_ASIAN_RANGES}]")
WORD_CHAR = re.compile(r"\w")
INTRODUCES = re.compile(r"\s*(?:(?:[a-z]+ly|only|just|this|as\s+follows)\s*)?:\s*")
"""The gap between a speech verb and the quotation it introduces: a colon, maybe after an adverb
("said:", "said only:", "replied curtly:", "put it this way:" reads its own way)."""
ATTACHES = re.compile(r"\s*,?\s*")
"""The gap between a speech verb and a quotation joined to it ('said, "…', 表示，「…」)."""
LEAD_IN = re.compile(
    r"(?P<rest>[^\"\n:.!?;]{0,160}?)\s*(?::|(?P<end>[.!?]))\s*"
    r"(?:(?:quote|zitat|citation|cita|цитата)\s*:\s*)?"
)
"""The rest of an attribution sentence before a quotation that follows it: "put it bluntly.",
"put it this way:", then only spaces or a paragraph break before the quote mark, or a
broadcast's "Quote:" ("… said on Friday. Quote: “…”")."""
NOT_A_NUMBER = (
    r"(?!\s+(?:[$\u20ac\u00a3\u00a5]?\d[\d,.]*|(?:a\s+)?(?:dozen|hundred|thousand|million|billion"
    r"|half|third|quarter|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety))\b(?!\s+times\b))"
)
"""Not before a number: "about" before one is an approximation opening what was said ("said
about 200 homes were flooded"), not the topic of a speech verb ("spoke about the floods"); how
often is an aside ("testified about a dozen times")."""
ASIDE = (
    r"(?:[a-z]+ly|this\s+way|so|as\s+follows|(?:in|on|at|during|to|with|after|before|"
    rf"about{NOT_A_NUMBER}|of|over|for|from|via|afterwards|later|outside|inside|near|"
    r"ahead\s+of|behind|beside|following)(?:\s+[\w'-]+){0,8})"
)
ASIDES = re.compile(rf"(?:{ASIDE}|\s|,)*")
"""A rest that says nothing itself ("bluntly", "in a speech on Monday", "of the risks")."""
ENDS_ATTRIBUTION = re.compile(r"""(?:\s*,[^"\n.!?]{0,160})?\s*[.!?]\s*""")
"""The end of a sentence closed by its attribution ("…, says Yao." or "…, said Yao, an analyst.")
before the next quotation in the paragraph."""
OBJECT = re.compile(r"(?:tells?|told|asked)\s*$")
"""A verb whose rest starts with who was told ("told reporters in Beijing.")."""
LISTENER_COLON = re.compile(r"""\s*[^\s"“”:.!?\n]+(?:\s+[^\s"“”:.!?\n]+){0,3}\s*:\s*""")
"""Who was told, in up to four words, and a colon before the quotation ("told reporters:",
"told the Financial Times:"): the quotation is joined to the attribution."""
MAX_COLON_WORDS = 12
ATTACHED = re.compile(
    rf"\s*,?\s*(?:(?:{VERBS})\s+(?P<after>[\w'-]+)"
    rf"|(?P<before>[\w'-]+)(?:\s+[\w.'-]+){{0,3}}?\s+(?:{VERBS})\b)"
)
"""An attribution attached to a quotation: ``," said Wang``, ``?" asked Wang``, ``," he added``."""
PRONOUNS = frozenset({"he", "she"})
TOLD_WHOM = frozenset({"a", "al", "à", "au", "ai", "alla", "к", "ко"})
"""The word after a subject-less speech verb that names whom it was said to (", dijo a EFE.",
", ha detto ai cronisti", "», — сказал к"): the speaker is the one just named, as with a
pronoun."""
SENTENCE_BREAK = re.compile(
    "".join(rf"(?<!\b{title})" for title in TITLE_ABBREVIATIONS) + r"(?<!\b[a-z])[.!?]\s"
)
LEADING_THAT = re.compile(
    r"^\s*(?:by\s+(?:saying|arguing|noting|warning|insisting|stressing|explaining)\s+(?:that\s+)?"
    r"|(?:(?:[Ii]n|[Oo]n|[Aa]t|[Dd]uring|[Tt]o|[Ww]ith|[Aa]fter|[Bb]y|[Ff]rom|[Oo]ver)\s[^,\"]{0,50}?\s"
    r"|(?:[A-Z][\w.'-]*\s){1,3}|(?:reporters|journalists|the\s+(?:press|media))\b[^,\"]{0,50}?\s"
    r"|(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:briefing|conference|meeting|hearing|forum"
    r"|audience|crowd|rally|summit|panel|committee|seminar|session)\b[^,\"]{0,50}?\s"
    r"|(?:(?:(?:last|this|next)\s+[a-z]+|yesterday|today|tonight|earlier|recently|previously"
    r"|repeatedly|again|also|publicly|privately|only|simply|merely"
    r"|for\s+(?:years|decades|months|weeks|some\s+time|a\s+long\s+time))\s+){1,2})?"
    r"that\s+)"
)
"""What opens a reported clause before its words: asides and "that" ("said on Monday that …",
"said by phone from London that …", "told reporters that …", "told a regular briefing in
Beijing that …"), or the participle after a verb of response ("responded by saying the bill
…")."""
TOLD_THAT = re.compile(
    r"^\s*(?:(?:a|an|the|his|her|their)\s+)?(?:(?!(?:a|an|the)\s)[\w-]+\s+){0,3}?(?:program|programme|show|podcast"
    r"|broadcaster|radio|station|channel|newspaper|paper|magazine|network|outlet|interviewer"
    r"|gathering|group|delegation|students|lawmakers)\b[^,\"]{0,50}?\sthat\s+"
)
"""Who was told, a medium or an audience, and "that" ("told a farm radio program on Wednesday
that …"): only after "told", where the noun cannot be the reported clause's subject ("said the
group that organised the protest had …"). An article opens it or none does: in "told Reuters the
group that owns the plant would …" the group is the clause's subject."""
LISTENER = re.compile(
    r"^(?:us|me|him|her|them|reporters|journalists|lawmakers|the\s+(?:press|media|audience)"
    r"|[A-Z][\w.'&-]*)\s+(?=[\w\"\u201c])"
)
"""Who was told, before the reported clause without "that" ("told us the call was …", "told
Reuters India could …")."""
SPOKE_ABOUT = re.compile(
    r"\s*(?:(?:publicly|privately|openly|repeatedly|often|at\s+length)\s+)?(?:about|regarding)\b"
    + NOT_A_NUMBER
)
SAID_WHAT = re.compile(r"\b(?:that|saying|adding|arguing|:)(?:\s|$)|\"")
"""A speech verb followed by its topic ("has mused publicly about whether the island should
pay"), with no "that", "saying" or quotation later in the sentence: nothing is reported (not
"about" a number: :data:`NOT_A_NUMBER`)."""
NOTHING_SAID = re.compile(
    r"\s*(?:nothing\b(?!\s+(?:had|has|was|is|would|will|could|can|should|must|but|else|new|more)\b)"
    + folded(r"|(?:goodbye|farewell|kein\s+wort|keinen\s+ton|rien|ni\s+une?\s+mot|nada|niente)\b")
    + r"|little\b(?=\s*(?:[.;]|publicly\b|about\b|in\s+public\b)))"
)
"""Silence reported with a speech verb ("has said nothing publicly about the meetings", "has
said little publicly"; "said nothing had changed", "said little progress had been made" and
"said little, if anything, would change" are speech)."""
OBJECT_BEFORE_NAME = re.compile(
    r"(?:(?:^|[,;:]\s*|\b(?:is|was|were|are|be|been)\s+)(?:a|an|the|this|that)\s+(?:\w+\s+)?"
    r"(?:(?:move|step|decision|outcome|result|scenario|deal|policy|plan|measure|tariffs?|ban|"
    r"risk|crisis|shift|change|trend|response|problem|threat|point|argument|idea|view|position)"
    r"\s+|\w+\s+(?:that|which)\s+)|\bwhat\s+)$"
)
"""A thing, or a noun with "that" or "which", right before a name, set off by a comma or a
copula (not a preposition's object: "Amid the crisis Tom Reed called for calm"): the object of
the speech verb after the name, in a relative clause ("the tariffs, a move Tom Reed had
predicted, took effect", "were a move Reed predicted", "what Reed predicted"): with nothing
said after the verb but the main clause's rest, the sentence is no one's words."""
AFTER_THE_OBJECT = re.compile(
    r"\s*(?:that\s+)?(?:would|will|could|can|might|may|should|must|was|were|is|are|had|has"
    r"|he|she|they|it|we|i)\b|[^.!?\n]*:"
)
"""A clause right after the verb of :data:`OBJECT_BEFORE_NAME`, which is speech: what the name
said of the thing ("the deal Tom Reed said would fail", "a decision Reed said he regretted"),
or a colon and what follows it ("what Reed told the committee: …")."""
ACT_THEN_PLACE = re.compile(r"\s*(?:before|at|in|on|during|outside|from)\b")
"""Where someone spoke after :data:`ACT_OF_SPEAKING`'s verb ("testifies before the Senate Finance
Committee", a caption's): no words of theirs follow."""
CALLED_SOMEONE = re.compile(r"\b(?:called|calls|phoned|rang)\s*$")
"""A verb of naming or of telephoning: before a person's name it is the second ("Reed called Li
Wei on Tuesday"), so nothing was said in the sentence."""
ASKED_BEFORE = re.compile(
    r"\b(?:asked|pressed|questioned|confronted|"
    + folded(r"a demandé à|a interrogé|preguntó a|le preguntó a|fragte|спросил|спросила")
    + r")\s+(?:(?!(?:about|on|over|whether|if|for|to|of|sobre|über|sur|su)\s)[\w.'-]+\s+){0,3}$"
)
"""A question's verb right before a name (with a title between): the name is the one asked, and
the answer a pronoun then gives is theirs ("Judge Marchetti asked Tran whether …. “No,” he
replied.")."""
ASKS_NEXT = re.compile(r"\s+(?:asked|pressed|questioned|confronted)\s")
"""A question's verb right after a name: the name asks, and does not give the answer after."""
REPLY_VERB = re.compile(
    r"\b(?:replied|replies|answered|answers|responded|responds|retorted|"
    + folded(r"a répondu|répond|respondió|contestó|antwortete|erwiderte|ответил|ответила")
    + r")\b"
)
"""A verb of answering in an attribution: the answer is the one asked's."""
OWN_CLAUSE_NEXT = re.compile(
    r"\s*(?:that\b|(?:he|she|they|we|i)\s|(?:the\s+)?[a-z]+\s+(?:had|has|have|was|were|is|are"
    r"|would|will|could|can|should|might|must|did)\b)"
)
"""A clause of its own right after a speech verb ("Berg said she had asked …", "said that …",
"said the talks would …"): the verb reports it, not a quotation closed before the name."""
SAID_NOTHING_MORE = re.compile(
    r"\s*(?:in\s+an?\s+(?:interview|statement|email|e-mail|post|briefing)|to\s+reporters"
    r"|on\s+\w+|yesterday|today|last\s+\w+|this\s+week)\s*[.!]?\s*$"
)
"""Only when or how after an English "said" that ends its sentence ("Tom Reed said in an
interview."): no words of theirs in it ("In Beijing, Gao said." keeps its sentence)."""
ACT_OF_SPEAKING = re.compile(
    r"\b(?:testified|testifies|responded|replied|commented|comments|tweeted|tweets"
    r"|posted\s+on|posts\s+on|told|tells)\s*$"
)
"""A speech verb that, with only asides after it, tells that someone spoke, not what they said
("Gao testified before the committee.", "Gao commented on the report.", "Gao told reporters
outside the mission."): no quote, unlike "Gao warned of the risks." or "Gao put it bluntly.",
which stand for what was said."""
LEADING_ASIDE_COLON = re.compile(rf"^(?:{ASIDE}|\s|,)*:\s*")
"""Asides up to a colon before what was said ("put it bluntly: tariffs are …")."""
RUN_ON = re.compile(
    rf",\s+(?:and|but)\s+(?:also\s+)?(?:{VERBS})\b"
    r"|,\s+according\s+to\s+[^,.;:]{1,60}[.!?]?\s*$"
    r"|[,\uff0c]\s*(?:并|並|但|同时|同時)(?:也|亦)?(?:呼[吁籲]|表示|[强強][调調]|指出|警告|敦促)"
)
"""Where a reported clause runs on into a second act of speech, which is not the first's
content: "said the sale was dangerous, and urged Washington to …", "表示……，并呼吁……"; or into
who tells it ("told lawmakers the tariffs would stay, according to two people in the room")."""
LEADING_CONJUNCTION = re.compile(
    r"^(?:[^\s,\".:]+\s+){0,3}?[^\s,\".:]*,?\s*\b(?:(?:что|dass|que|che|bahwa|कि|że|dat)\s+"
    r"|qu['\u2019](?=\w))"
    r"|^(?:en|durante|tras|ante|dans|lors|pendant|nel|nella|durante|em|na|в|во|на|bei|in)\s"
    r"(?:[^\s,\".:]+\s+){0,7}?(?:(?:что|dass|que|che)\s+|qu['\u2019](?=\w))"
)
GERMAN_WHERE = re.compile(
    r"^(?:vor|am|im|auf|bei|beim|nach|gegen[üu]ber|zum|zur|w[äa]hrend)\s"
    + r"(?:[^\s,\".:]+\s+){0,5}?[^\s,\".:]+\s*,\s*"
)
"""German's where and when straight after a speech verb, up to the comma before what was said
("sagte vor dem Kongress, China könne …"); not after that comma ("sagte, am Ende zähle nur der
Preis, nicht …" is all said)."""
"""The words to whom a reported clause was said and its "that" in other languages: "заявил
журналистам, что …", "a déclaré que …", "sagte, dass …", "mengatakan bahwa …", "ने कहा कि …";
a whole word ("sagte, die Gespräche …" keeps its -che); or where and when it was said, a longer
aside opened by a preposition ("dijo en una videollamada el mes pasado que …")."""

# Chinese attribution, read in folded text: “”「」 are ", and ：，！？（） are : , ! ? ( ).
ZH_VERBS = (
    r"表示|坦[陈陳]|[辩辯][称稱]|[断斷]言|[扬揚]言|披露|[讲講](?=\s*[,:\"])|[说說]道(?![路理歉])|(?<=,)指(?![出责責示导導定挥揮标標数數望])|"
    r"(?:批[评評]|抨[击擊]|指[责責]|[谴譴][责責])(?=[^。!?\n\"「『]{0,24}[\"「『])|(?:[写寫问問答笑叹嘆]|无奈|無奈|坦言)道|[说說](?![服谎謊唱]|明(?![年天日晚早]))|指出|[认認][为為]|[称稱](?![赞讚为為号號霸])|"
    r"[强強][调調]|坦言|直言|透露|警告|呼[吁籲]|[预預][计計](?![将將会會])(?![^,，。]{0,24}?(?:[会會][面晤]|[访訪][问問华華美台]|出席|[举舉]行|抵[达達]))|[声聲宣][称稱]|重申|坦承|提到|表明|宣布|"
    r"表[态態]|(?:这样|這樣|如此)(?:描述|形容|[评評]价|[评評]價|[总總][结結]|概括)|"
    r"(?:[补補]充|解[释釋]|回[应應]|分析|[评評][论論]|回[忆憶]|感[叹嘆]|感慨|[笑接][着著]|反[问問]|追[问問]|"
    r"回答|[总總][结結]|[继繼][续續]|苦笑)"
    r"(?:[说說](?![服谎謊唱]|明(?![年天日晚早]))|[称稱](?![赞讚为為号號霸])|道(?![路理歉]))|"
    r"(?:提醒|[举舉]例[说說]|解[释釋]|建[议議]|[预預][测測]|判[断斷]|分析(?:指出)?|介[绍紹]|指|批[评評]"
    r"|回[应應])"
    r"(?=\s*[,:\"])|"
    r"告[诉訴](?:本[报報]|本台)?(?:[记記]者|媒[体體])|"
    r"告[诉訴][^\s\"。!?,:;]{1,12}?(?=[,:\"])|"
    r"[对對向][^\s\"。!?,:;]{1,12}?(?:[说說]|表示|透露|指出|[强強][调調]|坦言|直言|(?:分析)?[称稱](?![赞讚为為号號]))"
)
"""Chinese speech verbs, in simplified and traditional characters (folding keeps them apart).
说 heading another word (说明 explain, not 说明年 "said next year"; 说服, 说谎, 说唱) is
not one, nor is 道 that starts a word of its own after 说 (说道路 is 说 + 道路). How the words
came before 说 or 道 makes one verb (回忆说, 感叹道, 笑着说, 反问道, 总结说). 说 before 法,
话, 情 or 客 stays a verb: 说法国, 说话语权, 说情况 are commoner after a name than the nouns.
提醒, 举例说, 解释, 建议, 预测, 判断, 分析, 介绍, 批评, 回应 and Hong Kong's 指 speak only when
a comma, colon or quotation follows (张明介绍，……, 何明指，……, 张明批评，……, 梁家俊回應：「……」;
张明介绍了新书, 张明批评了政府 and 回应关切 are not speech)."""
ZH_ADVERBS = (
    r"也|[还還]|[则則]|更|又|曾|亦|再次|明[确確]|特[别別]|常常|[经經]常|常(?=[说說讲講])|一再|多次|所(?=[说說言](?:\s*[,:]))|[进進]一步|同[时時]|[随隨]后|[随隨]後|近日|日前|此前|最近|[当當]天|"
    r"昨天|今天|昨日|今日|接着|接著|[对對]此|就此|只是|[仅僅]仅|[仅僅]|只(?![要有])|这样|這樣|如此|"
    r"[跟对對同向和](?:我们|我們|我|记者|記者|本[报報]|大家)|成日|一[边邊][^\s\"。!?,:;]{1,15}?一[边邊]|退休前|[离離]任前|去世前|生前|[临臨]走前|[会會][后後]|事[后後]|"
    # when: 13日, 12月3日, 2019年, 去年12月, 周一, 週二, 星期三, 上午, 晚间
    r"(?:\d{4}年|[去今明前]年)?(?:\d{1,2}月)?\d{1,2}[日号號]|\d{4}年(?:\d{1,2}月)?|[去今明前]年\d{1,2}月|"
    r"[上下本]?(?:[周週]|星期|礼拜|禮拜)[一二三四五六日天]|[上本](?:[个個])?月|[上本][周週]|[上下]午|[晚早]间|[晚早]間|晚上|稍早|早前|"
    r"[昨今当當]晚|[昨今]早|[昨今]晨|前[天日]|[凌清]晨|傍晚|深夜|[随隨]即|"
    r"[当當]地[时時][间間]"
)
ZH_HE_SHE = r"(?<![跟对對同向和给給])(?:他|她|佢|[这這]位(?![于於置])[^\s\"。!?,:;]{1,6}?)"
"""他 or 她 (佢 in Cantonese), or the noun of the person named before with 这位 ("this" for a
person: 这位经济学家
表示, 這位學者說); not 这位于 ("this, in …") nor 这位置 ("this place")."""
POSSESSED_SPEAKS = re.compile(
    rf"(?:'s|(?<=s)')\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:{VERBS})\b"
    rf"|\u7684[\u4e00-\u9fff]{{1,4}}?(?:{ZH_ADVERBS})*(?:{ZH_VERBS})"
)
"""A possessor whose possessed noun speaks right after it ("Gao's spokesman said:", 张明的学生
表示：); not "Gao's answer, when asked …, was blunt:" nor 张明的说法是：, which are hers."""
ZH_TITLE = (
    r"教授|博士|先生|女士|[总總][统統]|副?主席|[总總]理|部[长長]|外[长長]|大使|主任|院[长長]|"
    r"所[长長]|[会會][长長]|局[长長]|司[长長]|秘[书書][长長]|[总總]裁|董事[长長]|研究[员員]|[学學]者|"
    r"[专專]家|[议議][员員]|[参參][议議][员員]|[众眾][议議][员員]|[经經][济濟][学學]家|"
    r"[将將][军軍]|[书書][记記]|省[长長]|市[长長]|州[长長]|特首|首相|外相"
)
"""A title after a Chinese name, before its speech verb: 张明教授表示, 李华主任指出 (the title
before the name, 清华大学教授张明, needs nothing: the name follows it). Not 发言人, 顾问 or 律师:
after a name they are someone else, that person's spokesperson, adviser or lawyer."""
ZH_MEDIUM = (
    r"撰文|[发發]文|[发發]帖|[发發]推|致信|致函|(?:以|透[过過]|通[过過])?[书書]面(?:回[复覆应應]|方式)?|公[开開]|"
    r"[发發]表[声聲]明|[发發]表[讲講][话話]|回[应應复覆]|[补補]充"
)
"""How the words were given, between a name and its speech verb: 撰文指出, 发文称, 书面表示,
以书面回复指出, 回應表示, 補充說."""
ZH_AFTER_NAME = re.compile(
    rf"\s*(?:\([^)\n]{{0,80}}\)\s*)?(?:{ZH_TITLE})?(?:(?:{ZH_ADVERBS})\s*)*"
    rf"(?:在(?:[^\s\"。!?,:;]|\"[^\"\n]{{1,12}}\"){{1,40}}?(?:[时時]|上|中|期[间間]|[后後])?\s*,?\s*"
    rf"|(?!的)[^\s\"。!?,:;]{{1,20}}?[时時]\s*,?\s*"
    rf"|(?:(?!的)[^\s\"。!?,:;]){{1,20}}?[后後]\s*,?\s*"
    rf"|(?!的)[^\s\"。!?,:;]{{1,30}},\s*)?"
    rf"(?:(?:{ZH_ADVERBS})\s*)*(?:[^\s\"。!?,:;地]{{1,6}}地\s*)?(?:{ZH_MEDIUM})?(?:{ZH_VERBS})"
    r"(?:[说說道](?=\s*[,:\"]))?(?!的)"
)
"""A speech verb after a name, maybe its title first: 表示, 也指出, 在接受采访时表示,
在其社交媒体平台“真实社交”上发文称,
（副主任）告诉记者, 教授坦然地说, or after one clause of time or occasion:
今日出席会议前见记者，表示; not what another says whom the name owns (张明的同事在会上说),
nor the verb made a noun (张明说的没错, "what Zhang said is right")."""
ZH_GROUP = re.compile(
    r"(?:[、和与與及](?:(?![等和与與及、])[\u4e00-\u9fff]){2,3}){0,6}"
    r"等(?:[\d一二三四五六七八九十百多几幾数數]+[名位个個])?"
    r"(?:人|学者|學者|专家|專家|科学家|科學家|研究人员|研究人員|议员|議員|经济学家|經濟學家)?"
    r"|[与與和及同](?:其|他的|她的)?(?:同事|共同作者|合作者|合著者|研究团队|研究團隊|团队|團隊)"
)
"""The expert and others speaking together: 张明等学者表示, 张明、王强等专家认为,
张明与共同作者写道."""
ZH_REPORTED = re.compile(r"(?:[据據]|援引|引述|引用|转引|轉引|援用)[^\s\"。!?,:;]{0,30}$")
"""据 before a name (据高志凯介绍, 据中国与全球化智库副主任高志凯称), or a report citing them
(报道援引格兰特的话称): reported speech follows."""
ZH_REPORTED_VERB = re.compile(
    rf"\s*(?:所|的)?(?:介[绍紹]|估[计計]|分析|[说說]法|看法|[观觀]点|{ZH_VERBS}"
    r"|[话話](?:[称稱]|[说說]|表示|指出)?(?=\s*[,:\"]))"
)
"""What 据 X reports: 据X介绍, 据X称, 根据X的说法; what citing X quotes: 援引X的话称："""
ZH_IN_VIEW = re.compile(r"在[^\s\"。!?,:;]{0,30}$")
ZH_VIEW = re.compile(r"\s*看[来來]\s*(?=,)")
"""在 before a name and 看来 after it, then a comma: the name's view follows (在高志凯看来，……);
without the comma 看来 is "seems" (正在开会的高志凯看来心情不错)."""
ZH_QUOTE_THEN_NAME = re.compile(
    rf'^"?\s*,?(?:(?:(?!{ZH_VERBS})[^"。!?,:;\n]){{1,30}},)?[^"。!?,:;\n]{{0,40}}$'
)
"""Between a quotation and the name after it: a comma, a time, a title, where it was said
(“……”昨日，全球化智库副主任高志凯说; “……”坐在一家咖啡馆里，72岁的农场主张明回忆道), no one's
speech verb on the way."""
ZH_THEN_ANOTHER_SPEAKS = re.compile(
    rf"[^。!?\n\"]{{1,60}}?[后後时時]\s*,\s*[^。!?\n\"]{{0,60}}?(?<![他她])(?:{ZH_VERBS})"
)
"""After a name's verb, a clause of time (……後，, ……时，) and then a speech verb of another
subject in the same sentence: what the name did is the background of someone else's words
(川普宣布擬課關稅後，經濟部長林志遠表示，……)."""
ZH_SENTENCE_BREAK = re.compile(r"[。!?]")
EA_SENTENCE_BREAK = re.compile(r"[。!?]|\.(?!\d)")
"""A Chinese, Japanese or Korean sentence end (Korean sets a full stop, often with no space)."""

# A group the expert leads, and its quotation: "led by Zhang", "Zhang and his colleagues",
# then '"…," they wrote' or 'They wrote: "…"'.
_GROUP_NOUNS = (
    r"colleagues|co-?authors|co-?signatories|collaborators|team|researchers|scholars|experts|"
    r"economists|scientists|analysts|signatories|academics|authors|senators|lawmakers|"
    r"legislators|representatives|diplomats"
)
_COUNTS = r"\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozens\s+of|several|other"
GROUP = re.compile(
    r"\s*,?\s+(?:and|&|along\s+with|together\s+with|with)\s+(?:(?:his|her|their|"
    rf"(?:{_COUNTS})(?:\s+other)?)\s+)?(?:fellow\s+[\w-]+|(?:[\w-]+\s+)?(?:{_GROUP_NOUNS}))\b"
)
CO_SPEAKERS = re.compile(
    r"(?:\s*\([^)\n]{0,40}\))?"
    r"(?:\s*,\s*(?:and\s+)?(?!(?:who|whose|which|where|when)\b)[\w'-]+(?:\s+[\w'-]+){0,2}"
    r"(?:\s*\([^)\n]{0,40}\))?){1,5}"
)
"""Others named with the expert before a shared verb: "Gao, Li and Wang said", "Rep. A (R-Mich.),
B (D-Ill.), and C (R-Ohio) released a joint statement saying"; not a relative clause (", whose
list Voss described as …")."""
JOINED_SPEAKERS = re.compile(
    r"(?:(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)"
    r"(?!(?:who|whose|which|where|when|the|a|an|his|her|their|its)\b)"
    r"(?:[a-z]{1,4}\.|[\w'-]+)(?:[ \t]+(?:[a-z]{1,4}\.|[\w'-]+)){0,3}"
    r"(?:[ \t]*\([^)\n]{0,40}\))?){1,5}"
    rf"(?={AFTER_NAME.pattern})"
)
"""Others joined to the expert by "and" before a shared verb: "Anna Berg and Mark Whitaker
said", "Anna Berg, Mark Whitaker and Diane Castillo wrote" (names of any length, so only where
the expert opens the sentence: "Li criticised Berg and Whitaker said" is not hers)."""
NAMED_PAIR_AFTER = re.compile(r"\s*(?:\([^)\n]{0,40}\)\s*)?(?:and|&)\s+[A-Z][\w'-]+\s+[A-Z][\w'-]+")
NAMED_PAIR_BEFORE = re.compile(
    r"[A-Z][\w'-]+\s+[A-Z][\w'-]+\s*(?:\([^)\n]{0,40}\)\s*)?(?:and|&)\s+$"
)
"""Another full name joined to the expert's by "and", in the original text: "Mark Ellison and
Anna Berg sent a letter. “…,” the senators wrote" is a quotation of them both."""
LED_BY = re.compile(
    r"\b(?:led|signed|organi[sz]ed|co-?authored|written|drafted)\s+by\s+(?:[\w.'-]+\s+){0,4}$"
)
STATEMENT_FROM = re.compile(
    r"\b(?:statement|letter|message)\s+(?:from|by|of)\s+(?:[\w.'-]+\s+){0,4}$"
)
"""A name that wrote a text: "the statement from Commerce Minister Tang" (then '"…," the
statement said')."""
LISTED_BY = re.compile(
    r"\b(?:led|signed|organi[sz]ed|co-?authored|authored|written|drafted)\s+by\s+"
    r"[^.:;!?\n]{0,40}:\s+[^.!?:\n]*$"
)
"""A name in the list after "drafted by three scholars:" (each with their description, parted
by semicolons): one of the group whose letter "they" then quote. With :data:`STATEMENT_FROM`,
only a quotation right after the name's sentence is theirs ("Critics replied. “…,” they wrote"
is the critics')."""
_THEY = (
    r"(?:they|both|the\s+(?:two|pair)|the\s+(?:[\w-]+\s+)?(?:"
    rf"{_GROUP_NOUNS}|group|letter|paper|report|statement|study|petition))"
)
THEY = re.compile(rf"\s*,?\s*{_THEY}\s+(?:(?:{ADVERBS})\s+)*(?:{VERBS})\b")
THEY_INTRO = re.compile(rf"\b{_THEY}\s+(?:(?:{ADVERBS})\s+)*(?:{VERBS})\s*:?\s*$")
PAIR_SPEAKS = re.compile(
    r"\b(?:letter|statement|op-ed|essay|article|report|memo|petition|wrote|write|writes|signed"
    r"|sent|issued|published|released|said|say|told|co-?wrote|co-?authored|joint)\b"
)
"""What the sentence of two names joined by "and" says they wrote or said, for "they" after it
to be them ("Ellison and Berg sent Rubio a letter. “…,” the senators wrote"; not "Berg and Reed
questioned the bank chiefs. “…,” they said")."""
PAIR_THEY = re.compile(
    r"\s*,?\s*(?:they|both|the\s+(?:two|pair)|the\s+(?:[\w-]+\s+)?(?P<noun>[a-z-]+))\s"
)
"""Who a quotation after two joined names is attributed to: "they", "both", "the two", or a
noun (:data:`THEY`) that their own sentence used ("two senators, A and B, … the senators")."""
GROUP_REACH = 600
"""How far after the group's mention its quotation may start (characters)."""


# Japanese and Korean, read in folded text: the speech verb ends the sentence.
KANA = re.compile("[\u3040-\u30ff]")
HANGUL = re.compile("[\uac00-\ud7af]")
EA_GRAMMAR_SHARE = 0.2
"""The least share of kana or Hangul among the East Asian characters around a name, outside its
quotations, that makes its text Japanese or Korean (their particles and endings are a third or
more of a sentence), when the words right after the name do not tell (see :data:`EA_NEXT`)."""
EA_NEXT = re.compile(r"\s*([^\s\",.:;!?()\u3002\u3001]{1,6})")
"""The words right after a name, up to a pause or a quotation: a particle or a title with one
(氏は, 外相は, 교수는) makes the sentence Japanese or Korean."""
JA_VERBS = (
    "述べ|語っ|語り|話し|強調し|指摘し|説明し|明らかにし|言っ|訴え|発言し|表明し|反発し|抗議し|"
    "批判し|主張し|答え|書い|記し|呼び掛け|呼びかけ|投稿し|警告し|分析し|予測し|評価し|提言し|"
    "明かし|警鐘を鳴らし|非難し|反論し|否定し|要求し|求め|明言し|断言し|回答し|発表し|し(?=た)|"
    "付け加え|振り返っ|証言し|答弁し|コメントし|力説し|言明し|打ち明け|念を押し|"
    "話す|語る|述べる|言う|明かす|訴える|答える|(?:強調|指摘|説明|主張|批判|分析|警告|表明|反論)する"
)
"""Japanese speech verbs: the stems of their past and -te forms (述べた, 語っている), then the
dictionary forms that feature copy writes in the present ("…」と話す。)."""
JA_HOW = (
    "繰り返し|改めて|重ねて|強く|はっきり|"
    "(?:記者団|記者|報道陣|記者会見|会見|取材|インタビュー|番組|集会|演説|会合)(?:に|で)"
)
"""How or where a Japanese speaker said it, between と and the verb (と繰り返し発言している,
と記者団に述べた, と記者会見で語った)."""
KO_VERBS = (
    "말했|밝혔|강조했|전했|덧붙였|설명했|지적했|주장했|언급했|평가했|촉구했|경고했|말하|밝히|"
    "강조하|답했|썼|내다봤|전망했|예상했|예측했|관측했|올렸|남겼|게시했|했(?=다|습니다)|"
    "말한|밝힌|강조한|설명한|지적한|주장한|전한|덧붙인|답한|평가한|전망한|경고한|분석한|"
    "꼬집었|털어놨|털어놓았|물었|되물었|맞받았|못박았|외쳤|알렸"
)
KO_STANCE = (
    "는\\s*(?:입장|뜻|견해|의견|주장)을\\s*|는\\s*(?:글|메시지)을\\s*(?=(?:올렸|남겼|게시했))"
)
""""……"는 입장을 밝혔다: the quotation is the stance the speaker stated; "……"는 글을 올렸다, the
post they wrote."""
EA_SAID = re.compile(
    folded(
        rf"と\s*(?:{JA_HOW}\s*)?(?:{JA_VERBS})|(?<=\")を\s*(?:表明し|強調し|主張し|示し|訴え)"
        rf"|(?:이?라고|다고|고|며|라며|이라며|{KO_STANCE})\s*(?:{KO_VERBS})"
    )
)
EA_OTHER_SPEAKER = re.compile(
    folded(
        rf"(?:이?라고|다고|고|と)[\s\u3001,]*(?:[^\s\"\u3001\u3002]{{1,12}}\s+)?[^\s\"\u3001\u3002]{{1,12}}"
        rf"(?:(?:이|가)\s+(?:{KO_VERBS})|(?:が|は)\s*(?:{JA_VERBS}))"
    )
)
"""A subject of its own between the quotative and the speech verb: what the name does is
someone else's report (……예정이라고 외교 소식통이 전했다, ……と関係者が明らかにした). Korean
writes a space after the subject's particle, so 평가했다 ("assessed") is no subject 평 and 했다."""
EA_QUOTATIVE = re.compile(
    rf"\s*(?:と|って|이?라고|고|이?라면서도?|다면서도?|면서도?|며|다며|라며|이라며|{KO_STANCE}"
    + folded(r"|を(?=\s*(?:表明|強調|主張|示し|訴え)))")
)
"""What joins a quotation to the verb after it: 「……」と述べた, 「……」って, "……"고 말했다,
"……"며 …, "……"면서도 "……"고 말했다, and a stance the verb declares:
「強い不満と断固たる反対」を表明した."""
EA_BEFORE_NAME = re.compile(
    rf"{EA_QUOTATIVE.pattern}[\s\u3001,]*"
    r'(?:[^\s"\u3001\u3002,.!?\n]{1,24}(?:の|(?<![은는이가을를])\s+)){0,2}'
)
"""Between a quotation and the name that speaks it: the quotative, then what may stand before
the name, an organisation or a place (「……」と、みずほ総研の大川浩志氏は語る; "……"이라고
대외경제정책연구원(KIEP) 정재윤 선임연구위원은 말했다); not past a sentence's end ("……"라고
비판했다. 김 교수는 … is someone else's)."""
EA_THUS = re.compile(
    "(?P<back>"
    + folded(
        r"(?:こう|このように|そう)\s*(?:話|語|述|指摘|説明|強調|分析|言)"
        r"|(?:이같이|이와\s*같이)\s*(?:[^\s\"]{1,10}\s*)?(?:말|밝|설명|강조|지적|분석|주장|전))"
    )
    + "|(?P<on>"
    + folded(
        r"次のように|以下のように|이렇게|다음과\s*같이)\s*(?:[^\s\"]{1,10}\s*)?"
        r"(?:話|語|述|指摘|説明|強調|分析|言|말|밝|설명|강조|지적|분석)"
    )
)
"""A sentence that says the quotation next to it is the name's: "「……」。X氏はこう指摘する",
"こう話すのは X氏だ", ""……" X 교수는 이같이 강조했다" (the one before); "X氏は次のように話す。
「……」", "X는 인터뷰에서 이렇게 말했다. "……"" (the one after)."""
EA_PARTICLE = folded(
    r'(?:(?:[^\u3001\u3002"\nのとをにがは의와과를에]|[의와과를에](?![\s,])|(?<=학)과)'
    r"{0,40}?(?:は|が|も(?=[\s\u3001,\"])|은|는|이|가|(?<=[씨님수원관표리령장사])도)|도)"
)
EA_TOPIC = re.compile(rf"{EA_PARTICLE}(?:\s|\u3001|,|(?<=は)(?=[\u4e00-\u9fff\u30a0-\u30ff]))")
"""The title and topic particle after a name: 氏は、, 外相は, 氏は関税… (は straight before a
kanji or katakana word, not a kana one: 氏はじめ is "and others"), 교수는 , 대통령은 , 도 ("too")
right after the name or a title (김민수도, 교수도; not 제도 or 인도), and a long
title after a Korean name (전 백악관 국가안보회의(NSC) 아시아 담당 선임국장은); no possessor,
partner or object on the way (김민수 교수와 함께 나선 이정훈 연구원은: his)."""
KO_SETTING = re.compile(
    r"(?:[^\s\"]+\s+){0,2}?[^\s\"]*(?:보고서|브리핑|회견|인터뷰|간담회|세미나|포럼|토론회|회의|연설"
    r"|성명|방송|통화|강연|청문회|기고문?|칼럼|회담)(?:에서|을\s+통해|를\s+통해)\s+"
)
"""Where a Korean speaker said it, opening the reported clause after the topic (최근 보고서에서,
이날 정례 브리핑에서, 인터뷰를 통해): not part of what was said."""
EA_SUBJECT = re.compile(rf'{EA_PARTICLE}(?=[\s\u3001,"]|(?<=は)[\u4e00-\u9fff\u30a0-\u30ff])')
"""A name as its sentence's subject: its title and particle, then a space, comma or quotation
(氏は「, 교수는 ") or, after は, a kanji or katakana word (氏は関税が…), no possessor or object
on the way (氏の弟子の山田氏は, 교수와 박 의원은; a Korean particle ends its word:
국가안보회의(NSC) holds none)."""
EA_CLAUSE_SUBJECT = re.compile(folded(r'[\u3001,]\s*[^\u3001\u3002",]{1,20}(?:が|は)\s*$'))
"""A clause of someone else's opening right before a quotation, after the name's (陳氏は発言せず、
大森社長が「……」と引き取った): the quotation is that subject's."""
EA_SPEAKER = re.compile(EA_PARTICLE)
"""The same after a quotation the name speaks, the predicate straight after it:
「……」と田中氏は語った."""
EA_OTHER_TOPIC = re.compile(
    folded(
        r"(?<![でにと])は(?:[\s\u3001,]|$)"
        r"|(?<![을를]\s[\uac00-\ud7a3])(?<![을를]\s[\uac00-\ud7a3]{2})"
        r"(?:(?<![같많늦])(?<![\s,][작높낮좋깊넓짧젊적])(?<!^[작높낮좋깊넓짧젊적])은"
        r"|(?<![하되있없않])는)"
        r"(?:[\s\u3001,]|$)"
    )
)
"""A topic particle before the name in its sentence: someone else is the subject (정부는 김민준
교수가 …); not では, には, とは, which set the scene (会合では、田中氏が「…」と発言), nor the 는
of a verb describing the next noun (모터를 생산하는 한결모터스의 최 본부장은: 하는, 있는, 되는),
nor the 은 of a verb after its object (기조연설을 맡은 윤 차관은), nor an adjective's (같은 세미나에
참석한 김 위원은: 같은, 이같은, 수많은, 뒤늦은, 작은; a noun ending in 작 or 적 is a topic: 제작은,
실적은)."""
JA_ASKED_ABOUT = re.compile(
    r"(?:について|に関して|をめぐって)(?:[^。「」\n]{0,6})?(?:問う|聞く|尋ねる|質問する)と"
)
"""A Japanese sentence asking about the name (……ことについて問うと、): the name is what was
asked about, and the pronoun after it (同氏) the one asked; not the passive (……について問われ、:
the name was asked)."""
EA_INSTITUTION_AFTER = re.compile(
    r"\s*(?:政権|政府|陣営|当局|當局|内閣|內閣|团队|團隊|정부|행정부|캠프)"
)
"""An institution named after its head, right after the name: the administration, government
or camp (トランプ政権, 特朗普政府, 트럼프 행정부), not the person, speaks."""
EA_REPORTED = re.compile(
    folded(
        r"(?<=[だるいたうくすつぬむかずよ])との?|(?<=[다라냐자])고(?=\s)|(?<=[\uac00-\ud7a3])\s*것으로(?=\s*(?:내다봤|전망했|예상했|예측했|관측했))"
        r"|(?<=[るたいう])(?=(?:考え|意向|方針|認識|見解)を(?:示|表明|明らかに))"
    )
)
"""The quotative after a reported clause without quote marks: a predicate's end, then と or 고
(深刻だと指摘する, 続くとの見方, 늦었다고 봤다), or Korean's forecast, 것으로 after a future
(유지될 것으로 내다봤다), or Japanese's view a verb's clause qualifies (反対する考えを示した);
not a noun and と ("with": 山田氏と会談)."""
JA_VIEW_SHOWN = re.compile(
    folded(
        r"との?(?:見方|考え|見通し|認識|意向|立場|方針|見解)を(?:示|表明|明らかに)"
        r"|と(?:みて|見て|考えて|述べ|語っ|強調し|指摘し)"
        r"|(?:考え|意向|方針|認識|見解)を(?:示|表明|明らかに)"
    )
)
"""The topic's own view after a reported clause (…との見通しを示した, …とみている), which a
topic particle with no comma after it (氏は関税が…) needs: "…との見方が強まっている" or
"…と紹介された" tell others' view."""
EA_PREDICATE = re.compile(
    "\\s*(?!"
    + folded("呼ば|呼ん|言われ|いわれ|評判|され|見られ|みられ|불리|불린|불렸|알려")
    + ')[^"\\s][^"]*?[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]'
)
"""Words after the quotative up to the sentence end, a predicate (と語る, と強調。, 고 봤다),
not another quotation (「円安」と「物価高」: と is "and"), nor what others call or think the
subject (と呼ばれる, とされる, 라고 불린다, 로 알려졌다)."""
EA_QUOTE_GAP = re.compile(rf"{EA_QUOTATIVE.pattern}[\s\u3001,]*")
"""Between a quotation and the name after it: the quotative (「……」と田中氏は語った, "……"라고
김 교수는 말했다)."""
KO_FEATURE = re.compile(
    r'(?:\s*[^\s"\u3002.\uc758]{1,10}){0,2}?\s*\uc758\s*'
    r"(?:말|설명|지적|분석|진단|전망|얘기|이야기|주장|평가|답변)(?:이다|입니다)"
)
"""A Korean feature ending a quotation with whose words they were: "……" 김민준 교수의 말이다,
…의 설명이다."""
EA_SENTENCE_END = "\u3002!?\n"
SENTENCE_REACH = 400
CLAUSE_EDGE = " ,:\uff0c\uff1a"
MIN_CLAUSE_WORDS = 3
MIN_CLAUSE_CJK = 4
"""A clause after the verb shorter than this reads as no quote: the whole sentence is kept."""
MARKED_IN_CLAUSE = re.compile(
    '[\u201c"\u300c\u00ab\u201e]([^\u201d"\u300d\u00bb\u201c\n]+)[\u201d"\u300d\u00bb\u201c]'
)
NAMED_IN_MARKS = re.compile(
    r"(?:所[谓謂]|[称稱]为|[称稱]之为|叫做|名为|so-called|called|dubbed|named|titled|entitled|"
    r"slogan|motto|phrase|book|novel|film|song|report)(?:\s+[\w'-]+){0,3}\s*$",
    re.IGNORECASE,
)
"""Words before marks that make what is in them a name, title or someone's phrase, not the
speaker's words (所谓“……”, 'had called the plan "…"', 'the book "…"'), up to three words
between."""
MIN_MARKED_WORDS = 4
MIN_MARKED_CJK = 8
"""A quotation in marks inside a reported clause at least this long (words, or CJK characters)
is the speaker's own words, and the quote ('said the U.S. was "concerned by China's provocative
military activity" and …', 表示……，“即便关税有所下调，……”); a shorter one is a term or a name
in marks ('called the drills "Azure Shield"')."""
ZH_PERFECTIVE = re.compile(r"了(?![解不结結却卻了])\s*(?P<pause>[,:])?")
"""了 right after a Chinese speech verb: without a pause after it the verb took an object
(透露了实验的秘密, 表示了关注, 指出了问题) and what follows is no reported clause; with one
(表示了，……) the clause follows it. Not the 了 of 了解, 了不起, 了结, 了却, 了了 (张明表示了解……,
"said he understands …")."""


# A quotation attributed by a pronoun to the person named just before: '"…," he wrote',
# 'She added: "…"', 他说，“…”, “…”她表示, 그는 "…"며.
FR_INVERTED = r"(?:(?:s')?[a-z]+-t-(?:il|elle)(?:\s+[a-z]+)?|(?:s')?[a-z]+-(?:il|elle))\b"
"""French sets the pronoun after the verb, hyphenated: « … », a-t-il dit / explique-t-elle /
dit-il / s'interroge-t-elle / s'emporte-t-il."""
INCISE_REACH = 400
"""How far into a quotation its incise may stand (characters)."""
HE_SHE = r"he|she|" + folded("il|elle|er|sie|él|ella|lui|lei|ele|ela|он|она")
"""He and she in the languages of :data:`VERBS` (folded: él is el)."""
ARTICLES = frozenset(
    {"the", "le", "la", "l'", "der", "die", "das", "el", "il", "lo", "o"}
    | {"ce", "cet", "cette", "this", "dieser", "diese", "este", "esta", "questo", "questa"}
)
DESCRIBED = (
    r"\b(?:the|der|die)\s+\d{1,3}-(?:jahrige|year-old)\w*|"
    r"(?:\b(?:the|le|la|der|die|das|el|il|lo|o|ce|cet|cette|this|dieser|diese|este|esta|questo"
    r"|questa)\s+|\bl')(?:(?:[\w-]+|(?:\w\.){2,})[ \t]+){0,2}(?:[^\W\d_]+-)?[^\W\d_]{4,}"
    rf"|(?<![\w-])(?!(?:{VERBS}|{CUED_VERBS})\b)[\u0430-\u044f\u0451]{{4,}}"
)
"""The person named again by the noun that described them ("the professor", "the former
diplomat", le chercheur, der Ökonom, o investigador, l'economista; Russian has no article:
эксперт): :func:`described_as` says which nouns are theirs; or by their age ("sagt der
29-Jährige", "the 45-year-old said"), as a pronoun does (:data:`AGE_REFERRER`). Its words run
on one line and end at a stop, which only an abbreviation's letters pass ("the U.S. envoy"):
"afirma el diplomático.\n13.40 Echeverría" names the diplomat."""
AGE_REFERRER = re.compile(r"(\d{1,3})-(?:jahrige|year-old)")
"""An age as a noun ("der 29-Jährige"): it names the person whose age the article gave as that
(:data:`STATED_AGE`), as a pronoun does."""
NOUN_PHRASE = re.compile(
    folded(
        r"\b(?:the|a|an|der|die|das|den|dem|des|ein|eine|einen|einem|einer|le|la|les|un|une|el"
        r"|los|las|il|lo|uno|una)\s+(?:[\w-]+\s+){0,2}?[\w-]*(?:er|erin|in|ist|istin|or|ent|ant"
        r"|eur|euse|ista|ero|era|ora|ore|man|woman|ling|ee|ier|ière|iere|ien|ienne|ado|ada|ito"
        r"|ita|ine|ess|kid|girl|boy|child|son|daughter|wife|husband|sohn|tochter|frau|mann|kind"
        r"|mädchen|junge|fils|fille|femme|mari|hijo|hija|esposa|esposo|figlio|figlia|moglie)s?\b"
    )
)
"""An article opening a noun phrase of a person, by its suffix or word (engineer, Retterin,
chercheuse, vecino, daughter): in the rest of a name's sentence, someone else an age noun may
name instead ("Mark Li hired a young engineer."); not a thing or a place ("in die USA")."""
STATED_AGE = re.compile(r"\s*(?:,\s*|\(\s*)(\d{1,3})\s*[,)]")
"""A person's age right after their name: "Li Hao, 29, …", "王磊さん（26）" (folded brackets)."""
REFERRER = rf"(?:{HE_SHE}|{DESCRIBED})"
REFERRER_AFTER_VERB = rf"(?:{DESCRIBED}|(?!(?:el|il)\b(?!\s*[-.,;!?]))(?:{HE_SHE}))"
"""A referrer after its verb: not el or il, articles there ("dijo el ministro", "ha detto il
portavoce"; Italian has no il for he), unless nothing follows it but a dash or a stop, as
Spanish dialogue sets él ("—…—dice él—."; folded, él is el)."""
ADDRESSED_BEFORE = re.compile(folded(r"(?:^|[.!?,;:]\s*)(?:a|à|al|alla|ai|agli)\s+$"))
"""A name opening its clause after "à", "a", "al": the one spoken to, the verb's subject after
it ("A Marco Bini ha poi detto il ministro che …", "A Marta Olivares le ha dicho el ministro")."""
CLAUSE_VERB_NEXT = re.compile(
    r"\s+(?:had|has|have|was|were|is|are|would|will|could|can|did|does|should|might|may|must)\b"
)
"""An English auxiliary right after a name that a speech verb precedes: the name is the subject
of what was said ("a spokesman said Ridley had raised the incident"), not the one saying it."""
DATIVE_NAME = re.compile(r"[а-яё](?:у|ю|е|ой|ому|ей)\b")
"""A Russian name in the dative (Анне, Олегу Петрову, Марине Петровой): a word of it ends so,
which a nominative name's words seldom do."""
SUBJECT_AFTER_ADDRESSEE = re.compile(
    r"\s+(?:[а-яё-]+\s+){0,3}[А-ЯЁ][а-яё-]*[^уюеёй\W]\s+[А-ЯЁ][а-яё-]*[^уюе\W]\s*(?:[.,;!?]|$)"
)
"""Russian's subject, a nominative name, after the one spoken to, both after the speech verb
("— заявил Анне Берг министр Олег Петров."): with :data:`DATIVE_NAME`, read in the original
text, the name before it is who was told."""
DEMONSTRATIVE = re.compile(
    folded(r"(?:ce|cet|cette|dieser|diese|dieses|este|esta|questo|questa|этот|эта)\s")
)
"""A demonstrative before a referrer's noun: it points back to the one just named ("confie cet
industriel", "sagt dieser Unternehmer", "dice este empresario", "говорит этот бизнесмен")."""
FR_INCISE = re.compile(
    rf",\s*{FR_INVERTED}(?:\s+[^\s,.;:\"]+){{0,6}}\s*[,.]"
    rf"|,\s*(?:{VERBS}|{CUED_VERBS}|{QUOTE_VERBS})\s+(?:ce|cet|cette)\s+[^\s,.;:\"]+"
    r"(?:\s+[^\s,.;:\"]+){0,5}\s*[,.]"
    rf"|,\s*-\s*(?:{VERBS}|{CUED_VERBS})\s+(?:{REFERRER_AFTER_VERB})\s*[.,]?\s*-"
)
"""The inverted attribution French sets inside the quotation, after its first part: « Les ports
rouvriront, a-t-il dit, mais pas avant juin », « …, raconte-t-elle dans un français hésitant.
… », or a referrer a demonstrative introduces (« …, confie cet industriel de 52 ans. … »), or
between dashes there, as Russian sets it: «Встречи снижают температуру, — считает политолог.
— Но …»."""
ACCORDING_WORDS = folded(
    r"according\s+to|selon|d'après|secondo|según|segundo|laut|по\s+(?:мнению|словам)"
)
LEAD_IN_CLAUSE = r"""(?:[^\W\d_][^"\n.!?,:;]{0,80},\s*)"""
OPENING_CLAUSE = re.compile(LEAD_IN_CLAUSE)
"""A clause of time or circumstance opening a sentence before its speaker ("Interrogé sur les
visas, le chercheur a déclaré …", "On Monday, he said …"): no other speaker may be in it."""
DESCRIBED_REFERRER = re.compile(
    rf"[\s,-]*(?:(?:{VERBS}|{CUED_VERBS}|{QUOTE_VERBS}|{ACCORDING_WORDS})\s+|{LEAD_IN_CLAUSE})?"
    rf"({DESCRIBED})"
)
DESCRIBED_SUBJECT = re.compile(
    r"\s*(?:The|A|An)\s+(?:[\w-]+\s+){0,2}?(?P<noun>[\w-]+)\s+"
    r"(?:[a-z]+ed|[a-z]+s|met|told|gave|took|made)\s[^,;:]*(?:,\s*)?(?:[^,;:\s]+\s+){0,6}$"
)
"""An English sentence opened by a described person (its ``noun`` a title or role: see
:func:`alerts.experts.quotes._an_object_of_someone`) and a verb, up to a name after that verb
("The Secretary raised the cases of detainees, including "): the name is an object."""
DESCRIBED_SPEAKS = re.compile(rf'"\s*,?\s*(?P<who>{DESCRIBED})\s+(?:{VERBS})\b')
"""A quotation attributed to a described person after it ('"Nice man," the farmer said'): a
pronoun further on may be theirs rather than that of a person named before it."""
PRONOUN_THEN_VERB = re.compile(rf"(?:{HE_SHE})\s+(?:(?:{ADVERBS})\s+)*(?:{VERBS})\b")
"""A pronoun and its verb, which :data:`DESCRIBED` reads as an article and a noun too (il
declare, el dijo)."""
"""The described person an attribution opens with, or names after its verb (", said the
professor")."""
VERB_FIRST = re.compile(rf"[\s,-]*(?:{VERBS}|{CUED_VERBS}|{QUOTE_VERBS})\s")
"""An attribution after a quotation that sets its verb first (", sagt die …", ", said the …")."""
THE_NOUN_SAID = re.compile(rf"[\s,-]*the\s+(?:[a-z-]+\s+){{0,2}}?[a-z]{{4,}}\s+(?:{VERBS})\b")
"""An English attribution after a quotation by a definite noun and then the verb (", the
analyst said"): the person named just before, as news style names an expert once, then by what
they are."""
SPOKEN_OF = re.compile(r"\b(?:comment|respond|responded|reached|died|dies|killed|dead)\b")
"""What in a person's sentence says they did not speak, or cannot ("did not respond to requests
for comment", "could not be reached", "died on Sunday")."""
OTHER_SPEAKER_NEXT = re.compile(r"\b(?:another|other|others|fellow|he|him|his|she|her)\b")
"""What after a person's sentence points to someone else speaking next, or to them spoken of
("Another panelist … was more skeptical", '“He changed the field,” the professor said')."""
BARE_NAME_BEFORE = re.compile(
    r"(?:^|"
    + "".join(rf"(?<!\b{title})(?<!\b{title.capitalize()})" for title in TITLE_ABBREVIATIONS)
    + r"[.!?:;,\n\u2013\u2014-]\s*|\b(?:of|with|at|by|for|to|from|von|mit|bei|de|du|des|di|da|del"
    r"|della|dei|avec|con|chez|en)\s+)$"
)
"""What may stand before a name that no title precedes: a sentence's or clause's start (not the
full stop of an abbreviated title: "Prof. Helen Marsh"), or a preposition ("Die Lagerhalle von
Anna Berg", "Nel capannone di Giulia Ferraris")."""
APPOSITIVE_ARTICLE = re.compile(
    r"\s*,\s*(?:a|an|the|un|une|ein|eine|uno|una|il|la|le|el|der|die|das|l')\s"
)
"""An appositive after a name that describes the person ("Anna Berg, the health minister,")."""
VISITS = re.compile(
    folded(
        r"\b(?:visit|visits|visited|toured|tours|opened|inaugurated|met|meets|addressed|besuchte"
        r"|besichtigte|eröffnete|traf|a visité|visite|a inauguré|a rencontré|visitó|inauguró"
        r"|recorrió|ha visitato|ha inaugurato|ha incontrato)\b"
    )
)
"""Verbs of visiting or meeting in a name's sentence: a new description after it is of someone
the person met ("La ministre a visité un domaine. « … », soupire ce viticulteur")."""
NEW_DESCRIPTION = re.compile(
    r"(?:ce|cet|cette|this|dieser|diese|este|esta|questo|questa)\s"
    r"|(?:the|le|la|der|die|das|el|il|lo|o|l')\s*(?:[^\W\d_]+\s+){0,2}?[^\W\d_]{4,}"
    r"(?:\s*,\s*(?!(?:he|she|il|elle|er|sie|el|ella|lui|lei)\b)[^\W\d_]"
    r"|\s+(?:de|di|da|del|della|des|du|eines|einer|of|from|at|con|von|aus|bei)\s)"
)
"""A describing noun phrase after a speech verb that introduces the person rather than naming
them again: a demonstrative (« … », soupire ce viticulteur) or a noun with its complement or
appositive („…“, sagt die Geschäftsführerin eines Zulieferers; «…», dice l'imprenditrice tessile,
titolare di …): the person named just before, whom no noun had described yet."""
APPOSED_NAME = re.compile(r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2}")
"""A full name set off by commas, in the original text ("Wu Kuo-liang", "Anna Maria Berg")."""
FULL_NAME_WITHIN = re.compile(r"(?<=[^\W\dA-Z_]\s)[A-Z][\w'-]+\s+[A-Z][\w'-]+")
"""Two capitalised words within a sentence, in the original text: maybe a person ("die Firma
von Li Wei"), maybe a place or body ("in den Vereinigten Staaten"), either way nearer to a new
description than a name before them."""
GERMAN_PROSE = re.compile(
    r"\b(?:der|die|das|den|dem|ein|eine|einen|einem|einer|und|zur|zum|beim|vom|auf|mit|nicht"
    r"|sich|auch)\b"
)
"""Words that make a stretch of text German, where every noun is capitalised."""
GERMAN_RELATIVE = re.compile(r",\s*(?:der|die|das|welcher|welche|welches)\s")
"""A German relative clause on the way to a colon: its subject speaks ("lobte den
Bürgermeister, der sagte: „…“")."""
NAMED_AFTER_DESCRIPTION = re.compile(r"(?<=\s)[A-Z][\w'-]+\s+[A-Z][\w'-]+")
"""A name after a describing noun phrase in its sentence, read in the original text: the phrase
is that person's title ("sagt der Handelsexperte Reto Baumann", "said the leader of the
opposition in the regional parliament, Tom Reed"), not a new description of someone named
before."""
RELATIVE_CLAUSE = re.compile(
    r",\s*(?:who|whose|which|qui|que|dont|der|die|das|che|quien|quienes|cuyo|cuya|cui|welche"
    r"|welcher|котор\w*)\b"
)
"""A relative clause after a describing noun phrase: the names in it are not the speaker's
("soupire ce viticulteur, qui exploite 28 hectares en Grande Champagne")."""
DESCRIPTOR_PHRASE = re.compile(
    r"\s*,\s*(?:(?:a|an|the|un|une|ein|eine|uno|una)\s+)?(?P<words>[^,;.!?()\n\"]{3,80})"
    r"|\s+(?:is|was|has\s+been)\s+(?:a|an|the)\s+(?P<predicate>[^,;.!?()\n\"]{3,80})"
)
"""The noun phrase describing a name: its appositive ("Denis Simon, a professor at Duke") or
predicate ("Simon is a professor at Duke"), read up to :data:`DESCRIPTOR_STOP`."""
DESCRIPTOR_STOP = re.compile(
    r"\b(?:at|of|in|for|with|from|on|and|who|which|that|whose|to|by|a|à|de|du|des|en|an|am|im"
    r"|von|vom|der|des|bei|di|del|della|dell|con|su|y|e|und|et)\b"
)
TITLE_WORDS_BEFORE = re.compile(r"(?:(?<=\s)|^)((?:[^\W\d_][\w.-]*\s+){1,3})$")
"""Up to three words just before a name: its title ("former ambassador Victor Gao")."""
TITLE_OPENS_SENTENCE = re.compile(r"(?:^|[.!?]\s|\n)\s*(?:[\w'.-]+\s+){0,4}[\w'.-]+,\s*$")
"""A title set off by a comma that opens the sentence before a name ("Taiwan's foreign minister,
Kuo Wen-hsiung, …"): the name is the sentence's subject."""
TITLE_SET_OFF_BEFORE = re.compile(
    folded(r"\b(?:the|el|la|le|il|lo|der|die|das)\s+")
    + r"((?:[^\W\d_][\w.'-]*\s+){0,3}[^\W\d_][\w.'-]*),\s*$"
)
"""A title set off by a comma before a name ("el secretario de Economía, Arturo Villaseñor",
"the company's founder, Li Wei"): its words describe the person too."""
TITLE_NOUNS = {
    "prof": "professor",
    "sen": "senator",
    "gov": "governor",
    "amb": "ambassador",
    "rep": "representative",
    "gen": "general",
    "democratic": "democrat",
}
"""The noun an abbreviated title (of :data:`TITLE_ABBREVIATIONS`) stands for, naming the person
again later ("Prof. Helen Marsh" … "the professor said"), and a party's adjective its member
("Democratic Rep. Anna Berg" … "the Democrat said"). Not Dr: news sets it before any
doctorate, and "the doctor" is a physician, someone else."""
PARTY_TAG = re.compile(r"\s*(?:\(|,\s*)(?P<party>[rd])-\s?[a-z]")
"""An American lawmaker's party and state after the name, "(R-Ohio)" or ", D-Calif.,": the
article names them again by both ("the Ohio Republican", "the California Democrat")."""
PARTIES = {"r": "republican", "d": "democrat"}
OFFICE_OF_BEFORE = re.compile(
    r"\b(minister|secretary|director|president|chairman|chairwoman|governor|ambassador"
    r"|commissioner|professor)\s+(?:of|for)\s+(?:the\s+)?(?:[^\W\d_]+\s+){1,4}$"
)
"""An office named with what it is of, just before a name ("Minister of National Defense Lo
Chih-hung", "Secretary for Security X"): its first word names the person again ("the
minister")."""
OFFICE_OF_REACH = 60
LETTER_WORD = re.compile(r"[^\W\d_]{4,}")
"""A word of four letters or more: what may be a noun that describes someone."""
ADDRESSEE = re.compile(
    folded(
        r"\b(?:zu|à|ad|al|to|an|a)\s+$|\b(?:alla|allo|ai|agli|au|aux|zur|zum)\s+(?:[\w'-]+\s+){0,2}$"
    )
)
"""The last word before a name a speech verb precedes that makes the name who was spoken to
("sagte der Minister zu Anna Berg", "a dit le ministre à Anna Berg"), maybe with their title
("Come ha detto Rossi alla ministra Giulia Bianchi, …")."""
PRONOUN_SUBJECT = re.compile(
    folded(r"^(?:he|she|they|er|sie|il|elle|ils|elles|él|ella|lui|lei|ele|ela)\s*,")
    + r"|^(?:\u043e\u043d|\u043e\u043d\u0430|\u043e\u043d\u0438)\s*,"
)
"""A pronoun right after the speech verb before a name, then a comma: the pronoun said it and
the name belongs to the clause it reports ("…, sagte sie, ihre Kollegin Anna Berg habe …")."""
NOT_DESCRIPTORS = frozenset(
    {
        *("former", "senior", "chief", "leading", "prominent", "retired", "veteran", "noted"),
        *("well-known", "longtime", "then", "current", "acting", "deputy", "renowned", "top"),
        *("chinese", "american", "u.s.", "beijing-based", "washington-based", "also"),
        *("who", "with", "said", "says", "told"),
        *("pour", "selon", "segun", "para", "laut", "nach", "secondo", "according", "from"),
        *("after", "when", "while", "apres", "avec", "mais"),
    }
)
"""Modifiers and function words that do not name the person again on their own (words before
a name are read as its title: "Pour Antoine Lefèvre, chercheur …" is not a "pour")."""
SPEECH_VERB = re.compile(rf"(?:{VERBS}|{CUED_VERBS})")
"""A speech verb, matched whole against one word."""
SPEECH_VERB_IN = re.compile(rf"\b(?:{VERBS}|{CUED_VERBS})\b|{ZH_VERBS}")
"""A speech verb anywhere in a text (an attribution in a paragraph), Chinese ones too."""
ROLE_THEN_NAME = re.compile(
    r"(?:^|[.!?]\s+|\n\s*)the\s+(?:[\w'-]+\s+){0,3}?(?P<noun>[a-z'-]+),\s*"
    r"(?P<title>(?:[\w.'-]+\s+){0,2})$"
)
"""A sentence opened by the role someone spoke in a moment ago, then their name in apposition
("The spokesperson, Lin Haoran, said …"; maybe a title: "The captain, Commander …,")."""
ROLE_SPOKE = (
    r"\b(?:a|an)\s+(?:[\w.'-]+\s+){0,5}?(?:{noun})\b"
    rf"(?:\b(?:{'|'.join(TITLE_ABBREVIATIONS)})\.|[^.!?\n\"]){{0,40}}?"
    rf"\b(?:{VERBS}|{CUED_VERBS})\b"
)
"""The role introduced speaking, before the name is given ("a Foreign Ministry spokesperson told
a regular news briefing"); ``{noun}`` is filled in with the role's nouns."""
OFFICE_REFERRER = re.compile(
    folded(
        r"(?:politiker|politikerin|politician|lawmaker|official|funcionari[oa]|funzionari[oa]"
        r"|fonctionnaire|beamter|beamtin|чиновник)$"
    )
)
"""A noun naming again someone in office by the office in general ("sagte die CDU-Politikerin",
"the Democratic lawmaker", "aseguró el funcionario"): it names the person an office described
(:data:`OFFICE_NOUN`)."""
OFFICE_NOUN = re.compile(
    folded(
        r"(?:minister|ministerin|abgeordnete|abgeordneter|senator|senatorin|kanzler|kanzlerin"
        r"|präsident|präsidentin|bürgermeister|bürgermeisterin|vorsitzende|vorsitzender"
        r"|secretary|governor|mayor|representative|congressman|congresswoman|lawmaker|politiker"
        r"|politikerin|senadora?|ministra?|diputad[oa]|députée?|sénat(?:eur|rice)"
        r"|secretari[oa]|subsecretari[oa]|ministro|ministre|sindac[oa]|alcalde|alcaldesa)$"
    )
)
"""A noun of elected or appointed office, maybe the end of a compound (Bundeswirtschaftsministerin,
Bundestagsabgeordneter)."""
SAME_ROLE = (
    frozenset({"professor", "scholar", "academic"}),
    frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    frozenset(
        folded(
            "ambassador envoy diplomat embajador embajadora diplomático diplomática ambassadeur "
            "ambassadrice diplomate ambasciatore ambasciatrice diplomatico diplomatica botschafter "
            "botschafterin diplomatin посол дипломат"
        ).split()
    ),
    frozenset(
        folded(
            "officer offizier offizierin colonel oberst general admiral commander kommandeur "
            "kommandant captain kapitän fregattenkapitän officier colonnel ufficiale colonnello "
            "oficial coronel офицер полковник генерал"
        ).split()
    ),
    frozenset(
        folded(
            "lawmaker legislator congressman congresswoman senator representative abgeordneter "
            "abgeordnete parlamentarier parlamentarierin député députée parlementaire deputato "
            "deputata parlamentare diputado diputada legislador legisladora congresista senador "
            "senadora sénateur sénatrice senatore senatrice депутат сенатор parlamentarzysta "
            "parlamentarzystka poseł posłanka senatorka"
        ).split()
    ),
)
"""Nouns that name one role: a person one of them described is named again by another ("Anna
Berg, a professor at Oslo … The scholar said …"; "del embajador Gao Peng. «…», afirma el
diplomático"; "El congresista Luis Rojas … «…», señaló el legislador"); any other noun is
someone else ("the minister")."""
GENERIC_REFERRERS = frozenset(
    folded(
        "expert experte expertin experto experta esperto esperta эксперт analyst analystin "
        "analista analyste аналитик scholar researcher forscher forscherin wissenschaftler "
        "wissenschaftlerin chercheur chercheuse investigador investigadora ricercatore "
        "ricercatrice исследователь ученый учёный политолог politologe politologin politólogo "
        "politologa politologue sinologist sinologe sinologin sinólogo sinologue синолог "
        "востоковед economist ökonom ökonomin économiste economista экономист specialist "
        "spécialiste especialista specialista специалист professor professorin professeur "
        "professeure profesor profesora professore professoressa профессор academic académico "
        "académica accademico accademica universitaire akademiker akademikerin"
    ).split()
)
"""Nouns for an expert of any field: "the expert said", — сказал эксперт, sagte die
Wissenschaftlerin name again someone one of these described (a sinologist is the scholar a
sentence later, a professor the political scientist), or an office at a research place
(:data:`RESEARCH_PLACE`); whom another noun of office described ("a diplomat", "the secretary
of state") or nothing described, they do not name."""
RESEARCH_PLACE = re.compile(
    folded(
        r"\b(?:institute|university|college|academy|think[- ]tank|centre|center|programme"
        r"|program|foundation|institut|zentrum|universität|hochschule|stiftung|université"
        r"|instituto|centro|universidad|istituto|università|fondazione|fundación"
        r"|институт|центр|университет|академи|фонд)"
        r"|\b(?:научн\w*\s+сотрудни\w*|research\s+fellow|senior\s+fellow|wissenschaftliche[rn]?"
        r"\s+mitarbeiter\w*|chercheur|chercheuse|investigador[a]?|ricercat\w*)\b"
        r"|(?<![\w-])(?:ИМЭМО|РАН|ИСКРАН|ИКСА|МГИМО|ВШЭ)(?![\w-])"
    )
)
"""Where an expert works, in the words that describe a person ("director of the Centre for
American Studies", "head of the Asia programme at the Lowy Institute", руководитель центра,
ведущий научный сотрудник ИМЭМО РАН, senior fellow): someone an office there describes is an
expert, whom "the expert said" names again."""
RESEARCH_PLACE_REACH = 60
"""How far before a name, in its sentence, the words of its office are read (characters)."""
JA_SAME = "氏|教授|准教授|研究員|主任研究員|社長|会長|議員|大臣|相|長官|報道官|代表|所長"
"""What 同 ("the same") names again after a quotation: 「……」と同教授は指摘する (Japanese)."""
_DETERMINER = r"(?:el|la|los|las|il|lo|i|gli|le|un|una|uno|su|sus|sua|suo|o|a|os|as)"
WHERE_SAID = folded(
    r"\s+(?:en|durante|ante|nel|nella|em|na|в|во|на|su|sul|sulla|ai|agli|alla|al"
    r"|a(?=\s+(?:la|las|los|un|una)\s)|davanti\s+a[li]?|delante\s+de|frente\s+a|junto\s+a"
    r"|accanto\s+a[li]?|devant|près\s+d[eu])"
    rf"(?:\s+{_DETERMINER})?(?:\s+(?:(?:con|de|di|com|per|por|para|pour|in)\s+"
    rf"(?:{_DETERMINER}|este|esta|questo|questa)\b"
    rf"|(?!{_DETERMINER}\b)[^\s\"\n.!?,]+)){{1,6}}\s*[.!?\n]"
)
"""Where or to whom a subject-less verb was said (", ha scritto su Facebook.", ", ha detto ai
giornalisti.", ", ha declarado a la prensa local."; not Portuguese's article: ", afirmou a
investigadora."), to its sentence's end, in up to four words past a determiner (", afirmó en
conferencia de prensa.", ", ha detto nella conferenza stampa.", ", lamentó en entrevista con
este diario.", ", spiega davanti a un banco di articoli per la casa."); a subject may follow
a longer phrase (", dijo en Madrid el ministro Ruiz.")."""
WHILE_DOING = folded(
    r"\s*,?\s+(?:mientras|mentre|tandis\s+qu|pendant\s+qu|enquanto)\b[^\"\n.!?]{0,160}[.!?\n]"
)
"""What a subject-less speaker did while saying it, to the sentence's end (", explica mientras
golpea la pared del silo.", ", racconta mentre sistema la merce.")."""
PRONOUN_AFTER = re.compile(
    rf"\s*,?\s*(?:-\s*)?(?:{REFERRER}\s+(?:(?:{ADVERBS})\s+)*(?:{VERBS})\b"
    rf"|(?:{VERBS}|{CUED_VERBS}|{QUOTE_VERBS})\s+{REFERRER_AFTER_VERB}\b"
    rf"|{ZH_HE_SHE}{ZH_AFTER_NAME.pattern}|{FR_INVERTED}"
    rf"|(?:{VERBS}|{CUED_VERBS}|{QUOTE_VERBS}|{THAT_VERBS}|{ROMANCE_PERFECT}|{ROMANCE_PERFECT_CUED})"
    rf"(?=\s*(?:-\s*[.,;]?\s*)?(?:[.!?\n]|$)|\s*-|{WHERE_SAID}|{WHILE_DOING})"
    rf"|と\s*同(?P<same>{JA_SAME})は\s*(?:{JA_VERBS})"
    r"|(?P<quoted_as>[^\s\".!?\n]+(?:\s+[^\s\".!?\n]+){0,3}?\s+quoted\s+(?:him|her)\s+as\s+saying\b))"
)
"""A pronoun attribution after a quotation ('," he said', dit-il, 他说, 他在接受采访时说; '," the
statement quoted him as saying'), or a
verb with no subject at all, as Spanish, Italian, Portuguese and Russian drop it ('", dijo.',
'», – заявил.', '", afirmó en conferencia de prensa.', "—…—dice—. …", «…», ha escrito en X.)."""
PRONOUN_BEFORE = re.compile(
    rf"(?:\b{REFERRER}\s+(?:(?:{ADVERBS})\s+)*{GESTURE}?(?:{VERBS})"
    r"(?:(?:\s+[^\W\d_][\w'-]*){1,4}(?=\s*:)|\s+to\s+(?:me|us|him|her|them))?"
    r"(?:\s*,?\s+-\s[^\"\n]{1,80}?\s-)?"
    rf"|{ZH_HE_SHE}(?:[以用][^\s\"。!?,:;]{{1,8}}?)?(?:{ZH_ADVERBS})*(?:{ZH_VERBS})"
    rf"|{ZH_HE_SHE}[^。!?\n]{{0,100}}?,\s*(?:[并並]|(?:{ZH_ADVERBS}))*(?:{ZH_VERBS})(?=\s*:)"
    r"|(?:(?<=[.!?]\s)|(?<=\n))(?:his|her|sein|seine|son|sa|su)\s[^\".!?\n:;]{0,100}:"
    rf"|(?:그는|그녀는|同氏は|同氏は、)(?:\s*[^\s\"]{{1,10}}(?:에서|で))?)\s*[,:]?\s*(?:but\s+|aber\s+|mais\s+|pero\s+)?$"
)
"""A pronoun and a speech verb just before a quotation ('He added: "…"', 'He told senators:
"…"', 'he said to me — I remember it — "…"', 他说：“…”, in a
language first: 她以廣東話說：「…」), or 他 then
clauses that end in a speech verb and a colon (他形容……，并强调：「…」), or a sentence that
his or her words open, up to a colon ("His message was clear: “…”", "Sein Befund ist
ernüchternd: „…“", "Son verdict est sans appel : « … »")."""
PRONOUN_ACCORDING = folded(
    r"(?:according\s+to\s+(?:him|her)|in\s+(?:his|her)\s+view|selon\s+(?:lui|elle)"
    r"|d'après\s+(?:lui|elle)|(?:ihm|ihr)\s+zufolge|seiner\s+ansicht\s+nach"
    r"|по\s+(?:его|её)\s+(?:словам|мнению))\s*,?"
    r"|(?:según\s+(?:él|ella)|secondo\s+(?:lui|lei)|segundo\s+(?:ele|ela))\s*,"
    r"|(?:उन्होंने|उसने)\s+(?:(?!और\s|ने\s)[^\s।,]+\s+){0,10}?(?:कहा|बताया)(?![\u0900-\u0963])"
)
"""A pronoun in "according to" ("According to him, …", Selon lui, Ihm zufolge, По её словам;
según él with its comma: "según el diplomático" names someone) or the Hindi pronoun that says
(उन्होंने कहा कि …)."""
PRONOUN_SAYS = re.compile(
    rf"(?:{PRONOUN_ACCORDING}|(?:{ACCORDING_WORDS})\s+(?:{DESCRIBED})\s*,"
    rf"|{LEAD_IN_CLAUSE}?{REFERRER}\s+(?:(?:{ADVERBS}|[a-z]+ly)\s+)*{GESTURE}?(?:{VERBS})\b|(?:{HE_SHE})\s+(?:{CUED_VERBS})\b{CUE}"
    rf"|{REFERRER}\s+{GERMAN_PERFECT}|(?:{HE_SHE})\s+(?:{STANCE_VERBS})\b{STRICT_CUE}"
    rf"|(?:{HE_SHE})\s+(?:{ROMANCE_PERFECT_CUED}|{THAT_VERBS})\b{THAT_CUE}"
    rf"|(?:(?:(?!{ZH_VERBS})[^。!?\n,\"]){{1,20}},\s*)?{ZH_HE_SHE}(?:{ZH_ADVERBS})*(?:{ZH_VERBS})(?=\s*[,:])"
    r"|(?P<ko>그는|그녀는)(?=\s)"
    rf"|(?:{VERBS}|{CUED_VERBS})\s+(?=(?:que|che)\s))"
)
"""A pronoun and a speech verb opening a sentence of reported speech ("He said the talks …",
"Er sagte, …", "Er hat … gesagt, …", "Он считает, что …", 他表示，……, after a lead-in clause:
谈及此事，他认为，……;
"Interrogé sur les visas, le chercheur a déclaré …"), or with no subject at all, as Spanish,
Italian and Portuguese drop it ("Asegura que …", "Sostiene che …"), or "according to" and the
noun that described the person ("Secondo il sinologo, …", "По мнению эксперта, …"); Korean's
pronoun (``ko``) opens it, its speech verb ends it (그는 …다고 밝혔다)."""
PRONOUN_CLOSES = re.compile(
    rf",\s*(?:(?:{HE_SHE})\s+(?:(?:{ADVERBS})\s+)*(?:{VERBS})\b"
    rf"|(?:{VERBS}|{CUED_VERBS})\s+(?!(?:el|il)\b)(?:{HE_SHE})\b|{FR_INVERTED}"
    + folded(
        r"|(?:dijo|afirmó|aseguró|explicó|añadió|agregó|señaló|ha detto|ha spiegato|ha aggiunto)"
    )
    + r")(?:(?<=told)\s+[^\s,;:\"\n.!?]+)?"
    + folded(
        r"(?:\s+(?:on|in|at|during|after|before|last|this|yesterday|today|earlier|later|by|via"
        r"|am|im|bei|vor|nach|gegenüber|während|gestern|heute|dem|der|den|einem|einer"
        r"|lors|à|au|dans|lundi|mardi"
        r"|mercredi|jeudi|vendredi|samedi|dimanche|hier|el|en|ayer|durante|tras|este|nel"
        r"|nella|alla|ieri|oggi|durante|dopo)\b[^,;:\"\n.!?]{0,40})?"
    )
    + r"\s*[.!?]?\s*$"
)
"""A pronoun's attribution closing a sentence of reported speech, maybe with whom it was told
and when or where (no clause of its own: "On Monday, she said the talks …" opens one):
"They hurt everyone, she said on Monday.", "Sie schadeten allen, sagte sie.", "Ils nuisent à
tous, a-t-elle dit.", "Perjudican a todos, dijo." (the subject dropped)."""
PRONOUN_INCISE = re.compile(
    rf"(?P<lead>[^,.;:!?\"\n]{{3,80}}?),\s*(?P<incise>(?:he|she)\s+(?:{VERBS})"
    rf"|(?:{VERBS}|{CUED_VERBS})\s+(?:er|sie)|{FR_INVERTED})\s*,\s*"
)
"""A pronoun's attribution set between commas in the sentence it reports, after its first words:
"Farmers, she said, were hurt most.", "Viele Mittelständler, sagt er, unterschätzten …",
"Beaucoup d'entreprises, estime-t-il, sous-estiment …": the words on both sides are what was
said."""
PRONOUN_SENTENCES = 2
"""How many sentences after a mention's own a pronoun's reported speech may open."""
PRONOUN_BEFORE_REACH = 140
PRONOUN_GENDER = re.compile(
    rf"(?P<he>\b(?:he|his|him|{folded('il|er|él|lui|ele|он|его')})\b|他|그는)"
    rf"|(?P<she>\b(?:she|her|{folded('elle|ella|lei|ela|она|её')})\b|她|그녀는)"
)
"""The first gendered pronoun of an attribution (:data:`PRONOUN_AFTER`, :data:`PRONOUN_BEFORE`):
``he`` or ``she`` (German "sie" may be "they", Japanese 同氏 is either: neither counts)."""
GENDERED_BEFORE = re.compile(
    r"(?:\b(?P<he>(?:"
    + folded("mr|herr|monsieur|señor|sr|signor|sig")
    + r")\.?|m\.)|\b(?P<she>(?:"
    + folded("ms|mrs|miss|madam|madame|mme|frau|señora|sra|signora")
    + r")\.?)"
    r"|(?:^|[.!?\n]\s*)(?:the\s+(?:[\w-]+\s+)?)?(?:(?:his|her|their|[\w-]+'s?)\s+)?(?:[\w-]+\s+)?(?:(?P<kin_he>son|brother"
    r"|father|husband|nephew|uncle|grandson)|(?P<kin_she>daughter|sister|mother|wife|niece|aunt"
    r"|granddaughter))\s*,)\s+$"
)
"""An honorific just before a name that tells the person's gender ("Mr. Zhou", "Ms Kowalski"),
or a kin noun opening the sentence in apposition ("The couple's son, Hung Wei-chieh", "The
elder Hartley's wife, Marcy Hartley"; not "After the funeral of his mother, Tom Li")."""
KIN_NAMED = re.compile(
    r"\b(?:his|her|their|whose|[\w-]+'s)\s+(?:(?P<kin_he>son|brother|father|husband|nephew|uncle"
    r"|grandson)|(?P<kin_she>daughter|sister|mother|wife|niece|aunt|granddaughter))\s*,?\s+"
    r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
)
"""A name a kin noun introduces, read in the original text ("whose son, Tyler Dunham", "with her
husband Omid"): its gender is the noun's."""
KIN_NOUN = re.compile(
    r"\b(?:(?P<he>"
    + folded(
        "husband|son|brother|father|marido|esposo|hijo|hermano|padre|mari|fils|frère|père|mann|"
        "sohn|bruder|vater|marito|figlio|fratello|муж|мужа|мужу|мужем|муже|сын|сына|сыну|сыном|"
        "брат|брата|брату|братом|отец|отца|отцу|отцом"
    )
    + r")|(?P<she>"
    + folded(
        "wife|daughter|sister|mother|esposa|mujer|hija|hermana|madre|femme|fille|sœur|mère|frau|"
        "tochter|schwester|mutter|moglie|figlia|sorella|жена|жены|жене|жену|женой|дочь|дочери|"
        "дочерью|сестра|сестры|сестре|сестру|сестрой|мать|матери|матерью"
    )
    + r"))\b"
)
"""A relative, by gender: the one a pronoun of that gender may stand for once named after a
person ("Rosa Vidal y su marido …, —explicó él—")."""
_KIN_WORDS = re.sub(r"\(\?P<\w+>", "(?:", KIN_NOUN.pattern)
"""The kin nouns of :data:`KIN_NOUN`, without its named groups."""
KIN_BEFORE_NAME = re.compile(
    folded(r"\b(?:his|her|their|whose|sein|seine|seinem|seiner|ihr|ihre|ihrem|ihrer|su|sus|son")
    + r"|sa|ses|suo|sua|его|её|ее|[\w-]+'s)\s+(?:[\w-]+\s+)?"
    + rf"(?:{_KIN_WORDS})\s*,?\s*$"
    + rf"|(?:{_KIN_WORDS})\s+[\u0400-\u04ff]+\s*,?\s*$"
)
"""A kin noun of someone's just before a name ("sein Bruder Thomas Albrecht", "his brother, Luis
Ibarra", "Brandt's daughter, Emily Brandt", Russian's genitive after it: "брат Дмитрия Игорь
Ковалев"): a relative the article names in passing by the family name it shares with its
subject; not a title ("Father Luis Ibarra", "Sister Rosa Ibarra")."""
GENDERED_AFTER = re.compile(
    r"\s*,\s*(?:a|an|the)?\s*(?:[\w.'-]+\s+){0,6}?"
    r"(?:(?P<he>spokesman|chairman|congressman|businessman|councilman)"
    r"|(?P<she>spokeswoman|chairwoman|congresswoman|businesswoman|councilwoman))\b"
    r"|\s*,\s*(?:(?:the|his|her|their|[\w-]+'s)\s+)(?:[\w-]+\s+)?(?:(?P<kin_he>son|brother|father"
    r"|husband)|(?P<kin_she>daughter|sister|mother|wife))\b"
)
"""A gendered role noun in the appositive after a name ("Zhou Hanlin, a spokesman for …"), or
a kin noun heading it ("Hung, the couple's son, …"; not "Berg, whose son …" or "Berg, a lawyer
for the boy's father")."""
_NO_NAME_OPENS = (
    r"The|In|But|And|On|At|For|After|Before|As|If|When|While|With|A|An|This|That|These|Those"
    r"|Last|Next|Since|Meanwhile|Still|Yet|So|Then|By|From|Under|Over|During|Despite|Both|Some"
    r"|Many|Most|Other|Such|Its|Their|His|Her|Our|Asked|According|Speaking|Writing"
)
_LOWER = r"a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f'-"
"""Lower-case letters of a Latin name's word, accented too (Díaz, Müller, Wałęsa)."""
_NO_GERMAN_ARTICLE = "".join(
    rf"(?<!\b{article}\s)"
    for article in (
        *("ein", "eine", "einer", "einem", "einen", "eines"),
        *("der", "die", "das", "dem", "den", "des"),
    )
)
SOMEONE_ELSE = re.compile(
    rf"(?:{VERBS})\s+(?!he\b|she\b)[A-Z][\w'-]+|\b(?!He\b|She\b)[A-Z][\w'-]+\s+(?:{VERBS})\b"
    rf"|(?<=[^\W\dA-Z_]\s|[,;]\s)(?<!\bthe\s){_NO_GERMAN_ARTICLE}"
    rf"(?P<full>[A-Z][{_LOWER}]+\s+[A-Z][{_LOWER}]+\b)"
    rf"|(?:(?<=[.!?]\s)|(?<=\n)|(?<=[\u2013\u2014]\s)|^)(?!(?:{_NO_NAME_OPENS})\s)"
    rf"(?P<opening>[A-Z][{_LOWER}]+\s+[A-Z][{_LOWER}]+)"
    rf"(?=\s+(?:[a-z]+ed|{VERBS}|spoke|took|gave|went|met|made|had|was|is|has)\b)"
)
"""Another speaker between a name and a pronoun's quotation, read in the original text: 'said
Li', 'Li said', another full name within a sentence ('then Li Wei took the floor'; two
capitalised words after a lower-case word, accented too, not after "the", which names a body:
"the Supreme Court", nor after a German article, where they are an adjective and a noun: "von
einer Stuttgarter Kanzlei"; see :data:`NOT_A_SPEAKER_BEFORE` for the ``full`` name's word
before), or
one opening a sentence before an English verb ("Mark Ellis spoke next."; German capitalises
nouns: "Die Debatte drehte sich" is no one); not a name of a place or body
(:data:`NOT_A_PERSON`)."""
NOT_A_SPEAKER_BEFORE = re.compile(
    r"\b(?:of|at|in|on|the|a|an|der|die|das|den|dem|des|im|am|vom|zum|beim"
    r"|le|la|les|du|de|au|aux|el|los|las|del|il|lo|gli|della|dello|degli|nel|nella|do|da|dos"
    r"|no|na|di|dei|delle|dal|dalla|sul|sulla|em|nos|nas|von|vom|zur|aus|à|en|desde|hasta)\s+$"
    r"|(?<![.!?]\s)\b(?!(?:Representative|Rep|Senator|Sen|President|Minister|Professor|Prof|Dr"
    r"|Mr|Mrs|Ms|Secretary|Ambassador|Governor|General|Chairman|Director|Judge|Mayor|Premier"
    r"|Chancellor|Then|And|But|So|Now|When|While|After|As)\b)[A-Z][\w'-]*\s+$"
)
"""The word before a full name that makes it no one speaking in between: a preposition of place
or affiliation or an article, in the languages of :data:`VERBS` ("a fellow at the Institute of
International Education", "leitet das Global Public Policy Institute"), or a capitalised word
inside the sentence that is no title (the name is the rest of a longer proper name: "the Lee
Kuan Yew School"; "Senator Mark Ellis" and "Then Mark Ellis" name a speaker). Not "like",
"with", "by", "for" or "from": "Analysts like John Smith disagree", "She was answered by John
Smith" name a speaker."""
EARLIER_FULL_NAME = re.compile(rf"\b[A-Z][{_LOWER}]+\s+(?P<surname>[A-Z][{_LOWER}]+)\b")
"""A full name in the original text before a pronoun's attribution; the surname, if it stands
again as a subject in between (see :data:`SURNAME_SUBJECT`), names someone else."""
SURNAME_SUBJECT = (
    r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=[\u2013\u2014]\s)){surname},?\s+(?!(?:and|und|y|et|e)\s)[a-z]"
)
"""A surname that opens a sentence or a live blog's entry, a verb or an aside after it ("08:41 —
Crowe has arrived.", "Ruiz, por su parte, …"), formatted with the escaped surname."""
NOT_A_PERSON = re.compile(
    r"\b(?:Institute|Institution|University|College|School|Center|Centre|Council|Society"
    r"|Foundation|Endowment|Department|Ministry|Agency|Office|House|Court|Commission|Committee"
    r"|Association|Bank|Group|Party|Congress|Senate|Assembly|Forum|Times|Post|Journal|News|Daily"
    r"|Review|Affairs|Relations|Studies|Program|Programme|Initiative|Fund|Organi[sz]ation"
    r"|Administration|Corporation|Republic|Union|Nations|States|Kingdom|Sea|Strait|Act|Policy"
    r"|Security|Peace|Korea|Kong|York|Arabia|Zealand|Africa|America|Asia|Europe|Valley|Street"
    r"|Island|Islands|Press|Network|Media|Reuters|Bloomberg|Xinhua|Exchange|Index|Advisory"
    r"|Advisors|Advisers|Consulting|Consultancy|Research|Analytics|Securities|Associates"
    r"|Economics|Strategies|Insights|Uniti|Unidos|Staaten|Bianca|Blanca|Blanche|Haus|Ciudad"
    r"|San|Santa|Santo|Saint|Sainte|Sankt|Bad|Nueva|Nuevo|Januar|Februar|März|Juni"
    r"|Juli|September|Oktober|November|Dezember|Ende|Anfang|Mitte)\b"
)
"""A capitalised pair that names a place, a body, a publication or a time, not a person ("Policy
Institute", "Foreign Ministry", "South Korea", "China Daily", "Stati Uniti", "Ciudad Juárez",
"Brantwood Advisory", "Ende März")."""
NOT_A_PERSON_NEXT = re.compile(
    r"\s+(?:Bakery|Inc|Company|Co|Corp|Ltd|LLC|Farms?|Foods|Motors|Industries|Technologies"
    r"|Airlines|Systems|Partners|Capital|Holdings|Restaurant|Cafe|Café|Hotel|Shop|Store|Market"
    r"|Park|Square|Avenue|Road|Bridge|Airport|Station|Hospital|Clinic|Church|Stadium|Museum"
    r"|Library|Hall|Tower|Plant|Port|Harbor|Harbour|Bay|River|Lake|County|City|Province"
    r"|District|Region|Works|Labs|Electronics|Semiconductor|Manufacturing|Logistics|Energy"
    r"|Solutions|Enterprises|Ventures|Pharmaceuticals|Materials|Party|Movement|Front|Alliance"
    r"|League|Coalition)\b"
)
"""The word after two capitalised ones that makes them a business or a place ("Golden Crust
Bakery", "Gorky Park"); before a name, many of these are surnames (Park Ji-hoon, Stuart Hall)."""
MET_BEFORE = re.compile(
    folded(
        r"\b(?:met|meets|met\s+with|received|hosted|traf|trifft|empfing|a\s+rencontré|rencontre"
        r"|a\s+reçu|ha\s+incontrato|incontra|se\s+reunió\s+con|recibió\s+a|встретил(?:ся|ась)?"
        r"\s+с|принял)\s+(?:[\w.'-]+\s+){0,3}$"
    )
)
"""A meeting verb before the name (its sentence's subject met them): a pronoun after it may be
the subject's ("Le ministre a rencontré Anna Berg. Il a affirmé …")."""
ANOTHER_PERSON = re.compile(
    folded(
        r"(?:^|[.!?]\s+|,\s*)(?:(?:a|an|another|un|una|une|uno|ein|eine|einer|einem|einen|the"
        r"|der|die|le|la|el|il)\s+)?"
        r"(?:[\w-]+\s+){0,2}?(?:spokes(?:wo)?man|spokesperson|pollster|official|aide|adviser"
        r"|advisor|lawyer|attorney|diplomat|officer|portavoz|portavoce|porte-parole|sprecher"
        r"|sprecherin|funcionari[oa]|funzionari[oa]|beamter|beamtin|responsable|abgeordnete"
        r"|neighbou?r|resident|witness|friend|colleague|relative|nachbar|nachbarin|voisine?"
        r"|vecin[oa]|vicin[oa]|сосед|соседка"
        r"|abgeordneter|politiker|politikerin|представитель"
        r"|пресс-секретарь|юрист|адвокат)\b"
    )
)
"""Someone else a noun introduces as a subject, opening a sentence or after a comma, between a
name and a pronoun ("A spokeswoman for the ministry confirmed …", "…, a pollster told me", "Un
portavoz …", "Ein Sprecher …"): the pronoun may be theirs; not someone in passing ("woken by a
call from a neighbour")."""
FIRST_PERSON = re.compile(
    folded(
        r"\b(?:i|i'm|i've|i'd|me|my|we|we're|we've|us|our|ich|mir|mich|mein|meine|wir|uns|unser"
        r"|je|j'|moi|mon|ma|mes|nous|notre|nos|yo|me|mi|mis|nosotros|nuestro|nuestra|io|mio|mia"
        r"|noi|nostro|nostra|я|мне|меня|мой|моя|мы|нам|нас|наш|наша)\b"
    )
    + r"|[我私僕俺]|저는|제가|나는|내가|우리"
)
"""A first person in a quotation: the speaker's own words, not a memo or a law about them."""
WORDS_OF = re.compile(r"\b(?:words|wrote|written|signed|memo|letter|statement|read)\b", re.I)
"""What says a quotation above was someone's writing or words ("Those were the words of …")."""
MEETS_SOMEONE = re.compile(
    r"\b(?:met|meets|meeting|with|and|told|asked|thanked|praised|critici[sz]ed|joined|by|versus"
    r"|interviewed|answered|replied\s+to|spoke\s+to)\s+[A-Z]"
    r"|\b(?:met\s+(?:with\s+)?(?:the|a|an)|traf|trifft|getroffen|a\s+rencontré|rencontrera"
    r"|ha\s+incontrato|incontrò|se\s+reuni[oó]|встретил(?:ся|ась|и|ись)?)\b"
)
"""Another person met, addressed or answered between a name and a pronoun's reported speech
("Gao met Biden on Monday. He said …"): the pronoun may be theirs."""
WATCHED_OBJECT = re.compile(
    r"\b(?:met|meets|met\s+with|thanked|thanks|praised|praises|critici[sz]ed|told|tells|asked"
    r"|asks|invited|invites|interviewed|visited|welcomed|hosted|received|answered|replied\s+to"
    r"|spoke\s+(?:to|with)|called|questioned|pressed|confronted|fragte|befragte)\s+"
    r"(?:[\w.'-]+\s+){0,2}$"
)
"""A verb whose object is the name after it (up to two words of title between): "Anna Berg met
Li Hua", "thanked Professor Li Hua"; a pronoun after that sentence is its subject's."""
ZH_SOMEONE_ELSE = re.compile(rf"(?<=[^他她])(?:{ZH_ADVERBS})*(?:{ZH_VERBS})")
"""A Chinese speech verb with another subject than 他/她 before it (read in the gap alone)."""
ZH_TITLED_PERSON = re.compile(
    r"(?:[发發]言人|部[长長]|局[长長]|[处處][长長]|司[长長]|主任|主席|教授|院[长長]|大使|[总總][统統]"
    r"|[总總]理|[议議][员員]|秘[书書][长長]|董事[长長]|[总總]裁|律[师師]|警司|理事[长長]|[会會][长長]"
    rf"|校[长長])(?!(?:{ZH_VERBS})|(?:{ZH_ADVERBS}))[\u4e00-\u9fff]{{2,3}}?"
    r"(?=[随隨]|也|亦|[则則]|在|於|于|到|,|。|表示|指出|[说說]|[称稱])"
)
"""Someone a Chinese title introduces by name between a name and a pronoun (警方發言人黃志強
隨後到場。他說：): 他 may be them."""
PRONOUN_REACH = 800
"""How far after a mention a pronoun's quotation may start (characters)."""
DESCRIBED_REACH = 1600
"""How far after a mention a quotation the noun that described the person attributes ("the
professor said") may start: further than a pronoun's, as only that person is known by it."""

# An interview set as questions and answers: the person the introduction names answers.
_MARK = r"(?:[\u2014\u2013\u2015-]\s*)"
QUESTION_MARK = (
    r"(?:Q|P|Pregunta|Pergunta|Domanda|Frage|Question|Вопрос|问|問|记者|記者)\s*[.:\uff1a]\s*"
)
"""The mark that opens an interview's question ("Q:", "P.", "Frage:", 问：)."""
MARKED_QUESTION = re.compile(rf"[ \t]*{QUESTION_MARK}")
"""A line its mark makes a question, with or without a question mark ("P. Desde la llegada de
Javier Milei, la relación ha tenido altibajos.")."""
QUESTION_LINE = re.compile(
    rf"[ \t]*(?P<marked>{QUESTION_MARK}|{_MARK}|[^\W\d_][\w .]{{0,24}}[:\uff1a]\s*)?"
    r"[^\n]{3,300}[?\uff1f][\"\u201d\u00bb]?[ \t]*(?=\n|$)"
)
"""A question of an interview on a line of its own, maybe after its mark (Q:, P., 问：, a dash,
"SPIEGEL:")."""
JA_QUESTION_LINE = re.compile(
    r"[ \t]*(?P<marked>[\u2014\u2015]+\s*)[^\n]{3,300}[\u304b\u306f]\u3002[ \t]*(?=\n|$)"
)
"""A Japanese interview's question: after its dashes, ending in か。 or a topic's は。, not a
question mark (――今回の演習をどう見ますか。, ――日本企業へのアドバイスは。)."""
JA_INTERVIEWEE = re.compile(
    r"[^\u3002\n]{0,12}?に(?:、?[^\u3002\n]{1,12}?で)?(?:話を)?(?:聞いた|聞く|きいた|インタビューした)"
)
"""After a name in a Japanese interview's introduction: the one asked (山本隆氏に聞いた,
カーター上級研究員に、ワシントンで話を聞いた), the only one its answers are attributed to (not
岸本誠首相が … named before)."""
ANSWER_LINE = re.compile(
    r"\s*(?P<marked>(?:A|R|Respuesta|Resposta|Risposta|Réponse|Antwort|Answer|Ответ|答|回答)"
    rf"\s*[.:\uff1a]\s*|{_MARK}|[\"\u201c\u00ab\u300c])?"
    r"(?P<answer>[^\n]{8,})"
)
"""The answer on the next line, maybe after its mark (A:, R., Respuesta., 答：, a dash) or in quote
marks; a question or an answer must carry a mark."""
ANSWER_MARKS = ' "\u201c\u201d\u00ab\u00bb\u300c\u300d'
"""Quote marks an answer's first sentence is stripped of."""
LABELLED_LINE = re.compile(
    r"(?P<label>[^\W\d_][\w .'-]{0,30}?(?:,\s*[^\W\d_][\w .'&-]{0,50}?)?)(?::\s|\uff1a)"
)
"""A line opening with a speaker's label ("Berg: …", "SPIEGEL: …", "方立群：…", a transcript's
"CHEN YI-TING, FORMOSA STRATEGY FORUM: …"); no word of a label opens in lower case ("It's
simple: …" is an answer's own colon)."""
ADDRESS_OPENING = re.compile(
    folded(r"\s*(?:(?:mr|mrs|ms|dr|professor|prof|herr|frau|monsieur|madame|señor|señora)\.?\s+)?")
)
"""What may open a question before the name it addresses ("Mr Gao, …?", "Professor Li, …?")."""
INTERVIEW_CUE = re.compile(
    r"[专專][访訪]|[采採][访訪]|[访訪][问問]|[访訪][谈談]|インタビュー|인터뷰|[Ii]nterview|"
    r"[Ee]ntretien|[Ee]ntrevista|[Ii]ntervista|[Gg]espräch|интервью|[Ss]at\s+down\s+with|"
    r"[Ss]poke\s+(?:with|to)"
)
"""Words that say who an interview is with, in its introduction."""
THIRD_PERSON = re.compile(
    r"\b(?:he|she|him|her(?:(?=\s+(?:in|at|on|last|this|about|for|by|over|after|before|during"
    r"|from|via|earlier|recently|yesterday|today|and|when|while)\b)|(?P<own>(?=\s+[a-z])))?"
    r"|(?P<his>his))\b"
)
"""The first he, she, him or her of a sentence, ``own`` or ``his`` when it is a possessive ("her
deputy", "his office"): whose the interview is ("We spoke to her in her office" is hers; "We
spoke to her deputy" is not)."""
INTERVIEW_REPORTER = re.compile(
    r"(?:[记記]者|기자)\s*$"
    r"|\b(?:spoke|speaks|talked|talks|sat\s+down)\s+(?:with|to)\s+(?:our|the|this)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:editor|reporter|correspondent|host|writer|columnist),?\s*$"
    r"|(?:Das\s+Gespräch\s+führte|Interviewed\s+by|Entretien\s+réalisé\s+par"
    r"|Propos\s+recueillis\s+par|Animation\s*:|Moderation\s*:|Habló\s+con|Entrevista\s*:"
    r"|Беседовал[аи]?|Интервью\s+взял[аи]?|主持人[为為是]?|[采採][访訪][：:]|構成・\S*)\s*$",
    re.IGNORECASE,
)
"""The reporter before a name in an interview's introduction or credits: a title (记者张明／专访),
whom the one interviewed spoke with ("She spoke with our books editor, Martin Greaves"), or a
credit ("Das Gespräch führte Jonas Albers", "Беседовала Дарья Лукина", "Animation : Claire
Vasseur", （構成・経済部　中西彩））."""
INTERVIEW_REACH = 800
"""How far before the first question the introduction may name the person (characters)."""
