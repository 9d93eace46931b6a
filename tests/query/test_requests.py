"""A request for the answer's language is told from a question about a language."""

from __future__ import annotations

import pytest

from assistant.query.requests import asks_for_language, split_language_request


@pytest.mark.parametrize(
    ("question", "rest", "language"),
    [
        ("Who grants visas, in English please?", "Who grants visas?", "en"),
        ("Quem concede vistos? Responda em inglês, por favor.", "Quem concede vistos?", "en"),
        # Without a comma or sentence end before it, "in <language>" is part of the question.
        (
            "Are integration programmes in Portuguese, please?",
            "Are integration programmes in Portuguese, please?",
            None,
        ),
        ("In English please: quem dirige o SEF?", "Quem dirige o SEF?", "en"),
        ("Em português: who heads SEF?", "Who heads SEF?", "pt"),
        ("Em Portugal, quem concede vistos?", "Em Portugal, quem concede vistos?", None),
        # A question about a language, not a request for one.
        ("Can I write in English?", "Can I write in English?", None),
        ("Os documentos têm de ser escritos em português?", "Os documentos têm de ser escritos em português?", None),
        ("Is the decree available in English?", "Is the decree available in English?", None),
        # Text-speak with no separator: a request after "pls", a verb asking for an answer, or a wh-question.
        ("who grants visas in english pls", "who grants visas", "en"),
        ("quem concede vistos responda em ingles", "quem concede vistos", "en"),
        ("quem concede vistos em inglês por favor?", "quem concede vistos?", "en"),
        ("Are integration programmes in Portuguese please?", "Are integration programmes in Portuguese please?", None),
        ("which documents are written in english pls", "which documents are written in english pls", None),
    ],
)
def test_split_language_request(question: str, rest: str, language: str | None) -> None:
    assert split_language_request(question) == (rest, language)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("and in Portuguese?", "pt"),
        ("Em inglês, por favor", "en"),
        ("can you say that in english?", "en"),
        ("Who speaks English?", None),
    ],
)
def test_asks_for_language(question: str, language: str | None) -> None:
    assert asks_for_language(question) == language
