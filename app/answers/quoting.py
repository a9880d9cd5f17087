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
    written = term_pattern(term)
    says = re.compile(
        rf"\b{written}\b[\"'”’)]*\s+(?:is|are|means?|refers? to|describes?|involves?)\b"
        # 'the ‘start again syndrome’, where practitioners …': a term quoted, or opening the
        # sentence; not 'At the strategy meeting, where police were absent, …'
        rf"|[‘'\"“]{written}[’'\"”],\s+where\b|^\W*{written}\W*,\s+where\b",
        re.I,
    )
    sents = item.sentences()
    at = next((k for k, s in enumerate(sents) if says.search(s)), None)
    return None if at is None else " ".join(sents[at : at + 2])


def singular(term: str) -> str:
    """'lateral checks' -> 'lateral check', 'lateral enquiries' -> 'lateral enquiry': a term
    printed in the singular or the plural. A short word or an abbreviation stays as it is."""
    if len(term) <= 3:
        return term
    if term.endswith("ies"):
        return f"{term[:-3]}y"
    return term[:-1] if term.endswith("s") and not term.endswith(("ss", "us", "is")) else term


def term_pattern(term: str) -> str:
    """A regex for the term as printed: its words apart by a space, hyphen or quotation mark, in
    the singular or the plural ('lateral check', 'lateral checks'; 'enquiry', 'enquiries')."""
    one = singular(term)
    words = [re.escape(w) for w in re.findall(r"\w+", one)]
    if not words:
        return re.escape(term)
    last = words[-1]
    words[-1] = f"{last[:-1]}(?:y|ies)" if last.endswith("y") else f"{last}(?:s|es)?"
    return r"[\s'’\"“”-]+".join(words)
