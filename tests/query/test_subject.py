"""Questions naming what they ask about: a body by its article's or subsection's heading, a term by
the unit defining it (assistant/answering/named.py), on the real corpus."""

from __future__ import annotations

import pytest

from assistant.answering import Assistant
from assistant.corpus import Corpus
from assistant.query.subject import named_lead


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # A subsection's title names the body; its first article says what the body does.
        ("O que faz a Direcção Central de Fronteiras?", "dl-252-2000/art-30"),
        ("O que faz a Direção Central de Fronteiras?", "dl-252-2000/art-30"),  # modern spelling
        ("What does the Central Directorate for Borders do?", "dl-252-2000/art-30"),
        # An article's heading, in either language, without "Competência do".
        ("What does the Department for Systems and Communications do?", "dl-252-2000/art-40"),
        ("o que faz o diretor regional?", "dl-252-2000/art-47"),
        ("Para que serve o Gabinete de Inspeção?", "dl-252-2000/art-16"),
        # One body of a kind the heading names in the plural ("Direcções regionais"), after an opening word.
        ("Afinal, o que faz uma direção regional do SEF?", "dl-252-2000/art-45"),
        ("What do the regional directorates do?", "dl-252-2000/art-45"),
        # A heading asked for as a list: the article listing it (not the item of Article 11 naming it).
        ("What are all of SEF's central services?", "dl-252-2000/art-22"),
        ("Quais são os serviços centrais do SEF?", "dl-252-2000/art-22"),
        ("Which are the border posts of type 1?", None),  # no heading: the search finds 52(2)
        # A definition.
        ("O que é o SEF?", "dl-252-2000/art-1/n-1"),
        ("good morning! what is SEF?", "dl-252-2000/art-1/n-1"),
        ("what is AIMA?", "aima-explainer/p-1"),
        # Neither: who heads a body, or what a body does without naming one.
        ("Quem dirige o Gabinete Jurídico?", None),
        ("What does SEF do at the border?", None),
        ("O que é uma coima?", None),
    ],
)
def test_the_unit_a_question_names(corpus: Corpus, question: str, lead: str | None) -> None:
    assert named_lead(corpus, question) == lead


def test_what_a_body_does_is_answered_by_its_own_article(assistant: Assistant) -> None:
    # Searched, it found Article 22(c), the item listing the directorate among the central services.
    answer = assistant.ask("O que faz a Direção Central de Fronteiras?")
    # Its own article (Article 30) or a part of it, not the item of Article 22 that only lists its name.
    assert answer.citations and all(c.id.startswith("dl-252-2000/art-30") for c in answer.citations)
    assert "Direcção Central de Fronteiras compete" in answer.citations[0].quote
