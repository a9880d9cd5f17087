"""What kind of learning an item is, who a question is for, and which themes it touches."""

from __future__ import annotations

import re

# Section headings -> the kind of the items under them. First match wins, so the more
# specific phrases come first ("practice issues" before "practice points").
SECTION_KINDS: tuple[tuple[str, str], ...] = (
    (
        r"questions? for reflection|reflective questions?|questions? to consider|reflection questions?",
        "reflective_question",
    ),
    (r"recommendation|considerations|actions? (required|for)", "recommendation"),
    (
        r"good practice|acknowledging good|strengths|what went well|positive practice|what worked",
        "good_practice",
    ),
    (
        r"areas? for (development|improvement)|practice issues|gaps|findings|reflective points"
        r"|what got in the way|missed opportunit",
        "practice_issue",
    ),
    (
        r"learning points?|key learning|summary learning|practice points|thematic learning"
        r"|key messages|learning",
        "learning_point",
    ),
    (r"resources|further information|useful links|further reading|references", "reference"),
    (
        r"what to do now|what has changed|what.s next|next steps|closing the learning loop"
        r"|what you can do|actions? taken",
        "action",
    ),
    (
        r"introduction|background|context|about the (family|child)|overview|timeline|methodology"
        r"|purpose|scoping|period|services|briefing|case study",
        "context",
    ),
)
# Headings that can sit fused in front of a flattened table's first row.
TABLE_TITLES = ("learning points", "recommendations", "key findings", "key learning")
_LEADERS = re.compile(r"\b(leaders?|managers?|senior|strategic|partnership leads?)\b", re.I)
_PRACTITIONERS = re.compile(r"\b(practitioners?|frontline|front-line|staff)\b", re.I)
_DEFINES = re.compile(
    r"\b(is an?|is the|is used|is undertaken|are|means|refers to|is a term|describes|involves)\b",
    re.I,
)


def kind_for_heading(heading: str) -> str | None:
    """The kind named earliest in the heading ('Introduction and summary of learning': context)."""
    found = [
        (m.start(), rank, kind)
        for rank, (pattern, kind) in enumerate(SECTION_KINDS)
        if (m := re.search(pattern, heading, re.I))
    ]
    return min(found)[2] if found else None


def kind_for_section(path: tuple[str, ...], default: str) -> str:
    for heading in reversed(path):
        if kind := kind_for_heading(heading):
            return kind
    return default


def audience_for_section(path: tuple[str, ...]) -> str | None:
    heading = path[-1] if path else ""
    if _LEADERS.search(heading):
        return "leaders"
    if _PRACTITIONERS.search(heading):
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
