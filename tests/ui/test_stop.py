"""While a slow (LLM) answer is made: the question stays in view, a plain loading state and no Gradio timer show,
and Stop cancels it. The LLM is a fake OpenAI-compatible server on loopback that takes its time (none runs here)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import gradio as gr
import pytest
from fastapi import FastAPI
from playwright.sync_api import Page, expect

from assistant.answering import Assistant
from assistant.api.state import ServiceState
from assistant.config import Settings
from assistant.ui import build_ui
from evals.reliability.fakellm import FakeLLM
from tests.ui.conftest import Server, serve, stop
from tests.ui.pages import DESKTOP, PHONE, Pages, Viewport, shot

pytestmark = pytest.mark.slow
SLOW = 30.0  # seconds the fake model takes: far longer than the test waits before pressing Stop


@pytest.fixture(scope="module")
def slow_url(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page over an assistant whose answerer is an LLM that answers only after SLOW seconds."""
    fake = FakeLLM("slow", delay=SLOW)
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("slow-data"),
        answerer="llm",
        llm_base_url=fake.base_url,
        llm_model="fake",
        llm_timeout=SLOW * 2,
    )
    state = ServiceState(settings)
    state._assistant = Assistant.from_retriever(settings, server.app.state.service.assistant.retriever)
    uv, thread, url = serve(gr.mount_gradio_app(FastAPI(), build_ui(state), path="/"))
    try:
        yield url
    finally:
        stop(uv, thread)
        fake.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_slow_answer_shows_the_question_and_a_plain_loading_state_and_stop_cancels_it(
    pages: Pages, slow_url: str, viewport: Viewport
) -> None:
    for page in pages.open(slow_url, viewport=viewport):
        question = "Who grants residence permits?"
        page.locator("#question textarea").fill(question)
        page.locator("#question textarea").press("Enter")
        loading = page.locator("#chat .loading")
        expect(loading).to_contain_text("Searching the documents…")
        expect(page.locator("#chat .user-text").last).to_have_text(question)  # the question stays in view
        expect(page.locator("#stop")).to_be_visible()
        expect(page.locator("#send")).to_be_hidden()
        page.wait_for_timeout(1500)  # long enough for Gradio's timer to have shown, if it were on
        assert not page.get_by_text(re.compile(r"processing \|")).count()
        assert not page.locator("#chat .eta-bar, #chat .progress-text, #question .eta-bar").count()
        shot(page, "30-slow-answer-loading", full_page=False)
        page.locator("#stop").click()
        expect(page.locator("#chat .note.stopped")).to_contain_text("Stopped")
        expect(loading).to_have_count(0)
        expect(page.locator("#send")).to_be_visible()
        expect(page.locator("#chat .user-text")).to_have_text([question])
        shot(page, "31-slow-answer-stopped", full_page=False)
        _asks_again(page)


def _asks_again(page: Page) -> None:
    """After a stop the page takes the next question (the fake model is as slow: this one is stopped too)."""
    page.locator("#question textarea").fill("Who grants visas?")
    page.locator("#send").click()
    expect(page.locator("#chat .loading")).to_be_visible()
    page.locator("#stop").click()
    expect(page.locator("#chat .note.stopped")).to_have_count(2)
