"""Which user message of an OpenAI-style history gives a follow-up its context."""

from __future__ import annotations

from assistant.api.openai_compat import _question_and_context
from assistant.api.schemas import ChatMessage


def _messages(*turns: tuple[str, str]) -> list[ChatMessage]:
    return [ChatMessage(role=role, content=content) for role, content in turns]


def test_thanks_between_two_questions_is_no_context() -> None:
    messages = _messages(
        ("user", "Quem aplica coimas?"),
        ("assistant", "Segundo o artigo 13.º…"),
        ("user", "obrigado"),
        ("assistant", "De nada."),
        ("user", "e a alínea h)?"),
    )
    assert _question_and_context(messages) == ("e a alínea h)?", "Quem aplica coimas?")


def test_a_first_question_has_no_context() -> None:
    assert _question_and_context(_messages(("system", "be brief"), ("user", "Who grants visas?"))) == (
        "Who grants visas?",
        None,
    )
