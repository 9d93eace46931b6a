"""Questions in two parts are split into two questions of their own (assistant/answering/parts.py)."""

from __future__ import annotations

import pytest

from assistant.answering import Assistant
from assistant.answering.parts import split_question


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("Quem instaura e quem executa as expulsões?", ["Quem instaura as expulsões?", "quem executa as expulsões?"]),
        (
            "Compare the powers of the Legal Office and the Inspection Office.",
            ["the powers of the Legal Office", "the powers of the Inspection Office"],
        ),
        (
            "Qual a diferença entre as competências do director-geral e do director regional?",
            ["as competências do director-geral", "as competências do director regional"],
        ),
        (
            "What's the difference between SEF's operational and support services?",
            ["SEF's operational services", "support services"],
        ),
        (
            "Qual a diferença entre os serviços operacionais e de apoio?",
            ["os serviços operacionais", "os serviços de apoio"],
        ),
        # One question, or a second part that leans on the first.
        ("Who grants visas?", []),
        ("Quem é o director-geral e quem o substitui?", []),
        ("Which regional directorates did SEF have, and where was each one based?", []),
    ],
)
def test_split_question(question: str, parts: list[str]) -> None:
    assert split_question(question) == parts


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("Quem instaura e quem executa as expulsões?", ["art-47/n-1/al-g", "art-47/n-1/al-h"]),
        (
            "Qual a diferença entre o Departamento de Investigação e o Departamento de Pesquisa e Análise?",
            ["art-24", "art-25"],
        ),
    ],
)
def test_each_part_gets_its_unit(assistant: Assistant, question: str, cited: list[str]) -> None:
    # One search found one side only: 47(1)(g) without (h), Article 25 without 24.
    assert [c.id for c in assistant.ask(question).citations] == [f"dl-252-2000/{u}" for u in cited]
