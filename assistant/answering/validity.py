"""Questions about the decree itself, answered from its header (quoted verbatim), not from retrieval:
'Is the decree still in force?', 'Which law revoked it?' (the revocation note) and 'When was it
published?' (its number and date)."""

from __future__ import annotations

from assistant.answering.models import Answer, Citation
from assistant.answering.notices import notices_for
from assistant.corpus import DECREE_ID, Corpus, label
from assistant.query.plan import QueryPlan


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


def validity_answer(corpus: Corpus, lang: str, question: str, yes_no: bool = False, if_revoked: bool = False) -> Answer:
    note = str(corpus.documents[DECREE_ID].meta["revocation_note"])
    citation = header_citation(corpus, note, lang)
    name, translation = citation.label, citation.translation
    # "Is it still in force?" is answered "No"; "Was it revoked?" and "Is it no longer in force?", "Yes".
    word = ("Sim" if lang == "pt" else "Yes") if if_revoked else ("Não" if lang == "pt" else "No")
    if lang == "pt":
        text = f"o {name} já não está em vigor. O seu cabeçalho diz: «{note}»"
        text = f"{word}: {text}" if yes_no else text[0].upper() + text[1:]
    else:
        text = f"{name} is no longer in force. Its header says: “{translation or note}”"
        text = f"{word}: {text}" if yes_no else text
    return _reply(corpus, lang, question, text, citation)


SUCCESSOR = {
    "en": "SEF's immigration and asylum functions are now carried out by AIMA (Agency for Integration, Migration "
    "and Asylum), described in the AIMA explainer. Of SEF itself, the documents I cover say only this:",
    "pt": "As funções do SEF em matéria de imigração e asilo são hoje exercidas pela AIMA (Agência para a "
    "Integração, Migrações e Asilo), descrita na página explicativa sobre a AIMA. Sobre o próprio SEF, os documentos "
    "que conheço só dizem isto:",
}


def successor_answer(corpus: Corpus, lang: str, question: str) -> Answer:
    """What became of SEF: its organic law's revocation, quoted from the header, and who does its work now."""
    answer = validity_answer(corpus, lang, "Which law revoked it?")  # the revocation, with no yes or no
    answer.answer = f"{SUCCESSOR[lang]} {answer.answer}"
    answer.search_query = question
    return answer


def header_answer(corpus: Corpus, plan: QueryPlan) -> Answer:
    """The answer from the header to a question about the decree itself (``plan.header`` says which line)."""
    lang, question = plan.answer_language, plan.question
    if plan.header == "successor":
        return successor_answer(corpus, lang, question)
    if plan.header == "validity":
        return validity_answer(corpus, lang, question, plan.yes_no, plan.asks_if_revoked)
    if plan.header == "date":
        return date_answer(corpus, lang, question)
    return header_part_answer(corpus, lang, question, str(plan.header))
