"""Questions about the decree itself: is it in force, which law revoked it, when it was published, its title or
summary, what became of SEF, when it took effect. Answered from the header (``answering/validity.py``) or,
for its entry into force, by Article 75."""

from __future__ import annotations

import re

from assistant.corpus.text import normalize
from assistant.query.intents import DECREE, intents_in

# Law numbers: another law's ("440/86"), not this decree's nor the one that revoked it (its header's note).
_NOT_THIS_LAW = re.compile(r"\b(?!252/2000\b)\d+/\d{2,4}\b")
_ANOTHER_LAW = re.compile(r"\b(?!252/2000\b|73/2021\b)\d+/\d{2,4}\b")
# "Que lei revogou o DL 252/2000?" names the decree by number: that number is no other law.
_REVOKED_BY_NUMBER = re.compile(r"\b(?:dl|decreto-lei|decree-law)\s*(?:n\.º\s*)?252/2000\b", re.IGNORECASE)
# "o decreto-lei que aprovou a orgânica do SEF" names the decree by what it does (its summary): no other event.
_APPROVES_THE_STRUCTURE = re.compile(
    r"\b(?:que|which|that) (?:aprov\w*|approv\w*) (?:a |the )?(?:\w+'s )?(?:estrutura |organic )?"
    r"(?:orgânica|structure|law)\b",
    re.IGNORECASE,
)
_ENTRY_INTO_FORCE = next(row for row in DECREE if row.name == "entry_into_force").compiled


def _has(name: str, text: str) -> bool:
    return name in intents_in(text, DECREE)


def asks_entry_into_force(question: str) -> bool:
    """'When did the decree take effect?': about the decree as a whole, not a part of it or another law."""
    text = normalize(question)
    return _has("entry_into_force", text) and not (
        _has("names_a_part", text) or _NOT_THIS_LAW.search(_REVOKED_BY_NUMBER.sub(" ", text))
    )


def asks_validity(question: str) -> bool:
    text = normalize(question)
    if _has("decree_in_force", text) and not _has("entry_into_force", text):
        return True
    if _has("other_subject", text) or _ANOTHER_LAW.search(_REVOKED_BY_NUMBER.sub(" ", text)):
        return False  # "Is my residence permit still valid?" is no question about the decree
    # Entry into force is no evidence of asking about validity; what else the question says may be.
    return _has("validity_words", _ENTRY_INTO_FORCE.sub(" ", text)) and not _has("revoked_by_it", text)


def asks_if_revoked(question: str) -> bool:
    """'Was it revoked?' (yes) rather than 'Is it still in force?' (no)."""
    return _has("asks_if_revoked", question)


def asks_either(question: str) -> bool:
    """'Is it still in force, or has it been repealed?': neither yes nor no answers it."""
    return _has("either", question)


def is_yes_no(question: str) -> bool:
    """'Is it still in force?' (answered "No: …") rather than 'Which law revoked it?'."""
    return not _has("wh_opening", question)


def asks_decree_date(question: str) -> bool:
    text = _APPROVES_THE_STRUCTURE.sub(" ", normalize(question).strip())
    found = intents_in(text, DECREE)
    return {"date_opening", "date_word", "the_decree"} <= found and "other_event" not in found


def asks_header_part(question: str) -> str | None:
    """'title' or 'summary' when the question asks for that line of the decree's header."""
    found = intents_in(question, DECREE)
    if "the_decree" not in found or "other_event" in found or "a_part" in found:
        return None
    return "title" if "header_title" in found else "summary" if "header_summary" in found else None


def asks_successor(question: str) -> bool:
    return _has("successor", question)
