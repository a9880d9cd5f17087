"""A facilitator walks a reflection session on /reflect with the keyboard, in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_keyboard_walk_through_a_session(page, server):
    page.goto(server + "/reflect")
    page.get_by_label("Document", exact=True).select_option("child-ak-learning-briefing")
    page.get_by_role("button", name="Start the session").focus()
    page.keyboard.press("Enter")
    prompt = page.locator("#prompt-text")
    expect(prompt).to_contain_text("How do we ensure cumulative harm is recognised")
    expect(prompt).to_be_focused()
    expect(page.locator("#learning li").first).to_be_visible()
    expect(page.locator("#probes li").first).to_contain_text("What?")

    page.get_by_label("Add a note for this prompt").fill("We review incidents one at a time.")
    page.get_by_role("button", name="Save note").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#notes li")).to_have_text(["We review incidents one at a time."])
    expect(page.locator("#save-status")).to_have_text("Note saved.")

    page.get_by_label("Action", exact=True).fill("Start a chronology for each open case")
    page.get_by_label("Owner").fill("Team manager")
    page.get_by_role("button", name="Record action").click()
    expect(page.locator("#actions li").first).to_contain_text("Team manager")

    prompt.focus()
    page.keyboard.press("ArrowRight")
    expect(prompt).to_contain_text("Are quieter or non-verbal children")
    page.keyboard.press("ArrowLeft")
    expect(prompt).to_contain_text("How do we ensure cumulative harm")
    expect(page.locator("#notes li")).to_have_count(1)
    shot(page, "reflect-desktop")

    page.reload()  # the URL names the session: it resumes where the room was
    expect(prompt).to_contain_text("How do we ensure cumulative harm")
    expect(page.locator("#notes li")).to_have_text(["We review incidents one at a time."])
    for _ in range(6):
        page.locator("#next").click()
    expect(page.locator("#progress")).to_contain_text("Closing question 1 of 3")
    expect(prompt).to_have_text("What are our key thoughts and reflections?")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "reflect-390")

    from axe_playwright_python.sync_playwright import Axe

    serious = [
        v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], [(v["id"], v["help"]) for v in serious]


def test_note_typed_while_the_server_is_unreachable_is_kept_and_sent_later(page, server):
    page.goto(server + "/reflect")
    page.get_by_role("button", name="Start the session").click()
    expect(page.locator("#prompt-text")).not_to_be_empty()
    page.route("**/notes", lambda route: route.abort())
    page.get_by_label("Add a note for this prompt").fill("Said while the wifi dropped")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator("#notes li.pending")).to_contain_text("Said while the wifi dropped")
    page.unroute("**/notes")
    page.reload()
    expect(page.locator("#notes li")).to_have_text(["Said while the wifi dropped"])
    expect(page.locator("#notes li.pending")).to_have_count(0)
