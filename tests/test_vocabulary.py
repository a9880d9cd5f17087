"""Which documents a question describes without naming them: by a word that names (a place, a
kind of review) or two of a document's words in a row, never by words any question uses."""

from __future__ import annotations

import pytest

from app.core.records import DocumentMeta
from app.search.concepts import _as_printed
from app.search.vocabulary import described, in_degree, runs_on, spell_out

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
    children' still speaks of quiet children. Only an adjective is read so ('car' is no
    'carer'), and only into an English word ('reder' is a surname)."""
    printed = frozenset({"quieter", "busier", "safer", "carer", "reder", "trainer"})
    assert in_degree("quiet", printed) == "quieter"
    assert in_degree("busy", printed) == "busier"
    assert in_degree("safe", printed) == "safer"
    assert in_degree("red", printed) is None
    assert in_degree("early", printed | {"early", "earlier"}) is None  # printed as it is
    assert _as_printed("quiet", "ADJ", printed) == "quieter"
    assert _as_printed("car", "NOUN", printed) is None
    assert _as_printed("train", "VERB", printed) is None
    assert spell_out("the red car", printed) == "the red car"  # the query text is left as typed


def test_an_acronym_in_the_plural_is_spelled_as_the_library_prints_it():
    printed = frozenset({"gp", "bus"})
    assert spell_out("what should GPs do", printed) == "what should GP do"
    assert spell_out("the gps and buses", printed) == "the gps and buses"  # capitals only


@pytest.mark.parametrize(
    "question,expected",
    [
        # a second review, by a name of its own
        ("What did the Harbourside review and the Fenwick report find?", ["harbour", "child-m"]),
        # 'thematic' names two documents: it describes neither beside the best-described one
        ("What did the seven-minute briefing and the thematic reviews find?", ["brief"]),
    ],
)
def test_a_second_document_is_described_only_by_words_of_its_own(question, expected):
    assert described(question, DOCUMENTS) == expected
