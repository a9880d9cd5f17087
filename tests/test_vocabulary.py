"""Which documents a question describes without naming them: by a word that names (a place, a
kind of review) or two of a document's words in a row, never by words any question uses."""

from __future__ import annotations

import pytest

from app.core.records import DocumentMeta
from app.search.vocabulary import described, runs_on, spell_out

DOCUMENTS = [
    DocumentMeta("harbour", "Harbourside thematic review of neglect", "thematic review",
                 subject="Four families, eleven children"),
    DocumentMeta("brief", "Neglect Case Study 4: 7-minute briefing", "7-minute briefing",
                 subject="Neglect Case Study 4 (three children)"),
    DocumentMeta("child-m", "Child M: local child safeguarding practice review",
                 "full review report", subject="Child M", publisher="Fenwick-on-Sea Partnership"),
    DocumentMeta("learning", "Neglect: learning from case reviews", "thematic learning",
                 subject="Neglect (draws on national reviews)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did the Harbourside review find about home visits?", ["harbour"]),
        ("What went well in the seven-minute briefing?", ["brief"]),
        ("In the case study where three children were removed, what did the GP do?", ["brief"]),
        ("Who published the Fenwick report?", ["child-m"]),
    ],
)
def test_a_document_described_by_what_names_it_is_found(question, expected):
    assert described(question, DOCUMENTS) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Is there learning on children who go missing from home?",  # 'from', 'on'
        "A new social worker has picked up the case. What should she read first?",  # 'case'
        "What does this child safeguarding practice review say about fathers?",
        "What did the national panel recommend about critical thinking?",  # 'national'
        "What are levels 1 to 4 of the threshold framework?",  # a number alone
    ],
)
def test_words_any_question_may_use_describe_no_document(question):
    assert described(question, DOCUMENTS) == []


def test_a_word_most_of_the_library_uses_describes_no_document():
    question = "Could this be neglect?"
    assert described(question, DOCUMENTS[:2]) == ["harbour", "brief"]  # both titles say it
    assert described(question, DOCUMENTS[:2], common=frozenset({"neglect"})) == []


def test_a_word_the_library_does_not_print_is_read_as_one_it_does():
    printed = frozenset({"midwifery", "appointments", "leave", "olive"})
    assert spell_out("what should midwives do about missed appts", printed) == (
        "what should midwife do about missed appointments"
    )
    assert spell_out("autumn leaves and olives", printed) == "autumn leaves and olives"
    assert runs_on(["midwif"], printed) == ["midwifery"]


def test_a_plain_adjective_is_read_as_the_degree_the_library_prints():
    """The stemmer keeps 'quiet' and 'quieter' apart; a library that prints only 'quieter
    children' still speaks of quiet children. A word ending '-er' is never cut back ('liver' is
    not 'live')."""
    printed = frozenset({"quieter", "busier", "children", "live"})
    assert spell_out("the quiet child in a busy family", printed) == (
        "the quieter child in a busier family"
    )
    assert spell_out("liver damage", printed) == "liver damage"
