"""The chat tab's event handlers: ask and stream, rate an answer, comment on the rating."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.answering.models import Answer
from assistant.api.state import ServiceState
from assistant.errors import AssistantError
from assistant.ui.feedback import FeedbackStore
from assistant.ui.i18n import t
from assistant.ui.render import answer_html, esc, message_html, partial_answer_html

log = logging.getLogger("assistant.ui")

RATINGS = {True: 1, False: -1}  # gr.LikeData.liked; "" means the vote was taken back

# The answer's message index in the chat -> what it answered, and the feedback row it got (if any).
Records = dict[int, dict[str, Any]]


def user_bubble(text: str) -> dict[str, str]:
    # render_markdown=False makes the Chatbot treat content as (sanitized) HTML: escaping shows the user's
    # words as typed, `<script>` and `![x](…)` included, instead of letting them become markup.
    return {"role": "user", "content": f"<div class='user-text'>{esc(text)}</div>"}


class ChatHandlers:
    def __init__(self, state: ServiceState, store: FeedbackStore) -> None:
        self.state = state
        self.store = store

    def status(self, lang: str) -> dict[str, Any]:
        """The banner above the tabs: hidden once the index is served."""
        if self.state.ready:
            return gr.update(value="", visible=False)
        if self.state.error:
            text = f"<div class='banner error'>{esc(t(lang, 'failed', error=self.state.error))}</div>"
        else:
            text = f"<div class='banner'>{esc(t(lang, 'loading'))}</div>"
        return gr.update(value=text, visible=True)

    def respond(
        self, message: str, history: list[dict[str, Any]], records: Records, conversation: str | None, lang: str
    ) -> Iterator[Any]:
        """Yields (chat, records, conversation id, question box) as the answer is streamed in."""
        message = (message or "").strip()
        if not message:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        history = [*history, user_bubble(message)]

        def say(text: str, kind: str = "info") -> tuple[Any, ...]:
            """A bubble that is not an answer (loading, refused question, failure): nothing to rate."""
            return [*history, {"role": "assistant", "content": message_html(text, kind)}], records, conversation, ""

        state = self.state
        if not state.ready:
            yield say(t(lang, "failed", error=state.error) if state.error else t(lang, "loading"))
            return
        # The answer follows the question's language; its text arrives as the answerer produces it
        # (with an LLM: verified sentences as they complete), then the whole answer with its cards.
        shown = ""
        answer: Answer | None = None
        try:
            assistant = state.assistant
            for item in assistant.ask_stream(message, "auto", conversation):
                if isinstance(item, Answer):
                    answer = item
                    break
                shown += item
                bubble = {"role": "assistant", "content": partial_answer_html(shown)}
                yield [*history, bubble], records, conversation, ""
        except AssistantError as exc:
            yield say(str(exc), "error")
            return
        except Exception:
            log.exception("answering failed")
            yield say(t(lang, "error"), "error")
            return
        if answer is None:
            yield say(t(lang, "error"), "error")
            return
        bubble = {"role": "assistant", "content": answer_html(assistant.corpus, answer, lang)}
        record = {"question": message, "answer": answer.answer, "conversation_id": answer.conversation_id}
        records = {**records, len(history): {**record, "feedback_id": None}}  # the index the bubble gets
        yield [*history, bubble], records, answer.conversation_id, ""

    def on_like(self, records: Records, lang: str, data: gr.LikeData) -> Any:
        """Yields (records, comment row, thanks text, feedback id for the comment)."""
        index = data.index if isinstance(data.index, int) else data.index[0]
        record = records.get(index)
        if record is None:  # a "loading…" or error bubble: nothing to rate
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        record = dict(record)
        rating = RATINGS.get(data.liked) if isinstance(data.liked, bool) else None
        if rating is None:
            if record["feedback_id"] is not None:
                self.store.delete(record["feedback_id"])
            record["feedback_id"] = None
            return {**records, index: record}, gr.update(visible=False), "", None
        if record["feedback_id"] is None:
            record["feedback_id"] = self.store.add(
                record["question"], record["answer"], rating, conversation_id=record["conversation_id"]
            )
        else:
            self.store.update(record["feedback_id"], rating=rating)
        return {**records, index: record}, gr.update(visible=True), t(lang, "thanks"), record["feedback_id"]

    def on_comment(self, comment: str, feedback_id: int | None, lang: str) -> Any:
        """Yields (comment row, comment box, thanks text)."""
        if feedback_id is None or not (comment or "").strip():
            return gr.skip(), gr.skip(), gr.skip()
        self.store.update(feedback_id, comment=comment)
        return gr.update(visible=False), "", t(lang, "thanks_comment")
