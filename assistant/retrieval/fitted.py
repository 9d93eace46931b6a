"""Fitted models (the relevance calibration, and the decisions fitted on the evaluation questions), stored
with the index and keyed by the embedder they were fitted with: scores of another model mean something else.

``corpus/fitted/<embedder identity>.json`` is shipped with the repository (written by `assistant fit`); a
build copies the one of its embedder into the build folder (``fitted.json``), where the server reads it.
A build for an embedder with none fits its own before it is switched in (the build's ``fit`` step, given by
`assistant index`), or the server says at start that it has none.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from assistant.retrieval.shipped import slug

FITTED_FILE = "fitted.json"


def shipped_fit_path(corpus_dir: Path, identity: str) -> Path:
    return corpus_dir / "fitted" / f"{slug(identity)}.json"


def read_fitted(path: Path, identity: str) -> dict[str, Any] | None:
    """The fitted models in ``path`` if they were fitted with this embedder, else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("embedder") == identity else None


def write_fitted(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def shipped_fit_digest(corpus_dir: Path, identity: str) -> str | None:
    """What the index key records of the shipped fit: a refit rebuilds the index (which copies it in)."""
    path = shipped_fit_path(corpus_dir, identity)
    if read_fitted(path, identity) is None:
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
