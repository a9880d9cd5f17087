"""A question's concepts: its content words (nouns, names, adjectives, numbers, and any word the
library never prints), less the generic ones, each weighed by how rare it is in the library; and
the neighbouring words that name one thing ('care home', 'self-harm', 'Signs of Safety').

A word most of the library's items use (child, review, neglect in a library of neglect reviews)
says nothing about coverage; a word the library never prints weighs most, more when it is rare
in English too (a term of art).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from wordfreq import zipf_frequency

from app.core.kinds import kinds_asked_for, purpose_of_questions
from app.core.text import QUANTIFIERS, STOPWORDS, tokens
from app.search.tagger import TAGGER
from app.search.vocabulary import NUMBER_WORDS, in_degree, printed_as, singular_acronym
from app.storage.library import Library

REDACTED_NAME = "[NAME]"  # what the personal-data guard puts in place of a name
# the asker's own role, said first: 'As a team manager, what should I …', 'I'm a school DSL and …'
_ROLE = r"\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+(?=\s*(?:,|\s[-–]\s|\band\b|:|;))"
_ASKER = re.compile(
    rf"^\W*(?:i['’]?m an?|i am an?)(?P<role>{_ROLE})"
    rf"|^\W*as an?(?P<as>{_ROLE})(?=.*\b(?:i|we|my|our|me|us)\b)",  # not 'As a result of …'
    re.I,
)
_MAKE = frozenset({"make", "makes", "making", "made"})
_NOT_A_TOPIC_NEXT = frozenset({"DET", "SCONJ", "PRON", "PUNCT", "PART"})
GENERIC_SHARE = 0.15  # a word in more of the library's items than this is not a concept
EVERY_REVIEW_SHARE = 0.3  # … and one in more than this is what every review is about
CONCEPT_POS = {"NOUN", "PROPN", "ADJ", "NUM"}
UNKNOWN_POS = CONCEPT_POS | {"VERB", "ADV", "X"}  # a word the library never prints, any of these
# Words that ask about documents rather than name a topic (a fact of English questions).
ASKING = frozenset(
    """say says said tell told ask asks know mean means meaning explain describe document documents
    library anything something everything please give list show thing things way ways kind
    kinds type types example examples info information page pages web webpage website site
    pdf file files leaflet handout sheet research evidence literature author authors authored
    reviewer reviewers writer""".split()
)
NUMBERS = NUMBER_WORDS
PHRASING_ZIPF = 4.0  # an unprinted verb or adjective this common in English is phrasing ('wrong')
SPECIALIST_ZIPF = 3.5  # an unprinted word this rare in English is a term of art ('LADO')
# An age ('15-year-old', '2 years old') says a child is meant; it is not three concepts.
_AGE = re.compile(r"\b\d{1,2}[-\s]+(?:years?|yrs?|months?|weeks?)[-\s]+old\b", re.I)
# Words a hyphen binds ('self-harm', 'honour-based') name one thing: a passage holds them together.
_HYPHENATED = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")
# 'self' before a word makes one word of the two, written with a hyphen or without ('self harm')
_SELF = re.compile(r"\b(self)\s+([A-Za-z]+)", re.I)
# Two or more capitalised words mid-sentence name one thing ('Signs of Safety'); the first word
# of a sentence is capitalised anyway.
_JOIN = r"(?:\s+(?:of|and|for|the|in|on|&)\s+|\s+)"
_CAPITALISED = re.compile(
    rf"(?<![.?!:]\s)(?<!^)(?<![.?!:])\b[A-Z][a-z]+(?:{_JOIN}[A-Z][a-z]+){{1,4}}\b"
)


@dataclass(frozen=True)
class Concept:
    words: tuple[str, ...]  # the question's own words for it
    stems: tuple[str, ...]  # (in order, for a compound)
    position: int  # where it is in the question
    weight: float
    printed: bool  # the library prints the word somewhere
    pos: str = "NOUN"
    specialist: bool = False  # a term of art or a name the library never prints
    compound: bool = False  # neighbouring words that name one thing ('care home')
    bound: bool = False  # a compound written as one word ('self-harm')
    shown: str = ""  # how the question writes it, when that is not its words joined


def word_stems(word: str) -> tuple[str, ...]:
    """A word's stems as keyword search has them, a number word as its digits ('five': '5')."""
    return tuple(tokens(NUMBERS.get(word, word)))


