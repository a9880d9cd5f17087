"""How a guided reflection and a discussion set quote the learning a prompt is made from, and
which headings name learning to reflect on: whole sentences a team can discuss, in the
document's own words, naming the review as people do."""

from __future__ import annotations

import pytest

from app.core.kinds import kind_for_heading
from app.core.records import DocumentMeta, Item
from app.core.text import substantive
from app.discussion.forms import question_text
from app.reflection.plan import derived_question, learning_quote


def item(*sentences: str, label: str = "Paragraph 1", kind: str = "learning_point") -> Item:
    text, ends = "", []
    for s in sentences:
        text = f"{text} {s}".strip()
        ends.append(len(text))
    return Item("i", "d", "Doc", "S", ("S",), label, kind, text, 0, len(text), 0,
                sentence_ends=tuple(ends))  # fmt: skip


def test_a_prompt_quotes_the_learning_not_its_label():
    rec = item("Recommendation 1: The partnership should seek assurance on pre-birth support.",
               label="Recommendation 1", kind="recommendation")  # fmt: skip
    assert learning_quote(rec) == "The partnership should seek assurance on pre-birth support."
    assert "“The partnership should" in derived_question(rec, "leaders")


def test_a_prompt_quotes_the_learning_not_where_it_was_published():
    source = item(
        "The NSPCC published ‘Neglect: learning from case reviews’ in December 2022.",
        "This report highlights that professionals struggle to act on neglect in time.",
    )
    assert learning_quote(source).startswith("This report highlights")


def test_a_few_words_are_quoted_with_the_sentence_after_them():
    row = item(
        "Agency: GP practice.", "Action: Follow up every child not brought.", kind="recommendation"
    )
    assert learning_quote(row) == "Agency: GP practice. Action: Follow up every child not brought."


def test_a_sentence_that_only_points_below_is_not_learning_to_discuss():
    assert not substantive(item("The key learning for practitioners is set out below."))
    assert substantive(item("Practitioners should see the child alone at every visit below age 5."))


@pytest.mark.parametrize(
    "heading,kind",
    [
        ("Agency actions", "recommendation"),
        ("Key actions", "recommendation"),
        ("Actions taken", "action"),
        ("What has changed: actions taken", "action"),
    ],
)
def test_a_heading_of_actions_names_what_to_do_and_actions_taken_what_changed(heading, kind):
    assert kind_for_heading(heading) == kind


def test_a_discussion_question_quotes_the_learning_not_its_label():
    rec = item("Recommendation 2: All agencies should ask about any adult male in the home.",
               label="Recommendation 2", kind="recommendation")  # fmt: skip
    asked = question_text(rec, "good_practice", "practitioners")
    assert asked == (
        "A review recommends: “All agencies should ask about any adult male in the home.” "
        "What would good look like here?"
    )


def test_a_scenario_names_the_review_as_people_do():
    case = item("Child R lived with his mother, aged 19, and her partner.", kind="context")
    named = question_text(case, "scenario", "practitioners", name="Child R")
    assert named is not None and named.startswith("In the Child R review: “Child R lived")
    titled = question_text(
        case, "scenario", "practitioners", name="Thematic review: home education"
    )
    assert titled is not None and titled.startswith("In ‘Thematic review: home education’: “")


@pytest.mark.parametrize(
    "title,subject,short",
    [
        ("Learning from Child T: 7-minute briefing", None, "Child T"),
        ("Local Child Safeguarding Practice Review Child R", None, "Child R"),
        ("Thematic review: children educated at home", None, ""),
        ("Neglect Case Study 1: 7-minute briefing", "Neglect Case Study 1 (two children)",
         "Neglect Case Study 1"),
    ],
)  # fmt: skip
def test_a_document_without_a_catalogued_subject_is_named_for_the_child_its_title_names(
    title, subject, short
):
    assert DocumentMeta("d", title, "review", subject=subject).short_subject == short
