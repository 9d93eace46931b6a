"""The default answerer: no LLM. It cites the units that answer (chosen by ``decision.py``) and lets
them speak.

Every sentence it writes is made of the cited units' own words (the Portuguese
text, or its unofficial rendering for an English answer) framed by their label
and heading, so it cannot state anything the quoted units do not contain.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answering import messages
from assistant.answering.models import Citation
from assistant.answering.spans import ITEM_MARKER, Span, best_span, same_shape
from assistant.answering.validity import header_citation
from assistant.corpus import Corpus, Unit, label
from assistant.corpus.text import normalize
from assistant.corpus.words import tokenize
from assistant.query.plan import QueryPlan

_PARAGRAPHS = ("page-paragraph", "preamble-paragraph", "closing")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _own(corpus: Corpus, unit: Unit, language: str) -> str:
    if corpus.documents[unit.document].language == language:
        return unit.own_text
    entry = corpus.renderings.get(language, {}).get(unit.id)
    return entry.text if entry else ""


def unit_text(corpus: Corpus, unit: Unit, language: str) -> str:
    if corpus.documents[unit.document].language == language:
        return unit.text
    return corpus.rendering(unit.id, language) or ""


def unit_words(corpus: Corpus, unit_id: str, language: str) -> set[str]:
    """The unit's words as the lexical index tokenizes them, in the source or its rendering."""
    return set(tokenize(unit_text(corpus, corpus.unit(unit_id), language), language))


def make_citation(corpus: Corpus, unit_id: str, plan: QueryPlan) -> Citation:
    """The citation of a unit in the plan's answer language: a long paragraph quoted by the part that answers."""
    unit = corpus.unit(unit_id)
    language, question = plan.answer_language, plan.question
    source_language = corpus.documents[unit.document].language
    quote = unit.own_text if not unit.children else unit.text
    if unit.kind == "document":
        return _header_citation(corpus, unit, language, plan)
    span = None
    # A paragraph asked for by name ("paragraph 3 of the AIMA explainer") is quoted whole.
    if unit.kind in _PARAGRAPHS and not any(r.unit_id == unit_id for r in plan.search.references):
        # Matched in the question's language: the source's words, or its rendering's when they line up.
        asked_in = plan.search.language
        rendering = corpus.rendering(unit_id, asked_in) if asked_in != source_language else None
        if rendering and same_shape(unit.text, rendering):
            span = best_span(rendering, question, asked_in)
        else:
            span = best_span(unit.text, question, source_language)
    if span is not None and unit.kind == "closing":
        span = _with_signatory(span, unit.text)
    if span is not None:
        quote = span.text(unit.text) or unit.text
    translation = None
    if language != source_language:
        rendering = corpus.rendering(unit_id, language)
        if span is not None and rendering:
            translation = (span.text(rendering) if same_shape(unit.text, rendering) else None) or rendering
        elif quote == unit.own_text:
            translation = _own(corpus, unit, language) or None
        elif quote == unit.text:
            translation = rendering
        else:
            translation = unit_text(corpus, unit, language) or None
    return Citation(
        id=unit_id,
        document=unit.document,
        label=label(unit_id, language),
        quote=quote,
        translation=translation,
    )


_ACT = re.compile(r"^(?:Promulgado|Publique-se|Referendado)")


def _with_signatory(span: Span, closing: str) -> Span:
    """'Referendado em 4 de Outubro de 2000.' answers 'who countersigned?' with the next line, which names
    the Prime Minister: an act of the closing formula is quoted with the line of who signed it."""
    lines = closing.split("\n")
    if not _ACT.match(lines[span.last_line]):
        return span
    signed = next((j for j in range(span.last_line + 1, len(lines)) if lines[j].startswith("O ")), None)
    return replace(span, last_line=signed) if signed is not None else span


