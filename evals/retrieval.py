"""Retrieval figures: recall@1/5/10, MRR and nDCG@10, at article and unit level, per language."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from statistics import mean

from evals.data import Question
from evals.metrics import article_of, articles, ndcg_at_k, recall_at_k, reciprocal_rank

Ranker = Callable[[Question], list[str]]  # a question -> unit ids, best first


def score_rankings(questions: Sequence[Question], ranker: Ranker) -> dict[str, dict[str, float]]:
    per_lang: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for q in questions:
        started = time.perf_counter()
        ranked = ranker(q)
        elapsed = (time.perf_counter() - started) * 1000
        ranked_articles = articles(ranked)
        gold_articles = articles(q.gold)
        for lang in (q.language, "all"):
            m = per_lang[lang]
            for k in (1, 5, 10):
                m[f"article_recall@{k}"].append(recall_at_k(ranked_articles, gold_articles, k, _same))
                m[f"unit_recall@{k}"].append(recall_at_k(ranked, q.gold, k))
            m["article_mrr"].append(reciprocal_rank(ranked_articles, gold_articles, _same))
            m["unit_mrr"].append(reciprocal_rank(ranked, q.gold))
            m["unit_ndcg@10"].append(ndcg_at_k(ranked, q.gold, 10))
            m["latency_ms"].append(elapsed)
    return {
        lang: {name: mean(values) for name, values in metrics.items()} | {"n": len(metrics["unit_mrr"])}
        for lang, metrics in per_lang.items()
    }


def _same(a: str, b: str) -> bool:
    return article_of(a) == article_of(b)


def failures(questions: Sequence[Question], ranker: Ranker, k: int = 5) -> list[tuple[Question, list[str]]]:
    out = []
    for q in questions:
        ranked = ranker(q)
        if recall_at_k(articles(ranked), articles(q.gold), k, _same) < 1.0:
            out.append((q, ranked[:k]))
    return out
