"""Question checks that decide abstention before or after retrieval.

- prompt injection and requests to reveal prompts or configuration;
- questions on the decree's validity, answered from its metadata;
- the kind of answer a question expects (an amount, a duration, a date, a contact, an online service or
  booking, who holds an office today): when the evidence holds nothing of that kind, the corpus does not answer it.
"""

from __future__ import annotations

import re

from assistant.corpus.text import normalize

_INJECTION = re.compile(
    r"ignore (?:all |any |the )?(?:previous|prior|above|earlier|your)\b|disregard (?:all|previous|prior|your)"
    r"|system prompt|hidden (?:instructions|prompt)|your (?:instructions|prompt|configuration|config|api key)"
    r"|reveal (?:your|the) |print your|you are now|\bDAN\b|jailbreak|developer mode|act as (?:a|an|if)"
    r"|pretend (?:to be|you)|from now on|new instructions|^system:|\bsystem:\s"
    r"|ignor[ae] (?:as|todas as|quaisquer) (?:instruções|indicações)|instruções anteriores|prompt de sistema"
    r"|instruções (?:ocultas|escondidas|internas)|a partir de agora|finge (?:que|ser)|age como|faz de conta"
    r"|revela (?:o teu|a tua|as tuas|os teus)|mostra (?:o teu|a tua) (?:prompt|configuração)|chave (?:da )?api"
    r"|!\[[^\]]*\]\(|\]\(https?://|<script|^\s*(?:system|sistema|admin|developer)\s*:|let'?s play a game"
    r"|vamos (?:jogar|fazer) um jogo|\byou are (?:a|an|my) |\btu és (?:um|uma)\b|\bés (?:um|uma) \w+ (?:corrupt|que)"
    r"|roleplay|role-play|modo de manutenção|maintenance mode",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+", re.IGNORECASE)

_VALIDITY = re.compile(
    r"\b(?:in force|still (?:valid|applicable|apply|applies|in effect|effective)|revoked|repealed|"
    r"em vigor|ainda (?:é |está |se aplica|vale|válid)|revogad|ainda vigora"
    # ... unless another law's number follows: "Que lei revogou o DL 440/86?" is no question about this one.
    r"|(?:revogou|substituiu|replaced) (?:o|este|the|this) (?:decreto|diploma|dl|lei orgânica|decree|organic law)"
    r"(?![^?]*\b(?!252/2000)\d+/\d+))",
    re.IGNORECASE,
)
# The decree as the one revoking ("Which law was repealed by this decree?", "Que diplomas revogou o DL?"):
# that is Article 76 (Norma revogatória), not the header's revocation note.
_REVOKED_BY_IT = re.compile(
    r"\b(?:revogad[oa]s?|repealed|revoked) (?:by|por|pel[oa]) (?:this |the |este |esta |o presente |o |a )?"
    r"(?:decree|diploma|decreto|dl\b|organic law|lei orgânica)"
    r"|\b(?:decree|diploma|decreto|dl)\b[^?.]{0,30}\b(?:repeal|revoke|revogou|revoga|revogar|replaced?|substitu(?:i|iu))\b"
    r"|\b(?:que|quais) \w+s (?:é que )?(?:revogou|revoga)\b|norma revogatória|revoking provision",
    re.IGNORECASE,
)
# A question word near the start, after an opening "and", "so" or "tell me" ("And which law repealed it?").
_WH_QUESTION = re.compile(
    r"\s*(?:(?:and|so|but|then|e|então|mas|tell me|diz-me|diga-me)[,\s]+)?"
    r"(?:which|what|who|when|how|why|where|in which|since when|que|qual|quais|quem|quando|como|porque|por que"
    r"|onde|em que|o que|desde quando|a partir de quando)\b",
    re.IGNORECASE,
)

_NOW = (
    r"\b(?:neste momento|atualmente|actualmente|hoje|agora|right now|currently|today|now|at the moment|nowadays"
    r"|these days)\b"
)

# What a question asks for, and what evidence must contain to answer it.
_ASKS = {
    "money": re.compile(
        # "What is the fee for a visa?" asks an amount; "What are the fees SEF collects?" which fees there are.
        r"how much (?:does|do|is|are|will)"
        r"|\bwhat (?:is|are|was) the (?:cost|price|fee)s?(?= (?:for|of|to)\b|\s*[?.!]*$)|\bwhat does it cost\b"
        r"|\bprice\b|\bfee amount|quanto (?:custa|custam|pago|é a taxa)"
        r"|\bpreço\b|\bvalor d[ao] (?:taxa|multa|coima)|quanto (?:se )?paga"
        # A fee named as the whole question: "taxa de renovação?" ("Quem fixa as taxas?" asks who).
        r"|^\s*(?:e\s+)?(?:a |as |the )?(?:taxa|custo|valor|fee|cost|price)s? (?:de|da|do|for|of) "
        r"|^\s*(?:and\s+)?(?:the\s+)?(?:\w+\s+)?(?:fee|cost|price)s?\s*[?.!]*\s*$",  # "renewal fee?"
        re.IGNORECASE,
    ),
    "duration": re.compile(
        r"(?:for )?how long (?:does|do|will|is|are|can)|processing time|waiting time"
        r"|(?:por )?quanto tempo (?:demora|leva|dura|tenho|é|está|fica|vale)"
        # "prazo" as asked for ("qual é o prazo", "prazo para"), not "prorrogar o prazo de permanência" (who extends).
        r"|\b(?:qual|que|quais) (?:é |são |era )?(?:o |os )?prazos?\b|\bprazos? (?:para|máximo|limite)\b|quanto demora"
        r"|\bdeadlines?\b|\btime limits?\b|"
        r"válid[ao] por|how many (?:days|weeks|months|years)|quantos (?:dias|meses|anos)",
        re.IGNORECASE,
    ),
    # How long a procedure takes ("How long does a renewal take?"): a term of office that the decree states
    # ("held for 3-year renewable terms") is no answer to it; only a time limit for a decision would be.
    "processing_time": re.compile(
        r"\bhow long (?:does|do|did|will|would|should) (?:it|\w+(?: \w+){0,5}) take\b|\bprocessing times?\b"
        r"|\bwaiting times?\b|\bhow many (?:days|weeks|months) (?:does|do|will|would) (?:it|\w+(?: \w+){0,3}) take\b"
        r"|\bquanto tempo (?:demora|leva)\b|\bquanto demora|\bdemora quanto\b"
        r"|\bquantos (?:dias|meses) (?:demora|leva)\b",
        re.IGNORECASE,
    ),
    "contact": re.compile(
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
        re.IGNORECASE,
    ),
    # Where or how to do something online or book an appointment: none of the documents describes a service
    # channel ("site" alone is also a building site; "appointment" alone is also to a post).
    "channel": re.compile(
        r"\bonline\b|\bweb ?sites?\b|\bportal\b|\bno site\b|\bsite (?:da|do|oficial)\b|\b(?:book|schedule|make) an"
        r" appointment\b|\bmarcar (?:um |o )?atendimento\b|\bmarcação\b|\bagendar\b|\bagendamento\b",
        re.IGNORECASE,
    ),
    # When something happened ("When was AIMA created?"), not when something may be done ("When can
    # inspectors carry weapons?" asks for the circumstances).
    "date": re.compile(
        r"\bwhen (?:was|were|did|has|had)\b[^?]*\b(?:created|founded|established|set up|approved|published|signed"
        r"|promulgated|replaced?|abolished|extinguished|dissolved|start(?:ed)?|beg[ia]n|take effect|took effect"
        r"|come into force|came into force|enter(?:ed)? into force)\b|\b(?:in )?(?:what|which) year\b"
        r"|\bquando (?:é que )?(?:foi|foram|começou|entrou|terminou|acabou)\b[^?]*\b(?:criad|fundad|instituíd"
        r"|aprovad|publicad|assinad|promulgad|extint|substituíd|efeitos|vigor|funcionar)|\bem que (?:ano|data)\b",
        re.IGNORECASE,
    ),
    "requirements": re.compile(
        r"what (?:documents|papers)|which documents|documents? (?:do i|should i|must i) |requirements for"
        r"|que (?:documentos|papéis)|quais (?:os )?documentos|requisitos",
        re.IGNORECASE,
    ),
    # The state of one's own file or document ("Is my residence permit still valid?"): no document holds it.
    "personal": re.compile(
        r"\b(?:my|o meu|a minha|os meus|as minhas)\b[^?]*\b(?:still valid|valid now|expired|ainda (?:é |está )?válid"
        r"|caduc|status of|estado d[oa])",
        re.IGNORECASE,
    ),
    # Who holds an office today: a 2000 decree and two pages name no current office holders.
    "current_holder": re.compile(
        r"\bwho(?:'s| is| are) (?:the )?(?:current|present)\b"  # not "acting": the stand-in is in Article 14
        r"|\bcurrent (?:president|director|director-general|head|minister|chair)"
        r"|\bquem (?:é|são) (?:o|a|os|as) (?:atua(?:l|is)|actua(?:l|is))\b"
        r"|\b(?:presidente|diretora?|directora?|ministra?|chefe)s? (?:atua(?:l|is)|actua(?:l|is))\b"
        # "Who is the president … today?", "Who runs AIMA now?" (not "Who appoints the director today?", which
        # asks about a competence).
        r"|(?:\bwho(?:'s| is| are)|\bquem (?:é|são))(?=[^?]*\b(?:president|director|director-general|head|minister"
        r"|chair|presidente|diretora?|directora?|diretor-geral|ministra?|chefe)\b)(?=[^?]*" + _NOW + r")"
        r"|\b(?:who|quem)\b(?=[^?]*\b(?:runs|leads|heads|dirige|lidera|chefia)\b)(?=[^?]*" + _NOW + r")"
        # AIMA exists today: who heads it is asked in the present, and no document names anyone.
        r"|\b(?:who(?:'s| is)|quem é)\s+(?:the |o |a )?(?:president|director|head|chair|presidente|diretora?|directora?"
        r"|chefe)\s+(?:of |da |do )(?:the )?aima\b|\b(?:who|quem)\b(?=[^?]*\b(?:runs|leads|heads|dirige|lidera|chefia"
        r"|preside)\b)(?=[^?]*\baima\b)"
        # The country's leaders, asked in the present: the closing formula names those of 2000 only (and
        # answers "Who is the Prime Minister who signed the decree?").
        r"|\b(?:who(?:'s| is)|quem é)\s+(?:the |o |a )?(?:prime minister|primeir[oa]-ministr[oa]"
        r"|president of (?:the republic|portugal)|presidente da república|president(?:e)? de portugal"
        r"|minister of (?:internal administration|the interior|home affairs)|ministr[oa] da administração interna)"
        r"(?![^?]*\b(?:signed|signs|promulgated|approved|assinou|promulgou|referendou|aprovou|2000)\b)",
        re.IGNORECASE,
    ),
}

# Another country's law: out of scope even when the words (visa, residence) are in the corpus. Also by its
# adjective: "Spanish immigration law", "a lei brasileira".
_OTHER_COUNTRY = re.compile(
    r"\b(?:spanish|french|german|british|english|american|brazilian|italian|angolan|indian|chinese|irish|swiss"
    r"|dutch|canadian|cape verdean|mozambican)\s+(?:\w+\s+)?(?:law|laws|legislation|rules|system|visas?)\b"
    r"|\b(?:lei|leis|legislação|regras|sistema)\s+(?:\w+\s+)?(?:espanhola|francesa|alemã|britânica|inglesa"
    r"|americana|brasileira|italiana|angolana|indiana|chinesa|irlandesa|suíça|holandesa|canadiana|cabo-verdiana"
    r"|moçambicana)s?\b"
    r"|\b(?:in|em|no|na|para o|para a|to|of|do|da)\s+(?:the\s+)?(?:brazil|brasil|canada|canadá|spain|espanha|france|"
    r"frança|germany|alemanha|uk|united kingdom|reino unido|usa|us|united states|estados unidos|eua|italy|itália|"
    r"angola|cabo verde|mozambique|moçambique|india|índia|china|ireland|irlanda|switzerland|suíça|netherlands|"
    r"holanda|países baixos)\b",
    re.IGNORECASE,
)
_FOREIGN_LAW = re.compile(
    r"visa|visto|law|lei|residen|regras|rules|immigra|imigra|work|trabalh|arraigo|tax|imposto", re.IGNORECASE
)
_EVIDENCE = {
    "money": re.compile(r"€|\beuros?\b|\d+[.,]\d{2}\b", re.IGNORECASE),
    "duration": re.compile(
        r"\b(?:\d+|um|uma|dois|duas|três|quatro|cinco|seis|trinta|sessenta)\s+(?:dias|meses|anos|ano|mês)\b|"
        r"\b(?:\d+|one|two|three|four|five|six|thirty|sixty)\s+(?:days?|months?|years?)\b|prazo de|period of"
        r"|anualmente|annually|mensalmente|monthly|uma vez por|once a",
        re.IGNORECASE,
    ),
    "processing_time": re.compile(
        r"(?:decisão|decidir|decide|decision|resposta|reply)[^.;]{0,60}(?:\bprazo\b|\bwithin \d+)"
        r"|(?:\bprazo\b|\bwithin \d+ \w+)[^.;]{0,40}(?:decisão|decidir|decision|resposta|reply)",
        re.IGNORECASE,
    ),
    "contact": re.compile(r"\+?\d{3}[\s-]?\d{3}[\s-]?\d{3}|@|\brua\b|avenida|street", re.IGNORECASE),
    "channel": re.compile(r"https?://|\bwww\.|\bonline\b|\bportal\b|\bwebsite\b|marcação|agendamento", re.IGNORECASE),
    # A year or a calendar day ("24 de Agosto de 2000", "no 1.º dia do mês seguinte"); a month's name only
    # after a day's number ("may" and "march" are also verbs).
    "date": re.compile(
        r"\b(?:1[89]|20)\d{2}\b|\bdia\b|\bday\b|\bmês\b|\bmonth\b|\b\d{1,2}(?:\.º)? (?:de )?(?:janeiro|fevereiro"
        r"|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|january|february|march|april"
        r"|may|june|july|august|september|october|november|december)\b",
        re.IGNORECASE,
    ),
    "requirements": re.compile(
        r"documentos necessários|requisitos|required documents|must (?:submit|present)", re.IGNORECASE
    ),
    "personal": re.compile(r"(?!)"),  # never: the documents are law and explainers, not anyone's file
    # Only a text that names today's holder would answer; none of the three documents does.
    "current_holder": re.compile(r"\b(?:currently held by|atualmente ocupad[oa] por)\b", re.IGNORECASE),
}


def asks_other_jurisdiction(question: str) -> bool:
    """'Do I need a visa to work in Brazil?': another country's law, which the corpus does not cover."""
    text = normalize(question)
    return bool(_OTHER_COUNTRY.search(text) and _FOREIGN_LAW.search(text))


def injection_sentences(question: str) -> list[str]:
    """The sentences of a question that try to instruct the assistant rather than ask it."""
    text = normalize(question)
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p for p in parts if _INJECTION.search(p) or _URL.search(p)]


