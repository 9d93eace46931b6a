"""Relevance calibration: how likely a hit is to be relevant, from scores a search already has.

A logistic fit on (dense cosine, raw BM25, query-word coverage, vocabulary share) over the
evaluation set. It scores the hits `GET /api/search` returns and tells whether a short follow-up stands
on its own; whether to answer at all is the fitted decision's (``answering/decision.py``).
It is fitted per embedder (a cosine of e5 and one of MiniLM mean different things) by `assistant fit`
and read from the index build's fitted models (``fitted.py``); without them the defaults below keep
search working, and relevance is then a rough guess (the server says so at start).
"""

from __future__ import annotations

import math
from typing import Any

DEFAULT_CALIBRATION = {"bias": -30.0, "dense": 30.0, "bm25": 0.2, "coverage": 4.0, "vocabulary": 4.0}
# Without a fitted decision, the relevance under which the best evidence is too weak to answer from.
DEFAULT_THRESHOLD = 0.5


def calibration_of(fitted: dict[str, Any] | None) -> dict[str, float]:
    """The coefficients from a build's fitted models, or the defaults."""
    try:
        data = (fitted or {})["calibration"]
        return {key: float(data[key]) for key in DEFAULT_CALIBRATION}
    except (KeyError, TypeError, ValueError):
        return dict(DEFAULT_CALIBRATION)


def relevance(calibration: dict[str, float], dense: float, bm25: float, coverage: float, vocabulary: float) -> float:
    c = calibration
    z = c["bias"] + c["dense"] * dense + c["bm25"] * bm25 + c["coverage"] * coverage + c["vocabulary"] * vocabulary
    # Clamped so that an outlier score cannot overflow exp().
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
