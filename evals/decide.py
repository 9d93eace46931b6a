"""Fit the decision (assistant/answering/decision.py) and score it by cross-validation.

Data: the gold questions, the out-of-scope and unanswerable hard cases, the development held-out sets
(every set but the blind ones, ``evals.data.BLIND``) and the gold conversations, each follow-up read with
the gold citations of the turns before it as its history. Folds are grouped by PT/EN pair and by
conversation, so a question and its translation, or two turns of one conversation, are never on both
sides. Within a training fold, the ranker's scores that the answerability model, the threshold and the
margin are fitted on are themselves out of fold (an inner cross-validation): nothing is chosen on scores
the ranker was fitted to. The figures reported are those of the real pipeline (`Assistant.ask`) answering
each held-out fold with the decision fitted without it, conversations replayed turn by turn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.answering import Answer, Assistant
from assistant.answering.candidates import Candidate
from assistant.answering.decision import (
    ANSWER_FEATURES,
    Decision,
    DecisionModel,
    answer_features,
    runners_up,
    softmax,
)
from assistant.query.followups import Turn
from assistant.query.plan import QueryPlan, build_plan
from assistant.retrieval import Hit
from evals.answers import conversation_figures
from evals.data import BLIND, Conversation, Question, load_adversarial, load_conversations, load_heldout, load_questions
from evals.metrics import article_of, exact_precision

FOLDS = 5
C = 1.0  # the ranker's inverse regularisation
MAX_FALSE_ABSTENTION = 0.02  # of the answerable questions that reach the decision, on the training folds
MARGINS = (-0.2, -0.1, 0.0, 0.05, 0.1, 0.2, 0.3, 9.0)  # 9: never a runner-up


@dataclass
class Row:
    """One question as the decision sees it."""

    question: Question
    plan: QueryPlan
    hits: list[Hit]
    candidates: list[Candidate]
    answers: frozenset[str]  # gold and judged-to-answer units
    conversation: str | None = None  # the gold conversation a turn belongs to

    @property
    def answerable(self) -> bool:
        return self.question.answerable and bool(self.question.gold)

    @property
    def group(self) -> str:
        return self.conversation or self.question.pair or self.question.id


def pool() -> dict[str, list[Question]]:
    """The questions the decision is fitted on, by set."""
    negatives = [q for q in load_adversarial() if q.category in ("out-of-scope", "unanswerable", "false-premise")]
    sets = {"gold": [*load_questions(), *negatives]}
    sets |= {name: subset for name, subset in load_heldout().items() if name not in BLIND}
    return sets


def gather(
    assistant: Assistant, questions: Sequence[Question], conversations: Sequence[Conversation] = ()
) -> list[Row]:
    """The rows of the questions (and conversation turns) that reach the decision (the others are answered or
    refused before it)."""
    rows = []
    asked = [(q, q.language, (), None) for q in questions]
    for conversation in conversations:
        for n, turn in enumerate(conversation.turns):
            history = tuple(
                Turn(t.question, t.question, list(t.gold), conversation.language) for t in conversation.turns[:n]
            )
            asked.append((turn, conversation.language, history, conversation.id))
    for q, language, history, conversation_id in asked:
        plan = build_plan(q.question, language, history, assistant.corpus, assistant.settings.max_query_chars)
        gathered = assistant.gather(plan)
        if isinstance(gathered, Answer):
            continue
        plan, result = gathered[0], gathered[1]
        candidates = assistant.decision.reader.candidates(plan, result.hits)
        rows.append(Row(q, plan, result.hits, candidates, frozenset((*q.gold, *q.also)), conversation_id))
    return rows


def _matrix(row: Row, names: list[str]) -> np.ndarray:
    return np.asarray([[c.features[n] for n in names] for c in row.candidates], dtype=float)


def fit_ranker(rows: Sequence[Row], c: float = C) -> dict[str, float]:
    """A conditional logit: the softmax over each question's candidates puts its mass on the units that
    answer it (spread evenly when several do). L2-regularised, features standardised while fitting."""
    from scipy.optimize import minimize

    names = list(rows[0].candidates[0].features)
    data = []
    for row in rows:
        target = np.asarray([float(cand.unit_id in row.answers) for cand in row.candidates])
        if target.sum():
            data.append((_matrix(row, names), target / target.sum()))
    stacked = np.vstack([x for x, _ in data])
    mean, scale = stacked.mean(axis=0), stacked.std(axis=0) + 1e-6
    data = [((x - mean) / scale, t) for x, t in data]
    penalty = 1.0 / (c * len(data))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.0, np.zeros_like(w)
        for x, t in data:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            total -= float(t @ np.log(p + 1e-12))
            grad -= x.T @ (t - p)
        return total / len(data) + 0.5 * penalty * float(w @ w), grad / len(data) + penalty * w

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    return {n: float(v) for n, v in zip(names, w / scale, strict=True)}


def _scored(row: Row, weights: dict[str, float]) -> tuple[list[str], np.ndarray, list[tuple[Candidate, float]]]:
    scored = sorted(
        ((cand, sum(weights[n] * v for n, v in cand.features.items())) for cand in row.candidates),
        key=lambda cs: -cs[1],
    )
    return [cand.unit_id for cand, _ in scored], softmax([s for _, s in scored]), scored


def _utility(row: Row, cited: list[str] | None) -> float:
    """What an answer is worth: a refusal of what the documents do not answer is worth 1; an answer, half
    for citing a gold article and half its strict precision."""
    if not row.answerable:
        return float(cited is None)
    if cited is None:
        return 0.0
    gold = {article_of(g) for g in row.question.gold}
    return 0.5 * float(bool({article_of(c) for c in cited} & gold)) + 0.5 * exact_precision(cited, tuple(row.answers))


def _same(a: list[str] | None, b: list[str] | None) -> bool:
    return (a is None) == (b is None) and (a is None or set(a) == set(b or []))


def _folds(rows: Sequence[Row], folds: int, seed: int = 0) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import GroupKFold

    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    return [(list(a), list(b)) for a, b in splitter.split(rows, groups=[r.group for r in rows])]


def fit_model(rows: Sequence[Row], folds: int = FOLDS) -> DecisionModel:
    """The decision fitted on ``rows``: the answerability model, threshold and margin on out-of-fold ranker
    scores (an inner cross-validation), the ranker on all of them."""
    from sklearn.linear_model import LogisticRegression

    out_of_fold: dict[int, tuple[list[str], np.ndarray, list[tuple[Candidate, float]]]] = {}
    for train, test in _folds(rows, folds):
        weights = fit_ranker([rows[i] for i in train])
        out_of_fold |= {i: _scored(rows[i], weights) for i in test}
    names = list(ANSWER_FEATURES)
    features = np.asarray(
        [
            [answer_features(rows[i].plan, rows[i].hits, out_of_fold[i][2], out_of_fold[i][1])[n] for n in names]
            for i in range(len(rows))
        ]
    )
    mean, scale = features.mean(axis=0), features.std(axis=0) + 1e-6
    labels = [int(r.answerable) for r in rows]
    answer = LogisticRegression(C=0.3, max_iter=5000).fit((features - mean) / scale, labels)
    p_answer = answer.predict_proba((features - mean) / scale)[:, 1]
    answerable = sorted(p for p, r in zip(p_answer, rows, strict=True) if r.answerable)
    threshold = float(answerable[int(MAX_FALSE_ABSTENTION * len(answerable))] - 1e-9) if answerable else 0.0

    pairs: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row.question.pair and row.answerable:
            pairs[row.question.pair].append(i)

    def worth(margin: float) -> float:
        """Mean utility over the questions, plus PT/EN parity over the pairs: a runner-up cited in one
        language and not the other costs the pair."""
        cited = {
            i: None if p_answer[i] < threshold else runners_up(out_of_fold[i][0], out_of_fold[i][1], margin)
            for i in range(len(rows))
        }
        utility = float(np.mean([_utility(row, cited[i]) for i, row in enumerate(rows)]))
        same = [_same(cited[a], cited[b]) for a, b in (p for p in pairs.values() if len(p) == 2)]
        return utility + (float(np.mean(same)) if same else 0.0)

    margin = max(MARGINS, key=worth)
    return DecisionModel(
        weights=fit_ranker(rows),
        answer_weights={n: float(w) for n, w in zip(names, answer.coef_[0], strict=True)},
        answer_bias=float(answer.intercept_[0]),
        answer_mean={n: float(v) for n, v in zip(names, mean, strict=True)},
        answer_scale={n: float(v) for n, v in zip(names, scale, strict=True)},
        threshold=threshold,
        margin=float(margin),
    )


def fold_models(rows: Sequence[Row], folds: int = FOLDS) -> list[tuple[DecisionModel, set[str]]]:
    """One decision per fold, fitted without that fold, with the groups (pairs, conversations, questions) it
    holds out."""
    out = []
    for train, test in _folds(rows, folds):
        out.append((fit_model([rows[i] for i in train]), {rows[i].group for i in test}))
    return out


def cross_validate(
    assistant: Assistant,
    sets: dict[str, list[Question]],
    models: Sequence[tuple[DecisionModel, set[str]]],
    conversations: Sequence[Conversation] = (),
) -> tuple[dict[str, Answer], dict[str, float]]:
    """Every pooled question answered by the real pipeline with the decision fitted without its fold (a
    question answered before the decision gets the same answer in any fold: the first fold asks it), and the
    conversations replayed turn by turn, each with the decision fitted without it."""
    saved = assistant.decision
    held = set().union(*(groups for _, groups in models))
    answers: dict[str, Answer] = {}
    folds: list[tuple[dict[str, float], int, int]] = []  # figures, turns, conversations of each fold
    try:
        for k, (model, groups) in enumerate(models):
            assistant.decision = Decision(assistant.corpus, model)
            for q in (q for subset in sets.values() for q in subset):
                group = q.pair or q.id
                if group in groups or (k == 0 and group not in held):
                    answers[q.id] = assistant.ask(q.question, language=q.language)
            mine = [c for c in conversations if c.id in groups or (k == 0 and c.id not in held)]
            if mine:
                folds.append((conversation_figures(assistant, mine)[0], sum(len(c.turns) for c in mine), len(mine)))
    finally:
        assistant.decision = saved
    turns, whole = sum(f[1] for f in folds), sum(f[2] for f in folds)
    return answers, {
        "turn_success": sum(f["turn_success"] * n for f, n, _ in folds) / turns if turns else 0.0,
        "conversation_success": sum(f["conversation_success"] * c for f, _, c in folds) / whole if whole else 0.0,
    }


def figures_of(assistant: Assistant, sets: dict[str, list[Question]], answers: dict[str, Answer]) -> dict[str, Any]:
    """Per set: the answer figures per language ("pt", "en", "all") and PT/EN parity."""
    from evals.answers import score_answers

    figures: dict[str, Any] = {}
    for name, subset in sets.items():
        answerable = [q for q in subset if q.answerable]
        scored = score_answers(assistant.corpus, answerable, [q for q in subset if not q.answerable], answers)
        figures[name] = {lang: scored[lang] for lang in ("pt", "en", "all") if lang in scored}
        figures[name]["parity"] = scored["parity"]
    return figures


def remembering(embed: Callable[[str], list[float]]) -> Callable[[str], list[float]]:
    """The embedder's query call, each distinct question embedded once while fitting."""
    seen: dict[str, list[float]] = {}

    def embed_query(text: str) -> list[float]:
        if text not in seen:
            seen[text] = embed(text)
        return seen[text]

    return embed_query


def fit(assistant: Assistant) -> dict[str, Any]:
    """The fitted decision, with its cross-validated figures per set (``"cv"``), as the index stores it."""
    embedder = assistant.retriever.embedder
    embed = embedder.embed_query
    embedder.embed_query = remembering(embed)  # type: ignore[method-assign]
    try:
        sets, conversations = pool(), load_conversations()
        rows = gather(assistant, [q for subset in sets.values() for q in subset], conversations)
        answers, turns = cross_validate(assistant, sets, fold_models(rows), conversations)
        model = fit_model(rows)
    finally:
        embedder.embed_query = embed  # type: ignore[method-assign]
    cv = figures_of(assistant, sets, answers) | {"conversations": turns}
    return {**model.to_dict(), "fitted_on": len(rows), "cv": cv}
