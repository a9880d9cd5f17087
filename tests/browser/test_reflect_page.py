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
    expect(page.locator("#probes li").first).to_contain_text("“")  # drawn from the learning

    page.get_by_label("Add a note for this prompt").fill("We review incidents one at a time.")
    page.get_by_role("button", name="Save note").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#notes > li > p:first-child")).to_have_text(
        ["We review incidents one at a time."]
    )
    expect(page.locator("#save-status")).to_contain_text("Note saved.")

    page.get_by_label("Action", exact=True).fill("Start a chronology for each open case")
    page.get_by_label("Owner").fill("Team manager")
    page.get_by_role("button", name="Record action").click()
    expect(page.locator("#actions li").first).to_contain_text("Team manager")

    prompt.focus()
    page.keyboard.press("ArrowRight")
    expect(prompt).to_contain_text("Are quieter or non-verbal children")
    page.keyboard.press("ArrowLeft")
    expect(prompt).to_contain_text("How do we ensure cumulative harm")
    expect(page.locator("#notes > li")).to_have_count(1)
    shot(page, "reflect-desktop")

    page.reload()  # the URL names the session: it resumes where the room was
    expect(prompt).to_contain_text("How do we ensure cumulative harm")
    expect(page.locator("#notes > li > p:first-child")).to_have_text(
        ["We review incidents one at a time."]
    )
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
    expect(page.locator("#notes > li > p:first-child")).to_have_text(
        ["Said while the wifi dropped"]
    )
    expect(page.locator("#notes li.pending")).to_have_count(0)


STORED = "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"


def test_a_refused_note_is_shown_with_its_reason_kept_nowhere_and_blocks_nothing(page, server):
    page.goto(server + "/reflect")
    page.get_by_role("button", name="Start the session").click()
    expect(page.locator("#prompt-text")).not_to_be_empty()
    box = page.get_by_label("Add a note for this prompt")
    box.fill("Agreed to ring mum on 07700 900123 after the meeting")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator("#refused-reason")).to_contain_text("personal data")
    expect(box).to_have_value("Agreed to ring mum on 07700 900123 after the meeting")
    assert "900123" not in page.evaluate(STORED)
    page.get_by_role("button", name="Discard this note").click()
    expect(box).to_have_value("")
    box.fill("Agreed to ring the family after the meeting")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator("#notes > li > p:first-child")).to_have_text(
        ["Agreed to ring the family after the meeting"]
    )
    sid = page.evaluate("() => new URLSearchParams(location.search).get('session')")
    kept = page.evaluate(f"() => fetch('/api/reflections/{sid}').then((r) => r.json())")
    notes = [n["text"] for p in kept["prompts"] for n in p["notes"]]
    assert notes == ["Agreed to ring the family after the meeting"]
    assert "900123" not in page.evaluate(STORED)


def test_the_presenter_view_follows_next_from_another_page(page, server):
    page.goto(server + "/reflect")
    page.get_by_label("Document", exact=True).select_option("child-ak-learning-briefing")
    page.get_by_role("button", name="Start the session").click()
    expect(page.locator("#prompt-text")).to_contain_text("cumulative harm")
    sid = page.evaluate("() => new URLSearchParams(location.search).get('session')")
    presenter = page.context.new_page()
    presenter.goto(f"{server}/reflect/{sid}/present")
    expect(presenter.locator("#prompt-text")).to_contain_text("cumulative harm")
    page.locator("#next").click()
    expect(presenter.locator("#prompt-text")).to_contain_text(
        "Are quieter or non-verbal children", timeout=8000
    )
    shot(presenter, "reflect-presenter")
    presenter.close()


WIDE = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [1280, 390])
def test_nothing_is_wider_than_the_screen(page, server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server + "/documents/child-b-and-siblings-review")
    assert page.evaluate(WIDE) <= 0
    shot(page, f"document-child-b-{width}")
    for source, value in (
        ("document", "child-b-and-siblings-review"),
        ("theme", "Voice of the child"),
    ):
        page.goto(server + "/reflect")
        page.locator(f'input[name="source"][value="{source}"]').check()
        field = page.get_by_label(source.capitalize(), exact=True)
        field.select_option(value) if source == "document" else field.fill(value)
        page.get_by_role("button", name="Start the session").click()
        expect(page.locator("#prompt-text")).not_to_be_empty()
        count = page.evaluate("() => document.querySelectorAll('#next').length")
        assert count == 1
        for n in range(20):
            assert page.evaluate(WIDE) <= 0, (source, n, page.locator("#prompt-text").inner_text())
            if page.locator("#next").is_disabled():
                break
            page.locator("#next").click()
        shot(page, f"reflect-{source}-{width}")
