"""How a question names a document ('Child AK', 'the AK briefing', 'Case Study 1') or a heading
of one ('What to do now')."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.core.records import DocumentMeta
from app.core.text import heading_words, tokens


def naming_stems(documents: Iterable[DocumentMeta]) -> frozenset[str]:
    """The stems of the words the documents may be named by (title, subject, publisher): what a
    question holds of them names them, and is not what it asks about."""
    return frozenset(s for d in documents for s in tokens(d.names))


_CHILD_NAME = re.compile(r"\b(Child [A-Z]{1,3}|Case Study \d+)\b")


# a review's letters name it alone only before a word for a document: 'the AK briefing', not
# 'what should the LA do' of a review of a Child LA
_DOCUMENT_WORD = (
    r"(?=(?:['’]s)?\s+(?:learning\s+|practice\s+)?(?:review|briefing|report|case|l?cspr)\b)"
)


def mention_pattern(title: str, subject: str | None) -> re.Pattern[str] | None:
    """Names that single a document out in a question: 'Child AK', 'Case Study 1', and a
    review's letters on their own, in capitals, before a word for a document ('the AK
    briefing'); one letter ('B') is too often something else to name a review alone."""
    names = set(_CHILD_NAME.findall(f"{title} {subject or ''}"))
    if not names:
        return None
    whole = "|".join(re.escape(n) for n in sorted(names))
    letters = sorted(
        {n.split()[1] for n in names if n.startswith("Child ") and len(n.split()[1]) > 1}
    )
    alone = "".join(f"|{re.escape(x)}{_DOCUMENT_WORD}" for x in letters)  # 'AK', never 'ak'
    return re.compile(rf"\b(?:(?i:{whole})\b{alone})")


def names_heading(question: str, heading: str) -> bool:
    """The question names a section of a document by its heading: 'What to do now', 'the
    key learning', 'why were Child B and his siblings not seen as neglected'. A heading of one
    word ('Context') names a kind of item, not a section."""
    heading = heading_words(heading)
    words = re.findall(r"[a-z0-9]+", heading.lower())
    if len(words) < 2:
        return False
    asked = " ".join(re.findall(r"[a-z0-9]+", question.lower()))
    if f" {' '.join(words)} " in f" {asked} ":
        return True
    stems = set(tokens(heading))
    return len(stems) >= 2 and stems <= set(tokens(question))
