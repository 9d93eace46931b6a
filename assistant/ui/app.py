"""The web page: a chat for immigrants, and two lookup views for staff, in PT or EN. Uses `Assistant` only."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.api.state import ServiceState
from assistant.ui.chat import ChatHandlers
from assistant.ui.feedback import MAX_COMMENT, FeedbackStore
from assistant.ui.i18n import CHOICES, DETECT_JS, EXAMPLES, lang_of, t
from assistant.ui.staff import StaffViews
from assistant.ui.style import CSS

CHAT_POOL = {"concurrency_limit": 8, "concurrency_id": "chat"}
# A cited alínea can sit far down a long article: bring it into view when the article is opened for it.
SCROLL_TO_SELECTED = """
const reveal = () => {
  const row = element.querySelector('tr.selected');
  if (row) row.scrollIntoView({block: 'center'});
};
setTimeout(reveal, 100);  // the tab may mount with the article already in it
watch('value', () => setTimeout(reveal, 50));
"""


def build_ui(state: ServiceState) -> gr.Blocks:
    chat_handlers = ChatHandlers(state, FeedbackStore.for_settings(state.settings))
    staff = StaffViews(state)
    status = chat_handlers.status

    with gr.Blocks(title="Immigration legal assistant · Assistente jurídico", analytics_enabled=False) as ui:
        gr.HTML("", head=f"<style>{CSS}</style>", js_on_load=None, elem_id="ui-style")  # global CSS, see style.py
        with gr.Row(equal_height=True, elem_id="header"):
            title = gr.Markdown(t("en", "title"))
            language = gr.Radio(CHOICES, value="en", label=t("en", "language"), scale=0, min_width=220)
        banner = gr.HTML("", elem_id="status-banner", js_on_load=None, visible=False)
        records = gr.State({})  # chat message index -> the question and answer it shows, and its feedback row
        conversation = gr.State(None)
        voted = gr.State(None)  # feedback row the comment box will annotate
        focus = gr.State(None)  # unit to highlight in the browse tab (?unit=…)
        poll = gr.Timer(1.0, active=False)  # runs only while the index is loading

        with gr.Tabs(selected="chat") as tabs:
            with gr.Tab(t("en", "tab_chat"), id="chat") as tab_chat:
                chat = gr.Chatbot(
                    label=t("en", "chat"),
                    placeholder=t("en", "chat_placeholder"),
                    sanitize_html=True,
                    render_markdown=False,
                    height=560,
                    elem_id="chat",
                )
                with gr.Row():
                    box = gr.Textbox(
                        label=t("en", "question"),
                        placeholder=t("en", "question_placeholder"),
                        max_length=state.settings.max_query_chars,
                        elem_id="question",
                        scale=5,
                    )
                    send = gr.Button(t("en", "send"), variant="primary", scale=1, elem_id="send")
                thanks = gr.Markdown("", elem_id="thanks")
                with gr.Row(visible=False, elem_id="comment-row") as comment_row:
                    comment = gr.Textbox(
                        label=t("en", "comment"),
                        placeholder=t("en", "comment_placeholder"),
                        max_length=MAX_COMMENT,
                        scale=5,
                        elem_id="comment",
                    )
                    send_comment = gr.Button(t("en", "send_comment"), scale=1, elem_id="send-comment")
                examples_title = gr.Markdown(t("en", "examples"))
                with gr.Row(elem_id="examples"):
                    example_buttons = [gr.Button(q, size="sm") for q in EXAMPLES["en"]]
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
                table = gr.Dataframe(
                    interactive=False,
                    wrap=True,
                    max_height=700,
                    column_widths=["17%", "11%", "16%", "28%", "28%"],
                    elem_id="who-table",
                )

        chrome = [language, title, banner, tab_chat, tab_browse, tab_who, chat, box, send, thanks, comment]
        chrome += [send_comment, examples_title, *example_buttons, who_intro, search]
        views = [pick, toc, article, table, count]

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
                "",
                gr.update(label=t(lang, "comment"), placeholder=t(lang, "comment_placeholder")),
                t(lang, "send_comment"),
                t(lang, "examples"),
                *EXAMPLES[lang],
                t(lang, "who_intro"),
                gr.update(label=t(lang, "search"), placeholder=t(lang, "search_placeholder")),
            ]

        def switch(lang: str, current: str | None, query: str, unit: str | None) -> list[Any]:
            lang = lang_of(lang)
            return relabel(lang) + staff.views(lang, current, query, unit)

        def on_load(lang: str, request: gr.Request) -> list[Any]:
            lang = lang_of(lang)
            unit = staff.requested_unit(request.query_params.get("unit"))
            opened = gr.update(selected="browse") if unit else gr.update()
            return [
                *relabel(lang),
                *staff.views(lang, None, "", unit),
                opened,
                unit,
                gr.update(active=not state.ready),
            ]

        def on_tick(lang: str, current: str | None, query: str, unit: str | None) -> list[Any]:
            if not state.ready:
                return [status(lang), *[gr.skip()] * len(views), gr.skip()]
            return [status(lang), *staff.views(lang, current, query, unit), gr.update(active=False)]

        ask_inputs = [box, chat, records, conversation, language]
        # Gradio runs one event at a time by default: let several visitors be answered at once, in one pool.
        asking: dict[str, Any] = {"outputs": [chat, records, conversation, box], **CHAT_POOL}
        box.submit(chat_handlers.respond, ask_inputs, **asking)
        send.click(chat_handlers.respond, ask_inputs, **asking)
        for button in example_buttons:
            button.click(chat_handlers.respond, [button, chat, records, conversation, language], **asking)
        chat.clear(lambda: ({}, None, None), None, [records, conversation, voted])
        chat.like(chat_handlers.on_like, [records, language], [records, comment_row, thanks, voted])
        send_comment.click(chat_handlers.on_comment, [comment, voted, language], [comment_row, comment, thanks])
        comment.submit(chat_handlers.on_comment, [comment, voted, language], [comment_row, comment, thanks])

        language.input(switch, [language, pick, search, focus], chrome + views)
        ui.load(on_load, [language], chrome + views + [tabs, focus, poll], js=DETECT_JS)
        poll.tick(on_tick, [language, pick, search, focus], [banner, *views, poll], show_progress="hidden")

        pick.input(staff.open_article, [pick, language], [article, focus])
        toc.select(staff.on_toc_select, [language], [pick, article, focus])
        search.change(staff.search, [search, language], [table, count], show_progress="hidden")
    return ui
