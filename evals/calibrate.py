"""Fit the retriever's relevance calibration on the gold data, for the index's embedder (`assistant fit`
writes it to corpus/fitted/; a build for an embedder with none fits its own: ``fit_step``).

Positives: answerable questions; negatives: questions the corpus does not answer (out of scope,
unanswerable), the ones the abstention bar counts. False premises about units that do not exist
("What does Article 90 say?") are left out: the reference check refuses them whatever the
threshold, and counting them would let the threshold miss more of the others.
Features of the best hit: dense cosine, raw BM25, query-word coverage of the unit and of the
whole corpus vocabulary.

The abstention threshold is chosen end to end: the answerer already refuses many negatives on
other grounds (other countries' law, injections, missing articles, amounts the text does not
state), so the threshold only has to catch the rest. At most 4% of the answerable questions may
abstain (the bar is 5%). Within that budget, saying "the corpus does not answer this" comes first
until nine negatives in ten are refused (the bar for out-of-scope questions is 0.9); past that, a
further negative is caught only when it is worth its false abstentions (abstention F1 decides).
Ties go to the lowest threshold (no false abstention that buys nothing).
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.retrieval import Retriever
from evals.data import Question, load_adversarial, load_questions

if TYPE_CHECKING:
    from pathlib import Path

    from langchain_core.embeddings import Embeddings

MAX_FALSE_ABSTENTION = 0.04
MIN_NEGATIVE_RECALL = 0.9


def features(retriever: Retriever, question: str) -> list[float] | None:
    result = retriever.search(question, k=10)
    if not result.hits or result.hits[0].reference:
        return None
    top = result.hits[0]
    return [top.dense, top.bm25, top.coverage, top.vocabulary]


def _expects_abstention(q: Question) -> bool:
    return q.category in ("out-of-scope", "unanswerable")


def fit(retriever: Retriever, assistant: Any = None) -> dict[str, float]:
    """Refit the calibration (the retriever then uses it); with ``assistant`` (an ``Assistant`` on this
    retriever) the threshold is chosen end to end, otherwise on the relevance of the best hit alone."""
    from sklearn.linear_model import LogisticRegression

    questions = [*load_questions(), *(q for q in load_adversarial() if _expects_abstention(q))]
    rows: list[list[float]] = []
    labels: list[int] = []
    kept: list[Question] = []
    for q in questions:
        f = features(retriever, q.question)
        if f:
            rows.append(f)
            labels.append(0 if _expects_abstention(q) else 1)
            kept.append(q)
    # Unanswerable questions are rarer than answerable ones; weigh the classes equally.
    model = LogisticRegression(class_weight="balanced", C=1000.0, max_iter=5000).fit(rows, labels)
    coef = model.coef_[0]
    scores = [float(p) for p in model.predict_proba(rows)[:, 1]]
    if assistant is None:
        threshold = best_threshold(scores, labels)
    else:
        refused = _refused_on_other_grounds(assistant, questions)
        threshold = best_threshold(
            scores,
            labels,
            always=[q.id in refused for q in kept],
            extra=_outside_rows(questions, kept, refused),
        )
    calibration = {
        "bias": float(model.intercept_[0]),
        "dense": float(coef[0]),
        "bm25": float(coef[1]),
        "coverage": float(coef[2]),
        "vocabulary": float(coef[3]),
        "threshold": threshold,
        "fitted_on": len(rows),
    }
    retriever.calibration = {k: float(v) for k, v in calibration.items() if k not in ("fitted_on", "threshold")}
    retriever.threshold = threshold
    return calibration


def fitted_models(settings: Settings, retriever: Retriever) -> dict[str, Any]:
    """Every model fitted for the retriever's embedder, as the index stores them (``assistant.retrieval.fitted``)."""
    from assistant.answering import Assistant
    from assistant.retrieval.embeddings import embedder_identity

    calibration = fit(retriever, Assistant(settings, retriever))
    return {"embedder": embedder_identity(retriever.embedder), "calibration": calibration}


def fit_step(settings: Settings) -> Any:
    """The build's fit step (``assistant.retrieval.build.FitStep``): the models fitted on the build itself."""

    def step(build: Path, embedder: Embeddings) -> dict[str, Any]:
        from assistant.corpus import load_corpus
        from assistant.retrieval.build import open_build

        retriever = Retriever(load_corpus(settings.corpus_dir), open_build(build, embedder), embedder, settings)
        return fitted_models(settings, retriever)

    return step


def _refused_on_other_grounds(assistant: Any, questions: list[Question]) -> set[str]:
    """Ids of the questions the assistant refuses even when no relevance is too weak."""
    saved = assistant.retriever.threshold
    assistant.retriever.threshold = 0.0
    try:
        return {q.id for q in questions if assistant.ask(q.question, q.language).abstained}
    finally:
        assistant.retriever.threshold = saved


def _outside_rows(questions: list[Question], kept: list[Question], refused: set[str]) -> tuple[int, int, int]:
    """Questions without a relevance row (a reference leads): (negatives refused, negatives answered,
    positives refused), whatever the threshold."""
    ids = {q.id for q in kept}
    outside = [q for q in questions if q.id not in ids]
    return (
        sum(1 for q in outside if _expects_abstention(q) and q.id in refused),
        sum(1 for q in outside if _expects_abstention(q) and q.id not in refused),
        sum(1 for q in outside if not _expects_abstention(q) and q.id in refused),
    )


def best_threshold(
    scores: list[float],
    labels: list[int],
    max_false_abstention: float = MAX_FALSE_ABSTENTION,
    always: list[bool] | None = None,
    extra: tuple[int, int, int] = (0, 0, 0),
    min_negative_recall: float = MIN_NEGATIVE_RECALL,
) -> float:
    """The relevance under which to abstain, among the thresholds that refuse at most
    ``max_false_abstention`` of the positives (label 1): the lowest that refuses the most negatives
    (label 0) up to ``min_negative_recall`` of them, then the best abstention F1. ``always[i]``:
    row i is refused whatever its score; ``extra``: (negatives refused, negatives answered,
    positives refused) among questions that have no row."""
    always = always or [False] * len(scores)
    extra_right, extra_missed, extra_wrong = extra
    positives = sum(labels) + extra_wrong
    negatives = len(labels) - sum(labels) + extra_right + extra_missed
    enough = math.ceil(min_negative_recall * negatives)
    best, best_key = 0.0, (-1, -1.0)
    distinct = sorted(set(scores))
    # Candidates halfway between neighbouring scores: no row sits on the line.
    for threshold in [0.0, *((a + b) / 2 for a, b in itertools.pairwise(distinct))]:
        refused = [a or s < threshold for s, a in zip(scores, always, strict=True)]
        wrong = extra_wrong + sum(1 for r, y in zip(refused, labels, strict=True) if r and y == 1)
        if wrong > max_false_abstention * positives:
            break  # thresholds only grow from here: more answerable questions fall below
        right = extra_right + sum(1 for r, y in zip(refused, labels, strict=True) if r and y == 0)
        precision = right / (right + wrong) if right + wrong else 0.0
        recall = right / negatives if negatives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if (min(right, enough), f1) > best_key:
            best, best_key = threshold, (min(right, enough), f1)
    return float(best)
