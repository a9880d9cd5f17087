"""How the extractive composer picks the sentences it quotes: whole, and readable on their own."""

from __future__ import annotations

from app.answers.compose import best_sentences, defining_sentences
from app.core.records import Item
from app.core.text import tokens


def item(*sentences: str) -> Item:
    text, ends = "", []
    for s in sentences:
        text = f"{text} {s}".strip()
        ends.append(len(text))
    return Item("i", "d", "Doc", "S", ("S",), "Paragraph 1", "context", text, 0, len(text), 0,
                sentence_ends=tuple(ends))  # fmt: skip


def test_a_sentence_that_points_back_is_quoted_with_the_one_before():
    passage = item(
        "The first family moved often between areas.",
        "Some carers refused visits outright.",
        "In other cases, parents complied with just enough requests to allay concerns.",
        "Records were kept in separate systems.",
    )
    quoted = best_sentences(passage, set(tokens("parents comply to allay concerns")))
    assert quoted.startswith("Some carers refused visits outright. In other cases")


def test_a_sentence_that_stands_alone_is_quoted_alone():
    passage = item(
        "The first family moved often between areas.",
        "It is vital to understand whether a family's issues relate to poverty.",
        "Records were kept in separate systems.",
    )
    quoted = best_sentences(passage, set(tokens("poverty issues")))
    assert quoted.startswith("It is vital")  # an 'it' that points at nothing before it


def test_a_definition_is_the_sentence_that_says_what_the_term_is():
    passage = item(
        "In this instance it meant checks with the front door.",
        '"Lateral check" is a term used by health professionals.',
    )
    assert defining_sentences(passage, "lateral check") == (
        '"Lateral check" is a term used by health professionals.'
    )
    assert defining_sentences(passage, "chronology") is None
