"""Which questions name a section of a document by its heading."""

from __future__ import annotations

import pytest

from app.core.kinds import kind_for_heading
from app.core.text import heading_words
from app.search.naming import names_heading


@pytest.mark.parametrize(
    "question,heading",
    [
        ("What does 'What to do now' say?", "What to do now"),
        ("what to do now for the Child AK briefing", "What to do now"),
        ("What are the reflective questions for leaders?", "7 Reflective questions – leaders"),
        ("Why weren't Child B and his siblings seen as neglected?",
         "Why were Child B and his siblings not seen as neglected?"),
        ("Show me the key learning", "5 Key learning"),
    ],
)  # fmt: skip
def test_a_question_that_uses_a_heading_names_its_section(question, heading):
    assert names_heading(question, heading)


@pytest.mark.parametrize(
    "question,heading",
    [
        ("What is the context of the review?", "Context"),  # one word names a kind, not a part
        ("What should practitioners do now?", "What to do now"),
        ("What did the review find about leaders?", "7 Reflective questions – leaders"),
    ],
)
def test_a_question_that_only_shares_a_word_with_a_heading_does_not(question, heading):
    assert not names_heading(question, heading)


def test_a_heading_loses_its_number_only():
    assert heading_words("6 What has changed already?") == "What has changed already?"
    assert heading_words("4.2 Key findings") == "Key findings"
    assert heading_words("B) Practice") == "Practice"
    assert heading_words("A summary of learning") == "A summary of learning"


@pytest.mark.parametrize(
    "heading,kind",
    [
        ("What we want you to do", "action"),
        ("What practitioners should do", "action"),
        ("7. What to do now", "action"),
        ("Key learning", "learning_point"),
        ("Recommendations for the Partnership", "recommendation"),
        ("What went well", "good_practice"),
        ("Messages for practice", "learning_point"),
        ("What could have been done differently", "practice_issue"),
        ("What needs to change", "recommendation"),
        ("Points for reflection", "reflective_question"),
        ("Terms used", "definition"),
        ("What happened", None),
    ],
)
def test_a_heading_names_the_kind_of_the_items_under_it(heading, kind):
    assert kind_for_heading(heading) == kind
