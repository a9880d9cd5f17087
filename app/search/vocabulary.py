"""Close the gap between practitioners' words and the reviews' words.

Three sources: lay terms (corpus/synonyms.toml), theme aliases (corpus/themes.toml), and a
glossary the corpus itself defines: acronyms spelt out in the text ('Children's Advice and Duty
Service (CHAD)') and terms its footnotes define. Expansions only feed keyword search.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

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
