"""Questions about the decree itself, answered from its header (quoted verbatim), not from retrieval:
'Is the decree still in force?', 'Which law revoked it?' (the revocation note) and 'When was it
published?' (its number and date)."""

from __future__ import annotations

import re

from assistant.answering import policy
from assistant.answering.models import Answer, Citation
from assistant.answering.notices import notices_for
from assistant.corpus import DECREE_ID, Corpus, label
from assistant.corpus.text import normalize
from assistant.retrieval.references import find_references

# "Em que data foi publicado o decreto?", "When was Decree-Law 252/2000 published?", "What is the
# decree's date?": a question opening on the date. Approval and promulgation are the closing
# formula's, entry into force Article 75's, found by search; "the list of posts that existed when the
# decree was published" asks for the list.
_DATE_OPENING = re.compile(
    r"^(?:and |e )?(?:when (?:was|is)|what date|em que data|que data|quando (?:é que )?(?:foi|saiu)"
    r"|what(?:'s| is| was) the (?:(?:number and )?(?:publication )?date|number and date)"
    r"|qual (?:é|foi|a) (?:a )?data|qual (?:é|foi) o número e a data)\b",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b(?:published|publicad[oa]|publica[çc][ãa]o|publication|issued|dated?|data)\b", re.IGNORECASE)
_THE_DECREE = re.compile(r"\b(?:decree|decreto|diploma|dl|252/2000)\b", re.IGNORECASE)
_OTHER_EVENT = re.compile(
    r"\b(?:approv|aprova|promulg|sign|assinad|referend|countersign|vigor|force|efeito|effect|revog|revok|repeal"
    r"|amend|alter)",
    re.IGNORECASE,
)


# "o decreto-lei que aprovou a orgânica do SEF" names the decree by what it does (its summary): no other event.
_APPROVES_THE_STRUCTURE = re.compile(
    r"\b(?:que|which|that) (?:aprov\w*|approv\w*) (?:a |the )?(?:\w+'s )?(?:estrutura |organic )?"
    r"(?:orgânica|structure|law)\b",
    re.IGNORECASE,
)


def asks_decree_date(question: str) -> bool:
    text = _APPROVES_THE_STRUCTURE.sub(" ", normalize(question).strip())
    return bool(
        _DATE_OPENING.match(text) and _DATE.search(text) and _THE_DECREE.search(text) and not _OTHER_EVENT.search(text)
    )


def _header_line(corpus: Corpus, line: str, lang: str, document_id: str) -> str | None:
    """The rendering of one header line: the header's rendering has one line per source line."""
    document = corpus.documents[document_id]
    if lang == document.language:
        return None
    lines = document.root.own_text.splitlines()
    rendered = corpus.renderings.get(lang, {}).get(document.id) or None
    rendered_lines = rendered.text.splitlines() if rendered else []
    return rendered_lines[lines.index(line)] if line in lines and len(rendered_lines) == len(lines) else None


def header_citation(corpus: Corpus, line: str, lang: str, document_id: str = DECREE_ID) -> Citation:
    """A citation of one line of a document's header (the decree's by default), with that line's rendering."""
    name, translation = label(document_id, lang), _header_line(corpus, line, lang, document_id)
    return Citation(id=document_id, document=document_id, label=name, quote=line, translation=translation)


# "What is the title of the decree?", "Qual o sumário do decreto?", "What is the decree's title?".
_OF_THE_DECREE = r"(?:\s+(?:of|do|da|deste|desta)\s+(?:the |this |o |a |este )?(?:decree|decreto|diploma|dl\b|lei\b))"
_HEADER_PART = {
    "title": re.compile(
        rf"\b(?:title|name|título|titulo|designação|nome){_OF_THE_DECREE}|\bdecree(?:-law)?'s (?:title|name)\b",
        re.IGNORECASE,
    ),
    # "What is Decree-Law 252/2000 about?", "De que trata o decreto?": the summary says it in one line.
    "summary": re.compile(
        rf"\b(?:summary|sumário|sumario){_OF_THE_DECREE}|\bdecree(?:-law)?'s summary\b"
        r"|\bwhat(?:'s| is| was)\s+(?:the\s+|this\s+)?(?:decree-law|decree|dl|diploma)(?:\s+(?:n\.?º\s*)?252/2000)?"
        r"\s+(?:all\s+)?about\b"
        r"|\b(?:de que (?:trata|fala)|sobre o que é) (?:o |este )?(?:decreto-lei|decreto|diploma|dl)\b",
        re.IGNORECASE,
    ),
}
# The title of a part of the decree is its heading, not the header's: "o título do capítulo II".
_A_PART = re.compile(
    r"\b(?:chapter|capítulo|capitulo|section|secção|seção|subsection|subsecção|article|artigo|annex|anexo|preamble"
    r"|preâmbulo)\b",
    re.IGNORECASE,
)
_HEADER_WORDS = {
    "title": {"en": "title", "pt": "título"},
    "summary": {"en": "summary", "pt": "sumário"},
}


def _reply(corpus: Corpus, lang: str, question: str, text: str, citation: Citation) -> Answer:
    """An answer from the header: its one citation and the decree's notices."""
    return Answer(
        answer=text,
        language=lang,
        abstained=False,
        citations=[citation],
        notices=notices_for(corpus, [DECREE_ID], lang),
        search_query=question,
    )


def asks_header_part(question: str) -> str | None:
    """'title' or 'summary' when the question asks for that line of the decree's header."""
    text = normalize(question)
    if not _THE_DECREE.search(text) or _OTHER_EVENT.search(text) or _A_PART.search(text):
        return None
    return next((part for part, pattern in _HEADER_PART.items() if pattern.search(text)), None)


def header_part_answer(corpus: Corpus, lang: str, question: str, part: str) -> Answer:
    citation = header_citation(corpus, str(corpus.documents[DECREE_ID].meta[part]), lang)
    word = _HEADER_WORDS[part][lang]
    if lang == "pt":
        text = f"O {word} do {citation.label}, no seu cabeçalho: «{citation.quote}»."
    else:
        text = f"The {word} of {citation.label}, in its header: “{citation.translation or citation.quote}”."
    return _reply(corpus, lang, question, text, citation)


def date_answer(corpus: Corpus, lang: str, question: str) -> Answer:
    """The decree's date is the one its number carries, the date of its publication in the Diário da República."""
    citation = header_citation(corpus, str(corpus.documents[DECREE_ID].meta["number"]), lang)
    if lang == "pt":
        text = f"O {citation.label} tem a data que o seu cabeçalho indica: «{citation.quote}»."
    else:
        text = f"{citation.label} carries the date its header gives: “{citation.translation or citation.quote}”."
    return _reply(corpus, lang, question, text, citation)


def validity_answer(corpus: Corpus, lang: str, question: str) -> Answer:
    note = str(corpus.documents[DECREE_ID].meta["revocation_note"])
    citation = header_citation(corpus, note, lang)
    name, translation = citation.label, citation.translation
    # "Is it still in force?" is answered "No"; "Was it revoked?" and "Is it no longer in force?", "Yes".
    yes_no = policy.is_yes_no(question) and not policy.asks_either(question)
    word = ("Sim" if lang == "pt" else "Yes") if policy.asks_if_revoked(question) else ("Não" if lang == "pt" else "No")
    if lang == "pt":
        text = f"o {name} já não está em vigor. O seu cabeçalho diz: «{note}»"
        text = f"{word}: {text}" if yes_no else text[0].upper() + text[1:]
    else:
        text = f"{name} is no longer in force. Its header says: “{translation or note}”"
        text = f"{word}: {text}" if yes_no else text
    return _reply(corpus, lang, question, text, citation)


# "Who replaced SEF?", "O SEF ainda existe?": the documents do not say it in a sentence of their own; the
# decree's header says SEF's organic law was revoked, and the product's notice who does SEF's work now.
_SUCCESSOR = re.compile(
    r"\b(?:who|what)\s+(?:has\s+|have\s+)?replaced\s+(?:the\s+)?sef\b|\b(?:quem|o que|que (?:entidade|agência|"
    r"organismo))\s+(?:é que\s+)?substituiu\s+o\s+sef\b|\bsef\b[^?]*\b(?:still exists?|ainda existe|abolished|"
    r"extinto|extinct|dissolved|replaced by|substituído pel[oa]|no longer exists?|já não existe)\b"
    r"|\b(?:successor|sucessor[a]?)\b[^?]*\bsef\b|\bsef\b[^?]*\b(?:successor|sucessor[a]?)\b",
    re.IGNORECASE,
)
SUCCESSOR = {
    "en": "SEF's immigration and asylum functions are now carried out by AIMA (Agency for Integration, Migration "
    "and Asylum), described in the AIMA explainer. Of SEF itself, the documents I cover say only this:",
    "pt": "As funções do SEF em matéria de imigração e asilo são hoje exercidas pela AIMA (Agência para a "
    "Integração, Migrações e Asilo), descrita na página explicativa sobre a AIMA. Sobre o próprio SEF, os documentos "
    "que conheço só dizem isto:",
}


def asks_successor(question: str) -> bool:
    return bool(_SUCCESSOR.search(normalize(question)))


def successor_answer(corpus: Corpus, lang: str, question: str) -> Answer:
    """What became of SEF: its organic law's revocation, quoted from the header, and who does its work now."""
    answer = validity_answer(corpus, lang, "Which law revoked it?")  # the revocation, with no yes or no
    answer.answer = f"{SUCCESSOR[lang]} {answer.answer}"
    answer.search_query = question
    return answer


def header_answer(corpus: Corpus, lang: str, question: str) -> Answer | None:
    """The answer from the header to a question about the decree itself, or None for any other question.
    A question naming a unit ("Is Article 2 still in force?") is about that unit, and searched."""
    if asks_successor(question):
        return successor_answer(corpus, lang, question)
    if find_references(question, corpus):
        return None
    if policy.asks_validity(question):
        return validity_answer(corpus, lang, question)
    if asks_decree_date(question):
        return date_answer(corpus, lang, question)
    part = asks_header_part(question)
    return header_part_answer(corpus, lang, question, part) if part else None
