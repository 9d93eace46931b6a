"""Retrieval: embedders, the index build, Chroma + BM25 + references, fused search.

The names below are imported on first use: a freshness check or a no-op build must not pay for
importing the vector store and the language-model libraries (about 2 s).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from assistant.config import Settings
    from assistant.corpus import Corpus
    from assistant.retrieval.build import BuildReport, build_index
    from assistant.retrieval.retriever import Hit, Retriever, SearchResult

_LAZY = {
    "BuildReport": "assistant.retrieval.build",
    "build_index": "assistant.retrieval.build",
    "Hit": "assistant.retrieval.retriever",
    "Retriever": "assistant.retrieval.retriever",
    "SearchResult": "assistant.retrieval.retriever",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_retriever(settings: Settings, corpus: Corpus | None = None, embedder: Embeddings | None = None) -> Retriever:
    """The retriever over the finished index that ``index/CURRENT`` names."""
    from assistant.corpus import load_corpus
    from assistant.retrieval.build import open_index
    from assistant.retrieval.embeddings import make_embedder
    from assistant.retrieval.retriever import Retriever

    corpus = corpus or load_corpus(settings.corpus_dir)
    embedder = embedder or make_embedder(settings)
    return Retriever(corpus, open_index(settings, embedder), embedder, settings)


__all__ = ["BuildReport", "Hit", "Retriever", "SearchResult", "build_index", "open_retriever"]
