"""`assistant embeddings`: write the embeddings shipped with the corpus, or check that they cover it."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.corpus import load_corpus
from assistant.retrieval.cache import CachingEmbeddings, EmbeddingCache
from assistant.retrieval.embeddings import identity_for, make_embedder
from assistant.retrieval.passages import build_passages
from assistant.retrieval.shipped import ShippedVectors, write_shipped


def ship_embeddings(settings: Settings) -> tuple[Path, int]:
    """Vectors for exactly the current passages (from this machine's cache, embedding what it lacks),
    written to corpus/embeddings/; returns the file and how many passages had to be embedded."""
    passages = build_passages(load_corpus(settings.corpus_dir))
    texts = list(dict.fromkeys(p.text for p in passages))
    embedder = make_embedder(settings)
    cache = EmbeddingCache(settings.index_dir / "cache" / "embeddings.sqlite")
    try:
        caching = CachingEmbeddings(embedder, cache)  # not the shipped file: it is what is being rewritten
        vectors = caching.embed_documents(texts)
    finally:
        cache.close()
    return write_shipped(settings.corpus_dir, caching.identity, texts, vectors), caching.misses


def check_shipped(settings: Settings) -> tuple[int, int]:
    """(passages without a shipped vector, passages) for the embedder the settings choose."""
    texts = {p.text for p in build_passages(load_corpus(settings.corpus_dir))}
    shipped = ShippedVectors.load(settings.corpus_dir, identity_for(settings))
    return sum(1 for t in texts if t not in shipped), len(texts)
