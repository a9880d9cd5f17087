"""Close the gap between practitioners' words and the reviews' words.

Three sources: lay terms (corpus/synonyms.toml), theme aliases (corpus/themes.toml), and a
glossary the corpus itself defines: acronyms spelt out in the text ('Children's Advice and Duty
Service (CHAD)') and terms its footnotes define. Expansions only feed keyword search.
"""

from __future__ import annotations

import bisect
import itertools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wordfreq import zipf_frequency

from app.core.records import DocumentMeta
from app.core.text import STOPWORDS
from app.core.themes import Theme


@dataclass(frozen=True)
class Vocabulary:
    terms: dict[str, list[str]]
    themes: tuple[Theme, ...] = ()
    longest: int = 1  # words in the longest term

    @classmethod
    def load(cls, synonyms: Path, themes: tuple[Theme, ...]) -> Vocabulary:
        terms = (
            tomllib.loads(synonyms.read_text("utf-8")).get("terms", {}) if synonyms.exists() else {}
        )
        for t in themes:
            for alias in t.aliases:
                terms.setdefault(alias.lower(), []).append(t.title)
        return cls._build(terms, themes)

    @classmethod
    def _build(cls, terms: dict[str, list[str]], themes: tuple[Theme, ...]) -> Vocabulary:
        lowered = {" ".join(_words(k)): v for k, v in terms.items()}
        return cls(lowered, themes, max((k.count(" ") + 1 for k in lowered), default=1))

    def with_glossary(self, glossary: dict[str, list[str]]) -> Vocabulary:
        """Add the acronyms the library spells out (see app.core.lexicon)."""
        merged = {k: list(v) for k, v in self.terms.items()}
        for k, v in glossary.items():
            merged.setdefault(k, []).extend(v)
        return self._build(merged, self.themes)

    def expansions(self, text: str) -> dict[str, list[str]]:
        """Each term of the text the vocabulary knows, with the reviews' words for it (terms
        may overlap: 'quiet child')."""
        words = _words(text)
        found = {
            gram
            for n in range(1, self.longest + 1)
            for k in range(len(words) - n + 1)
            if (gram := " ".join(words[k : k + n])) in self.terms
        }
        return {term: self.terms[term] for term in sorted(found)}

    def expand(self, text: str) -> list[str]:
        """The reviews' words for every term in the text."""
        return [word for words in self.expansions(text).values() for word in words]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.lower().replace("’", "'"))


ABBREVIATION_ZIPF = 3.0  # a short word rarer than this in English may shorten a longer one
NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")  # 'GPs', 'HVs', 'DSLs'
DEGREE_ZIPF = 2.5  # 'quieter' is an English word; 'reder' is a surname
RUNS_ON_MAX = 8  # words a stem the library never prints may stand for ('midwif': 'midwifery')
NAMING_ZIPF = 4.5  # a word rarer than this in everyday English may name a place or a kind
MOST_DESCRIBED = 3  # beyond this, only the best-described documents are taken
# Words every review's title may use: two of them in a row ('practice review') name none.
_ANY_REVIEW = frozenset(
    "review reviews report reports child children safeguarding practice local partnership "
    "full learning".split()
)
# Words of a kind of document: alone they name none ('the briefing'), in a row they may ('the
# executive summary', 'the 7-minute briefing').
_KIND_WORDS = frozenset("briefing briefings summary executive".split())
_SMALL = frozenset("a an the of and on in from for to by with at".split())
GENERIC_DOC_WORDS = _ANY_REVIEW | _KIND_WORDS | _SMALL


def abbreviation(word: str, printed: frozenset[str]) -> str | None:
    """'appts' for 'appointments': a short word the library never prints (and no English word in
    its own right) spelled by the letters of one it does, same first and last letter, in order."""
    if word in printed or not word.isalpha() or not 3 <= len(word) <= 5:
        return None
    if zipf_frequency(word, "en") >= ABBREVIATION_ZIPF:
        return None
    for full in _ordered(printed):
        if (
            len(full) >= len(word) + 3
            and full[0] == word[0]
            and full[-1] == word[-1]
            and _subsequence(word, full)
        ):
            return full
    return None


def spell_out(text: str, printed: frozenset[str]) -> str:
    """The text with its words the library does not print as it prints them ('health appts'
    -> 'health appointments', 'midwives' -> 'midwife')."""

    def full(m: re.Match[str]) -> str:
        word = m.group(0)
        return singular_acronym(word, printed) or printed_as(word.lower(), printed) or word

    return re.sub(r"[A-Za-z]+", full, text)


def singular_acronym(word: str, printed: frozenset[str]) -> str | None:
    """'GP' of 'GPs', as written, when the library prints 'GP': capitals and an 's' are an
    acronym's plural, which the stemmer leaves as it is."""
    if _ACRONYM_PLURAL.fullmatch(word) and word[:-1].lower() in printed:
        return word[:-1]
    return None


def acronyms_as_printed(text: str, printed: frozenset[str]) -> str:
    """The text with each acronym's plural written as the library prints it ('GPs': 'GP'): a
    cross-encoder reads 'gps' as another word than 'gp'."""
    return re.sub(
        rf"\b{_ACRONYM_PLURAL.pattern}\b",
        lambda m: singular_acronym(m[0], printed) or m[0],
        text,
    )


