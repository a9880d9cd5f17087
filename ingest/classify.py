"""What kind of learning an item is, who a question is for, and which themes it touches."""

from __future__ import annotations

import re

from app.core.kinds import LEADERS, PRACTITIONERS, kind_for_heading

# Headings that can sit fused in front of a flattened table's first row.
TABLE_TITLES = ("learning points", "recommendations", "key findings", "key learning")
_DEFINES = re.compile(
    r"\b(is an?|is the|is used|is undertaken|are|means|refers to|is a term|describes|involves)\b",
    re.I,
)


def kind_for_section(path: tuple[str, ...], default: str) -> str:
    for heading in reversed(path):
        if kind := kind_for_heading(heading):
            return kind
    return default


def audience_for_section(path: tuple[str, ...]) -> str | None:
    heading = path[-1] if path else ""
    if LEADERS.search(heading):
        return "leaders"
    if PRACTITIONERS.search(heading):
        return "practitioners"
    return None


def footnote_kind(text: str) -> str:
    """A footnote that explains a term is a definition; one that only cites is a reference."""
    m = _DEFINES.search(text)
    return "definition" if m and m.start() < 150 else "reference"


def default_kind(doc_type: str) -> str:
    """The kind of body paragraphs no heading explains."""
    t = doc_type.lower()
    if "thematic" in t:
        return "learning_point"
    if "report" in t or "review" in t:
        return "practice_issue"
    return "context"