def _header_citation(corpus: Corpus, unit: Unit, language: str, plan: QueryPlan) -> Citation:
    """A document's own unit is its header (number and date, title, summary, revocation note), whose lines
    are apart in the source: one line is quoted, the one sharing most words with the question."""
    source_language = corpus.documents[unit.document].language
    lines = unit.own_text.splitlines()
    asked = set(tokenize(plan.question, plan.language))
    scores = [len(asked & set(tokenize(line, source_language))) for line in lines]
    return header_citation(corpus, lines[scores.index(max(scores))], language, unit.id)


def lead_sentence(corpus: Corpus, citation: Citation, language: str) -> str:
    """'According to Article 47(1)(m) of Decree-Law 252/2000 (heading), <lead-in> <the unit's words>.'"""
    unit_id = citation.id
    unit = corpus.unit(unit_id)
    names = messages.DOCUMENT_NAMES[unit.document]
    # The decree's own unit speaks with its header (pages are pinpointed to a paragraph before this).
    header = unit.kind == "document"
    where = ("cabeçalho" if language == "pt" else "the header") if header else label(unit_id, language)
    heading = ""
    lead_parts: list[str] = []
    if unit.article:
        article = corpus.unit(unit.article)
        heading = corpus.heading_in(article.id, language)
        ancestor = corpus.unit(unit.parent) if unit.parent else None
        while ancestor is not None and ancestor.kind != "document":
            own = _own(corpus, ancestor, language)
            if own:
                lead_parts.insert(0, own)
            ancestor = corpus.unit(ancestor.parent) if ancestor.parent else None
    body = unit_text(corpus, unit, language) if unit.children and not header else _own(corpus, unit, language)
    if unit.kind in _PARAGRAPHS or header:
        # What the citation quotes (or renders), so that the lead never says more or other than it.
        in_source = corpus.documents[unit.document].language == language
        body = (citation.quote if in_source else citation.translation) or _own(corpus, unit, language).split("\n")[0]
        body = ITEM_MARKER.sub("", body)  # "According to para. 2, 1. Integration…" reads as a misprint
        # Items numbered "1." inside the sentence would read (and split) as sentence ends: "1)" does not.
        body = re.sub(r"(?m)^(\d+)\.\s", r"\1) ", body)
    first_item = unit.parent is not None and corpus.unit(unit.parent).children[:1] == [unit.id]
    if language == "pt" and lead_parts and unit.kind == "item" and not first_item:
        # The lead-in and the alínea are apart in the source (other alíneas between): mark the gap.
        words = normalize(" ".join([*lead_parts, "[…]", body]))
    else:
        words = normalize(" ".join([*lead_parts, body]))
    if language == "pt":
        where_pt = where[0].lower() + where[1:]
        framing = f"Segundo o {where_pt} {names['pt']}" + (f" ({heading})" if heading else "")
        if corpus.documents[unit.document].language != "pt":
            # Guillemets would pass the unofficial rendering of an English page for a verbatim quote.
            return f"{framing} (tradução não oficial): {words}"
        return f"{framing}: «{words}»"
    if unit.kind in ("preamble", "preamble-paragraph", "closing"):
        # "According to the Preamble, para. 4", "according to the closing formula": no article number.
        where = "the " + (where if unit.kind != "closing" else where[:1].lower() + where[1:])
    framing = f"According to {where} of {names['en']}" + (f" ({heading})" if heading else "")
    sentence = (words if header else _lower_first(words)).rstrip(";,: ")
    return f"{framing}, {sentence}" + ("" if sentence.endswith((".", "!", "?")) else ".")


def compose(corpus: Corpus, unit_ids: list[str], plan: QueryPlan) -> tuple[str, list[Citation]]:
    language = plan.answer_language
    citations = [make_citation(corpus, unit_id, plan) for unit_id in unit_ids]
    sentences = [lead_sentence(corpus, citation, language) for citation in citations]
    return "\n\n".join(sentences), citations
