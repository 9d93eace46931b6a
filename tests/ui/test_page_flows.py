"""The page as a person uses it, at a desktop's viewport (1366×900) and a phone's (390×844): what the landing
page says, a refusal's way forward, the competences search, copy, a reload, feedback, the phone layout.

A real server, the real index, Debian's Chromium. Each test saves screenshots under test-output/ui/.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from assistant.ui import FeedbackStore
from tests.ui.conftest import Server
from tests.ui.pages import DESKTOP, PHONE, Pages, Viewport, ask, goto, in_viewport, last_answer, new_conversation, shot

pytestmark = pytest.mark.slow
TABS = ("Ask a question", "Browse the decree", "Who is competent?")


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def viewport(request: pytest.FixtureRequest) -> Viewport:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def page(pages: Pages, server: Server, viewport: Viewport) -> Iterator[Page]:
    yield from pages.open(server.url, viewport=viewport)


def test_the_landing_page_says_the_decree_is_revoked_and_what_the_assistant_is_for(page: Page) -> None:
    notice = page.locator("#revocation")
    expect(notice).to_contain_text("revoked by Lei n.º 73/2021")
    expect(notice).to_contain_text("AIMA")
    assert in_viewport(page, notice), "the revocation is below the fold"
    title = page.locator("#title")
    expect(title).to_contain_text("residence permits")
    expect(title).to_contain_text("Every answer quotes the text it rests on")
    shot(page, "20-landing", full_page=False)  # the viewport: what is seen at once
    # The small things: no share button, examples at the body's size, no "Conversation" label over the chat.
    expect(page.get_by_role("button", name="Share")).to_have_count(0)
    size = page.locator("#examples button.example").first.evaluate("b => parseFloat(getComputedStyle(b).fontSize)")
    assert size >= 14, size
    expect(page.locator("#chat [data-testid='block-label']")).to_have_count(0)


def test_a_question_the_documents_do_not_answer_gets_the_aima_pointer_and_related_cards(page: Page) -> None:
    ask(page, "My residence card expired, what do I do?", cited=False)
    answer = last_answer(page)
    expect(answer.locator(".answer")).to_contain_text("go to AIMA")
    pointer = answer.locator(".way details.pointer")
    expect(pointer).to_have_count(1)
    expect(answer.locator(".way").first).to_contain_text("Where to go")
    pointer.locator("summary").click()
    expect(pointer.locator("summary")).to_contain_text("para. 2")
    expect(pointer.locator("mark")).to_contain_text("AIMA serves as the central authority")
    related = answer.locator(".related-units")
    expect(related).to_contain_text("Related, not an answer")
    expect(related.locator("details.related")).not_to_have_count(0)
    expect(related).to_contain_text("Article 47(1)(m)")
    expect(answer.locator("details.cite:not(.related):not(.pointer)")).to_have_count(0)  # nothing cited as evidence
    expect(answer.locator(".follow")).to_contain_text(["What does Article"])
    shot(page, "21-refusal-way-forward")


def test_a_portuguese_refusal_points_to_aima_in_portuguese(page: Page) -> None:
    ask(page, "Quanto custa hoje uma autorização de residência?", cited=False)
    answer = last_answer(page)
    expect(answer.locator(".way").first).to_contain_text("Onde se dirigir")
    pointer = answer.locator("details.pointer")
    pointer.locator("summary").click()
    expect(pointer.locator("[lang=pt] mark")).to_contain_text("autoridade central")  # the rendering, marked
    expect(answer.locator(".related-units")).to_contain_text("Relacionado, não é uma resposta")
    shot(page, "22-refusal-pt")


def test_the_competences_search_for_vistos_lists_the_visa_powers_only(page: Page, viewport: Viewport) -> None:
    page.get_by_role("tab", name="Who is competent?").click()
    page.locator("#search textarea").fill("vistos")
    table = page.locator("#who-table")
    expect(table).to_contain_text("dl-252-2000/art-47/n-1/al-l")
    for unit in ("art-2/n-1/al-h", "art-2/n-1/al-i", "art-47/n-1/al-l"):
        expect(table).to_contain_text(f"dl-252-2000/{unit}")
    for unit in ("art-28/al-b", "art-35/n-1/al-h"):  # "nos casos previstos", "distintivo previstos"
        expect(table).not_to_contain_text(f"dl-252-2000/{unit}")
    first = table.locator("tbody tr").first
    expect(first).to_contain_text("dl-252-2000/art-2/n-1/al-h")  # ranked: the visa powers first
    if viewport == PHONE:  # one card per provision, each part named, as wide as the screen
        expect(table.locator("thead")).to_be_hidden()
        expect(first.locator(".cell-name").first).to_be_visible()
        box, panel = first.bounding_box(), table.bounding_box()
        assert box and panel and box["width"] > 0.9 * panel["width"], (box, panel)
    shot(page, "23-competences-vistos")


def test_copy_gives_the_answer_its_citations_and_the_notice_as_plain_text(page: Page) -> None:
    ask(page, "Who renews residence permits?")
    answer = last_answer(page)
    answer.get_by_role("button", name="Copy").click()
    expect(answer.locator(".copy-answer")).to_contain_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "<" not in copied and ">" not in copied, copied
    assert copied.startswith(answer.locator(".answer").inner_text().strip())
    assert "Article 47(1)(m), Decree-Law 252/2000 (dl-252-2000/art-47/n-1/al-m)" in copied
    assert "“Conceder e renovar autorizações de residência;”" in copied
    assert "Unofficial English rendering: “Granting and renewing residence permits;”" in copied
    assert copied.rstrip().splitlines()[-1].startswith("⚠") and "Lei n.º 73/2021" in copied
    shot(page, "24-copied")


def test_a_reload_keeps_the_conversation_and_a_follow_up_continues_it(page: Page, server: Server) -> None:
    ask(page, "Who grants visas?")
    expect(last_answer(page).locator("summary").first).to_contain_text("Article 2(1)(i)")
    goto(page, server.url)  # a reload
    expect(page.locator("#chat .user-text")).to_have_text(["Who grants visas?"])
    expect(last_answer(page).locator("summary").first).to_contain_text("Article 2(1)(i)")
    shot(page, "25-after-reload")
    # A suggested follow-up, read inside the unit cited last: the server's conversation goes on.
    before = page.locator("#chat .answer-done").count()
    last_answer(page).get_by_role("button", name="And (j)?").click()
    page.wait_for_function(f"document.querySelectorAll('#chat .answer-done').length > {before}")
    expect(last_answer(page).locator("summary").first).to_contain_text("Article 2(1)(j)")
    expect(page.locator("#chat .user-text")).to_have_text(["Who grants visas?", "And (j)?"])
    shot(page, "26-follow-up-after-reload")
    new_conversation(page)
    goto(page, server.url)
    expect(page.locator("#chat .user-text")).to_have_count(0)  # the new conversation is kept too
    expect(page.locator("#examples")).to_be_visible()


def test_feedback_stays_with_its_answer(page: Page, server: Server) -> None:
    ask(page, "Who handles asylum applications?")
    first = last_answer(page)
    page.locator("#chat button[aria-label='Dislike']").last.click()
    expect(first.locator(".feedback-note")).to_contain_text("unhelpful")
    box = page.locator("#comment")
    expect(box).to_contain_text("Comment on the answer to “Who handles asylum applications?”")
    box.locator("textarea").fill("It should say which article first.")
    page.locator("#send-comment").click()
    expect(first.locator(".feedback-note")).to_contain_text("It should say which article first.")
    ask(page, "Who renews residence permits?")
    answers = page.locator("#chat .bot-answer")
    expect(answers.nth(0).locator(".feedback-note")).to_contain_text("It should say which article first.")
    expect(answers.nth(1).locator(".feedback-note")).to_have_count(0)
    # The first answer's thumb still shows as given (Gradio labels it "Disliked"), and only that answer's.
    given = page.locator("#chat button[aria-label='Disliked']")
    expect(given).to_have_count(1)
    given_box, second_box = given.bounding_box(), answers.nth(1).bounding_box()
    assert given_box and second_box and given_box["y"] < second_box["y"]
    shot(page, "27-feedback-kept")
    store = FeedbackStore(server.data_dir / "feedback.sqlite3")
    rows = [r for r in store.list() if r["comment"] == "It should say which article first."]
    assert rows and rows[0]["rating"] == -1 and rows[0]["question"] == "Who handles asylum applications?"


def test_on_a_phone_the_input_stays_on_screen_and_every_tab_is_reachable(pages: Pages, server: Server) -> None:
    for page in pages.open(server.url, viewport=PHONE):
        assert page.evaluate("window.scrollY") == 0
        assert in_viewport(page, page.locator("#question textarea")), "the question box is below the fold"
        assert in_viewport(page, page.locator("#send"))
        for name in TABS:
            expect(page.get_by_role("tab", name=name)).to_be_visible()
        expect(page.get_by_role("button", name="More tabs")).to_be_hidden()
        # The language choice is as wide as the page: no empty grey block beside it.
        header, language = page.locator("#header").bounding_box(), page.locator("#language").bounding_box()
        assert header and language and language["width"] > 0.9 * header["width"], (header, language)
        shot(page, "28-phone-landing", full_page=False)
        ask(page, "Who renews residence permits?")
        assert in_viewport(page, page.locator("#question textarea")), "the question box left the screen"
        link = last_answer(page).locator("a.open-unit").first
        last_answer(page).locator("summary").first.click()
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box is not None
        # Nothing (Gradio's scroll arrow, the question box) lies over "Open in the decree".
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('a.open-unit') !== null",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert on_top, "something covers the link"
        shot(page, "29-phone-answer", full_page=False)
        page.get_by_role("tab", name="Who is competent?").click()
        expect(page.locator("#who-table")).to_contain_text("Gabinete Jurídico")
        page.get_by_role("tab", name="Browse the decree").click()
        expect(page.locator("#toc")).to_contain_text("CHAPTER II")
