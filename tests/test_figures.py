"""Which questions ask for a figure, and which passages state one (app.search.figures)."""

from __future__ import annotations

import pytest

from app.search.figures import asks_a_figure, states_a_figure


@pytest.mark.parametrize(
    "question",
    [
        "How many children on plans are there for neglect?",
        "what percentage of referrals come from schools",
        "At what age can a child stay home alone?",
        "How much of his nursery did he attend?",
        "how old were the twins",
    ],
)
def test_a_question_asking_a_quantity_asks_a_figure(question):
    assert asks_a_figure(question)


@pytest.mark.parametrize(
    "question",
    [
        "How much does poverty matter when judging neglect?",  # a degree, not an amount
        "What should I do when a family misses appointments?",
        "What level of concern should lead to a referral?",
    ],
)
def test_a_question_asking_no_quantity_does_not(question):
    assert not asks_a_figure(question)


@pytest.mark.parametrize(
    "text",
    [
        "He was brought to 24% of his outpatient appointments.",
        "The review involved nine children across three families.",
        "Attendance fell to half of sessions.",
        "The family moved 4 times in a year.",
    ],
)
def test_a_passage_stating_a_quantity_states_a_figure(text):
    assert states_a_figure(text)


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 the family moved to the area.",  # a year
        "Sibling 2 was admitted to hospital.",  # part of a name
        "As set out at paragraph 4.2.5, escalation was not used.",  # a paragraph's number
        "No one asked the child what life was like at home.",  # 'one' as a pronoun
        "It was of importance to how the information was shared.<sup>14</sup>",  # a note
        "Themes are complex (18) and often recur [3].",  # sources
    ],
)
def test_a_year_a_name_or_a_paragraph_number_is_no_figure(text):
    assert not states_a_figure(text)
