"""The chat page in real Chromium: streamed answers, citation chips, the source panel,
persistence, refusals, hostile input, narrow screens and an axe accessibility check."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QUESTION = "What should we do when parents keep refusing access to the home?"


def ask(page, question: str) -> None:
    box = page.get_by_label("Your question")
    box.fill(question)
    box.press("Enter")
    expect(page.locator(".turn .answer").last).to_have_attribute(
        "aria-busy", "false", timeout=20000
    )


def test_ask_cite_open_passage_and_reload(page, server):
    page.goto(server + "/")
    expect(page.locator("#starter-list button").first).to_be_visible()
    ask(page, QUESTION)
    chips = page.locator(".turn .answer .chip")
    expect(chips.first).to_be_visible()
    assert chips.count() >= 2
    label = chips.first.inner_text()
    chips.first.click()
    panel = page.locator("#panel")
    expect(panel).to_be_visible()
    current = panel.locator(".passage li.current")
    expect(current).to_be_visible()
    assert current.locator(".label").inner_text() in label
    expect(page.locator("#announcer")).to_contain_text("Answer ready")
    shot(page, "chat-desktop")
    page.reload()
    expect(page.locator(".turn .question").first).to_contain_text("refusing access")
    expect(page.locator(".turn .answer .chip").first).to_be_visible()
    page.get_by_role("button", name="Clear conversation").click()
    expect(page.locator(".turn")).to_have_count(0)


def test_full_document_link_highlights_the_item(page, server):
    page.goto(server + "/")
    ask(page, "What is a PAMS assessment?")
    page.locator(".turn .answer .chip").first.click()
    page.get_by_role("link", name="Open in the full document").click()
    target = page.locator(".item:target")
    expect(target).to_have_count(1)
    shot(page, "document-passage")


def test_out_of_scope_question_says_not_covered(page, server):
    page.goto(server + "/")
    ask(page, "What is the capital of France?")
    answer = page.locator(".turn .answer").last
    expect(answer.locator(".not-covered-title")).to_be_visible()
    expect(answer.locator(".chip")).to_have_count(0)
    expect(page.locator(".suggestions button").first).to_be_visible()


def test_markup_in_a_question_is_shown_as_text(page, server):
    page.goto(server + "/")
    hostile = "<img src=x onerror=alert(1)> neglect"
    ask(page, hostile)
    expect(page.locator(".turn .question").last).to_contain_text("<img src=x onerror=alert(1)>")
    assert page.locator(".conversation img").count() == 0
    assert page.dialogs == []


def test_small_screens(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/")
    ask(page, QUESTION)
    shot(page, "chat-390")
    page.set_viewport_size({"width": 320, "height": 700})
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.locator(".turn .answer .chip").first.click()
    expect(page.locator("#panel")).to_be_visible()
    shot(page, "chat-320-panel")
    context.close()


def test_keyboard_only(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")  # skip link first
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.get_by_label("Your question").focus()
    page.keyboard.type("How do the reviews describe cumulative harm?")
    page.keyboard.press("Enter")
    chip = page.locator(".turn .answer .chip").first
    expect(chip).to_be_visible(timeout=20000)
    chip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#panel")).to_be_hidden()
    expect(chip).to_be_focused()


@pytest.mark.parametrize("path", ["/", "/documents", "/documents/child-ak-learning-briefing"])
def test_no_serious_accessibility_violations(page, server, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + path)
    if path == "/":
        ask(page, QUESTION)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"]) for v in serious]


def test_a_refused_question_is_never_kept_in_the_browser(page, server):
    page.goto(server + "/")
    box = page.get_by_label("Your question")
    box.fill("What should I do about Tyler Mason, NHS number 943 476 5919?")
    box.press("Enter")
    expect(page.locator(".turn").last).to_contain_text("personal data", timeout=20000)
    stored = page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    assert "943" not in stored and "Tyler" not in stored
    ask(page, "What did the review say about Jayden Smith's missed appointments?")
    stored = page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    assert "Jayden" not in stored and "missed appointments" in stored  # kept as the server read it
