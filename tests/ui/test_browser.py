"""The page in a real headless Chromium against a real server: ask, read, switch language, rate, browse, search.

Each step saves a screenshot under test-output/ui/ for a human to look at.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Page, expect

from assistant.api.state import ServiceState
from assistant.config import Settings
from assistant.ui import FeedbackStore, build_ui
from tests.ui.conftest import Server, serve, stop
from tests.ui.pages import PHONE, SHOTS, TIMEOUT, Pages, ask, shot

pytestmark = pytest.mark.slow


@pytest.fixture
def page(pages: Pages, server: Server) -> Iterator[Page]:
    yield from pages.open(server.url)


def wait_for(probe: Callable[[], list[dict[str, Any]]], timeout: float = 10.0) -> list[dict[str, Any]]:
    """Poll `probe()` until it returns rows: the server thread's write lands just after the page says so."""
    deadline = time.monotonic() + timeout
    while not (found := probe()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def test_english_question_streams_a_cited_answer_and_opens_the_decree(page: Page) -> None:
    ask(page, "Who renews residence permits?")
    answer = page.locator("#chat .answer").last
    expect(answer).to_contain_text("regional director")
    lengths = page.evaluate("window.__lengths")
    # Seen at least once in part before whole (the browser may draw several pieces at once on a busy machine).
    assert len(lengths) >= 2 and lengths == sorted(lengths), f"not streamed: {lengths}"
    shot(page, "01-en-answer")

    card = page.locator("#chat details.cite").first
    card.locator("summary").click()
    # The quote is marked in the source, and its rendering in the English column.
    expect(card.locator("[lang=pt] mark")).to_have_text("Conceder e renovar autorizações de residência;")
    expect(card.locator("[lang=en] mark")).to_have_text("Granting and renewing residence permits;")
    expect(card).to_contain_text("Ao director regional compete:")  # the lead-in that says who acts
    expect(card).to_contain_text("Unofficial English rendering")
    notices = page.locator("#chat .bot-answer").last.locator(".notice")
    expect(notices).to_have_count(1)  # the revocation and the unofficial rendering, said once
    expect(notices).to_contain_text("revoked")
    expect(notices).to_contain_text("unofficial")
    shot(page, "02-en-citation-card")

    with page.context.expect_page() as opened:
        card.get_by_text("Open in the decree").click()
    decree = opened.value
    decree.wait_for_load_state("load")
    article = decree.locator("#article")
    expect(article.locator("h3")).to_contain_text("Artigo 47.º", timeout=TIMEOUT)
    expect(article.locator("tr.selected")).to_contain_text("Conceder e renovar autorizações de residência")
    expect(article).to_contain_text("The regional director shall be responsible for")
    expect(article.locator("tr.selected")).to_be_in_viewport()  # scrolled to the cited alínea
    decree.screenshot(path=str(SHOTS / "03-open-in-decree.png"))  # the viewport: what the reader sees


def test_portuguese_browser_gets_portuguese_page_and_answer(pages: Pages, server: Server) -> None:
    for page in pages.open(server.url, locale="pt-PT"):
        expect(page.get_by_role("tab", name="Consultar o decreto")).to_be_visible()  # detected from navigator.language
        expect(page.locator("#examples")).to_contain_text("Quem trata dos pedidos de asilo?")
        ask(page, "Quem trata dos pedidos de asilo?")
        expect(page.locator("#chat .answer").last).to_contain_text("Gabinete de Asilo e Refugiados")
        card = page.locator("#chat details.cite").first
        card.locator("summary").click()
        expect(card.locator("mark")).not_to_have_count(0)
        expect(card).to_contain_text("Texto original (português, autêntico)")
        expect(page.locator("#chat .notice").first).to_contain_text("revogado")
        shot(page, "04-pt-answer")


def test_an_english_interface_shows_a_portuguese_answer_s_card_in_portuguese(page: Page) -> None:
    expect(page.get_by_role("tab", name="Browse the decree")).to_be_visible()  # the English interface
    ask(page, "Quem trata dos pedidos de asilo?")
    card = page.locator("#chat details.cite").first
    card.locator("summary").click()
    expect(card).to_contain_text("Texto original (português, autêntico)")
    expect(card).to_contain_text("Abrir no decreto")
    expect(card).not_to_contain_text("Unofficial English rendering")  # no column in the other language
    expect(card.locator(".col")).to_have_count(1)
    shot(page, "04-pt-answer-en-interface")


def test_switching_the_interface_language_changes_labels(page: Page) -> None:
    expect(page.get_by_role("tab", name="Browse the decree")).to_be_visible()
    expect(page.get_by_placeholder("e.g. Who renews residence permits?")).to_be_visible()
    page.get_by_text("Português", exact=True).click()
    expect(page.get_by_role("tab", name="Consultar o decreto")).to_be_visible()
    expect(page.get_by_role("tab", name="Quem é competente?")).to_be_visible()
    expect(page.get_by_placeholder("p. ex. Quem renova as autorizações de residência?")).to_be_visible()
    expect(page.locator("#send")).to_have_text("Perguntar")
    expect(page.locator("#examples")).to_contain_text("O que é a AIMA?")
    shot(page, "05-switched-to-pt")
    page.get_by_role("tab", name="Quem é competente?").click()
    expect(page.locator("#who-table")).to_contain_text("Órgão")
    expect(page.locator("#who-table")).to_contain_text("Artigo 13.º, n.º 2, alínea h)")
    page.get_by_role("tab", name="Consultar o decreto").click()
    expect(page.locator("#toc")).to_contain_text("CAPÍTULO II")
    expect(page.locator("#toc")).to_contain_text("Directores-gerais adjuntos")
    page.get_by_text("English", exact=True).click()
    expect(page.locator("#toc")).to_contain_text("Deputy Directors-General")
    expect(page.get_by_role("tab", name="Who is competent?")).to_be_visible()


def test_feedback_with_comment_is_stored_and_exported(page: Page, server: Server) -> None:
    page.locator("#examples").get_by_text("Who handles asylum applications?").click()  # a first-time visitor's path
    page.locator("#chat details.cite").last.wait_for()
    page.locator("#chat button[aria-label='Like']").last.click()
    expect(page.locator("#chat .feedback-note").last).to_contain_text("feedback was saved")
    page.locator("#comment textarea").fill("Clear, and the article is quoted.")
    shot(page, "06-feedback-comment")
    page.locator("#send-comment").click()
    expect(page.locator("#chat .feedback-note").last).to_contain_text("Clear, and the article is quoted.")
    shot(page, "07-feedback-saved")

    store = FeedbackStore(server.data_dir / "feedback.sqlite3")
    rows = wait_for(lambda: [r for r in store.list() if r["comment"] == "Clear, and the article is quoted."])
    assert rows[0]["rating"] == 1
    assert rows[0]["question"] == "Who handles asylum applications?"
    assert rows[0]["answer"].startswith("According to ") and rows[0]["conversation_id"]  # the answer as shown

    export = server.url + "api/feedback/export"
    assert httpx.get(export).status_code == 401
    listed = httpx.get(export, headers={"X-API-Key": server.admin_key}).json()
    assert any(r["comment"] == "Clear, and the article is quoted." for r in listed)
    csv_text = httpx.get(export, params={"format": "csv"}, headers={"X-API-Key": server.admin_key}).text
    assert csv_text.startswith("id,created_at,conversation_id,question,answer,rating,comment")


def test_browse_the_decree_to_an_article(page: Page) -> None:
    page.get_by_role("tab", name="Browse the decree").click()
    toc = page.locator("#toc")
    expect(toc).to_contain_text("CHAPTER II")
    toc.get_by_text("Article 15", exact=True).click()
    article = page.locator("#article")
    expect(article.locator("h3")).to_contain_text("Artigo 15.º — Gabinete Jurídico")
    expect(article).to_contain_text("Ao Gabinete Jurídico compete:")
    expect(article).to_contain_text("The Legal Office shall be responsible for:")
    expect(article).to_contain_text("SECTION II")
    shot(page, "08-browse-article")


def test_search_the_competences_table(page: Page) -> None:
    page.get_by_role("tab", name="Who is competent?").click()
    table = page.locator("#who-table")
    expect(table).to_contain_text("Legal Office (Gabinete Jurídico)")
    page.locator("#search textarea").fill("renovar autorizações de residência")
    expect(table).to_contain_text("dl-252-2000/art-47/n-1/al-m")
    expect(table).to_contain_text("regional director (director regional)")
    expect(table).not_to_contain_text("Gabinete Jurídico")
    expect(page.locator("#who-count")).to_contain_text(re.compile(r"^\s*\d{1,2} of \d{3} provisions"))
    shot(page, "09-competences-search")


def test_markup_in_a_question_is_shown_as_text(page: Page) -> None:
    question = "<script>window.__xss=1</script> ![x](http://evil.example/x.png) Who renews residence permits?"
    ask(page, question, cited=False)  # refused as an injection attempt, or answered: either way, shown as text
    bubble = page.locator("#chat .user-text").last
    expect(bubble).to_have_text(question)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src*='evil.example']").count() == 0
    assert page.locator("#chat script").count() == 0
    shot(page, "10-markup-as-text")


