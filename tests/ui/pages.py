"""Helpers of the browser tests: pages at a given viewport, screenshots, asking a question as a person does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "ui"

Viewport = ViewportSize
DESKTOP: Viewport = {"width": 1366, "height": 900}
PHONE: Viewport = {"width": 390, "height": 844}
TIMEOUT = 20_000  # ms; a cold first answer includes loading the query embedder

# Records every length the last answer bubble goes through, to see the answer arrive in pieces.
WATCH_STREAM = """
() => {
  window.__lengths = [];
  const chat = document.querySelector('#chat');
  new MutationObserver(() => {
    const answers = chat.querySelectorAll('.answer');
    if (!answers.length) return;
    const n = answers[answers.length - 1].textContent.length;
    const seen = window.__lengths;
    if (seen[seen.length - 1] !== n) { seen.push(n); window.__changed = Date.now(); }
  }).observe(chat, {subtree: true, childList: true, characterData: true});
}
"""


class Pages:
    """One browser context per locale and viewport for the whole module (Gradio's scripts are then fetched
    once), a fresh page per test. A context keeps its localStorage: `fresh` starts one without history."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: dict[tuple[str, int, int], BrowserContext] = {}

    def context(self, locale: str = "en-GB", viewport: Viewport = DESKTOP) -> BrowserContext:
        key = (locale, viewport["width"], viewport["height"])
        if key not in self.contexts:
            self.contexts[key] = self.fresh(locale, viewport)
        return self.contexts[key]

    def fresh(self, locale: str = "en-GB", viewport: Viewport = DESKTOP) -> BrowserContext:
        context = self.browser.new_context(locale=locale, viewport=viewport)
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        return context

    def open(
        self, url: str, locale: str = "en-GB", viewport: Viewport = DESKTOP, context: BrowserContext | None = None
    ) -> Iterator[Page]:
        page = (context or self.context(locale, viewport)).new_page()
        page.set_default_timeout(TIMEOUT)
        goto(page, url)
        # Each test starts a conversation of its own: the page restores the last one from localStorage.
        if page.locator("#chat .user-text").count():
            new_conversation(page)
        try:
            yield page
        finally:
            page.close()

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


def goto(page: Page, url: str) -> None:
    """Load the page and wait for the question box and for the page's own start-up (history restored)."""
    page.goto(url, wait_until="load")
    page.locator("#question textarea").wait_for()
    page.locator("#loaded .loaded").wait_for(state="attached")


def new_conversation(page: Page) -> None:
    page.locator("#chat").get_by_role("button", name="New conversation").click()
    page.locator("#chat .user-text").first.wait_for(state="detached")


def width(page: Page) -> int:
    return page.viewport_size["width"] if page.viewport_size else 0


def shot(page: Page, name: str, full_page: bool = True) -> None:
    """A screenshot named after the step and the viewport's width (e.g. 01-en-answer-390.png)."""
    page.screenshot(path=str(SHOTS / f"{name}-{width(page)}.png"), full_page=full_page)


def ask(page: Page, question: str, cited: bool = True) -> None:
    """Type a question, press Enter, return once the answer is complete (the page marks it done)."""
    page.evaluate(WATCH_STREAM)
    before = page.locator("#chat .answer-done").count()
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#chat .answer-done').length > {before}", timeout=TIMEOUT, polling=100
    )
    if cited:
        page.locator("#chat .bot-answer").last.locator("details.cite").first.wait_for()


def last_answer(page: Page) -> Locator:
    """The last answer bubble (its text, cards, notices, follow-ups and feedback)."""
    return page.locator("#chat .bot-answer").last


def in_viewport(page: Page, locator: Locator) -> bool:
    """Whether the element is wholly on screen as the page is (no scrolling done to find it)."""
    box = locator.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["x"] >= 0
