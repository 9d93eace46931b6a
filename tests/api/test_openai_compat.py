"""/v1 follow-ups from the history the client sends: read from the messages, nothing kept on the server."""

from __future__ import annotations

from fastapi.testclient import TestClient

from assistant.api import create_api
from assistant.api.openai_compat import question_and_history
from assistant.api.schemas import ChatMessage
from assistant.api.state import ServiceState
from assistant.config import Settings

MODEL = "sef-legal-assistant"


def _messages(*turns: tuple[str, str]) -> list[ChatMessage]:
    return [ChatMessage(role=role, content=content) for role, content in turns]


def test_the_history_is_read_from_the_messages_with_what_each_answer_cited() -> None:
    answer = (
        "Segundo o artigo 13.º, n.º 2, alínea g)…\n\nFontes:\n"
        "[1] Artigo 13.º, n.º 2, alínea g) (dl-252-2000/art-13/n-2/al-g): “Aplicar coimas…”"
    )
    question, history = question_and_history(
        _messages(
            ("system", "be brief"),
            ("user", "Quem aplica coimas?"),
            ("assistant", answer),
            ("user", "Quem o substitui?"),
        )
    )
    assert question == "Quem o substitui?"
    assert [(t.question, t.cited, t.language) for t in history] == [
        ("Quem aplica coimas?", ["dl-252-2000/art-13/n-2/al-g"], "pt")
    ]


def test_a_first_question_has_no_history() -> None:
    assert question_and_history(_messages(("system", "be brief"), ("user", "Who grants visas?"))) == (
        "Who grants visas?",
        [],
    )


def test_three_turns_with_the_openai_client_follow_up_from_the_sent_history(server: str) -> None:
    from openai import OpenAI

    oa = OpenAI(base_url=f"{server}/v1", api_key="not-needed")
    messages: list[dict[str, str]] = []

    def ask(question: str) -> dict[str, object]:
        messages.append({"role": "user", "content": question})
        reply = oa.chat.completions.create(model=MODEL, messages=messages).model_dump()  # type: ignore[arg-type]
        messages.append({"role": "assistant", "content": reply["choices"][0]["message"]["content"]})
        return reply

    first = ask("Quem aplica coimas?")
    assert [c["id"] for c in first["citations"]] == ["dl-252-2000/art-13/n-2/al-g"]  # type: ignore[index]
    # "o" is the post of the article cited before (Director-geral): its stand-in is Article 14(2).
    second = ask("Quem o substitui?")
    assert "dl-252-2000/art-14/n-2" in [c["id"] for c in second["citations"]]  # type: ignore[index]
    # A bare paragraph number is read inside the article the last answer cited.
    third = ask("E o n.º 1?")
    assert [c["id"] for c in third["citations"]] == ["dl-252-2000/art-14/n-1"]  # type: ignore[index]


def test_a_completion_keeps_nothing_in_the_conversation_store(settings: Settings) -> None:
    state = ServiceState(settings)
    state.load()
    with TestClient(create_api(settings, state)) as client:
        before = len(state.assistant.conversations)
        history = [
            {"role": "user", "content": "Quem aplica coimas?"},
            {"role": "assistant", "content": "…\n\nFontes:\n[1] x (dl-252-2000/art-13/n-2/al-g): “…”"},
            {"role": "user", "content": "Quem o substitui?"},
        ]
        for stream in (False, True):
            response = client.post("/v1/chat/completions", json={"model": MODEL, "messages": history, "stream": stream})
            assert response.status_code == 200 and "art-14/n-2" in response.text
        assert len(state.assistant.conversations) == before
