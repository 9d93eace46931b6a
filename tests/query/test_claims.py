"""A claim inside a question, searched as what it claims (no index)."""

from __future__ import annotations

import pytest

from assistant.query.claims import count_asked


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("O diretor-geral do SEF só tem dois adjuntos, não é?", "O diretor-geral do SEF tem quantos adjuntos, não é?"),
        ("SEF has only two central directorates, right?", "SEF has how many central directorates, right?"),
        ("Tenho dois filhos: quem decide o reagrupamento?", None),  # a fact about the asker, not a claim
    ],
)
def test_a_number_claimed_with_only_is_searched_as_a_count(question: str, searched: str | None) -> None:
    assert count_asked(question) == searched
