"""Shared fixtures. Slow setup (the parsed corpus, the built index, a server) happens once per session.

The suite uses the repository's own index (``make test`` builds it first; a
missing one is built here). Tests that build or break an index work on a
private copy of the embedding cache, so they re-embed nothing and never touch
the index the other tests read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.corpus import Corpus, load_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="session")
def decree_source() -> str:
    return (ROOT / "corpus" / "sources" / "dl-252-2000.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings of the repository's index, built if needed (a no-op when up to date)."""
    from assistant.retrieval import build_index

    settings = Settings(index_dir=ROOT / "index", corpus_dir=ROOT / "corpus")
    build_index(settings)
    return settings


@pytest.fixture(scope="session")
def retriever(settings: Settings):  # type: ignore[no-untyped-def]
    from assistant.retrieval import open_retriever

    return open_retriever(settings)


@pytest.fixture(scope="session")
def assistant(settings: Settings, retriever):  # type: ignore[no-untyped-def]
    from assistant.answering import Assistant

    return Assistant(settings, retriever)


@pytest.fixture
def private_index(settings: Settings, tmp_path: Path) -> Settings:
    """An empty index folder whose embedding cache is a copy of the repository's (so builds are quick)."""
    index_dir = tmp_path / "index"
    (index_dir / "cache").mkdir(parents=True)
    shutil.copy(settings.index_dir / "cache" / "embeddings.sqlite", index_dir / "cache" / "embeddings.sqlite")
    return Settings(index_dir=index_dir, corpus_dir=settings.corpus_dir, data_dir=tmp_path / "data")
