"""The chat handlers without a browser: loading and failure messages, streaming, the stored conversation, stop,
feedback rows kept with their answer."""

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
from assistant.ui import history
from assistant.ui.chat import ChatHandlers
from assistant.ui.competences import CompetenceTable
from assistant.ui.feedback import FeedbackStore

AL_M = "dl-252-2000/art-47/n-1/al-m"


class FakeAssistant:
    """Answers every question with Article 47(1)(m), as the real one does for 'Who renews residence permits?'."""

    stream_text = staticmethod(Assistant.stream_text)

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.asked: list[tuple[str, str | None]] = []

    def ask(self, question: str, language: str, conversation_id: str | None) -> Answer:
        if question == "?":
            raise InvalidQuery("the question is too short")
        self.asked.append((question, conversation_id))
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
    return ChatHandlers(state, FeedbackStore(tmp_path / "feedback.sqlite3"), CompetenceTable())


def shown(update: dict[str, Any]) -> list[dict[str, Any]]:
    return list(update["value"])


def last_content(update: dict[str, Any]) -> str:
    return str(shown(update)[-1]["content"])


def test_loading_and_failed_index_are_said_in_the_interface_language(tmp_path: Path) -> None:
    ((chat, stored, *_),) = handlers(tmp_path).respond("Who?", history.empty(), "pt")
    assert "O índice está a carregar…" in last_content(chat) and stored["turns"][0]["kind"] == "info"
    ((chat, *_),) = handlers(tmp_path, error="no index <built>").respond("Who?", None, "en")
    assert "The assistant is unavailable: no index &lt;built&gt;" in last_content(chat)
    assert handlers(tmp_path).status("en")["visible"] is True


def test_the_question_shows_at_once_then_the_answer_streams_and_is_stored(tmp_path: Path, corpus: Corpus) -> None:
    chat = handlers(tmp_path, FakeAssistant(corpus))
    steps = list(chat.respond("<b>Who</b> renews?", history.empty(), "en"))
    assert len(steps) > 3
    first = shown(steps[0][0])
    assert first[0]["content"] == "<div class='user-text'>&lt;b&gt;Who&lt;/b&gt; renews?</div>"
    assert "Searching the documents" in first[1]["content"]  # a plain loading state, the question in view
    assert steps[0][6] == "<b>Who</b> renews?"  # pending: kept if the answer is stopped
    streamed = [last_content(step[0]) for step in steps[1:-1]]
    assert streamed[0] != streamed[-1] and all("<mark>" not in s for s in streamed)
    final, stored, box, send, stop, _, pending = steps[-1]
    assert "<mark>" in last_content(final) and "answer-done" in last_content(final)
    assert box == "" and send["visible"] is True and stop["visible"] is False and pending is None
    assert stored["conversation_id"] == "c-1"
    (turn,) = stored["turns"]
    assert turn["question"] == "<b>Who</b> renews?"  # stored as typed; escaping is for display only
    assert turn["answer"]["citations"][0]["id"] == AL_M


def test_a_follow_up_continues_the_stored_conversation(tmp_path: Path, corpus: Corpus) -> None:
    assistant = FakeAssistant(corpus)
    chat = handlers(tmp_path, assistant)
    *_, (_, stored, *_) = chat.respond("Who renews?", history.empty(), "en")
    restored, kept, examples = chat.restore(stored)  # as after a reload: the browser gives the value back
    assert len(shown(restored)) == 2 and examples["visible"] is False
    *_, (final, stored, *_) = chat.respond("And (n)?", kept, "en")
    assert assistant.asked[-1] == ("And (n)?", "c-1") and len(stored["turns"]) == 2
    assert len(shown(final)) == 4


def test_a_stopped_answer_keeps_its_question_with_a_note(tmp_path: Path, corpus: Corpus) -> None:
    chat = handlers(tmp_path, FakeAssistant(corpus))
    update, stored, send, stop, pending = chat.stop(history.empty(), "Who renews?", "en")
    assert stored["turns"] == [
        history.note_turn("Who renews?", "Stopped: no answer was given to this question.", "stopped")
    ]
    assert "Stopped" in last_content(update) and send["visible"] and not stop["visible"] and pending is None


def test_a_malformed_stored_value_is_an_empty_conversation(tmp_path: Path) -> None:
    assert history.clean("junk") == history.empty()
    kept = history.clean(
        {"conversation_id": "x" * 99, "turns": [{"question": 3}, {"question": "q", "kind": "info", "text": "t"}]}
    )
    assert kept["conversation_id"] is None and len(kept["turns"]) == 1


def test_refused_question_shows_the_reason(tmp_path: Path, corpus: Corpus) -> None:
    *_, (chat, stored, *_) = handlers(tmp_path, FakeAssistant(corpus)).respond("?", history.empty(), "en")
    assert "too short" in last_content(chat) and stored["turns"][0]["kind"] == "error"


def like(index: int, liked: bool | str) -> gr.LikeData:
    return gr.LikeData(None, {"index": index, "value": [], "liked": liked})


def test_votes_and_comments_land_in_the_store_and_stay_with_their_answer(tmp_path: Path, corpus: Corpus) -> None:
    chat = handlers(tmp_path, FakeAssistant(corpus))
    *_, (_, stored, *_) = chat.respond("Who renews?", history.empty(), "en")
    *_, (_, stored, *_) = chat.respond("And who grants them?", stored, "en")
    update, stored, row, box, voted = chat.on_like(stored, "en", like(1, False))  # the first answer
    assert row["visible"] is True and voted == 0 and "Who renews?" in box["label"]
    assert [(r["rating"], r["question"]) for r in chat.store.list()] == [(-1, "Who renews?")]
    assert update["feedback_value"] == ["Dislike", None]
    assert "unhelpful" in str(shown(update)[1]["content"]) and "unhelpful" not in str(shown(update)[3]["content"])
    update, stored, *_ = chat.on_like(stored, "en", like(1, True))  # changing one's mind updates the same row
    assert [r["rating"] for r in chat.store.list()] == [1] and update["feedback_value"] == ["Like", None]
    update, stored, row, box = chat.on_comment("Very clear", voted, stored, "pt")
    assert row["visible"] is False and box == ""
    assert chat.store.list()[0]["comment"] == "Very clear" and "Very clear" in str(shown(update)[1]["content"])
    *_, (final, stored, *_) = chat.respond("And then?", stored, "en")  # a later answer leaves it as it was
    assert final["feedback_value"] == ["Like", None, None] and "Very clear" in str(shown(final)[1]["content"])
    update, stored, row, _, voted = chat.on_like(stored, "en", like(1, ""))  # the vote taken back
    assert chat.store.list() == [] and voted is None and update["feedback_value"][0] is None


@pytest.mark.parametrize("index", [0, 7])
def test_votes_on_other_bubbles_are_ignored(tmp_path: Path, index: int) -> None:
    stored = history.with_turn(history.empty(), history.note_turn("q", "loading", "info"))
    _, *rest = handlers(tmp_path).on_like(stored, "en", like(index, True))
    assert all(isinstance(value, type(gr.skip())) for value in rest)
