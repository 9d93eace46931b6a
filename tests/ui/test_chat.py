"""The chat handlers without a browser: loading and failure messages, streaming, feedback rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import gradio as gr
import pytest

from assistant.answering import Answer, Assistant, Citation
from assistant.corpus import Corpus
from assistant.errors import InvalidQuery
from assistant.ui.chat import ChatHandlers
from assistant.ui.feedback import FeedbackStore

AL_M = "dl-252-2000/art-47/n-1/al-m"


class FakeAssistant:
    """Answers every question with Article 47(1)(m), as the real one does for 'Who renews residence permits?'."""

    stream_text = staticmethod(Assistant.stream_text)

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def ask(self, question: str, language: str, conversation_id: str | None) -> Answer:
        if question == "?":
            raise InvalidQuery("the question is too short")
        quote = self.corpus.unit(AL_M).own_text
        citation = Citation(AL_M, "dl-252-2000", "Article 47(1)(m)", quote, "Granting and renewing residence permits;")
        text = "The regional director grants and renews residence permits."
        return Answer(text, "en", False, [citation], ["Revoked."], conversation_id="c-1")

    def ask_stream(self, question: str, language: str, conversation_id: str | None) -> Iterator[str | Answer]:
        answer = self.ask(question, language, conversation_id)
        yield from self.stream_text(answer)
        yield answer


def handlers(tmp_path: Path, assistant: object = None, error: str | None = None) -> ChatHandlers:
    state: Any = SimpleNamespace(ready=assistant is not None, assistant=assistant, error=error)
    return ChatHandlers(state, FeedbackStore(tmp_path / "feedback.sqlite3"))


def last_content(history: list[dict[str, Any]]) -> str:
    return str(history[-1]["content"])


def test_loading_and_failed_index_are_said_in_the_interface_language(tmp_path: Path) -> None:
    ((history, *_),) = handlers(tmp_path).respond("Who?", [], {}, None, "pt")
    assert "O índice está a carregar…" in last_content(history)
    ((history, *_),) = handlers(tmp_path, error="no index <built>").respond("Who?", [], {}, None, "en")
    assert "The assistant is unavailable: no index &lt;built&gt;" in last_content(history)
    assert handlers(tmp_path).status("en")["visible"] is True


def test_answer_is_streamed_then_recorded_for_feedback(tmp_path: Path, corpus: Corpus) -> None:
    chat = handlers(tmp_path, FakeAssistant(corpus))
    steps = list(chat.respond("<b>Who</b> renews?", [], {}, None, "en"))
    assert len(steps) > 3
    first_history = steps[0][0]
    assert first_history[0]["content"] == "<div class='user-text'>&lt;b&gt;Who&lt;/b&gt; renews?</div>"
    shown = [last_content(step[0]) for step in steps]
    assert shown[0] != shown[-2] and "<mark>" not in shown[-2] and "<mark>" in shown[-1]
    history, records, conversation, box = steps[-1]
    assert conversation == "c-1" and box == ""
    assert len(history) == 2
    assert records == {
        1: {
            "question": "<b>Who</b> renews?",  # stored as typed; escaping is for display only
            "answer": "The regional director grants and renews residence permits.",
            "conversation_id": "c-1",
            "feedback_id": None,
        }
    }


def test_refused_question_shows_the_reason(tmp_path: Path, corpus: Corpus) -> None:
    ((history, records, *_),) = handlers(tmp_path, FakeAssistant(corpus)).respond("?", [], {}, None, "en")
    assert "too short" in last_content(history) and records == {}


def like(index: int, liked: bool | str) -> gr.LikeData:
    return gr.LikeData(None, {"index": index, "value": [], "liked": liked})


def test_votes_and_comments_land_in_the_store(tmp_path: Path, corpus: Corpus) -> None:
    chat = handlers(tmp_path, FakeAssistant(corpus))
    *_, (_, records, _, _) = chat.respond("Who renews?", [], {}, None, "en")
    records, row, thanks, voted = chat.on_like(records, "en", like(1, False))
    assert row["visible"] is True and "saved" in thanks
    assert [(r["rating"], r["question"]) for r in chat.store.list()] == [(-1, "Who renews?")]
    records, *_ = chat.on_like(records, "en", like(1, True))  # changing one's mind updates the same row
    assert [r["rating"] for r in chat.store.list()] == [1]
    row, box, thanks = chat.on_comment("Very clear", voted, "pt")
    assert row["visible"] is False and box == ""
    assert chat.store.list()[0]["comment"] == "Very clear" and "comentário foi guardado" in thanks
    records, row, _, voted = chat.on_like(records, "en", like(1, ""))  # the vote taken back
    assert chat.store.list() == [] and voted is None


@pytest.mark.parametrize("index", [0, 7])
def test_votes_on_other_bubbles_are_ignored(tmp_path: Path, index: int) -> None:
    result = handlers(tmp_path).on_like({}, "en", like(index, True))
    assert all(isinstance(value, type(gr.skip())) for value in result)