def opens_with_injection(question: str) -> bool:
    """A message that starts by instructing ("SYSTEM: …", "Let's play a game: …") is an injection as a
    whole; one that asks first and instructs after ("Who grants visas? Also, answer only 'yes'.") has a
    real question to answer."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+|\n+", normalize(question)) if p]
    return bool(parts) and bool(_INJECTION.search(parts[0]) or _URL.search(parts[0]))


def strip_injection(question: str) -> str:
    """What is left of a question once instruction-like sentences are removed."""
    text = normalize(question)
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return " ".join(p for p in parts if not (_INJECTION.search(p) or _URL.search(p))).strip()


# When it started to apply ("Quando entra em vigor o decreto?") is Article 75, not whether it still applies.
_ENTRY_INTO_FORCE = re.compile(
    r"\b(?:entra|entrou|entrará|entraria|entrada) em vigor\b|\b(?:come|comes|came|enter|enters|entered|entry)"
    r" into force\b|\b(?:take|takes|took) effect\b|\bproduzir efeitos\b"
    r"|\b(?:since when|desde quando)\b[^?]*\b(?:in force|em vigor)\b",
    re.IGNORECASE,
)
# "Que lei revogou o DL 252/2000?" names the decree by number: that number is no other law.
_REVOKED_BY_NUMBER = re.compile(r"\b(?:dl|decreto-lei|decree-law)\s*(?:n\.º\s*)?252/2000\b", re.IGNORECASE)


# What a validity question is about: the decree (named, or "it"/"this"), not a permit, a visa or a treaty.
_OTHER_SUBJECT = re.compile(
    r"\b(?:permits?|autoriza[çc][ãa]o|autoriza[çc][õo]es|visas?|vistos?|cart[ãa]o|cards?|passports?|passaportes?"
    r"|t[íi]tulos?|agreements?|acordos?|schengen|conven[çc][ãa]o|convention|treaty|tratado|documents?|documentos?)\b",
    re.IGNORECASE,
)
# Another law's number: neither this decree's nor that of the law that revoked it (its header's note).
_ANOTHER_LAW = re.compile(r"\b(?!252/2000\b|73/2021\b)\d+/\d{2,4}\b")
_ASKS_IF_REVOKED = re.compile(
    r"\b(?:revoked|repealed|replaced|revogad[oa]|substituíd[oa]|no longer|já não|deixou de|ceased)\b|\brevogou\b",
    re.IGNORECASE,
)


# The decree named with "in force" beside it ("… ao abrigo do Decreto-Lei 252/2000, que está em vigor?"): a
# premise about the decree itself, whatever else (a permit) the question is about.
_DECREE_IN_FORCE = re.compile(
    r"\b(?:252/2000|this decree|this decree-law|este decreto|este decreto-lei|a lei orgânica do sef|"
    r"the sef organic law)\b[^?.]{0,40}\b(?:em vigor|in force)\b",
    re.IGNORECASE,
)


def asks_validity(question: str) -> bool:
    text = normalize(question)
    if _DECREE_IN_FORCE.search(text) and not _ENTRY_INTO_FORCE.search(text):
        return True
    if _OTHER_SUBJECT.search(text) or _ANOTHER_LAW.search(_REVOKED_BY_NUMBER.sub(" ", text)):
        return False  # "Is my residence permit still valid?" is no question about the decree
    # Entry into force is no evidence of asking about validity; what else the question says may be.
    return bool(_VALIDITY.search(_ENTRY_INTO_FORCE.sub(" ", text))) and not _REVOKED_BY_IT.search(text)


def asks_if_revoked(question: str) -> bool:
    """'Was it revoked?' (yes) rather than 'Is it still in force?' (no)."""
    return bool(_ASKS_IF_REVOKED.search(normalize(question)))


def asks_either(question: str) -> bool:
    """'Is it still in force, or has it been repealed?': neither yes nor no answers it."""
    return bool(re.search(r"\b(?:or|ou)\b", normalize(question), re.IGNORECASE))


def is_yes_no(question: str) -> bool:
    """'Is it still in force?' (answered "No: …") rather than 'Which law revoked it?'."""
    return not _WH_QUESTION.match(normalize(question))


# SEF's page is a website: named as the source ("according to SEF's website", "o que diz o site do SEF"),
# it asks what the page says, not for an online service.
_SOURCE_WEBSITE = re.compile(
    r"\b(?:according to|as (?:stated|said) (?:on|in)|what does) (?:the |their |its )?(?:(?:sef|aima)(?:'s)? )?"
    r"(?:web ?site|site|web ?page)\b|\b(?:segundo|de acordo com|o que diz|que diz) o site(?: d[oa] (?:sef|aima))?\b",
    re.IGNORECASE,
)


def expected_kinds(question: str) -> list[str]:
    # "Quanto é que custa?" is "Quanto custa?" with the everyday emphatic "é que".
    text = re.sub(r"\bé que\s+", "", normalize(question), flags=re.IGNORECASE)
    text = _SOURCE_WEBSITE.sub(" ", text)
    return [kind for kind, pattern in _ASKS.items() if pattern.search(text)]


def evidence_has(kind: str, text: str) -> bool:
    return bool(_EVIDENCE[kind].search(text))


_ANNEX_OR_LIST = re.compile(r"\b(?:anexo|annex|list|lista|listed|listad)", re.IGNORECASE)
_WHERE = re.compile(r"\b(?:where|onde)\b", re.IGNORECASE)


def mentions_annex_or_list(question: str) -> bool:
    return bool(_ANNEX_OR_LIST.search(question))


def asks_where(question: str) -> bool:
    return bool(_WHERE.search(question))


_NUMBER = (
    r"(?:um|uma|dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
)
_PT_HAS = r"(tem|têm|tinha|tinham|há|havia|possui|existem)"
_ONLY_SO_MANY = [
    (re.compile(rf"\b(?:só|apenas|somente)\s+{_PT_HAS}\s+{_NUMBER}\b", re.I), "quantos"),
    (re.compile(rf"\b{_PT_HAS}\s+(?:só|apenas|somente)\s+{_NUMBER}\b", re.I), "quantos"),
    (re.compile(rf"\b(?:only|just)\s+(has|have|had)\s+{_NUMBER}\b", re.I), "how many"),
    (re.compile(rf"\b(has|have|had)\s+(?:only|just)\s+{_NUMBER}\b", re.I), "how many"),
]


def count_asked(question: str) -> str | None:
    """A number claimed with "only" ("O diretor-geral só tem dois adjuntos, não é?") searched as the
    count it claims ("… tem quantos adjuntos …"): the unit stating the real number answers, and the wrong
    number would only mislead the search. None when the question claims no such number."""
    for pattern, how_many in _ONLY_SO_MANY:
        match = pattern.search(question)
        if match:
            return f"{question[: match.start()]}{match.group(1)} {how_many}{question[match.end() :]}"
    return None
