"""A question that asks for a figure (how many, what percentage, at what age) is answered only by
a passage that states one. Passages that share the question's other words but give no figure do
not answer it: 'what proportion of neglect referrals end in a plan?' is not answered by what the
reviews say of referrals and plans."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.core.records import Item
from app.core.text import STOPWORDS
from app.search.decision import Coverage
from app.search.law import speaks_of_law

ASKS_A_FIGURE = "the figure you ask for"

_ASKS = re.compile(
    r"\bhow many\b|\bwhat (?:percentage|proportion|per ?cent|fraction|share|number|rate)\b"
    r"|\bwhat ages?\b|\bhow old\b"
    # an amount, not a degree ('how much should I worry', 'how much can I share'): 'how much of
    # his appointments', 'how much is the fine', 'how much money', 'how much does it cost'
    r"|\bhow much (?:of\b(?! a\b)|money\b|time\b|(?:is|was|are|were) (?:the|a|an)\b)"
    r"|\bhow much\b.*\bcost",
    re.I,
)
# 'one' is left out: it is a pronoun as often as a number ('no one', 'one of the agencies'); a
# third or a quarter only with a number before it ('a third party' is no share)
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundred|thousand|half|halves|twice|dozens?)\b"
    r"|\b(?:one|two) thirds?\b|\b(?:one|three) quarters?\b|\ba (?:third|quarter) of\b",
    re.I,
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:\s?%|\s?per ?cent)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DOTTED = re.compile(r"\d+(?:\.\d+){2,}")  # a paragraph's number: '4.2.5'
# a number naming something, not counting it: 'Sibling 2', 'paragraph 12', 'section 4.2' (a
# capitalised word that is not a common one: 'At 14 months', 'Over 40 referrals' count)
_NAMING = re.compile(r"\b([A-Z][a-z]+)\s$")
_LABEL = re.compile(
    r"\b(?:paragraph|section|point|page|appendix|chapter|part|recommendation|finding|question"
    r"|consideration)\s$",
    re.I,
)
_ABOUT = {"over", "under", "about", "around", "only", "nearly", "almost", "approximately", "aged"}
_DATE = re.compile(
    r"\s(?:jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.I,
)
# a note's or a source's number: '<sup>14</sup>', '(18)', '[3]'
_REFERENCE = re.compile(r"<sup>[^<]*</sup>|\(\d{1,3}\)|\[\d{1,3}\]")


def asks_a_figure(question: str) -> bool:
    """The question asks for a quantity: a count, a share, an age, an amount."""
    return _ASKS.search(question) is not None


def states_a_figure(text: str) -> bool:
    """The text states a quantity: a number that is not a year, a date, a paragraph's number,
    part of a name ('Sibling 2') or a note's reference ('<sup>14</sup>'), or one in words."""
    text = _REFERENCE.sub(" ", text)
    if _NUMBER_WORD.search(text):
        return True
    for m in _NUMBER.finditer(text):
        number, before = m.group(), text[: m.start()]
        if _DOTTED.fullmatch(number) or _DATE.match(text, m.end()):
            continue
        if _YEAR.fullmatch(number) and not before.endswith(("£", "$", "€")):
            continue
        named = _NAMING.search(before)
        naming = named and named.group(1).lower() not in STOPWORDS | _ABOUT
        if (_LABEL.search(before) or naming) and (not number.endswith("%")):
            continue
        return True
    return False


def figure_unstated(question: str, measured: Coverage, passages: Sequence[Item]) -> bool:
    """The question asks for a figure (not the law), and no passage an answer would lead with
    states one: those holding the most of it, and the one read best as its answer."""
    if not asks_a_figure(question) or speaks_of_law(question):
        return False
    most = max((measured.weight_of(p) for p in passages), default=0.0)
    best = max(measured.readings, key=measured.readings.__getitem__, default=None)
    leading = [p for p in passages if measured.weight_of(p) >= most or p.id == best]
    return not any(states_a_figure(p.text) for p in leading)
