"""/docs and /redoc in a browser that may reach nothing but the server: every outside request is refused
and recorded, and the pages must render the operations all the same."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Route, expect

from tests.ui.conftest import Server
from tests.ui.pages import DESKTOP, PHONE, SHOTS, Viewport

pytestmark = pytest.mark.slow


class Offline:
    """A browser context that aborts every request to a host other than the loopback server."""

    def __init__(self, browser: Browser, viewport: Viewport) -> None:
        self.outside: list[str] = []
        self.context: BrowserContext = browser.new_context(viewport=viewport)
        self.context.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def offline(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Offline]:
    context = Offline(browser, request.param)
    yield context
    context.context.close()


def test_swagger_ui_renders_the_operations_with_no_outside_request(offline: Offline, server: Server) -> None:
    page = offline.context.new_page()
    page.goto(server.url + "docs", wait_until="load")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible(timeout=20_000)
    expect(page.locator(".opblock-summary-path", has_text="/api/ask").first).to_be_visible()
    assert operations.count() >= 8  # ask, stream, search, units, documents, /v1, health, ready, …
    page.locator(".opblock-summary", has_text="/api/search").first.click()  # the operation opens, offline
    expect(page.locator(".opblock-body").first).to_contain_text("Parameters")
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(SHOTS / f"docs-swagger-{width}.png"))
    assert offline.outside == [], offline.outside


def test_redoc_renders_the_operations_with_no_outside_request(offline: Offline, server: Server) -> None:
    page = offline.context.new_page()
    page.goto(server.url + "redoc", wait_until="load")
    ask = page.locator("[data-section-id='tag/assistant/operation/ask_api_ask_post']")
    expect(ask).to_contain_text("Ask", timeout=20_000)
    expect(ask).to_contain_text("/api/ask")
    assert page.locator("[data-section-id*='/operation/']").count() >= 8  # ask, search, units, /v1, health…
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(SHOTS / f"docs-redoc-{width}.png"))
    assert offline.outside == [], offline.outside
