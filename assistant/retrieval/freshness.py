"""What a built index depends on, as one key in its manifest: a build whose key differs is rebuilt.

The key holds the passages as they are embedded and matched (their ids, texts and metadata: the corpus
files, the renderings, the everyday phrasings and how passages are put together all show there), the
source of the code that builds passages and reads their words (editing `passages.py`, `lexical.py` or
`corpus/words.py` rebuilds, whatever it changes), the embedder's identity, the fitted models shipped for
it (a refit is copied into a new build), the HNSW settings and where the vectors are stored. Computing it
needs no model and no vector store: a no-op build stays well under a second.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.retrieval.fitted import shipped_fit_digest
from assistant.retrieval.passages import Passage
from assistant.retrieval.store import HNSW

_HERE = Path(__file__).resolve().parent
# How passages are built and how their words are tokenized, stemmed and folded for BM25.
CODE = (_HERE / "passages.py", _HERE / "lexical.py", _HERE.parent / "corpus" / "words.py")


def passages_digest(passages: list[Passage]) -> str:
    digest = hashlib.sha256()
    for passage in passages:
        row = [passage.id, passage.text, passage.metadata]
        digest.update(json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    return digest.hexdigest()[:16]


def code_digest() -> str:
    digest = hashlib.sha256()
    for path in CODE:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def index_key(settings: Settings, passages: list[Passage], identity: str) -> dict[str, Any]:
    return {
        "passages": passages_digest(passages),
        "code": code_digest(),
        "embedder": identity,
        "fit": shipped_fit_digest(settings.corpus_dir, identity),
        "hnsw": HNSW,
        "store": settings.chroma_url,
    }


def stale_parts(manifest: dict[str, Any], key: dict[str, Any]) -> list[str]:
    """Which parts of the key a build's manifest does not match (all of them for a build that has none)."""
    recorded = manifest.get("key") or {}
    return [part for part, value in key.items() if recorded.get(part) != value]
