"""A claim inside a question, searched as what it claims: "O diretor-geral só tem dois adjuntos, não é?"
is searched as how many deputies there are, so that the unit stating the real number answers and
corrects the premise."""

from __future__ import annotations

import re

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
