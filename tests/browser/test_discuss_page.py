"""A trainer builds, edits and exports a discussion set on /discuss, in real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_theme_typed_in_the_trainers_own_words_builds_a_set(page, server):
    page.goto(server + "/discuss")
    page.get_by_label("Theme", exact=True).fill("fathers and male carers")
    page.get_by_label("Number of questions").fill("3")
    page.get_by_role("button", name="Build the set").click()
    expect(page.locator("#set-title")).to_contain_text("Fathers and male carers")
    expect(page.locator("#questions > li").first).to_be_visible()


def test_build_edit_and_export_a_set(page, server):
    page.goto(server + "/discuss")
    page.get_by_label("Theme", exact=True).fill("Was not brought")  # chosen from the list
    page.get_by_label("Audience").select_option("leaders")
    page.get_by_label("Number of questions").fill("5")
    page.get_by_role("button", name="Build the set").click()
    questions = page.locator("#questions > li")
    expect(questions).to_have_count(5)
    expect(page.locator("#set-title")).to_contain_text("Was not brought")
    first = questions.nth(0).locator(".q").inner_text()
    second = questions.nth(1).locator(".q").inner_text()
    page.get_by_role("button", name="Move question 2 up").click()
    expect(questions.nth(0).locator(".q")).to_have_text(second)
    page.get_by_role("button", name="Remove question 2").click()  # the old first
    expect(questions).to_have_count(4)
    expect(page.locator("#questions .q", has_text=first)).to_have_count(0)
    questions.nth(0).locator("summary").click()
    expect(questions.nth(0).locator("details li").first).to_contain_text(
        re.compile("Key message|What the review found|Listen for")
    )
    shot(page, "discuss-desktop")

    page.get_by_role("button", name="Reword question 1").click()
    page.get_by_label("New wording for question 1").fill(
        "What do we do when a child is not brought?"
    )
    page.get_by_role("button", name="Save wording").click()
    expect(questions.nth(0).locator(".q")).to_have_text(
        "What do we do when a child is not brought?"
    )
    expect(questions.nth(0).locator(".meta")).to_contain_text("reworded by you")
    page.get_by_role("button", name="Rename").click()
    page.get_by_label("New title").fill("WNB: leaders' session, spring")
    page.get_by_role("button", name="Save title").click()
    expect(page.locator("#set-title")).to_have_text("WNB: leaders' session, spring")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export Word (DOCX)").click()

    import docx

    path = download.value.path()
    d = docx.Document(str(path))
    assert "What do we do when a child is not brought?" in [p.text for p in d.paragraphs]

    version = page.locator("#set-version").inner_text()
    page.get_by_role("button", name="Regenerate").click()
    expect(page.locator("#set-version")).not_to_have_text(version)
    expect(page.locator("#set-title")).to_have_text("WNB: leaders' session, spring")  # in place
    assert questions.count() >= 1
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "discuss-390")

    from axe_playwright_python.sync_playwright import Axe

    serious = [
        v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], [(v["id"], v["help"]) for v in serious]

    page.get_by_role("button", name="Delete", exact=True).click()
    page.get_by_role("button", name="Yes, delete the set").click()
    expect(page.locator("#preview")).to_be_hidden()
    expect(page.locator("#sets button", has_text="WNB: leaders' session")).to_have_count(0)
