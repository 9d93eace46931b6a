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
from assistant.query.plan import QueryPlan
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
# A hit of a refused question is still related when its calibrated relevance is at least this: "What pistol do
# inspectors carry?" meets Article 61(2) on weapons at about 0.06, the weather in Lisbon at 0.005.
RELATED_RELEVANCE = 0.04


def way_forward(
    corpus: Corpus,
    reason: str,
    language: str,
    plan: QueryPlan | None,
    result: SearchResult | None,
    never: Collection[str] = (),
) -> tuple[list[Citation], Citation | None]:
    """(related units, pointer) for a refusal for ``reason``; ``never``: units that may not be shown (planted
    instructions)."""
    if reason not in POINTED:
        return [], None
    found = pointer(corpus, language) if POINTER_UNIT not in never else None
    return related(corpus, plan, result, {*never, POINTER_UNIT}), found


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
    corpus: Corpus, plan: QueryPlan | None, result: SearchResult | None, never: Collection[str]
) -> list[Citation]:
    """The best hits relevant enough, one per branch of the law (an article and its own item say the same
    twice), the documents' own headers left out (they say what a document is, not what it holds)."""
    if result is None or plan is None:
        return []
    chosen: list[str] = []
    for hit in result.hits:
        unit_id = hit.unit_id
        if hit.relevance < RELATED_RELEVANCE or unit_id in never or unit_id not in corpus:
            continue
        if corpus.unit(unit_id).kind == "document":
            continue
        if any(unit_id.startswith(c + "/") or c.startswith(unit_id + "/") for c in chosen):
            continue
        chosen.append(unit_id)
        if len(chosen) == RELATED_MAX:
            break
    return [make_citation(corpus, unit_id, plan) for unit_id in chosen]
