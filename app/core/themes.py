"""The theme list (corpus/themes.toml): shared by ingest (tagging) and the app (browsing)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    pattern: re.Pattern[str]
    aliases: tuple[str, ...]
    question: str  # a starter question the library can answer

    @property
    def words(self) -> str:
        """What the theme is about, as its vector is made from: its title and other names."""
        return f"{self.title}: {', '.join(self.aliases)}" if self.aliases else self.title


_NEVER = re.compile(r"(?!)")  # no item is tagged with a typed theme: it is found by meaning


def typed_theme(words: str) -> Theme:
    """A theme in the words someone typed ('fathers and male carers'), not on the list."""
    words = " ".join(words.split())
    return Theme(
        slug="",
        title=words[:1].upper() + words[1:],
        pattern=_NEVER,
        aliases=(),
        question=f"What do the reviews say about {words}?",
    )


def load_themes(path: Path) -> tuple[Theme, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))["themes"]
    return tuple(
        Theme(
            slug=slug,
            title=t["title"],
            pattern=re.compile(r"\b(?:" + "|".join(t["patterns"]) + r")", re.I),
            aliases=tuple(t.get("aliases", ())),
            question=t.get("question", f"What do the reviews say about {t['title'].lower()}?"),
        )
        for slug, t in data.items()
    )


def themes_for(text: str, themes: tuple[Theme, ...]) -> tuple[str, ...]:
    return tuple(t.slug for t in themes if t.pattern.search(text))
