"""What a question asks for, read from its wording."""

from __future__ import annotations

import pytest

from app.answers.intent import read
from app.core.kinds import kinds_asked_for
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
        ("what's been done differently in Stoke since the Child B review?", "change"),
        ("Has anything improved since the Devon report?", "change"),
        ("What could have been done differently after the first referral?", "general"),
        ("Has the child been seen since the last review meeting?", "general"),
        ("Has practice improved since the last review?", "change"),
        ("What questions should managers ask?", "reflect"),
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
    its verb last."""
    assert (verb, "VERB") in TAGGER(question)


@pytest.mark.parametrize(
    "question,noun",
    [
        ("Did the child have a child protection plan?", "plan"),  # 'have' is its verb
        ("Was the baby seen by a health visitor?", "visitor"),
        ("Do the reviews say anything about home visits", "visits"),
    ],
)
def test_a_noun_that_ends_a_question_whose_verb_came_earlier_stays_a_noun(question, noun):
    assert (noun, "NOUN") in TAGGER(question)


@pytest.mark.parametrize(
    "question,which",
    [
        ("Which review is about a baby who had a seizure?", "one"),
        ("which of the documents talks about fathers", "several"),
        ("Which reviews mention obesity?", "several"),
        ("What briefing covers home education?", "one"),
        ("What report should I make to the LADO?", ""),  # a report to make, not a document
        ("What review findings are there on consent?", ""),
        ("Which review findings matter for schools?", ""),
        ("Which case review looked at a baby's seizure?", "one"),
        ("Which CSPR covers obesity?", "one"),
        ("which cases show disguised compliance", ""),  # cases, not documents
        ("Tell me about neglect cases which the reviews discuss", ""),
        ("What does the review say about fathers?", ""),
    ],
)
def test_a_question_asking_which_document_is_read_as_such(question, which):
    assert read(question).which == which


def test_when_a_review_came_out_asks_its_date_whatever_names_it():
    assert set(read("when did the Stoke review come out and who wrote it?").fields) == {
        "author",
        "date",
    }
    assert read("When was the Devon review published?").fields == ("date",)
    # when something happened in a case is not when the review was written
    for question in (
        "When did the school report the bruising?",
        "When did the baby come out of hospital?",
        "When was the mother released from prison?",
    ):
        assert "date" not in read(question).fields, question


@pytest.mark.parametrize(
    "question,story",
    [
        ("What was the timeline of events for Child B before the seizure?", True),
        ("What happened in the Child B case before the seizure?", True),
        ("What was the background of the three families?", True),
        ("In the case where two children were removed, what was the problem with the GP?", False),
        ("What went wrong with information sharing?", False),
    ],
)
def test_a_question_asking_for_the_cases_story_is_read_as_such(question, story):
    assert read(question).story is story


@pytest.mark.parametrize(
    "question,term",
    [
        ("What is a lateral check?", "lateral check"),
        (
            "midwives keep mentioning 'lateral checks' - what does that actually mean",
            "lateral checks",
        ),
        ("What is cumulative harm and why was it missed?", "cumulative harm"),
        ("What does ‘was not brought’ mean?", "was not brought"),
        ("What does that mean?", ""),  # it points back, and quotes nothing
    ],
)
def test_the_term_asked_about_is_the_term_alone(question, term):
    """A second question after the term is not part of it, and a question that points to the
    term ('what does that mean') asks about the term it quotes."""
    assert read(question).term == term


@pytest.mark.parametrize(
    "question,kinds",
    [
        ("What good practice did the Child B review find?", {"good_practice"}),
        ("What strengths were found in the Devon review?", {"good_practice"}),
        ("What did the Devon review find?", {"practice_issue"}),
        (
            "What good practice and what gaps did the review find?",
            {"good_practice", "practice_issue"},
        ),
    ],
)
def test_what_a_review_found_is_the_kind_the_question_names(question, kinds):
    """'find' asks for findings, unless the question names what was found (good practice)."""
    assert kinds_asked_for(question) == kinds


@pytest.mark.parametrize(
    "question,term",
    [
        ("What is professional curiosity and why does it matter?", "professional curiosity"),
        ("What is cumulative harm, and can it be prevented?", "cumulative harm"),
        # the quotation nearest what points to it, not a review's name quoted before it
        ("The 'Child AK' review keeps mentioning 'lateral checks' - what does that mean?",
         "lateral checks"),
    ],
)  # fmt: skip
def test_a_long_what_is_question_asks_about_its_term(question, term):
    asked = read(question)
    assert (asked.intent, asked.term) == ("what_is", term)


@pytest.mark.parametrize(
    "question",
    [
        "What strengths and weaknesses did the review find?",
        "What good practice and what poor practice did the review find?",
        "What did the review find about good practice and missed opportunities?",
        "What positives and concerns did the Devon review find?",
    ],
)
def test_good_practice_asked_beside_what_went_wrong_keeps_both(question):
    assert kinds_asked_for(question) == {"good_practice", "practice_issue"}
