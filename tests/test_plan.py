"""How a guided reflection quotes the learning it derives a prompt from, and which headings name
learning to reflect on: whole sentences a team can discuss, in the document's own words."""

from __future__ import annotations

import pytest

from app.core.kinds import kind_for_heading
from app.core.records import Item
from app.core.text import substantive
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
