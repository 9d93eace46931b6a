"""What a question asks for, as one declarative table: (intent, language, pattern), each row with questions
it must match and questions it must not (tests/query/test_intents.py runs every row).

The patterns are matched on the normalised question (quotes, dashes and full-width letters made plain),
case-insensitively, whatever the question's language: people mix them ("what is a posto misto?"). A row's
language says whose words the pattern holds ("both" for a pattern of both). Several rows may share an
intent. ``anchored`` rows must match at the start of the question.

The plan builder (``plan.py``) reads the table once per question; nothing below it matches the question
again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.corpus.text import normalize


@dataclass(frozen=True)
class Intent:
    name: str
    language: str  # "en", "pt" or "both"
    pattern: str
    matches: tuple[str, ...]
    misses: tuple[str, ...] = ()
    anchored: bool = False
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern, re.IGNORECASE))

    def found(self, text: str) -> bool:
        return bool(self.compiled.match(text) if self.anchored else self.compiled.search(text))


_NOW = (
    r"\b(?:neste momento|atualmente|actualmente|hoje|agora|right now|currently|today|now|at the moment|nowadays"
    r"|these days)\b"
)

# -- What kind of answer is asked for (an amount, a duration…): answered only by evidence holding one. --------
KINDS: tuple[Intent, ...] = (
    Intent(
        "money",
        "both",
        # "What is the fee for a visa?" asks an amount; "What are the fees SEF collects?" which fees there are.
        r"how much (?:does|do|is|are|will)"
        r"|\bwhat (?:is|are|was) the (?:cost|price|fee)s?(?= (?:for|of|to)\b|\s*[?.!]*$)|\bwhat does it cost\b"
        r"|\bprice\b|\bfee amount|quanto (?:custa|custam|pago|é a taxa)"
        r"|\bpreço\b|\bvalor d[ao] (?:taxa|multa|coima)|quanto (?:se )?paga"
        # A fee named as the whole question: "taxa de renovação?" ("Quem fixa as taxas?" asks who).
        r"|^\s*(?:e\s+)?(?:a |as |the )?(?:taxa|custo|valor|fee|cost|price)s? (?:de|da|do|for|of) "
        r"|^\s*(?:and\s+)?(?:the\s+)?(?:\w+\s+)?(?:fee|cost|price)s?\s*[?.!]*\s*$",  # "renewal fee?"
        ("Quanto custa renovar o título de residência?", "What is the fee for a visa?", "renewal fee?"),
        ("What are the fees SEF collects?", "Quem fixa as taxas?", "Who bears the cost of the uniforms?"),
    ),
    Intent(
        "duration",
        "both",
        r"(?:for )?how long (?:does|do|will|is|are|can)|processing time|waiting time"
        r"|(?:por )?quanto tempo (?:demora|leva|dura|tenho|é|está|fica|vale)"
        # "prazo" as asked for ("qual é o prazo", "prazo para"), not "prorrogar o prazo de permanência" (who extends).
        r"|\b(?:qual|que|quais) (?:é |são |era )?(?:o |os )?prazos?\b|\bprazos? (?:para|máximo|limite)\b|quanto demora"
        r"|\bdeadlines?\b|\btime limits?\b|"
        r"válid[ao] por|how many (?:days|weeks|months|years)|quantos (?:dias|meses|anos)",
        ("How long is an appointment to a supervisory post?", "Qual é o prazo para pedir asilo?"),
        ("Quem pode prorrogar o prazo de permanência de estrangeiros?",),
    ),
    # How long a procedure takes: a term of office ("3-year renewable terms") is no answer to it.
    Intent(
        "processing_time",
        "both",
        r"\bhow long (?:does|do|did|will|would|should) (?:it|\w+(?: \w+){0,5}) take\b|\bprocessing times?\b"
        r"|\bwaiting times?\b|\bhow many (?:days|weeks|months) (?:does|do|will|would) (?:it|\w+(?: \w+){0,3}) take\b"
        r"|\bquanto tempo (?:demora|leva)\b|\bquanto demora|\bdemora quanto\b"
        r"|\bquantos (?:dias|meses) (?:demora|leva)\b",
        ("How long does a passport renewal take at SEF?", "Quanto tempo demora a renovação?"),
        ("How long is an appointment to a supervisory post?",),
    ),
    Intent(
        "contact",
        "both",
        # "phone" and not "phones": "Can SEF keep the phones it seized?" asks for no number.
        r"\bphone\b|phone numbers|\btelephone (?:number|line)s?\b|\be-?mails?\b|\baddress(?:es)?\b|opening hours"
        r"|what time(?! limits?)"
        r"|\btelefones?\b|\bmoradas?\b|endereços?|\bcontactos?\b"
        r"|horário de (?:atendimento|funcionamento|abertura)|a que horas|quando abre"
        # Where an office is, or its hours: "where is the AIMA office in Lisbon?", "horario da AIMA".
        r"|\bwhere (?:is|are) (?:the |an? )?(?:aima|sef)(?:'s)? (?:office|desk|branch|counter)s?\b"
        r"|\bonde (?:fica|ficam|é|são|está|estão) (?:a |o |as |os )?(?:loja|balcão|balcões|escritório|delegação|"
        r"atendimento|aima|sef)\b|\bhor[áa]rios? d[ao] (?:aima|sef|loja|balcão|atendimento)\b"
        # "Who should I contact about my permit?", "Who do I call at SEF?": a contact, not a competence.
        r"|\bwho (?:do|should|can|could|must) (?:i|we) (?:call|contact|phone|ring|email|write to)\b"
        r"|\b(?:a )?quem (?:devo|posso|tenho de|é que devo) (?:ligar|telefonar|contactar|escrever)\b",
        ("Quais são os contactos do SEF?", "where is the AIMA office in Lisbon?", "horario da AIMA"),
        ("Can SEF keep the phones it seized in an investigation?", "Onde fica a sede da direção regional do Centro?"),
    ),
    # Online services or booking: no document describes a service channel ("site" alone is also a building site).
    Intent(
        "channel",
        "both",
        r"\bonline\b|\bweb ?sites?\b|\bportal\b|\bno site\b|\bsite (?:da|do|oficial)\b|\b(?:book|schedule|make) an"
        r" appointment\b|\bmarcar (?:um |o )?atendimento\b|\bmarcação\b|\bagendar\b|\bagendamento\b",
        ("Can I renew my residence permit online?", "Como faço a marcação para ser atendido?"),
        ("Are SEF inspectors allowed to walk into a building site?",),
    ),
    # When something happened ("When was AIMA created?"), not when something may be done.
    Intent(
        "date",
        "both",
        r"\bwhen (?:was|were|did|has|had)\b[^?]*\b(?:created|founded|established|set up|approved|published|signed"
        r"|promulgated|replaced?|abolished|extinguished|dissolved|start(?:ed)?|beg[ia]n|take effect|took effect"
        r"|come into force|came into force|enter(?:ed)? into force)\b|\b(?:in )?(?:what|which) year\b"
        r"|\bquando (?:é que )?(?:foi|foram|começou|entrou|terminou|acabou)\b[^?]*\b(?:criad|fundad|instituíd"
        r"|aprovad|publicad|assinad|promulgad|extint|substituíd|efeitos|vigor|funcionar)|\bem que (?:ano|data)\b",
        ("When was AIMA created?", "Em que ano foi criado o SEF?"),
        ("When can inspectors carry weapons?",),
    ),
    # The documents to bring: no document lists them. Not the requirements of a post ("Requisitos de
    # recrutamento para coordenador?", "recruitment requirements for head of delegation"), which the law states.
    Intent(
        "requirements",
        "both",
        r"what (?:documents|papers)|which documents|documents? (?:do i|should i|must i|to bring|are needed)"
        r"|que (?:documentos|papéis)|quais (?:os )?documentos|documentos (?:necessários|a levar|preciso)",
        ("What documents do I need for a residence permit?", "Quais os documentos necessários?"),
        ("Who issues travel documents?", "Requisitos de recrutamento para coordenador do GI?"),
    ),
    # The state of one's own file or document: no document holds it.
    Intent(
        "personal",
        "both",
        r"\b(?:my|o meu|a minha|os meus|as minhas)\b[^?]*\b(?:still valid|valid now|expired|ainda (?:é |está )?válid"
        r"|caduc|status of|estado d[oa])",
        ("Is my residence permit still valid?", "O meu título ainda é válido?"),
        ("Who renews my residence permit?",),
    ),
    # Who holds an office today: a 2000 decree and two pages name no current office holders.
    Intent(
        "current_holder",
        "both",
        r"\bwho(?:'s| is| are) (?:the )?(?:current|present)\b"  # not "acting": the stand-in is in Article 14
        r"|\bcurrent (?:president|director|director-general|head|minister|chair)"
        r"|\bquem (?:é|são) (?:o|a|os|as) (?:atua(?:l|is)|actua(?:l|is))\b"
        r"|\b(?:presidente|diretora?|directora?|ministra?|chefe)s? (?:atua(?:l|is)|actua(?:l|is))\b"
        # "Who is the president … today?", "Who runs AIMA now?" (not "Who appoints the director today?").
        r"|(?:\bwho(?:'s| is| are)|\bquem (?:é|são))(?=[^?]*\b(?:president|director|director-general|head|minister"
        r"|chair|presidente|diretora?|directora?|diretor-geral|ministra?|chefe)\b)(?=[^?]*" + _NOW + r")"
        r"|\b(?:who|quem)\b(?=[^?]*\b(?:runs|leads|heads|dirige|lidera|chefia)\b)(?=[^?]*" + _NOW + r")"
        # AIMA exists today: who heads it is asked in the present, and no document names anyone.
        r"|\b(?:who(?:'s| is)|quem é)\s+(?:the |o |a )?(?:president|director|head|chair|presidente|diretora?|directora?"
        r"|chefe)\s+(?:of |da |do )(?:the )?aima\b|\b(?:who|quem)\b(?=[^?]*\b(?:runs|leads|heads|dirige|lidera|chefia"
        r"|preside)\b)(?=[^?]*\baima\b)"
        # The country's leaders, asked in the present: the closing formula names those of 2000 only.
        r"|\b(?:who(?:'s| is)|quem é)\s+(?:the |o |a )?(?:prime minister|primeir[oa]-ministr[oa]"
        r"|president of (?:the republic|portugal)|presidente da república|president(?:e)? de portugal"
        r"|minister of (?:internal administration|the interior|home affairs)|ministr[oa] da administração interna)"
        r"(?![^?]*\b(?:signed|signs|promulgated|approved|assinou|promulgou|referendou|aprovou|2000)\b)",
        ("Who is the head of AIMA today?", "Quem é neste momento o presidente da AIMA?", "Who currently runs AIMA?"),
        ("Who appoints the director-general today?", "Who is the Prime Minister who signed the decree?"),
    ),
)

# -- What the question is about, and how it wants the answer cut. ------------------------------------------------
SHAPE: tuple[Intent, ...] = (
    # "List the …", "a list of …" ask for a list; "the list of people banned from entry" names a register.
    Intent(
        "list",
        "en",
        r"\b(?:which|what) (?:are|were)\b|(?:^\s*|\b(?:please|you|and)\s+)list\b|\ba list of\b|\ball (?:the )?\w+"
        r"|\bhow many\b|\b(?:what|which) (?:\w+ ){1,3}(?:did|does|do) (?:\w+ ){1,2}have\b",
        ("What are the regional directorates?", "List the powers of the director-general", "How many deputies?"),
        ("Is SEF on the list of people banned from entry?",),
    ),
    Intent(
        "list",
        "pt",
        r"\bquais (?:são|eram|os|as)\b|\btod[oa]s os\b|\btod[oa]s as\b|\bque \w+ (?:existem|há|tem|compreende)"
        r"|\bquant[oa]s\b|\bque \w+ (?:tinha|tem|havia) o\b",
        ("Quais são as competências do director-geral?", "Quantos adjuntos tem o director-geral?"),
        ("Quem concede vistos?",),
    ),
    # A reason: the preamble gives the law's; "for humanitarian reasons" asks for none.
    Intent(
        "why",
        "en",
        r"\bwhy\b|\bwhat (?:is|are|was|were) the reasons?\b|\bfor what reasons?\b|\breasons? (?:for|why|behind)\b",
        ("Why did the government need a new organic law in 2000?", "What were the reasons for the reform?"),
        ("Can a visa be extended for humanitarian reasons?",),
    ),
    Intent(
        "why",
        "pt",
        r"\bporquê\b|\bporque é que\b|^\s*porque\b|^\s*por que\b|\bpor que (?:razão|razões|motivos?)\b"
        r"|\b(?:qual|quais) (?:foi |foram |é |são |era |eram )?(?:a|o|as|os) (?:razão|razões|motivos?)\b",
        ("Porque é que o Governo refez a lei orgânica?", "Quais foram os motivos da reforma?"),
        ("Pode ser prorrogado por motivos humanitários?",),
    ),
    # Who is on a body, or what makes it up.
    Intent(
        "members",
        "both",
        r"\bcomp[õo]em?\b|\bcompost[oa]s?\b|\bconstituíd[oa]\b|\bintegram?\b|\bmembers?\b|\bmade up of\b|\bmakes? up\b"
        r"|\bcomposed of\b|\bconsists? of\b|\bcompris(?:es|ed)\b|\bsits? on\b",
        ("Who are the members of the administrative board?", "Quem compõe o conselho administrativo?"),
        ("Who chairs the administrative board?",),
    ),
    # Which department, directorate or office does something: a part of SEF, not SEF as a whole.
    Intent(
        "which_part",
        "both",
        r"\b(?:which|what|que|qual|em que) (?:central |regional )?(?:department|directorate|office|unit|departamento|"
        r"dire[cç]ção|gabinete|núcleo)|\bwhich part of\b|\bque (?:parte|serviço) d[oa] sef\b",
        ("Which department examines naturalisation files?", "Which part of SEF looks at that application?"),
        ("Who examines naturalisation files?",),
    ),
    Intent("where", "both", r"\b(?:where|onde)\b", ("Where is the list?", "Onde está a lista?"), ("Who keeps it?",)),
    # "Which article sets out …?", "Qual a norma que atribui…": a whole provision is asked for.
    Intent(
        "which_article",
        "both",
        r"\b(?:which|what) (?:article|provision|norm)"
        r"|\b(?:que|qual o|qual a|qual) (?:artigo|norma|disposição|preceito)",
        ("Which article sets out the remit of the Operations Department?", "Qual a norma que atribui competência?"),
        ("What does article 43 say?",),
    ),
    Intent(
        "annex_or_list",
        "both",
        r"\b(?:anexo|annex|list|lista|listed|listad)",
        ("What does Annex I hold?", "Onde está a lista dos postos?"),
        ("Who grants visas?",),
    ),
)

# -- Questions about the decree itself (its validity, date, title), answered from its header. ---------------------
DECREE: tuple[Intent, ...] = (
    Intent(
        "validity_words",
        "both",
        r"\b(?:in force|still (?:valid|applicable|apply|applies|in effect|effective)|revoked|repealed|"
        r"em vigor|ainda (?:é |está |se aplica|vale|válid)|revogad|ainda vigora"
        # … unless another law's number follows: "Que lei revogou o DL 440/86?" is no question about this one.
        r"|(?:revogou|substituiu|replaced) (?:o|este|the|this) (?:decreto|diploma|dl|lei orgânica|decree|organic law)"
        r"(?![^?]*\b(?!252/2000)\d+/\d+))",
        ("Is Decree-Law 252/2000 still in force?", "O DL 252/2000 ainda está em vigor?", "Que lei revogou o decreto?"),
        ("Que lei revogou o decreto 440/86?",),
    ),
    # The decree as the one revoking ("Which law was repealed by this decree?"): Article 76, not the header.
    Intent(
        "revoked_by_it",
        "both",
        r"\b(?:revogad[oa]s?|repealed|revoked) (?:by|por|pel[oa]) (?:this |the |este |esta |o presente |o |a )?"
        r"(?:decree|diploma|decreto|dl\b|organic law|lei orgânica)"
        r"|\b(?:decree|diploma|decreto|dl)\b[^?.]{0,30}\b(?:repeal|revoke|revogou|revoga|revogar|replaced?|substitu(?:i|iu))\b"
        r"|\b(?:que|quais) \w+s (?:é que )?(?:revogou|revoga)\b|norma revogatória|revoking provision",
        ("Which law was repealed by this decree-law?", "Que diplomas revogou o DL?"),
        ("Is the decree still in force?",),
    ),
    # A question word near the start, after an opening "and", "so" or "tell me": no yes or no answers it.
    Intent(
        "wh_opening",
        "both",
        r"\s*(?:(?:and|so|but|then|e|então|mas|tell me|diz-me|diga-me)[,\s]+)?"
        r"(?:which|what|who|when|how|why|where|in which|since when|que|qual|quais|quem|quando|como|porque|por que"
        r"|onde|em que|o que|desde quando|a partir de quando)\b",
        ("Which law revoked it?", "And which law repealed it?", "Que lei o revogou?"),
        ("Is it still in force?",),
        anchored=True,
    ),
    Intent(
        "asks_if_revoked",
        "both",
        r"\b(?:revoked|repealed|replaced|revogad[oa]|substituíd[oa]|no longer|já não|deixou de|ceased)\b|\brevogou\b",
        ("Was the decree revoked?", "O decreto já não está em vigor?"),
        ("Is the decree still in force?",),
    ),
    Intent("either", "both", r"\b(?:or|ou)\b", ("Is it in force or repealed?",), ("Is it in force?",)),
    # A permit, a visa or a treaty is the subject: "Is my residence permit still valid?" is not about the decree.
    Intent(
        "other_subject",
        "both",
        r"\b(?:permits?|autoriza[çc][ãa]o|autoriza[çc][õo]es|visas?|vistos?|cart[ãa]o|cards?|passports?|passaportes?"
        r"|t[íi]tulos?|agreements?|acordos?|schengen|conven[çc][ãa]o|convention|treaty|tratado|documents?|documentos?)\b",
        ("Is my residence permit still valid?", "O meu visto ainda é válido?"),
        ("Is the decree still valid?",),
    ),
    # The decree named with "in force" beside it: a premise about the decree, whatever else is asked.
    Intent(
        "decree_in_force",
        "both",
        r"\b(?:252/2000|this decree|this decree-law|este decreto|este decreto-lei|a lei orgânica do sef|"
        r"the sef organic law)\b[^?.]{0,40}\b(?:em vigor|in force)\b",
        ("Posso pedir a autorização ao abrigo do Decreto-Lei 252/2000, que está em vigor?",),
        ("Is my permit in force?",),
    ),
    # When it started to apply (Article 75), not whether it still applies.
    Intent(
        "entry_into_force",
        "both",
        r"\b(?:entra|entrou|entrará|entraria|entrada) em vigor\b|\b(?:come|comes|came|enter|enters|entered|entry)"
        r" into force\b|\b(?:take|takes|took) effect\b|\bproduzir efeitos\b"
        r"|\b(?:since when|desde quando)\b[^?]*\b(?:in force|em vigor)\b",
        ("When did the decree take effect?", "Quando entrou em vigor o decreto?"),
        ("Is the decree still in force?",),
    ),
    Intent(
        "names_a_part",
        "both",
        r"\b(?:article|artigo|art\.|n\.º|alínea|paragraph|item)\s",
        ("When did article 75 take effect?", "Quando entrou em vigor o artigo 75?"),
        ("When did the decree take effect?",),
    ),
    Intent(
        "date_opening",
        "both",
        r"^(?:and |e )?(?:when (?:was|is)|what date|em que data|que data|quando (?:é que )?(?:foi|saiu)"
        r"|what(?:'s| is| was) the (?:(?:number and )?(?:publication )?date|number and date)"
        r"|qual (?:é|foi|a) (?:a )?data|qual (?:é|foi) o número e a data)\b",
        ("When was Decree-Law 252/2000 published?", "Em que data foi publicado o decreto?"),
        ("Who published the decree?",),
    ),
    Intent(
        "date_word",
        "both",
        r"\b(?:published|publicad[oa]|publica[çc][ãa]o|publication|issued|dated?|data)\b",
        ("When was it published?", "Qual a data do decreto?"),
        ("Who signed it?",),
    ),
    Intent(
        "the_decree",
        "both",
        r"\b(?:decree|decreto|diploma|dl|252/2000)\b",
        ("When was the decree published?", "O DL 252/2000 ainda vigora?"),
        ("Who grants visas?",),
    ),
    Intent(
        "other_event",
        "both",
        r"\b(?:approv|aprova|promulg|sign|assinad|referend|countersign|vigor|force|efeito|effect|revog|revok|repeal"
        r"|amend|alter)",
        ("When was the decree approved?", "Quando foi promulgado?"),
        ("When was the decree published?",),
    ),
    Intent(
        "a_part",
        "both",
        r"\b(?:chapter|capítulo|capitulo|section|secção|seção|subsection|subsecção|article|artigo|annex|anexo|preamble"
        r"|preâmbulo)\b",
        ("What is the title of chapter II?", "Qual o título do capítulo II?"),
        ("What is the title of the decree?",),
    ),
    Intent(
        "header_title",
        "both",
        r"\b(?:title|name|título|titulo|designação|nome)(?:\s+(?:of|do|da|deste|desta)\s+(?:the |this |o |a |este )?"
        r"(?:decree|decreto|diploma|dl\b|lei\b))|\bdecree(?:-law)?'s (?:title|name)\b",
        ("What is the title of the decree?", "Qual o título do decreto?"),
        ("What is the title of chapter II?",),
    ),
    Intent(
        "header_summary",
        "both",
        r"\b(?:summary|sumário|sumario)(?:\s+(?:of|do|da|deste|desta)\s+(?:the |this |o |a |este )?"
        r"(?:decree|decreto|diploma|dl\b|lei\b))|\bdecree(?:-law)?'s summary\b"
        r"|\bwhat(?:'s| is| was)\s+(?:the\s+|this\s+)?(?:decree-law|decree|dl|diploma)(?:\s+(?:n\.?º\s*)?252/2000)?"
        r"\s+(?:all\s+)?about\b"
        r"|\b(?:de que (?:trata|fala)|sobre o que é) (?:o |este )?(?:decreto-lei|decreto|diploma|dl)\b",
        ("Qual o sumário do decreto?", "What is Decree-Law 252/2000 about?", "De que trata o decreto?"),
        ("What does article 2 say about asylum?",),
    ),
    # "Who replaced SEF?", "O SEF ainda existe?": the revocation, and who does SEF's work now.
    Intent(
        "successor",
        "both",
        r"\b(?:who|what)\s+(?:has\s+|have\s+)?replaced\s+(?:the\s+)?sef\b|\b(?:quem|o que|que (?:entidade|agência|"
        r"organismo))\s+(?:é que\s+)?substituiu\s+o\s+sef\b|\bsef\b[^?]*\b(?:still exists?|ainda existe|abolished|"
        r"extinto|extinct|dissolved|replaced by|substituído pel[oa]|no longer exists?|já não existe)\b"
        r"|\b(?:successor|sucessor[a]?)\b[^?]*\bsef\b|\bsef\b[^?]*\b(?:successor|sucessor[a]?)\b",
        ("Who replaced SEF?", "O SEF ainda existe?"),
        ("Who replaces the director-general?",),
    ),
)

# -- Out of scope: another country's law, even when the words (visa, residence) are in the corpus. ---------------
SCOPE: tuple[Intent, ...] = (
    Intent(
        "other_country",
        "both",
        r"\b(?:spanish|french|german|british|english|american|brazilian|italian|angolan|indian|chinese|irish|swiss"
        r"|dutch|canadian|cape verdean|mozambican)\s+(?:\w+\s+)?(?:law|laws|legislation|rules|system|visas?)\b"
        r"|\b(?:lei|leis|legislação|regras|sistema)\s+(?:\w+\s+)?(?:espanhola|francesa|alemã|britânica|inglesa"
        r"|americana|brasileira|italiana|angolana|indiana|chinesa|irlandesa|suíça|holandesa|canadiana|cabo-verdiana"
        r"|moçambicana)s?\b"
        r"|\b(?:in|em|no|na|para o|para a|to|of|do|da)\s+(?:the\s+)?(?:brazil|brasil|canada|canadá|spain|espanha|"
        r"france|frança|germany|alemanha|uk|united kingdom|reino unido|usa|us|united states|estados unidos|eua|italy|"
        r"itália|angola|cabo verde|mozambique|moçambique|india|índia|china|ireland|irlanda|switzerland|suíça|"
        r"netherlands|holanda|países baixos)\b",
        ("Do I need a visa to work in Brazil?", "Como funciona a lei brasileira de imigração?"),
        ("Who grants visas in Portugal?",),
    ),
    # A question set in Portugal is about Portugal's law, whatever other country it names ("Tirei o passaporte
    # no consulado do Brasil aqui em Portugal").
    Intent(
        "in_portugal",
        "both",
        r"\b(?:in|em|no|na|aqui em|cá em|here in)\s+portugal\b|\bportuguese (?:law|territory|border)"
        r"|\bterritório nacional\b",
        ("Tirei o passaporte no consulado do Brasil aqui em Portugal. Quem o visa?", "Can I work in Portugal?"),
        ("Do I need a visa to work in Brazil?",),
    ),
    Intent(
        "foreign_law_subject",
        "both",
        r"visa|visto|law|lei|residen|regras|rules|immigra|imigra|work|trabalh|arraigo|tax|imposto",
        ("Do I need a visa to work in Brazil?",),
        ("What is the capital of Brazil?",),
    ),
)

# -- Follow-ups: questions that only make sense with the history. ------------------------------------------------
FOLLOW_UPS: tuple[Intent, ...] = (
    Intent(
        "leans_on_history",
        "both",
        r"^(?:and|but|what about|how about|also|then|e|mas|e quanto|então|também)\b"
        r"|\b(?:him|her|it|its|they|them|their|that one|this one|the same|ele|ela|eles|elas|dele|dela|deles|isso|"
        r"esse|essa|esses|essas|este|esta|o mesmo|a mesma|lhe|lhes)\b"
        # Portuguese drops the subject pronoun: "Pode ser um inspetor-adjunto a chefiar?" is "can it be…".
        r"|^(?:pode|poderá|podia|tem de|tem que|deve|terá de) ser\b",
        ("and who replaces him?", "e no Algarve?", "Pode ser um inspetor-adjunto a chefiar?"),
        ("Who grants residence permits?",),
    ),
    # "Quem aplica coimas?": a short question opening with a question word and no pronoun may stand alone.
    Intent(
        "wh_without_pronoun",
        "both",
        r"^(?:who|what|which|where|quem|que|qual|quais|onde)\b"
        r"(?!\s+(?:o|a|os|as|lhe|lhes|é|is|are|são|was|were|foi|era)\b)",
        ("Quem aplica coimas?", "who decides expulsions?"),
        ("Quem o substitui?", "Quem é responsável?"),
        anchored=True,
    ),
)

TABLE: tuple[Intent, ...] = (*KINDS, *SHAPE, *DECREE, *SCOPE, *FOLLOW_UPS)
KIND_NAMES = tuple(dict.fromkeys(i.name for i in KINDS))


def intents_in(text: str, rows: tuple[Intent, ...] = TABLE) -> frozenset[str]:
    """The intents whose pattern the (normalised) text matches."""
    text = normalize(text)
    return frozenset(row.name for row in rows if row.found(text))
