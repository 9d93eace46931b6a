"""Metric code, offline (no LLM judge). Each function is small and tested on hand-made cases."""

from __future__ import annotations

import math
from collections.abc import Sequence


def contains(unit_id: str, gold: str) -> bool:
    """Is the gold unit this unit or part of it? A document's own unit is its header (number, date, title,
    revocation note): cited, it quotes the header, so it contains no article or paragraph of the document."""
    return unit_id == gold or ("/" in unit_id and gold.startswith(unit_id + "/"))


def covers(hit: str, gold: str) -> bool:
    """A retrieved/cited unit matches a gold unit if it is it, contains it, or lies inside it."""
    return contains(hit, gold) or contains(gold, hit)


def article_of(unit_id: str) -> str:
    """The article an id belongs to ("…/art-13/n-2/al-h" -> "…/art-13"); other units are their own."""
    parts = unit_id.split("/")
    if len(parts) >= 2 and parts[1].startswith("art-"):
        return "/".join(parts[:2])
    return unit_id


def articles(ids: Sequence[str]) -> list[str]:
    """Distinct articles in first-seen order."""
    seen: dict[str, None] = {}
    for unit_id in ids:
        seen.setdefault(article_of(unit_id), None)
    return list(seen)


def recall_at_k(ranked: Sequence[str], gold: Sequence[str], k: int, match=covers) -> float:
    if not gold:
        return 0.0
    top = ranked[:k]
    return sum(1 for g in gold if any(match(h, g) for h in top)) / len(gold)


def reciprocal_rank(ranked: Sequence[str], gold: Sequence[str], match=covers) -> float:
    for rank, hit in enumerate(ranked, start=1):
        if any(match(hit, g) for g in gold):
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], gold: Sequence[str], k: int, match=covers) -> float:
    found: set[str] = set()
    dcg = 0.0
    for rank, hit in enumerate(ranked[:k], start=1):
        new = [g for g in gold if g not in found and match(hit, g)]
        if new:
            found.update(new)
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(gold), k) + 1))
    return dcg / ideal if ideal else 0.0


def exact(hit: str, gold: str) -> bool:
    return hit == gold


def citation_precision(cited: Sequence[str], gold: Sequence[str]) -> float:
    """ALCE-style: a citation is correct if its unit is gold or contains a gold unit."""
    if not cited:
        return 0.0
    return sum(1 for c in cited if any(contains(c, g) for g in gold)) / len(cited)


def citation_recall(cited: Sequence[str], gold: Sequence[str]) -> float:
    if not gold:
        return 0.0
    return sum(1 for g in gold if any(contains(c, g) for c in cited)) / len(gold)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[index]