def printed_as(word: str, printed: frozenset[str]) -> str | None:
    """The word the library prints for one it does not: 'appts' for 'appointments', the
    singular of an '-ves' plural ('midwives': 'midwife', as 'midwifery' begins)."""
    if word in printed:
        return None
    single = _singular_ves(word)
    return abbreviation(word, printed) or (single if single != word else None)


def in_degree(adjective: str, printed: frozenset[str]) -> str | None:
    """The adjective in a higher degree, as the library prints it: 'quieter' for 'quiet',
    'busier' for 'busy', in a library that never prints the plain word; the stemmer keeps them
    apart. For an adjective only (the caller knows): 'car' is no 'carer', 'train' no 'trainer'.
    The form must be an English word in its own right, not a name the library prints ('reder')."""
    word = adjective
    if word in printed or len(word) < 3 or not word.isalpha():
        return None
    if word.endswith("e"):
        forms = [f"{word}r", f"{word}st"]
    elif word.endswith("y"):
        forms = [f"{word[:-1]}ier", f"{word[:-1]}iest"]
    else:
        forms = [f"{word}er", f"{word}est", f"{word}{word[-1]}er", f"{word}{word[-1]}est"]
    return next((f for f in forms if f in printed and zipf_frequency(f, "en") >= DEGREE_ZIPF), None)


@lru_cache(maxsize=4096)
def _singular_ves(word: str) -> str:
    """'wives' -> 'wife', 'halves' -> 'half', whose stems the stemmer misses ('wiv'); an '-ve'
    word ('olives', 'leaves') stays as it is, as does any other."""
    if len(word) < 5 or not word.endswith("ves"):
        return word
    base = word[:-3]
    best = max((f"{base}fe", f"{base}f", word[:-1]), key=lambda w: zipf_frequency(w, "en"))
    return word if best == word[:-1] else best


def described(
    question: str, documents: list[DocumentMeta], common: frozenset[str] = frozenset()
) -> list[str]:
    """Documents the question describes rather than names: 'the Devon review', 'the Stoke
    report', 'the seven-minute briefing', 'the case where two children were removed' share with a
    document's own title, subject, publisher or type a word that names (one rare in everyday
    English and not among the library's `common` words: 'Devon', 'thematic') or two words in a
    row ('case study', '2 children'). A word any question may use ('case', 'families', 'on') names
    nothing. The best-described documents (in the order the question describes them), or none."""
    scored = []
    for meta in documents:
        if words := describing(question, meta, common):
            scored.append((len(words), first_at(question, words), meta.id, words))
    best = max((n for n, *_ in scored), default=0)
    chosen = [(at, doc_id, words) for n, at, doc_id, words in scored if n == best]
    if not 0 < len(chosen) <= 2:
        return []
    # another document described by a name of its own that none of those shares ('the North
    # Yorkshire and Stoke-on-Trent reviews'); two words in a row are too weak for a second
    # ('neglect case' of 'the NSPCC's neglect case review report')
    used = Counter(w for *_, words in scored for w in {w for r in words for w in r})
    more = [
        (at, doc_id, words)
        for n, at, doc_id, words in scored  # a word two documents share describes neither
        if n < best
        and any(len(r) == 1 for r in words)
        and all(used[w] == 1 for r in words for w in r)
    ]
    if len(chosen) + len(more) <= MOST_DESCRIBED:  # more than that is a question about all
        chosen += more
    return [doc_id for _, doc_id, _ in sorted(chosen, key=lambda c: c[0])]  # as asked


def describing(
    question: str, meta: DocumentMeta, common: frozenset[str] = frozenset()
) -> list[tuple[str, ...]]:
    """What in the question describes the document: its naming words, and its runs of two."""
    asked = _naming_words(question)
    own = _naming_words(f"{meta.names} {meta.type}")
    names = {
        (w,)
        for w in set(asked) & set(own)
        if w not in GENERIC_DOC_WORDS and w not in common and not w.isdigit()
        and zipf_frequency(w, "en") < NAMING_ZIPF
    }  # fmt: skip
    pairs = set(itertools.pairwise(asked)) & set(itertools.pairwise(own))
    return sorted(names | {r for r in pairs if not set(r) <= _ANY_REVIEW})


def first_at(question: str, words: list[tuple[str, ...]]) -> int:
    """Where in the question the first of these words is."""
    text = question.lower()
    found = (re.search(rf"\b{re.escape(w)}", text) for run in words for w in run)
    return min((m.start() for m in found if m), default=len(text))


@lru_cache(maxsize=8192)
def _naming_words(text: str) -> tuple[str, ...]:
    """The text's words that may name a document, in order: no small words ('on', 'from').
    Remembered: each question reads every document's title and subject again."""
    words = (NUMBER_WORDS.get(w, w) for w in re.findall(r"[a-z0-9]+", text.lower()))
    return tuple(w for w in words if w not in STOPWORDS and w not in _SMALL)


def runs_on(stems: list[str], printed: frozenset[str]) -> list[str]:
    """The library's words that begin with one of these stems ('midwif': 'midwifery')."""
    words = _sorted(printed)
    out = []
    for stem in stems:
        at = bisect.bisect_left(words, stem)
        found = 0
        while at < len(words) and words[at].startswith(stem) and found < RUNS_ON_MAX:
            out.append(words[at])
            at += 1
            found += 1
    return out


@lru_cache(maxsize=4)
def _sorted(printed: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(printed))


@lru_cache(maxsize=4)
def _ordered(printed: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(w for w in printed if len(w) >= 6))


def _subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(c in rest for c in short)