def concepts_of(question: str, library: Library) -> list[Concept]:
    """The question's concepts, each weighed by its rarity in the library; neighbouring words
    that name one thing ('care home', 'self-harm', 'Signs of Safety') are concepts too."""
    named = question.count(REDACTED_NAME)  # a name the guard took out stands for someone
    shouted = sum(map(str.isupper, question)) > sum(map(str.islower, question))  # all capitals
    question = _AGE.sub("child", question.replace(REDACTED_NAME, " "))
    question = _without_asker(question)  # who asks is not what about: 'As a team manager, …'
    question = _SELF.sub(_self_joined, question)  # 'self harming' is 'self-harming'
    tagged = TAGGER(question)
    printed = library.lexicon().words
    # what questions for reflection are asked for ('for a team meeting') is not what they are on
    asks_questions = "reflective_question" in kinds_asked_for(question)
    aim = purpose_of_questions(question) if asks_questions else set()
    candidates: list[tuple[int, str, str, tuple[str, ...]]] = []
    for k, (text, pos) in enumerate(tagged):
        written = singular_acronym(text, printed) or text  # 'GP' of 'GPs'
        if pos not in ("NOUN", "PROPN") and _capitals(written, shouted):
            pos = "PROPN"  # a name or an abbreviation, however tagged ('CAMHS' as a verb)
        word = written.lower().strip("'’-")
        # two letters tell too little ('hv', 'cp'), unless written in capitals as the library
        # prints them: 'GP', 'ED', 'GPs'
        short = len(word) < 3 and not word.isdigit()
        if (
            (short and not (written.isupper() and word in printed))
            or word in STOPWORDS
            or word in ASKING
            or word in QUANTIFIERS
            or not any(c.isalnum() for c in word)
            or _completes_make(tagged, k)
        ):
            continue
        stems = word_stems(word)
        if stems and pos in UNKNOWN_POS and not set(stems) <= aim:
            candidates.append((k, word, pos, stems))
    candidates = [
        (k, word, pos, word_stems(full) if (full := _as_printed(word, pos, printed)) else stems)
        for k, word, pos, stems in candidates
    ]
    counts = library.term_counts([s for *_, stems in candidates for s in stems])
    total = max(library.size()[1], 1)
    out = []
    for k, word, pos, stems in candidates:
        df = min(counts.get(s, 0) for s in stems)
        known = df > 0 or word in printed
        if known and (pos not in CONCEPT_POS or df / total >= GENERIC_SHARE):
            continue  # a known verb or a generic word is not a concept
        weight = math.log((total + 1) / (df + 1))
        specialist = False
        if not known:
            zipf = zipf_frequency(word, "en")
            phrasing = pos not in ("NOUN", "PROPN", "NUM") and zipf >= PHRASING_ZIPF
            if phrasing and not _prefixed(word, question):
                continue  # common English phrasing the library happens not to print
            specialist = pos == "PROPN" or zipf < SPECIALIST_ZIPF
            factor = 1.2 if pos == "PROPN" else min(1.2, max(0.3, (7 - zipf) / 3))
            weight *= factor  # rarer in English, more specific
        out.append(Concept((word,), stems, k, weight, known, pos, specialist))
    someone = math.log(total + 1) * 0.5  # a child's name says little about the topic
    out += [
        Concept((REDACTED_NAME,), (), 10_000 + n, someone, False, "PROPN", False)
        for n in range(named)
    ]
    return out + _compounds(out, question) + _bound(question, out) + _named(question, out)


def _prefixed(word: str, question: str) -> bool:
    """A prefix joined to the word by a hyphen makes another word of it, a term the library may
    not hold whatever the word alone is: 'co-sleeping' is not 'sleeping', nor phrasing."""
    return re.search(rf"\b[a-z]{{1,2}}-{re.escape(word)}\b", question, re.I) is not None


def _capitals(text: str, shouted: bool) -> bool:
    """A word written in capitals, in a question that is not, and rare in English: a term of
    art's abbreviation or a name ('CAMHS'), not emphasis ('NEVER') or 'OK' or 'ASAP'."""
    if shouted or len(text) < 2 or not text.isalpha() or not text.isupper():
        return False
    return zipf_frequency(text.lower(), "en") < SPECIALIST_ZIPF


def _without_asker(question: str) -> str:
    """The question without the asker's role said first, when it is a role: words that name
    someone ('school DSL', 'team manager'), not 'a little concerned about cuckooing'."""
    found = _ASKER.match(question)
    if found is None:
        return question
    role = TAGGER((found.group("role") or found.group("as")).strip())
    if not role or role[-1][1] not in ("NOUN", "PROPN"):
        return question
    if any(pos not in ("NOUN", "PROPN", "ADJ") for _, pos in role):
        return question
    return " " + question[found.end() :]


def _completes_make(tagged: list[tuple[str, str]], k: int) -> bool:
    """An adjective that completes 'make' before the clause it governs is how the question asks,
    not what about: 'make sure the child is seen', 'make clear that'. Before a noun it describes
    the noun and stays a concept: 'make safe sleeping advice stick', 'made vulnerable children'."""
    if tagged[k][1] != "ADJ" or k == 0 or tagged[k - 1][0].lower() not in _MAKE:
        return False
    return k + 1 == len(tagged) or tagged[k + 1][1] in _NOT_A_TOPIC_NEXT


