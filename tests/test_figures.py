"""Which questions ask for a figure, and which passages state one (app.search.figures)."""

from __future__ import annotations

import pytest

from app.core.records import Item
from app.search.decision import Coverage
from app.search.figures import asks_a_figure, figure_unstated, states_a_figure


@pytest.mark.parametrize(
    "question",
    [
        "How many children on plans are there for neglect?",
        "what percentage of referrals come from schools",
        "At what age can a child stay home alone?",
        "How much of his nursery did he attend?",
        "how old were the twins",
        "how much does a parenting assessment cost",
        "What share of referrals came from schools?",
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
        "How much information can I share with the school?",
        "How much should I worry about a bruise on a baby?",
        "how much of a risk is co-sleeping",
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
        "At 14 months old she had not been weighed.",  # a capitalised word, no name
        "Two thirds of referrals were from health.",
        "There were 3 separate referrals.",  # not a month: 'sep-arate'
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
        "As set out in paragraph 12, escalation was not used.",  # the document's own label
        "The child was seen by the GP on 12 March.",  # a date
        "A third party provided the information.",
    ],
)
def test_a_year_a_name_or_a_paragraph_number_is_no_figure(text):
    assert not states_a_figure(text)


def _item(item_id: str, text: str) -> Item:
    return Item(item_id, "d", "Doc", "S", ("S",), "Paragraph 1", "context", text, 0, len(text), 0)


def test_a_figure_is_unstated_unless_a_passage_an_answer_leads_with_states_one():
    """What leads (the passage holding most of the question, or the one read best as its
    answer) must state the figure; one holding less of the question does not count."""
    plan = _item("a", "Neglect was the category of the child's protection plan.")
    figure = _item("b", "The school recorded 29% attendance.")
    question = "What percentage of child protection plans are for neglect?"
    coverage = Coverage("", 1.0, 0.5, weights={"a": 1.0, "b": 0.4}, readings={"a": 1.0, "b": -5})
    assert figure_unstated(question, coverage, [plan, figure])
    read_best = Coverage("", 1.0, 0.5, weights={"a": 1.0, "b": 0.4}, readings={"a": -5, "b": 1})
    assert not figure_unstated(question, read_best, [plan, figure])
    # a question asking no figure, or asking the law, is never judged so
    assert not figure_unstated("What do plans for neglect say?", coverage, [plan, figure])
    assert not figure_unstated("What percentage does the law require?", coverage, [plan])
