"""Fit the models of an index's embedder (`assistant fit`; a build for an embedder with none fits its own:
``fit_step``), on the gold data and the development held-out sets.

- The relevance calibration (``assistant/retrieval/calibration.py``): a logistic fit of the best hit's dense
  cosine, raw BM25, query-word coverage and the share of the question's words the corpus knows, on the
  answerable questions against those the corpus does not answer (out of scope, unanswerable). It scores
  the hits of `GET /api/search` and tells whether a short follow-up stands on its own.
- The decision (``evals/decide.py``): what to cite and whether to answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.retrieval import Retriever
from evals.data import Question, load_adversarial, load_questions

if TYPE_CHECKING:
    from pathlib import Path

    from langchain_core.embeddings import Embeddings


def features(retriever: Retriever, question: str) -> list[float] | None:
    result = retriever.search(question, k=10)
    if not result.hits or result.hits[0].reference:
        return None
    top = result.hits[0]
    return [top.dense, top.bm25, top.coverage, top.vocabulary]


def _expects_abstention(q: Question) -> bool:
    return q.category in ("out-of-scope", "unanswerable")


def fit(retriever: Retriever) -> dict[str, float]:
    """Refit the relevance calibration (the retriever then uses it)."""
    from sklearn.linear_model import LogisticRegression

    questions = [*load_questions(), *(q for q in load_adversarial() if _expects_abstention(q))]
    rows: list[list[float]] = []
    labels: list[int] = []
    for q in questions:
        f = features(retriever, q.question)
        if f:
            rows.append(f)
            labels.append(0 if _expects_abstention(q) else 1)
    # Unanswerable questions are rarer than answerable ones; weigh the classes equally.
    model = LogisticRegression(class_weight="balanced", C=1000.0, max_iter=5000).fit(rows, labels)
    coef = model.coef_[0]
    calibration = {
        "bias": float(model.intercept_[0]),
        "dense": float(coef[0]),
        "bm25": float(coef[1]),
        "coverage": float(coef[2]),
        "vocabulary": float(coef[3]),
        "fitted_on": len(rows),
    }
    retriever.calibration = {k: float(v) for k, v in calibration.items() if k != "fitted_on"}
    return calibration


def fitted_models(settings: Settings, retriever: Retriever) -> dict[str, Any]:
    """Every model fitted for the retriever's embedder, as the index stores them (``assistant.retrieval.fitted``)."""
    from assistant.answering import Assistant
    from assistant.retrieval.embeddings import embedder_identity
    from evals import decide

    calibration = fit(retriever)
    decision = decide.fit(Assistant(settings, retriever))
    return {"embedder": embedder_identity(retriever.embedder), "calibration": calibration, "decision": decision}


def fit_step(settings: Settings) -> Any:
    """The build's fit step (``assistant.retrieval.build.FitStep``): the models fitted on the build itself."""

    def step(build: Path, embedder: Embeddings) -> dict[str, Any]:
        from assistant.corpus import load_corpus
        from assistant.retrieval.build import open_build

        retriever = Retriever(load_corpus(settings.corpus_dir), open_build(build, embedder), embedder, settings)
        return fitted_models(settings, retriever)

    return step
