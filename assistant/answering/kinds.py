"""The kind of answer a question expects (an amount, a duration, a processing time, a date, a contact,
an online service or booking, required documents, who holds an office today), and whether evidence
holds one: when it holds nothing of that kind, the corpus does not answer the question."""

from __future__ import annotations

import re

from assistant.corpus.text import normalize

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
