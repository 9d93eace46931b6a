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


def test_each_part_gets_its_unit(assistant: Assistant) -> None:
    # One search found one side only: who institutes expulsions (SEF, 2(1)(m), or the regional director,
    # 47(1)(g)) without who executes them (47(1)(h)).
    cited = [c.id for c in assistant.ask("Quem instaura e quem executa as expulsões?").citations]
    assert cited[0] in ("dl-252-2000/art-2/n-1/al-m", "dl-252-2000/art-47/n-1/al-g")
    assert cited[1:] == ["dl-252-2000/art-47/n-1/al-h"]


def test_a_body_compared_by_name_is_cited_by_its_own_article(assistant: Assistant) -> None:
    # "o Departamento de Investigação" is Article 24's heading; searched, it found the item of Article 23
    # that names the department among others, which says nothing of what it does.
    question = "Qual a diferença entre o Departamento de Investigação e o Departamento de Pesquisa e Análise?"
    assert [c.id for c in assistant.ask(question).citations] == ["dl-252-2000/art-24", "dl-252-2000/art-25"]
