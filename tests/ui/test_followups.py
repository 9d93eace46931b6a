"""Suggested follow-ups come from the cited unit's place in its document, and each is answered as written."""

from __future__ import annotations

import pytest

from assistant.answering import Assistant
from assistant.corpus import Corpus
from assistant.ui.competences import CompetenceTable
from assistant.ui.followups import suggestions

TABLE = CompetenceTable()


def suggested(assistant: Assistant, corpus: Corpus, question: str) -> tuple[str | None, list[str]]:
    answer = assistant.ask(question)
    return answer.conversation_id, suggestions(corpus, answer, lambda unit_id: TABLE.of_unit(corpus, unit_id))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who renews residence permits?", ["And (n)?", "What are the powers of the regional director?"]),
        (
            "Quem renova autorizações de residência?",
            ["E a alínea n)?", "Quais são as competências do director regional?"],
        ),
        ("Who grants visas?", ["And (j)?", "What are the attributions of SEF?"]),
        ("Quem aplica coimas?", ["E a alínea h)?", "Quais são as competências do director-geral?"]),
        ("What challenges does AIMA face?", ["What does paragraph 5 of the AIMA explainer say?"]),
    ],
)
def test_siblings_and_the_body_named_then_the_other_language(
    assistant: Assistant, corpus: Corpus, question: str, expected: list[str]
) -> None:
    _, found = suggested(assistant, corpus, question)
    other = "And in Portuguese?" if expected[0][0] in "AW" else "E em inglês?"
    assert found == [*expected, other]


def test_each_suggestion_is_answered_in_the_same_conversation(assistant: Assistant, corpus: Corpus) -> None:
    for question in ("Who renews residence permits?", "Quem aplica coimas?", "What challenges does AIMA face?"):
        conversation, found = suggested(assistant, corpus, question)
        for follow_up in found:
            answer = assistant.ask(follow_up, conversation_id=conversation)
            assert not answer.abstained and answer.citations, (question, follow_up, answer.answer)


def test_a_refusal_suggests_the_nearest_related_unit(assistant: Assistant, corpus: Corpus) -> None:
    conversation, found = suggested(assistant, corpus, "My residence card expired, what do I do?")
    assert found == ["What does Article 17(1)(f) of Decree-Law 252/2000 say?"]
    answer = assistant.ask(found[0], conversation_id=conversation)
    assert [c.id for c in answer.citations] == ["dl-252-2000/art-17/n-1/al-f"]
