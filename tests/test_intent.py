"""What a question asks for, read from its wording."""

from __future__ import annotations

import pytest

from app.answers.intent import read
from app.search.tagger import TAGGER


@pytest.mark.parametrize(
    "question,intent",
    [
        ("What should leaders ask themselves about neglect?", "reflect"),
        ("What questions could we discuss about disguised compliance?", "reflect"),
        ("Give me questions for a team meeting on escalation", "reflect"),
        ("What questions does the Devon summary ask about schools?", "reflect"),
        ("What did the partnership commit to doing after the Devon review?", "change"),
        ("Was there a safety plan to protect the children?", "general"),
        ("What should I do when a family refuses entry?", "do"),
        ("What can a team leader do to help staff notice neglect?", "do"),
        ("How can a manager support staff with hostile families?", "do"),
        ("What do the reviews say about fathers?", "general"),
        ("What is a lateral check?", "what_is"),
        ("What went wrong for Child B?", "what_happened"),
        ("What was the problem with the GP in that case?", "what_happened"),
        ("What got in the way of seeing the children at home?", "what_happened"),
        ("Can I share information with the school if the parents say no?", "do"),
        ("What has the partnership been asked to check?", "do"),
        ("What has changed since the review?", "change"),
        ("What changes has Devon made since the review?", "change"),
        ("What changes were made after the Child B review?", "change"),
        ("What changes to practice were made after the neglect reviews?", "change"),
        ("What changes in school attendance were seen for Child B?", "general"),
        ("Who wrote the Devon review?", "profile"),
        ("Do the reviews mention pets?", "general"),
    ],
)
def test_the_wording_says_what_is_asked_for(question, intent):
    assert read(question).intent == intent


@pytest.mark.parametrize(
    "question,verb",
    [
        ("What recommendations did the Neglect Case Study 1 briefing make?", "make"),
        ("Which changes does the Stoke partnership report?", "report"),
    ],
)
def test_the_verb_that_ends_a_question_asked_with_do_is_read_as_a_verb(question, verb):
    """The small tagger reads 'briefing make' as two nouns; the question asked with 'did' has
    its verb last. A noun that ends a question whose verb came earlier stays a noun."""
    assert (verb, "VERB") in TAGGER(question)
    assert ("babies", "NOUN") in TAGGER("What did the review say about babies?")
    assert ("visits", "NOUN") in TAGGER("Do the reviews say anything about home visits")
