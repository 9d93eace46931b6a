"""Whether evidence holds the kind of answer a question expects (``plan.expected``: an amount, a duration,
a processing time, a date, a contact, an online service, required documents, one's own file, who holds an
office today): when it holds nothing of that kind, the corpus does not answer the question."""

from __future__ import annotations

import re

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


def evidence_has(kind: str, text: str) -> bool:
    return bool(_EVIDENCE[kind].search(text))
