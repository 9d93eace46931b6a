"""The web page: a chat for immigrants, and two lookup views for staff, in PT or EN. Uses `Assistant` only."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from assistant.answering.notices import validity_notice
from assistant.api.state import ServiceState
from assistant.corpus import DECREE_ID
from assistant.ui import history
from assistant.ui.chat import ChatHandlers
from assistant.ui.competences import CompetenceTable
from assistant.ui.feedback import MAX_COMMENT, FeedbackStore
from assistant.ui.i18n import CHOICES, DETECT_JS, EXAMPLES, lang_of, t
from assistant.ui.render import esc
from assistant.ui.script import PAGE_JS
from assistant.ui.staff import StaffViews
from assistant.ui.style import CSS

CHAT_POOL = {"concurrency_limit": 8, "concurrency_id": "chat"}
STORAGE_KEY = "assistant-conversation"
# A cited alínea can sit far down a long article: bring it into view when the article is opened for it.
SCROLL_TO_SELECTED = """
const reveal = () => {
  const row = element.querySelector('tr.selected');
  if (row) row.scrollIntoView({block: 'center'});
};
setTimeout(reveal, 100);  // the tab may mount with the article already in it
watch('value', () => setTimeout(reveal, 50));
"""
LOADED = "<span class='loaded'></span>"  # the page's load event has run: the conversation is restored


def kept(handler: Callable[..., Any]) -> Callable[..., Any]:
    """``handler``, whose second output is the conversation, giving it once more, last: for the browser to keep.
    (functools.wraps keeps the signature, from which Gradio passes gr.LikeData and the like.)"""
    if inspect.isgeneratorfunction(handler):

        @functools.wraps(handler)
        def each(*args: Any) -> Iterator[Any]:
            for out in handler(*args):
                yield (*out, out[1])

        return each

    @functools.wraps(handler)
    def once(*args: Any) -> Any:
        out = handler(*args)
        return (*out, out[1])

    return once


def build_ui(state: ServiceState) -> gr.Blocks:
    table = CompetenceTable()
    handlers = ChatHandlers(state, FeedbackStore.for_settings(state.settings), table)
    staff = StaffViews(state, table)
    status = handlers.status

    def revocation(lang: str) -> str:
        """The decree's status, said before anything is asked (from its metadata, like every answer's notice)."""
        corpus = handlers.corpus
        notice = validity_notice(corpus, DECREE_ID, lang) if corpus else None
        return f"<div class='landing-notice' role='note'>⚠ {esc(notice)}</div>" if notice else ""

    with gr.Blocks(title="Immigration legal assistant · Assistente jurídico", analytics_enabled=False) as ui:
        # Global CSS (style.py) and the page's script (script.py): the UI package stays self-contained.
        gr.HTML("", head=f"<style>{CSS}</style>", js_on_load=PAGE_JS, elem_id="ui-style")
        loaded = gr.HTML("", js_on_load=None, elem_id="loaded")
        with gr.Row(elem_id="header"):
            title = gr.Markdown(t("en", "title"), elem_id="title")
            language = gr.Radio(CHOICES, value="en", label=t("en", "language"), scale=0, elem_id="language")
        notice = gr.HTML("", elem_id="revocation", js_on_load=None)
        banner = gr.HTML("", elem_id="status-banner", js_on_load=None, visible=False)
        key = history.browser_key(state.settings.data_dir)
        # The conversation: kept by the browser (stored) across reloads, and read by every event from the session
        # (convo), which is always up to date: the browser's copy may lag an event just before.
        stored = gr.BrowserState(history.empty(), storage_key=STORAGE_KEY, secret=key)
        convo = gr.State(history.empty())
        voted = gr.State(None)  # the turn whose rating the comment box will annotate
        pending = gr.State(None)  # the question being answered (kept, with a note, if the answer is stopped)
        focus = gr.State(None)  # unit to highlight in the browse tab (?unit=…)
        poll = gr.Timer(1.0, active=False)  # runs only while the index is loading

        with gr.Tabs(selected="chat", elem_id="tabs") as tabs:
            with gr.Tab(t("en", "tab_chat"), id="chat") as tab_chat:
                # In the conversation's own toolbar (top right), where it stays in reach on a phone too.
                new_chat = gr.Button(t("en", "new_chat"), size="sm", elem_id="new-chat", render=False)
                chat = gr.Chatbot(
                    label=t("en", "chat"),
                    show_label=False,  # a floating label sat over the conversation's text
                    placeholder=t("en", "chat_placeholder"),
                    sanitize_html=True,
                    render_markdown=False,
                    # No share (it did nothing visible) and no copy of raw HTML: each answer has its own Copy.
                    buttons=[new_chat],
                    feedback_options=("Like", "Dislike"),
                    group_consecutive_messages=False,
                    layout="panel",  # answers as wide as the page: cards and quotes need the room, on a phone most
                    autoscroll=False,  # script.py scrolls to each new question instead (this scrolls nothing here)
                    height=None,
                    min_height=220,
                    max_height="calc(100dvh - 330px)",
                    elem_id="chat",
                )
                with gr.Row(visible=False, elem_id="comment-row", equal_height=True) as comment_row:
                    comment = gr.Textbox(
                        label=t("en", "comment"),
                        placeholder=t("en", "comment_placeholder"),
                        max_length=MAX_COMMENT,
                        scale=5,
                        elem_id="comment",
                    )
                    send_comment = gr.Button(t("en", "send_comment"), scale=1, elem_id="send-comment")
                with gr.Column(elem_id="examples") as examples_row:
                    examples_title = gr.Markdown(t("en", "examples"))
                    with gr.Row(elem_id="example-buttons"):
                        example_buttons = [gr.Button(q, size="md", elem_classes="example") for q in EXAMPLES["en"]]
                with gr.Row(elem_id="ask-row", equal_height=True):
                    box = gr.Textbox(
                        label=t("en", "question"),
                        show_label=False,
                        placeholder=t("en", "question_placeholder"),
                        max_length=state.settings.max_query_chars,
                        max_lines=4,
                        elem_id="question",
                        scale=5,
                    )
                    send = gr.Button(t("en", "send"), variant="primary", scale=0, min_width=80, elem_id="send")
                    stop = gr.Button(
                        t("en", "stop"), variant="stop", scale=0, min_width=80, visible=False, elem_id="stop"
                    )
            with gr.Tab(t("en", "tab_browse"), id="browse") as tab_browse, gr.Row():
                with gr.Column(scale=2):
                    pick = gr.Dropdown(choices=[], label=t("en", "article"), filterable=True, elem_id="pick")
                    toc = gr.Dataframe(
                        interactive=False,
                        wrap=True,
                        max_height=620,
                        column_widths=["95px", "290px", "95px"],  # fits the left column without scrolling
                        elem_id="toc",
                    )
                with gr.Column(scale=3):
                    article = gr.HTML(staff.article(None, "en"), js_on_load=SCROLL_TO_SELECTED, elem_id="article")
            with gr.Tab(t("en", "tab_who"), id="who") as tab_who:
                who_intro = gr.Markdown(t("en", "who_intro"))
                search = gr.Textbox(
                    label=t("en", "search"), placeholder=t("en", "search_placeholder"), elem_id="search"
                )
                count = gr.Markdown("", elem_id="who-count")
                who_table = gr.HTML("", js_on_load=None, elem_id="who-table")

        chrome = [language, title, banner, tab_chat, tab_browse, tab_who, chat, box, send, stop, new_chat, comment]
        chrome += [send_comment, examples_title, *example_buttons, who_intro, search]
        views = [pick, toc, article, who_table, count]

        def relabel(lang: str) -> list[Any]:
            """Every label, placeholder and example in `lang` (the outputs `chrome`, in order)."""
            return [
                gr.update(value=lang, label=t(lang, "language")),
                t(lang, "title"),
                status(lang),
                gr.update(label=t(lang, "tab_chat")),
                gr.update(label=t(lang, "tab_browse")),
                gr.update(label=t(lang, "tab_who")),
                gr.update(label=t(lang, "chat"), placeholder=t(lang, "chat_placeholder")),
                gr.update(label=t(lang, "question"), placeholder=t(lang, "question_placeholder")),
                t(lang, "send"),
                t(lang, "stop"),
                t(lang, "new_chat"),
                gr.update(label=t(lang, "comment"), placeholder=t(lang, "comment_placeholder")),
                t(lang, "send_comment"),
                t(lang, "examples"),
                *EXAMPLES[lang],
                t(lang, "who_intro"),
                gr.update(label=t(lang, "search"), placeholder=t(lang, "search_placeholder")),
            ]

        def switch(lang: str, current: str | None, query: str, unit: str | None) -> list[Any]:
            lang = lang_of(lang)
            return [*relabel(lang), *staff.views(lang, current, query, unit), revocation(lang)]

        def on_load(lang: str, saved: Any, request: gr.Request) -> list[Any]:
            lang = lang_of(lang)
            unit = staff.requested_unit(request.query_params.get("unit"))
            opened = gr.update(selected="browse") if unit else gr.update()
            shown, restored, examples = handlers.restore(saved)
            return [
                *relabel(lang),
                *staff.views(lang, None, "", unit),
                opened,
                unit,
                gr.update(active=not state.ready),
                revocation(lang),
                shown,
                restored,
                examples,
                LOADED,
            ]

        def on_tick(lang: str, current: str | None, query: str, unit: str | None, saved: Any) -> list[Any]:
            if not state.ready:
                return [status(lang), *[gr.skip()] * len(views), gr.skip(), gr.skip(), gr.skip()]
            shown = handlers.restore(saved)[0]  # the cards of a restored conversation need the corpus
            views_now = staff.views(lang, current, query, unit)
            return [status(lang), *views_now, gr.update(active=False), revocation(lang), shown]

        ask_outputs = [chat, convo, box, send, stop, examples_row, pending, stored]
        # Gradio runs one event at a time by default: let several visitors be answered at once, in one pool.
        # No progress overlay or timer: the question's bubble and a plain "searching…" say what is going on.
        asking: dict[str, Any] = {"outputs": ask_outputs, "show_progress": "hidden", **CHAT_POOL}
        respond = kept(handlers.respond)
        answering: list[Any] = [  # Gradio takes the events themselves, whatever its type hints say
            box.submit(respond, [box, convo, language], **asking),
            send.click(respond, [box, convo, language], **asking),
            *(b.click(respond, [b, convo, language], **asking) for b in example_buttons),
        ]
        # When a streamed answer completes, Gradio applies its last step once more, a moment later: over a vote
        # cast on the answer just shown. Drawn again then from the session's conversation, which has the vote.
        for event in answering:
            event.then(kept(handlers.redraw), [convo], [chat, convo, stored], show_progress="hidden")
        stopping = [chat, convo, send, stop, pending, stored]
        stop.click(kept(handlers.stop), [convo, pending, language], stopping, cancels=answering)
        new_chat.click(
            kept(handlers.new_conversation),
            None,
            [chat, convo, examples_row, comment_row, voted, stored],
            cancels=answering,
        )
        # The Chatbot's own clear button (the bin) empties the chat: the conversation is then a new one too.
        chat.clear(
            kept(handlers.new_conversation),
            None,
            [chat, convo, examples_row, comment_row, voted, stored],
            cancels=answering,
        )
        # Drawn once more when the vote has landed: the Chatbot's own handling of the click could otherwise
        # draw its copy of the conversation over the one that shows the rating.
        liking = [chat, convo, comment_row, comment, voted, stored]
        chat.like(kept(handlers.on_like), [convo, language], liking).then(
            kept(handlers.redraw), [convo], [chat, convo, stored], show_progress="hidden"
        )
        commenting: dict[str, Any] = {
            "inputs": [comment, voted, convo, language],
            "outputs": [chat, convo, comment_row, comment, stored],
        }
        send_comment.click(kept(handlers.on_comment), **commenting)
        comment.submit(kept(handlers.on_comment), **commenting)

        language.input(switch, [language, pick, search, focus], [*chrome, *views, notice])
        load_outputs = [*chrome, *views, tabs, focus, poll, notice, chat, convo, examples_row, loaded]
        ui.load(on_load, [language, stored], load_outputs, js=DETECT_JS)
        poll.tick(
            on_tick,
            [language, pick, search, focus, convo],
            [banner, *views, poll, notice, chat],
            show_progress="hidden",
        )

        pick.input(staff.open_article, [pick, language], [article, focus])
        toc.select(staff.on_toc_select, [language], [pick, article, focus])
        search.change(staff.search, [search, language], [who_table, count], show_progress="hidden")
    return ui