def _as_printed(word: str, pos: str, printed: frozenset[str]) -> str | None:
    """The word as the library prints it, when it prints it otherwise: 'appointments' for
    'appts', and for an adjective its higher degree ('quieter' for 'quiet')."""
    return printed_as(word, printed) or (in_degree(word, printed) if pos == "ADJ" else None)


def general_words(question: str, library: Library) -> tuple[str, ...]:
    """The question's words too widely used in the library to judge coverage by, yet not so
    widely that every review is about them: 'early help' of 'what does the Child AK briefing
    say about early help?' (not 'child', 'neglect', 'practice'). Asked of one review, they are
    still what it is asked about."""
    printed = library.lexicon().words
    words = [
        w
        for text, pos in TAGGER(question)
        if pos in CONCEPT_POS
        and (w := text.lower()) in printed
        and w not in STOPWORDS | ASKING | QUANTIFIERS
        and word_stems(w)
    ]
    counts = library.term_counts([s for w in words for s in word_stems(w)])
    total = max(library.size()[1], 1)
    share = {w: min(counts.get(s, 0) for s in word_stems(w)) / total for w in words}
    return tuple(w for w in dict.fromkeys(words) if GENERIC_SHARE <= share[w] < EVERY_REVIEW_SHARE)


def _self_joined(match: re.Match[str]) -> str:
    self_, word = match.groups()
    return match.group() if word.lower() in STOPWORDS else f"{self_}-{word}"


def _compounds(concepts: list[Concept], question: str) -> list[Concept]:
    """Neighbouring content words name one thing ('care home', 'sexual abuse'): a passage holds
    it only with the words together. A word a hyphen joins to the next, or the one before, is
    part of that word, never of a pair across it: 'the Care Act self-neglect duty' has no 'act
    self'."""
    out = []
    for a, b in itertools.pairwise(concepts):
        if _hyphen_joined(a.words[-1], b.words[0], question):
            continue
        if b.position == a.position + 1 and b.pos in ("NOUN", "PROPN") and a.printed and b.printed:
            out.append(
                Concept(
                    (*a.words, *b.words),
                    (*a.stems, *b.stems),
                    a.position + 1000,  # its own key beside its words'
                    a.weight + b.weight,
                    True,
                    b.pos,
                    compound=True,
                )
            )
    return out


def _hyphen_joined(first: str, second: str, question: str) -> bool:
    """A hyphen joins the first word of a pair to the word before it, or the second to the word
    after it: the pair is then part of a longer word."""
    a, b = re.escape(first), re.escape(second)
    return re.search(rf"[A-Za-z]-{a}(?![\w-])|(?<![\w-]){b}-[A-Za-z]", question, re.I) is not None


def _bound(question: str, concepts: list[Concept]) -> list[Concept]:
    """Words a hyphen joins in the question ('self-harm', 'honour-based'), as one compound of
    their concepts: held only where a passage prints them together, even when only one of the
    words is a concept ('based' is not, yet 'honour' alone is not 'honour-based')."""
    by_word: dict[str, list[Concept]] = {}
    for c in concepts:
        by_word.setdefault(c.words[0], []).append(c)
    out = []
    for n, match in enumerate(_HYPHENATED.finditer(question)):
        words = [w.lower() for w in match.group().split("-")]
        parts = [by_word[w][0] for w in words if w in by_word]
        if not parts:
            continue  # no concept in it ('well-being' of generic words)
        out.append(
            Concept(
                tuple(words),
                tuple(s for w in words for s in word_stems(w)),
                2000 + n,
                sum(c.weight for c in parts),
                all(c.printed for c in parts),
                parts[-1].pos,
                any(c.specialist for c in parts),
                compound=True,
                bound=True,
            )
        )
    return out


def _named(question: str, concepts: list[Concept]) -> list[Concept]:
    """A name the question writes in capitals mid-sentence ('Signs of Safety', 'the Family
    Court'): one thing, held only where a passage (or its document's title) prints it whole."""
    by_word = {c.words[0]: c for c in concepts if not c.compound}
    out = []
    for n, match in enumerate(_CAPITALISED.finditer(question)):
        words = tuple(w.lower() for w in match.group().split())
        parts = [by_word[w] for w in words if w in by_word]
        if not parts:
            continue  # a name of generic words
        out.append(
            Concept(
                words,
                tuple(s for w in words for s in word_stems(w)),
                3000 + n,
                sum(c.weight for c in parts),
                all(c.printed for c in parts),
                "PROPN",  # never said back: a name may be a family's
                specialist=True,
                compound=True,
                shown=match.group(),
            )
        )
    return out
