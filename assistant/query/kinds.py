"""The kind of answer a question expects (an amount, a duration, a processing time, a date, a contact, an
online service or booking, required documents, one's own file, who holds an office today): rows of the
intent table (``intents.KINDS``). Whether evidence holds one is the answer's business (``answering/kinds.py``)."""

from __future__ import annotations

import re

from assistant.corpus.text import normalize
from assistant.query.intents import KINDS

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
    return list(dict.fromkeys(row.name for row in KINDS if row.found(text)))
