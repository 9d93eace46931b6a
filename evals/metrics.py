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


def parent_of(unit_id: str) -> str | None:
    """The unit one level up by the id grammar ("…/art-13/n-2/al-h" -> "…/art-13/n-2"). A document's own id
    is its header, not the parent of its articles (see ``contains``), so an article has none."""
    if "/" not in unit_id:
        return None
    parent = unit_id.rsplit("/", 1)[0]
    return parent if "/" in parent else None


def near(cited: str, gold: str) -> bool:
    """Strict match: the gold unit itself, or one level above or below it (13(2) or 13(2)(h) for gold
    13(2)(h); not all of Article 13, which also holds its other paragraphs)."""
    return cited == gold or parent_of(gold) == cited or parent_of(cited) == gold


def exact_precision(cited: Sequence[str], gold: Sequence[str]) -> float:
    """Share of citations that are a gold unit, or one level above or below one."""
    if not cited:
        return 0.0
    return sum(1 for c in cited if any(near(c, g) for g in gold)) / len(cited)


def exact_recall(cited: Sequence[str], gold: Sequence[str]) -> float:
    """Share of gold units cited themselves, or one level above or below."""
    if not gold:
        return 0.0
    return sum(1 for g in gold if any(near(c, g) for c in cited)) / len(gold)


def depth(unit_id: str) -> int:
    return unit_id.count("/")


def granularity_errors(cited: Sequence[str], gold: Sequence[str]) -> list[int]:
    """For each citation on a gold unit's branch (containing it or inside it), how many levels it is off:
    0 for the gold unit itself, 2 for all of Article 13 when 13(2)(h) answers. Other citations are wrong,
    not too coarse or too fine, and are left to precision."""
    out = []
    for c in cited:
        levels = [abs(depth(c) - depth(g)) for g in gold if contains(c, g) or contains(g, c)]
        if levels:
            out.append(min(levels))
    return out


def over_citation(quotes: Sequence[tuple[str, str]], gold: Sequence[str], lengths: dict[str, int]) -> int:
    """Characters quoted beyond what the gold units hold: a citation inside a gold unit costs nothing, one
    holding gold units costs what it quotes beyond their text, any other costs all it quotes. ``quotes`` are
    (unit id, quoted text); ``lengths`` the text length of each gold unit."""
    excess = 0
    for unit_id, quote in quotes:
        if any(contains(g, unit_id) for g in gold):
            continue
        inside = sum(lengths.get(g, 0) for g in gold if contains(unit_id, g))
        excess += max(0, len(quote) - inside)
    return excess
