"""Close the gap between practitioners' words and the reviews' words.

Three sources: lay terms (corpus/synonyms.toml), theme aliases (corpus/themes.toml), and a
glossary the corpus itself defines: acronyms spelt out in the text ('Children's Advice and Duty
Service (CHAD)') and terms its footnotes define. Expansions only feed keyword search.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.core.records import Item
from app.core.themes import Theme

_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")
_SMALL = {"and", "of", "the", "for", "in", "to", "on", "&"}


def spelled_out(text: str, acronym: str) -> str | None:
    """The words before '(ACR)' whose initials spell it, e.g. 'Child in Need' for CIN."""
    before = [w.strip("'’‘") for w in re.findall(r"[\w'’‘-]+", text)]
    before = [w for w in before if w]
    letters = [c for c in acronym.upper() if c.isalpha()]
    words: list[str] = []
    i = len(letters) - 1
    for word in reversed(before):
        if i < 0:
            break
        if word.lower() in _SMALL and words:
            words.append(word)
            continue
        if word[0].upper() != letters[i]:
            return None
        words.append(word)
        i -= 1
    return " ".join(reversed(words)) if i < 0 else None


def corpus_glossary(items: Iterable[Item]) -> dict[str, list[str]]:
    glossary: dict[str, list[str]] = {}
    for item in items:
        for m in _ACRONYM.finditer(item.text):
            long = spelled_out(item.text[: m.start()], m.group(1))
            if long:
                glossary.setdefault(m.group(1).lower(), []).append(long)
                glossary.setdefault(long.lower(), []).append(m.group(1))
    return {k: sorted(set(v)) for k, v in glossary.items()}


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

    def with_corpus(self, items: Iterable[Item]) -> Vocabulary:
        merged = {k: list(v) for k, v in self.terms.items()}
        for k, v in corpus_glossary(items).items():
            merged.setdefault(k, []).extend(v)
        return self._build(merged, self.themes)

    def expand(self, text: str) -> list[str]:
        """The reviews' words for every term in the text (terms may overlap: 'quiet child')."""
        words = _words(text)
        found = {
            gram
            for n in range(1, self.longest + 1)
            for k in range(len(words) - n + 1)
            if (gram := " ".join(words[k : k + n])) in self.terms
        }
        return [word for term in sorted(found) for word in self.terms[term]]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.lower().replace("’", "'"))
