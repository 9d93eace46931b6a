"""The chat page: ask in Portuguese or English, read the answer with its citations."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.answering import Answer
from assistant.api.state import ServiceState
from assistant.errors import AssistantError

EXAMPLES = [
    "Who can renew my residence permit?",
    "Quem decide a expulsão administrativa de um estrangeiro?",
    "Is Decree-Law 252/2000 still in force?",
    "Quais são as direções regionais do SEF?",
]


def citations_html(answer: Answer) -> str:
    """Citation cards; every string from the corpus or the user is escaped."""
    if not answer.citations:
        return ""
    cards = []
    for c in answer.citations:
        translation = (
            f"<p class='translation'><em>Unofficial rendering:</em> {html.escape(c.translation)}</p>"
            if c.translation
            else ""
        )
        cards.append(
            f"<details class='citation' data-id='{html.escape(c.id)}'><summary>{html.escape(c.label)} "
            f"<code>{html.escape(c.id)}</code></summary><blockquote lang='pt'>{html.escape(c.quote)}</blockquote>"
            f"{translation}</details>"
        )
    notices = "".join(f"<p class='notice'>{html.escape(n)}</p>" for n in answer.notices)
    return "".join(cards) + notices


def build_ui(state: ServiceState) -> gr.Blocks:
    def respond(message: str, history: list[dict[str, Any]], conversation: str | None) -> Iterator[Any]:
        history = [*history, {"role": "user", "content": message}]
        try:
            answer = state.assistant.ask(message, "auto", conversation)
        except AssistantError as exc:
            history.append({"role": "assistant", "content": str(exc)})
            yield history, "", conversation
            return
        shown = ""
        history.append({"role": "assistant", "content": ""})
        for piece in state.assistant.stream_text(answer):
            shown += piece
            history[-1] = {"role": "assistant", "content": shown}
            yield history, "", answer.conversation_id
        yield history, citations_html(answer), answer.conversation_id

    with gr.Blocks(title="SEF legal assistant") as ui:
        gr.Markdown("## SEF legal assistant / Assistente jurídico do SEF")
        conversation = gr.State(None)
        chat = gr.Chatbot(label="Chat", sanitize_html=True, render_markdown=False)
        box = gr.Textbox(label="Your question / A sua pergunta", placeholder="Who can renew my residence permit?")
        cards = gr.HTML()
        gr.Examples(EXAMPLES, inputs=box)
        box.submit(respond, [box, chat, conversation], [chat, cards, conversation]).then(lambda: "", None, box)
    return ui
