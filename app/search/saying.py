"""What an answer may say back of a question, and how: ordinary English words only, never a
name, and a missing term as the asker put it ('forced marriage', 'honour-based abuse', 'DSL')."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from app.core.text import QUANTIFIERS, STOPWORDS
from app.search.tagger import TAGGER

if TYPE_CHECKING:
    from app.search.concepts import Concept

NAMED = "the person, place or review you name"
# an abbreviation is not said back either: initials in capitals may be a child's
ABBREVIATED = "the abbreviation you use"
# a word written in lower case that is no common English word ('frenulum', a brand) is not
# said back, and is not called a name either
UNPRINTED = "a term you use"
UNSAID = (NAMED, ABBREVIATED, UNPRINTED)  # what is lacking, said without saying it
SAYABLE_ZIPF = 2.0  # words this common in English may be said back; names and strings are not
# a lacking word this much lighter than the heaviest is not named in a refusal: 'hand' of 'a
# scald on his hand', 'boy' of 'a boy groomed online'
SAID_SHARE = 0.6


def widen(phrases: tuple[str, ...], question: str) -> tuple[str, ...]:
    """A missing word with the words that describe it in the question, as the asker put it:
    'forced marriage', not 'marriage'. Only ordinary English words join it, never a name."""
    tagged = TAGGER(question)
    words = [t.lower() for t, _ in tagged]
    out = []
    for phrase in phrases:
        parts = phrase.split()
        at = next((k for k in range(len(words)) if words[k : k + len(parts)] == parts), None)
        if at is None:
            out.append(phrase)
            continue
        end = at + len(parts)
        at = _word_start(words, at, question)
        while end + 1 < len(words) and words[end] == "-" and sayable_word(words[end + 1]):
            if not _hyphenated(words[end - 1], words[end + 1], question):
                break
            end += 2  # 'honour' of 'honour-based': the whole word
        if end > at + len(parts) and end < len(words) and tagged[end][1] == "NOUN":
            end += 1  # 'honour-based' says what kind of thing follows: 'honour-based abuse'
        while at and _describes(*tagged[at - 1], before=tagged[at][1]):
            at = _word_start(words, at - 1, question)  # 'self-neglect' of 'self-neglect duty'
        said = [t if t.isupper() else t.lower() for t, _ in tagged[at:end]]  # 'DSL', as asked
        out.append(" ".join(said).replace(" - ", "-"))
    return tuple(dict.fromkeys(out))


def _word_start(words: list[str], at: int, question: str) -> int:
    """Where the word at `at` starts, with the words a hyphen joins before it: 'out' of
    'call-out' starts at 'call'; 'neglect - trampolines' is two things."""
    while at >= 2 and words[at - 1] == "-" and sayable_word(words[at - 2]):
        if not _hyphenated(words[at - 2], words[at], question):
            break
        at -= 2
    return at


def _hyphenated(first: str, second: str, question: str) -> bool:
    """The question writes the two words as one, with a hyphen and no spaces: 'call-out'."""
    return re.search(rf"\b{re.escape(first)}-{re.escape(second)}\b", question, re.I) is not None


def said_lacking(lacking: list[Concept], question: str) -> tuple[str, ...]:
    """What the library lacks of a question, as a refusal says it: in the asker's words with
    those that describe them ('forced marriage'), terms that run on as one, and only phrases
    that hold a weighty word ('scald', not 'scald or hand'; 'strip search' whole). A name is
    said apart and is not weighed against them."""
    missing = widen(phrases([c for c in lacking if not c.compound and sayable(c)]), question)
    missing += tuple(
        c.shown or ("-" if c.bound else " ").join(c.words)
        for c in lacking
        if c.compound and sayable(c)
    )
    heaviest = max((c.weight for c in lacking if sayable(c)), default=0.0)
    weighty = {w for c in lacking if sayable(c) and c.weight >= SAID_SHARE * heaviest
               for w in c.words}  # fmt: skip
    missing = tuple(m for m in missing if weighty & set(re.split(r"[\s-]+", m.lower())))
    missing = run_together(missing, question)
    return tuple(m for m in missing if not any(m != o and within(m, o) for o in missing))


def unsaid_lacking(unsayable: Sequence[Concept], question: str) -> str:
    """What a refusal says for what it will not say back: initials in capitals are an
    abbreviation ('FGM'), words written with a capital a name ('the [NAME] review', 'Signs of
    Safety'), and words written only in lower case a term ('a torn frenulum'). A name the
    personal-data guard took out ('[NAME]') is a name."""
    if any(not c.stems for c in unsayable):  # it has no stems: it was never a word
        return NAMED
    if all(
        len(c.words) == 1 and _written(c.words[0], question, _INITIALS.fullmatch) for c in unsayable
    ):
        return ABBREVIATED
    capital = any(
        _written(w, question, lambda f: f[:1].isupper(), mid_sentence=True)
        for c in unsayable
        for w in c.words
    )
    return NAMED if capital else UNPRINTED


_INITIALS = re.compile(r"[A-Z0-9]+s?")  # 'FGM', 'LADOs'


def _written(
    word: str, question: str, how: Callable[[str], object], mid_sentence: bool = False
) -> bool:
    """The question writes the word (or its plural) this way somewhere ('FGM', 'Letby'); with
    `mid_sentence`, not where a capital only starts a sentence ('Cuckooing: what is it?')."""
    found = re.finditer(rf"(?<!\w){re.escape(word)}s?(?!\w)", question, re.I)
    starts = (f for f in found if not (mid_sentence and _starts_sentence(question, f.start())))
    return any(how(f.group(0)) for f in starts)


def _before(text: str, at: int) -> str:
    """The text before a word, less the spaces, quotes and brackets that open it."""
    return text[:at].rstrip(" \"'“‘(")


def _starts_sentence(text: str, at: int) -> bool:
    before = _before(text, at)
    return not before or before[-1] in ".?!:"


def run_together(phrases: tuple[str, ...], question: str) -> tuple[str, ...]:
    """Phrases that share words end to start and run on in the question are one, as the question
    writes it: 'interim care' and 'care order' of 'an interim care order' are 'interim care
    order'."""
    out = list(phrases)
    merged = True
    while merged:
        merged = False
        for a, b in ((a, b) for a in out for b in out if a != b):
            first, second = a.lower().split(), b.lower().split()
            k = next((k for k in range(1, len(first)) if first[-k:] == second[:k]), 0)
            whole = " ".join([*first, *second[k:]])
            said = re.search(rf"(?<!\w){re.escape(whole)}(?!\w)", question, re.I)
            if k and said:  # as the question writes it: 'Stoke threshold framework'
                out = [_as_said(said, question) if p == a else p for p in out if p != b]
                merged = True
                break
    return tuple(out)


def _as_said(found: re.Match[str], question: str) -> str:
    """The words as the question writes them, less the capital that only starts it
    ('Emergency protection orders: who can apply?')."""
    said = found.group(0)
    starts = not _before(question, found.start())
    first = said.split()[0]
    return said[0].lower() + said[1:] if starts and not first.isupper() else said


def within(phrase: str, other: str) -> bool:
    """'honour-based' is said by 'honour-based abuse', 'self' by 'self-harm'; 'care' is not by
    'childcare'."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", other, re.I) is not None


def sayable_word(word: str) -> bool:
    """A lower-case English word common enough that it cannot be a name."""
    return (
        re.fullmatch(r"[a-z][a-z'’-]*", word) is not None
        and zipf_frequency(word, "en") >= SAYABLE_ZIPF
    )


def _describes(text: str, pos: str, before: str = "") -> bool:
    """A word that says what kind of thing the next one is: an adjective ('forced'), a past
    participle, or a noun before a noun ('practice model')."""
    word = text.lower()
    return (
        (pos == "ADJ" or (pos == "VERB" and word.endswith("ed")) or pos == before == "NOUN")
        and word not in STOPWORDS
        and word not in QUANTIFIERS
        and sayable_word(word)
    )


def as_written(words: Sequence[str], question: str) -> list[str]:
    """Words the question writes side by side, as one: 'domestic', 'abuse' -> 'domestic abuse'."""
    if not words:
        return []
    # words across a comma or a full stop are not side by side: 'health visitor, toddler'
    asked = " ".join(re.findall(r"[\w'’-]+|[^\w\s'’-]", question.lower()))
    joined = list(words[:1])
    for word in words[1:]:
        if f" {joined[-1]} {word} " in f" {asked} ":
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return joined


def join_words(words: Sequence[str], conjunction: str) -> str:
    """'a, b and c', each once."""
    words = list(dict.fromkeys(words))
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def sayable(c: Concept) -> bool:
    """May an answer say this word back? Only ordinary English words, never a name (which may
    be a child's or a family's) or a string that is no word at all."""
    return c.pos != "PROPN" and all(re.fullmatch(r"\d{1,4}", w) or sayable_word(w) for w in c.words)


def phrases(concepts: list[Concept]) -> tuple[str, ...]:
    """Neighbouring words of the question as one phrase: 'county lines', 'section 47'."""
    out: list[list[str]] = []
    last = -2
    for c in sorted(concepts, key=lambda c: c.position):
        if c.position == last + 1 and out:
            out[-1].extend(c.words)
        else:
            out.append(list(c.words))
        last = c.position
    return tuple(" ".join(p) for p in out)
