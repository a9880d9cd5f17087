"""Words as search sees them: lower case, English stop words out, Snowball stems."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

import snowballstemmer

if TYPE_CHECKING:
    from app.core.records import Item

# A Snowball stemmer keeps the word it is working on in itself: one per thread, or two requests
# stemming at once corrupt each other's word (IndexError inside the stemmer).
_STEMMERS = threading.local()
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have how i if
    in into is it its may might of on or our should so than that the their them then there
    these they this those to was we were what when where which who why will with would you
    your about any not all also""".split()
)
# How much or how many is asked, not of what: 'how many hours of sleep' is about sleep.
QUANTIFIERS = frozenset("many much few fewer several more most less least enough lots".split())


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


def tokens(text: str) -> list[str]:
    return [_stem(w) for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS]


def without_own_label(item: Item, sentence: str) -> str:
    """A sentence without the label the item prints before it ('Recommendation 1: The
    partnership should …' -> 'The partnership should …'): a quotation under that label reads
    it once."""
    for mark in (":", "."):
        prefix = f"{item.label}{mark}"
        if item.label and sentence.startswith(prefix) and len(sentence) > len(prefix) + 1:
            rest = sentence[len(prefix) :].strip()
            return rest[:1].upper() + rest[1:]
    return sentence


def first_sentence(item: Item, limit: int = 220) -> str:
    text = item.sentences()[0]
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


# What is not learning, though it sits among it: a pointer elsewhere, words about the document
# itself, or a sentence that only introduces a list.
_POINTER = re.compile(
    r"https?://|\bwww\.|\b(?:accessed|found|available|downloaded|viewed)\s+(?:here|at|on|via)\b"
    r"|\bclick\b",
    re.I,
)
# a link whose address the PDF lost, leaving its title and, at its end, its site: 'What is the
# SEND Local Offer? – SEND Local Offer (stoke.gov.uk)'
_SITE = re.compile(
    r"\((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|gov|nhs)\)\W*$", re.I
)
LINK_TITLE_WORDS = 15  # a link's title is short; a passage that says more than that is not one
_ABOUT_THE_DOCUMENT = re.compile(
    r"^\W*(?:please\s+)?(?:consider|use|share|discuss|read|print|familiarise|access|download)\b"
    r".{0,80}\b(?:questions?|briefing|document|summary|report|learning|leaflet|key messages|"
    r"resources|colleagues|team meetings?)\b"
    r"|\b(?:this|the)\s+(?:briefing|document|leaflet)\s+(?:is|was|should|can)\b",
    re.I,
)
_LEAD_IN = re.compile(
    r":\s*$|\b(?:the following|a number of|as follows)\b"
    r"|\b(?:set out|listed|highlighted|shown|summarised|described|outlined|given)\s+below\b",
    re.I,
)


def links_elsewhere(item: Item) -> bool:
    """A link ('Further audits can be accessed here'), or the title of one whose address the PDF
    lost ('Threshold Framework (stoke.gov.uk)'): it says where learning is."""
    text = item.text
    return bool(
        _POINTER.search(text) or (_SITE.search(text) and len(text.split()) <= LINK_TITLE_WORDS)
    )


def points_elsewhere(item: Item) -> bool:
    """A link or an instruction about the document ('Further audits can be accessed here'):
    it says where learning is, not what it is."""
    text = item.text.strip()
    return links_elsewhere(item) or bool(_ABOUT_THE_DOCUMENT.search(text))


def substantive(item: Item) -> bool:
    """Learning a team can discuss: not a link, not an instruction about the document, not a
    lead-in to a list."""
    text = item.text.strip()
    words = len(text.split())
    if words < 6 or points_elsewhere(item):
        return False
    return not (words < 25 and _LEAD_IN.search(text))


# A heading's own number ('1.5 ', '3. ', 'B) ', 'iv) '), never its first word ('A summary of …').
_HEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[A-Za-z][.)]|[ivx]+[.)])\s+")


def heading_words(heading: str) -> str:
    """A heading without its number: '6 What has changed already?' -> 'What has changed
    already?'."""
    return _HEADING_NUMBER.sub("", heading).strip()


# Words that turn what a sentence says around ('The father was not seen', 'didn’t always').
NEGATION = re.compile(r"\b(?:not|no|never|nor|none|neither|cannot|without)\b|n[’']t\b", re.I)
