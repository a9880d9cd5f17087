"""A trainer builds, edits and exports a discussion set on /discuss, in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_build_edit_and_export_a_set(page, server):
    page.goto(server + "/discuss")
    page.get_by_label("Theme", exact=True).select_option("was-not-brought")
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
    expect(questions.nth(0).locator("details p").first).to_contain_text("What the reviews found")
    shot(page, "discuss-desktop")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export Word (DOCX)").click()

    import docx

    path = download.value.path()
    d = docx.Document(str(path))
    assert second in [p.text for p in d.paragraphs]

    page.get_by_role("button", name="Regenerate").click()
    expect(questions).to_have_count(5)
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "discuss-390")

    from axe_playwright_python.sync_playwright import Axe

    serious = [
        v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], [(v["id"], v["help"]) for v in serious]
