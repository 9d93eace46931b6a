"""Retrieval: embedders, the index build, Chroma + BM25 + references, fused search."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.corpus import Corpus, load_corpus
from assistant.retrieval.build import BuildReport, build_index, open_index
from assistant.retrieval.embeddings import make_embedder
from assistant.retrieval.retriever import Hit, Retriever, SearchResult


def open_retriever(settings: Settings, corpus: Corpus | None = None, embedder: Embeddings | None = None) -> Retriever:
    """The retriever over the finished index that ``index/CURRENT`` names."""
    corpus = corpus or load_corpus(settings.corpus_dir)
    embedder = embedder or make_embedder(settings)
    return Retriever(corpus, open_index(settings, embedder), embedder, settings)


__all__ = ["BuildReport", "Hit", "Retriever", "SearchResult", "build_index", "open_retriever"]
