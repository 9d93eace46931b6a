"""Follow-ups: questions that only make sense with the history ("and who replaces him?", "e no Algarve?"),
short questions that may stand alone ("Quem aplica coimas?"), and the pronoun a follow-up leaves for the
post last cited ("Quem o substitui?")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus.text import normalize
from assistant.query.intents import FOLLOW_UPS, intents_in


@dataclass
class Turn:
    """One question and answer of a conversation, as a follow-up leans on it."""

    question: str
    search_query: str
    cited: list[str]  # best evidence first (see Assistant._remember)
    language: str


def is_follow_up(question: str) -> bool:
    """Questions that only make sense with the history: 'and who replaces him?', 'e no Algarve?'."""
    text = normalize(question)
    return "leans_on_history" in intents_in(text, FOLLOW_UPS) or len(text.split()) <= 3


def may_stand_alone(question: str) -> bool:
    """'Quem aplica coimas?', 'who decides expulsions?': short, but a question of its own if the corpus
    answers it as such (searched on its own first). 'Quem é responsável?' is as short and needs the history;
    'Quem o substitui?' has its subject in a pronoun."""
    text = normalize(question).strip()
    found = intents_in(text, FOLLOW_UPS)
    return len(text.split()) == 3 and "leans_on_history" not in found and "wh_without_pronoun" in found


# "Quem o substitui?" / "who replaces him?": the object pronoun stands for the subject of the last answer.
_PT_OBJECT = re.compile(r"^(\s*(?:e\s+)?(?:quem|que|como)\s+)(o|a|os|as)\s+(\w+)", re.IGNORECASE)
_EN_OBJECT = re.compile(r"\b(?:him|her|them)\b", re.IGNORECASE)
# Only a post stands for a person: "E quem as pode conduzir?" after Article 71 (the cars' tolls) is no
# question about its heading.
_POST = re.compile(
    r"^(?:director|diretor|directora|diretora|chefe|coordenador|inspector|inspetor|presidente|secretário|head|"
    r"chief|coordinator|deputy|president|secretary)\b",
    re.IGNORECASE,
)


def with_subject(question: str, subject: str) -> str | None:
    """The follow-up with its object pronoun replaced by the post it stands for, or None when it has
    none: "Quem o substitui?" + "Director-geral" -> "Quem substitui o Director-geral?"."""
    if not _POST.match(subject):
        return None
    pt = _PT_OBJECT.match(question)
    if pt:
        return f"{pt.group(1)}{pt.group(3)} {pt.group(2)} {subject}{question[pt.end() :]}"
    if _EN_OBJECT.search(question):
        return _EN_OBJECT.sub(f"the {subject}", question, count=1)
    return None


# "[1] Article 13(2)(h) (dl-252-2000/art-13/n-2/al-h): “…”": a /v1 answer names what it cites by id.
_CITED_ID = re.compile(
    r"^\[\d+\][^\n]*?\(((?:dl-252-2000|sef-relacoes-internacionais|aima-explainer)(?:/[a-z0-9-]+)*)\)", re.MULTILINE
)
_SOURCES = re.compile(r"^(Fontes|Sources):\s*$", re.MULTILINE)


def history_from_messages(exchanges: list[tuple[str, str | None]]) -> list[Turn]:
    """The turns an OpenAI-style history holds: each (user question, the answer that followed, or None), with the
    units each answer cited read back from its sources, and its language from their heading ("Fontes" is
    Portuguese). A client sends the whole history with every call, so nothing needs keeping on the server."""
    turns = []
    for question, answer in exchanges:
        cited = _CITED_ID.findall(answer or "")
        heading = _SOURCES.search(answer or "")
        language = ("pt" if heading.group(1) == "Fontes" else "en") if heading else ""
        turns.append(Turn(question=question, search_query=question, cited=cited, language=language))
    return turns
