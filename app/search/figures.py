"""A question that asks for a figure (how many, what percentage, at what age) is answered only by
a passage that states one. Passages that share the question's other words but give no figure do
not answer it: 'what percentage of child protection plans are for neglect?' is not answered by
what the reviews say of neglect and of plans, nor 'how much is the fine?' by a father 'worried
about getting a fine'."""

from __future__ import annotations

import re

ASKS_A_FIGURE = "the figure you ask for"

_ASKS = re.compile(
    r"\bhow many\b|\bwhat (?:percentage|proportion|per ?cent|fraction|number|rate)\b"
    r"|\bwhat ages?\b|\bhow old\b"
    # an amount, not a degree: 'how much of his appointments', never 'how much does it matter'
    r"|\bhow much\b(?!\s+(?:[\w'’]+\s+){0,3}?(?:matters?|helps?|affects?|influences?|impacts?)\b)",
    re.I,
)
# 'one' is left out: it is a pronoun as often as a number ('no one', 'one of the agencies')
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundred|thousand|half|halves|thirds?|quarters?|dozens?|twice)\b",
    re.I,
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:\s?%|\s?per ?cent)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DOTTED = re.compile(r"\d+(?:\.\d+){2,}")  # a paragraph's number: '4.2.5'
_LABEL = re.compile(r"\b[A-Z][a-z]+\s$")  # a number naming something: 'Sibling 2', 'Point 8'
# a note's or a source's number: '<sup>14</sup>', '(18)', '[3]'
_REFERENCE = re.compile(r"<sup>[^<]*</sup>|\(\d{1,3}\)|\[\d{1,3}\]")


def asks_a_figure(question: str) -> bool:
    return _ASKS.search(question) is not None


def states_a_figure(text: str) -> bool:
    """The text states a quantity: a number that is not a year, a paragraph's number or part of
    a name ('Sibling 2') or a note's reference ('<sup>14</sup>'), or a number in words."""
    text = _REFERENCE.sub(" ", text)
    if _NUMBER_WORD.search(text):
        return True
    for m in _NUMBER.finditer(text):
        number = m.group()
        if _YEAR.fullmatch(number) or _DOTTED.fullmatch(number):
            continue
        if _LABEL.search(text[: m.start()]) and not number.endswith("%"):
            continue
        return True
    return False
