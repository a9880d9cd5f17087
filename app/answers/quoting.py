"""Which of a passage's own whole sentences an answer quotes: those that bear most on the
question, with the sentence before when one reads on from it, or the sentence that says what a
term is. Never part of a sentence."""

from __future__ import annotations

import re

from app.core.records import Item
from app.core.text import tokens


def best_sentences(item: Item, wanted: set[str], limit: int = 2) -> str:
    """The item's whole sentences that bear most on the question: all of a short item, else the
    best sentence and, when it reads on from it, the next."""
    sents = item.sentences()
    if len(sents) <= limit:
        return " ".join(sents)
    scores = [len(wanted & set(tokens(s))) for s in sents]
    best = max(range(len(sents)), key=lambda k: (scores[k], -k))
    chosen = [best]
    if best + 1 < len(sents) and scores[best + 1] > 0:
        chosen.append(best + 1)
    elif best > 0 and (sents[best - 1].endswith(":") or scores[best - 1] > 0):
        chosen.insert(0, best - 1)
    first = sents[chosen[0]]
    if chosen[0] > 0 and (_POINTS_BACK.match(first) or first[:1].islower()):
        # 'In other cases, …' reads on from the one before; so does one the document starts in
        # lower case ('it’s important that …'), which alone would read as a cut quotation
        chosen.insert(0, chosen[0] - 1)
    return " ".join(sents[k] for k in chosen)


# A sentence that opens by pointing back to the one before it, which it needs to be understood
# (facts of English, not of any topic).
_POINTS_BACK = re.compile(
    r"^\W*(?:in other cases|in (?:this|that|these|those|both|each|such) (?:case|cases|instance|"
    r"instances|situation|situations|way|context)|however|this|these|that|those|they|he|she|"
    r"also|furthermore|moreover|additionally|in addition|as a result|therefore|consequently|"
    r"similarly|likewise|but|and|so|instead|otherwise|such)\b",
    re.I,
)


def asking_sentences(item: Item, words: set[str]) -> str | None:
    """The item's own sentence that asks a question, with the sentence before it, which a
    question in running text reads on from, when the two print `words` (stems) between them
    ('Poverty itself is never an indicator of neglect. The question often used to illustrate
    this is if a new fridge were provided …?'); None when it asks none on them."""
    sents = item.sentences()
    for k, sent in enumerate(sents):
        quoted = sents[max(k - 1, 0) : k + 1]
        if sent.rstrip("\"'”’) ").endswith("?") and words <= set(tokens(" ".join(quoted))):
            return " ".join(quoted)
    return None


def defining_sentences(item: Item, term: str) -> str | None:
    """The item's sentence that says what `term` is ('"Lateral check" is a term used by …', 'the
    ‘start again syndrome’, where practitioners …'),
    and the one after it: a definition that is not the item's first sentence."""
    if not term:
        return None
    says = re.compile(
        rf"\b{re.escape(singular(term))}s?\b[\"'”’)]*"
        rf"(?:\s+(?:is|are|means?|refers? to|describes?|involves?)|,\s+(?:where|in which|when))\b",
        re.I,
    )
    sents = item.sentences()
    at = next((k for k, s in enumerate(sents) if says.search(s)), None)
    return None if at is None else " ".join(sents[at : at + 2])


def singular(term: str) -> str:
    """'lateral checks' -> 'lateral check': a term printed in the singular or the plural."""
    return term[:-1] if term.endswith("s") and not term.endswith(("ss", "us", "is")) else term
