"""How words are read for BM25: stems, folding, old spelling and missing accents meet their source."""

from __future__ import annotations

import pytest

from assistant.retrieval.lexical import tokenize


@pytest.mark.parametrize(
    ("typed", "source"),
    [
        ("autorizacao de residencia", "autorização de residência"),
        ("prorrogacoes de permanencia", "prorrogações de permanência"),
        ("decisao de expulsao", "decisão de expulsão"),
        ("responsavel pela vigilancia", "responsável pela vigilância"),
        ("direção", "direcção"),  # today's spelling, the decree's
        ("gabinete de inspeccao", "gabinete de inspecção"),  # the old spelling, without its accent
    ],
)
def test_portuguese_typed_without_accents_reads_as_the_source(typed: str, source: str) -> None:
    assert tokenize(typed, "pt") == tokenize(source, "pt") != []


def test_stopwords_without_accents_stay_stopwords() -> None:
    assert tokenize("nao sao", "pt") == tokenize("não são", "pt") == []
