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
