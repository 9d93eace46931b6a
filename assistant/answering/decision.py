"""The one fitted decision: which units to cite, at which granularity, and whether to answer at all.

1. A ranker scores every candidate (``candidates.py``) with one weight per feature: a conditional logit,
   fitted so that the softmax of a question's scores puts its mass on the units that answer it. Its
   probabilities say how sure the ranking is, question by question.
2. The best candidate leads. A further one is cited when it adds more to the expected answer than
   ``margin``: the chance that one of the cited articles is right, plus the mean chance that each cited
   unit is (so a runner-up is worth citing when the lead is uncertain, not when it is sure).
3. Whether the corpus answers at all is a logistic model over the question's best evidence (its cosines,
   BM25, coverage, the share of its words the corpus knows, the ranker's confidence); under ``threshold``
   the assistant says the documents do not answer.

The weights, ``margin`` and ``threshold`` are fitted by `assistant fit` on the gold questions and the
development held-out sets, cross-validated by PT/EN pair (evals/decide.py), and read from the index build.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.answering.candidates import Candidate, CandidateReader, related
from assistant.corpus import Corpus
from assistant.query.plan import QueryPlan
from assistant.query.references import Reference
from assistant.retrieval import Hit
from assistant.retrieval.calibration import DEFAULT_THRESHOLD
from assistant.retrieval.retriever import TIE

MOST = 3  # units cited at most (units the question names: up to MOST_NAMED)
MOST_NAMED = 6

# Measured by cross-validation against larger sets (every cosine, BM25 and coverage of the best hit, the
# lead's score and margin, the question's length): these four refused as many questions the documents do
# not answer with fewer false abstentions.
ANSWER_FEATURES: dict[str, str] = {
    "evidence": "the calibrated relevance of the best hits tied at the top (retrieval/calibration.py)",
    "vocabulary": "share of the question's words found anywhere in the corpus",
    "lead_probability": "the lead's share of the ranker's softmax: how sure the ranking is",
    "lead_own_overlap": "share of the question's words in the lead's own text",
}


@dataclass(frozen=True)
class Choice:
    unit_ids: list[str]  # what to cite, best evidence first (empty when abstaining)
    answerable: float  # how likely the documents answer the question
    abstain: bool


@dataclass(frozen=True)
class DecisionModel:
    """The fitted parameters, as stored in an index build's fitted models ("decision")."""

    weights: dict[str, float]
    answer_weights: dict[str, float]
    answer_bias: float
    answer_mean: dict[str, float]
    answer_scale: dict[str, float]
    threshold: float
    margin: float

    @classmethod
    def from_fitted(cls, fitted: dict[str, Any] | None) -> DecisionModel | None:
        data = (fitted or {}).get("decision")
        if not isinstance(data, dict):
            return None
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            answer_weights={k: float(v) for k, v in data["answer_weights"].items()},
            answer_bias=float(data["answer_bias"]),
            answer_mean={k: float(v) for k, v in data["answer_mean"].items()},
            answer_scale={k: float(v) for k, v in data["answer_scale"].items()},
            threshold=float(data["threshold"]),
            margin=float(data["margin"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": self.weights,
            "answer_weights": self.answer_weights,
            "answer_bias": self.answer_bias,
            "answer_mean": self.answer_mean,
            "answer_scale": self.answer_scale,
            "threshold": self.threshold,
            "margin": self.margin,
        }


class Decision:
    """Decides for one corpus with one fitted model (``None``: the fused ranking's best hit, refused under the
    default relevance; the server says at start that the index has no fitted decision)."""

    def __init__(self, corpus: Corpus, model: DecisionModel | None) -> None:
        self.reader = CandidateReader(corpus)
        self.model = model

    def scored(self, plan: QueryPlan, hits: list[Hit]) -> list[tuple[Candidate, float]]:
        """The candidates with the ranker's scores, best first (ties keep the search's order)."""
        candidates = self.reader.candidates(plan, hits)
        if self.model is None:
            return [(c, c.features["score_ratio"]) for c in candidates]
        weights = self.model.weights
        scored = [(c, sum(weights.get(n, 0.0) * v for n, v in c.features.items())) for c in candidates]
        return sorted(scored, key=lambda cs: -cs[1])

    def decide(self, plan: QueryPlan, hits: list[Hit]) -> Choice:
        scored = self.scored(plan, hits)
        if not scored:
            return Choice([], 0.0, abstain=True)
        probabilities = softmax([s for _, s in scored])
        answerable = self.answerability(plan, hits, scored, probabilities)
        if self.model is None:
            return Choice([scored[0][0].unit_id], answerable, abstain=answerable < DEFAULT_THRESHOLD)
        if answerable < self.model.threshold:
            return Choice([], answerable, abstain=True)
        named = [c.unit_id for c, _ in scored if c.features["reference"]]
        if len(named) > 1 and (scored[0][0].features["reference"] or not plan.beyond_reference):
            # "What do Articles 9 and 10 say?", "Compare Article 13 and Article 47": every unit the question
            # names is cited, in its order.
            order = [r.unit_id for r in plan.search.references if r.exists]
            return Choice(sorted(named, key=order.index)[:MOST_NAMED], answerable, abstain=False)
        chosen = runners_up([c.unit_id for c, _ in scored], probabilities, self.model.margin)
        return Choice(chosen, answerable, abstain=False)

    def answerability(
        self, plan: QueryPlan, hits: list[Hit], scored: list[tuple[Candidate, float]], probabilities: np.ndarray
    ) -> float:
        model = self.model
        if model is None:  # the calibrated relevance of the best hits, as before any decision was fitted
            return evidence(hits)
        features = answer_features(plan, hits, scored, probabilities)
        z = model.answer_bias + sum(
            w * (features[n] - model.answer_mean[n]) / model.answer_scale[n] for n, w in model.answer_weights.items()
        )
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def answer_features(
    plan: QueryPlan, hits: list[Hit], scored: list[tuple[Candidate, float]], probabilities: np.ndarray
) -> dict[str, float]:
    """The question-level features of ``ANSWER_FEATURES``."""
    lead, top = scored[0][0], hits[0]
    return {
        "evidence": evidence(hits),
        "vocabulary": top.vocabulary,
        "lead_probability": float(probabilities[0]),
        "lead_own_overlap": lead.features["own_overlap"],
    }


def evidence(hits: list[Hit]) -> float:
    """The best calibrated relevance among the hits tied at the top: their order is the wording's, so one of
    them weak and the other not is no reason to refuse ("Who has the final word on throwing a foreigner out
    …?": 13(2)(h) and 2(1)(m), 1.792 and 1.787)."""
    return max(h.relevance for h in hits if h.score >= TIE * hits[0].score)


def in_the_law_s_order(corpus: Corpus, unit_ids: list[str], references: tuple[Reference, ...]) -> list[str]:
    """Units cited together are read in the law's order, so that a question and its translation read alike;
    units the question names keep the order it names them in."""
    if references:
        return unit_ids
    return sorted(unit_ids, key=corpus.position)


def softmax(scores: list[float]) -> np.ndarray:
    values = np.asarray(scores, dtype=float)
    values = np.exp(values - values.max())
    return values / values.sum()


def runners_up(unit_ids: list[str], probabilities: np.ndarray, margin: float, most: int = MOST) -> list[str]:
    """The lead, and each further unit (not inside or around one already chosen) whose citing raises the
    expected answer by more than ``margin``: P(a cited article is right) + mean P(a cited unit is right)."""
    by_article: dict[str, float] = defaultdict(float)
    for unit_id, p in zip(unit_ids, probabilities, strict=True):
        by_article[_article(unit_id)] += float(p)
    chosen = [0]

    def value(indices: list[int]) -> float:
        hit = min(1.0, sum(by_article[a] for a in {_article(unit_ids[i]) for i in indices}))
        return hit + float(np.mean([probabilities[i] for i in indices]))

    for j in range(1, len(unit_ids)):
        if len(chosen) >= most:
            break
        if any(related(unit_ids[j], unit_ids[i]) for i in chosen):
            continue
        if value([*chosen, j]) - value(chosen) > margin:
            chosen.append(j)
    return [unit_ids[i] for i in chosen]


def _article(unit_id: str) -> str:
    parts = unit_id.split("/")
    return "/".join(parts[:2]) if len(parts) >= 2 and parts[1].startswith("art-") else unit_id
