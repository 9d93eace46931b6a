"""A refusal's way forward: what the documents do hold near the question, and where to go instead.

A person told only "the documents do not say" is at a dead end. When the search found units near the
question, the nearest few go with the refusal as "related, not an answer" (never as citations: they do
not answer it). Where to go is said with the unit of the AIMA explainer that says it, quoted like any
citation, so that the refusal states nothing the corpus does not hold.
"""

from __future__ import annotations

from collections.abc import Collection

from assistant.answering.extractive import make_citation
from assistant.answering.models import Citation
from assistant.answering.spans import Span, same_shape
from assistant.corpus import Corpus, label
from assistant.retrieval import SearchResult

# "AIMA serves as the central authority for coordinating and implementing policies related to integration,
# migration, and asylum in Portugal": the first sentence of the explainer's second paragraph. The sentence is
# found by its words, so that a page parsed anew (a paragraph more above it) still yields it, or nothing.
POINTER_UNIT = "aima-explainer/p-2"
POINTER_SPAN = Span(0, 0, 0)
POINTER_WORDS = "the central authority"
# Refusals of a question the documents could have answered (on topic, or plausibly so). A question about
# another country's law ("out_of_scope"), an injection or a missing article get no pointer to a Portuguese agency.
POINTED = frozenset({"weak_evidence", "not_stated"})
RELATED_MAX = 3
# A hit under the abstention threshold is still related when it is at least this share of it: "What pistol
# do inspectors carry?" meets Article 61(2) on weapons at 0.8 of the threshold, the weather in Lisbon at 0.06.
RELATED_SHARE = 0.5


def way_forward(
    corpus: Corpus,
    reason: str,
    language: str,
    result: SearchResult | None,
    threshold: float,
    never: Collection[str] = (),
    question: str | None = None,
) -> tuple[list[Citation], Citation | None]:
    """(related units, pointer) for a refusal for ``reason``; ``never``: units that may not be shown (planted
    instructions)."""
    if reason not in POINTED:
        return [], None
    found = pointer(corpus, language) if POINTER_UNIT not in never else None
    return related(corpus, language, result, threshold, {*never, POINTER_UNIT}, question or ""), found


def pointer(corpus: Corpus, language: str) -> Citation | None:
    """The explainer's sentence saying AIMA is the central authority, with its rendering in ``language``."""
    if POINTER_UNIT not in corpus:
        return None
    unit = corpus.unit(POINTER_UNIT)
    quote = POINTER_SPAN.text(unit.text)
    if quote is None or POINTER_WORDS not in quote:
        return None
    translation = None
    if corpus.documents[unit.document].language != language:
        rendering = corpus.rendering(unit.id, language)
        if rendering and same_shape(unit.text, rendering):
            translation = POINTER_SPAN.text(rendering)
    return Citation(unit.id, unit.document, label(unit.id, language), quote, translation)


def related(
    corpus: Corpus, language: str, result: SearchResult | None, threshold: float, never: Collection[str], question: str
) -> list[Citation]:
    """The best hits close enough to the threshold, one per branch of the law (an article and its own item
    say the same twice), the documents' own headers left out (they say what a document is, not what it holds)."""
    if result is None:
        return []
    chosen: list[str] = []
    for hit in result.hits:
        unit_id = hit.unit_id
        if hit.relevance < threshold * RELATED_SHARE or unit_id in never or unit_id not in corpus:
            continue
        if corpus.unit(unit_id).kind == "document":
            continue
        if any(unit_id.startswith(c + "/") or c.startswith(unit_id + "/") for c in chosen):
            continue
        chosen.append(unit_id)
        if len(chosen) == RELATED_MAX:
            break
    return [make_citation(corpus, unit_id, language, question) for unit_id in chosen]
