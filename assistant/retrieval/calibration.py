"""Relevance calibration: how likely a hit is to be relevant, from scores a search already has.

A logistic fit on (dense cosine, raw BM25, query-word coverage, vocabulary share) over the
evaluation set, with the threshold under which the best evidence is too weak to answer from.
``assistant eval --calibrate`` fits it and rewrites ``calibration.json`` beside this module;
without that file the defaults below keep search working (relevance is then a rough guess).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
DEFAULT_CALIBRATION = {"bias": -30.0, "dense": 30.0, "bm25": 0.2, "coverage": 4.0, "vocabulary": 4.0}


def load_calibration() -> dict[str, float]:
    try:
        data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
        return {key: float(data[key]) for key in DEFAULT_CALIBRATION}
    except (OSError, ValueError, KeyError):
        return dict(DEFAULT_CALIBRATION)


def load_calibration_threshold(default: float = 0.5) -> float:
    """The relevance below which the best evidence is too weak to answer from."""
    try:
        return float(json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))["threshold"])
    except (OSError, ValueError, KeyError):
        return default


def relevance(calibration: dict[str, float], dense: float, bm25: float, coverage: float, vocabulary: float) -> float:
    c = calibration
    z = c["bias"] + c["dense"] * dense + c["bm25"] * bm25 + c["coverage"] * coverage + c["vocabulary"] * vocabulary
    # Clamped so that an outlier score cannot overflow exp().
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
