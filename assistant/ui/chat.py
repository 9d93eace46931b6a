"""The chat tab's event handlers: ask and stream, stop, start again, restore after a reload, rate an answer and
comment on the rating. The conversation lives in the browser (history.py); these render it and extend it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.answering import Answer
from assistant.api.state import ServiceState
from assistant.corpus import Corpus
from assistant.errors import AssistantError
from assistant.ui import history
from assistant.ui.bubbles import bot_bubble, loading_html, streaming_html, user_bubble
from assistant.ui.competences import CompetenceTable
from assistant.ui.feedback import FeedbackStore
from assistant.ui.followups import suggestions
from assistant.ui.i18n import t
from assistant.ui.render import esc

log = logging.getLogger("assistant.ui")

RATINGS = {True: 1, False: -1}  # gr.LikeData.liked; "" means the vote was taken back


class ChatHandlers:
    def __init__(self, state: ServiceState, store: FeedbackStore, table: CompetenceTable) -> None:
        self.state = state
        self.store = store
        self.table = table

    @property
    def corpus(self) -> Corpus | None:
        return self.state.assistant.corpus if self.state.ready else None

    def status(self, lang: str) -> dict[str, Any]:
        """The banner above the tabs: hidden once the index is served."""
        if self.state.ready:
            return gr.update(value="", visible=False)
        if self.state.error:
            text = f"<div class='banner error'>{esc(t(lang, 'failed', error=self.state.error))}</div>"
        else:
            text = f"<div class='banner'>{esc(t(lang, 'loading'))}</div>"
        return gr.update(value=text, visible=True)

    def chat(self, stored: history.Stored, extra: list[dict[str, str]] | None = None) -> dict[str, Any]:
        """The Chatbot showing ``stored`` (and ``extra`` bubbles after it), each answer's thumbs as they were."""
        corpus = self.corpus
        shown, feedback = history.messages(corpus, stored, self.suggest)
        extra = extra or []
        feedback += [None] * sum(1 for m in extra if m["role"] == "assistant")
        return gr.update(value=shown + extra, feedback_value=feedback)

    def redraw(self, stored: Any) -> tuple[Any, history.Stored]:
        """(chat, stored): the Chatbot drawn again from the conversation."""
        stored = history.clean(stored)
        return self.chat(stored), stored

    def suggest(self, answer: Answer) -> list[str]:
        corpus = self.corpus
        if corpus is None:
            return []
        return suggestions(corpus, answer, lambda unit_id: self.table.of_unit(corpus, unit_id))

    def restore(self, stored: Any) -> tuple[Any, history.Stored, Any]:
        """(chat, stored, examples row) for the page as it opens: the conversation the browser kept."""
        stored = history.clean(stored)
        return self.chat(stored), stored, gr.update(visible=not stored["turns"])

    def new_conversation(self) -> tuple[Any, history.Stored, Any, Any, None]:
        """(chat, stored, examples row, comment row, voted turn): nothing of the last conversation remains."""
        stored = history.empty()
        return self.chat(stored), stored, gr.update(visible=True), gr.update(visible=False), None

    def respond(self, message: str, stored: Any, lang: str) -> Iterator[Any]:
        """Yields (chat, stored, question box, send, stop, examples row, pending question) as the answer comes."""
        message = (message or "").strip()
        if not message:
            yield (gr.skip(),) * 7
            return
        stored = history.clean(stored)
        question = [user_bubble(message)]

        def finish(turn: dict[str, Any], conversation: str | None = None) -> tuple[Any, ...]:
            done = history.with_turn(stored, turn, conversation)
            return self.chat(done), done, "", gr.update(visible=True), gr.update(visible=False), gr.skip(), None

        state = self.state
        if not state.ready:
            text = t(lang, "failed", error=state.error) if state.error else t(lang, "loading")
            yield finish(history.note_turn(message, text, "info"))
            return
        # The question stays in view (its bubble, with a plain "searching…" under it) while the answer is made;
        # its text then arrives as the answerer produces it (with an LLM: verified sentences), then the whole.
        busy = (gr.update(visible=False), gr.update(visible=True), gr.update(visible=False), message)
        yield self.chat(stored, [*question, bot_bubble(loading_html(lang))]), gr.skip(), "", *busy
        shown = ""
        answer: Answer | None = None
        try:
            for item in state.assistant.ask_stream(message, "auto", stored["conversation_id"]):
                if isinstance(item, Answer):
                    answer = item
                    break
                shown += item
                yield self.chat(stored, [*question, bot_bubble(streaming_html(shown))]), gr.skip(), "", *busy
        except AssistantError as exc:
            yield finish(history.note_turn(message, str(exc), "error"))
            return
        except Exception:
            log.exception("answering failed")
            yield finish(history.note_turn(message, t(lang, "error"), "error"))
            return
        if answer is None:
            yield finish(history.note_turn(message, t(lang, "error"), "error"))
            return
        yield finish(history.answer_turn(message, answer), answer.conversation_id)

    def stop(self, stored: Any, pending: str | None, lang: str) -> tuple[Any, ...]:
        """(chat, stored, send, stop, pending): the answer being made is dropped, its question kept with a note."""
        stored = history.clean(stored)
        if pending:
            stored = history.with_turn(stored, history.note_turn(pending, t(lang, "stopped"), "stopped"))
        return self.chat(stored), stored, gr.update(visible=True), gr.update(visible=False), None

    def on_like(self, stored: Any, lang: str, data: gr.LikeData) -> tuple[Any, ...]:
        """(chat, stored, comment row, comment box, voted turn) after a thumb on an answer."""
        stored = history.clean(stored)
        index = data.index if isinstance(data.index, int) else data.index[0]
        number = history.turn_of(index)
        turn = stored["turns"][number] if 0 <= number < len(stored["turns"]) else None
        answer = history.answer_of(turn) if turn else None
        if turn is None or answer is None:  # a "loading…", stopped or error bubble: nothing to rate
            return self.chat(stored), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        turn = dict(turn)
        rating = RATINGS.get(data.liked) if isinstance(data.liked, bool) else None
        feedback_id = turn.get("feedback_id") if isinstance(turn.get("feedback_id"), int) else None
        if rating is None:
            if feedback_id is not None:
                self.store.delete(feedback_id)
            turn.update(feedback_id=None, rating=None, comment="")
            return (*self._with(stored, number, turn), gr.update(visible=False), gr.skip(), None)
        if feedback_id is None:
            feedback_id = self.store.add(
                turn["question"], answer.answer, rating, conversation_id=answer.conversation_id
            )
        else:
            self.store.update(feedback_id, rating=rating)
        turn.update(feedback_id=feedback_id, rating=rating)
        row = gr.update(visible=True)
        box = gr.update(label=t(lang, "comment_on", question=_short(turn["question"])), value="")
        return (*self._with(stored, number, turn), row, box, number)

    def on_comment(self, comment: str, voted: int | None, stored: Any, lang: str) -> tuple[Any, ...]:
        """(chat, stored, comment row, comment box): the comment is shown under the answer it is about."""
        stored = history.clean(stored)
        comment = (comment or "").strip()
        if not isinstance(voted, int) or not 0 <= voted < len(stored["turns"]) or not comment:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        turn = stored["turns"][voted]
        if not isinstance(turn.get("feedback_id"), int):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        self.store.update(turn["feedback_id"], comment=comment)
        turn = {**turn, "comment": comment[:2000]}
        return (*self._with(stored, voted, turn), gr.update(visible=False), "")

    def _with(self, stored: history.Stored, number: int, turn: dict[str, Any]) -> tuple[Any, history.Stored]:
        turns = list(stored["turns"])
        turns[number] = turn
        updated = {**stored, "turns": turns}
        return self.chat(updated), updated


def _short(question: str, limit: int = 80) -> str:
    return question if len(question) <= limit else question[: limit - 1] + "…"
