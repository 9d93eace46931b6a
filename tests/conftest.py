"""Shared fixtures. Slow setup (the parsed corpus, a built index, a server) happens once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import Corpus, load_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="session")
def decree_source() -> str:
    return (ROOT / "corpus" / "sources" / "dl-252-2000.txt").read_text(encoding="utf-8")