def test_on_a_phone_the_title_keeps_the_width_of_the_page(pages: Pages, server: Server) -> None:
    for page in pages.open(server.url, viewport=PHONE):
        title = page.locator("#header h2").first
        box = title.bounding_box()
        # Beside the language choice the title was squeezed to ~90 px and broke inside words.
        assert box is not None and box["width"] > 300, box
        assert box["height"] < 100, box  # one or two lines, not one word a line
        shot(page, "08-phone")


def test_loading_and_failed_index_are_explained(pages: Pages, server: Server, tmp_path: Path) -> None:
    state = ServiceState(Settings(data_dir=tmp_path))  # not loaded yet: what the page shows during start-up
    uv, thread, url = serve(gr.mount_gradio_app(FastAPI(), build_ui(state), path="/"))
    try:
        for page in pages.open(url):
            expect(page.locator("#status-banner")).to_contain_text("The index is loading…")
            page.locator("#question textarea").fill("Who renews residence permits?")
            page.locator("#question textarea").press("Enter")
            expect(page.locator("#chat .info").last).to_contain_text("The index is loading…")
            page.locator("#chat").get_by_role("button", name="New conversation").click()  # not kept for the next
            shot(page, "11-index-loading")
        state.error = "no index has been built; run `assistant index`"
        for page in pages.open(url, locale="pt-BR"):
            expect(page.locator("#status-banner")).to_contain_text("O assistente não está disponível")
            expect(page.locator("#status-banner")).to_contain_text("run `assistant index`")
            shot(page, "12-index-failed")
            # The index becomes available while the page is open (a reindex): the page notices by itself.
            state._assistant = server.app.state.service.assistant  # the session server's, already loaded
            state.error = None
            expect(page.locator("#status-banner")).to_be_hidden()
            page.get_by_role("tab", name="Quem é competente?").click()
            expect(page.locator("#who-table")).to_contain_text("Gabinete Jurídico")
            shot(page, "13-index-arrived")
    finally:
        stop(uv, thread)
