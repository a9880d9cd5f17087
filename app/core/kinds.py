"""Kinds of learning item, named by section headings (ingest) and by questions (retrieval)."""

from __future__ import annotations

import re

# Section headings -> the kind of the items under them. First match wins, so the more
# specific phrases come first ("practice issues" before "practice points").
SECTION_KINDS: tuple[tuple[str, str], ...] = (
    (
        r"questions? for reflection|reflective questions?|questions? to consider"
        r"|reflection questions?",
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
# Extra ways a question asks for a kind of item ('what went well?' wants good practice).
QUESTION_KINDS: tuple[tuple[str, str], ...] = (
    (r"went well|strengths?|positives?|done well|good practice", "good_practice"),
    (
        r"what.s changed|what has changed|changes (made|since)|since the review|what to do now"
        r"|next steps",
        "action",
    ),
    (r"what (does|is) .{1,40} (mean|stand for)|\bdefin|\bmeaning\b|what is an? ", "definition"),
    (r"\bquestions?\b|\breflect", "reflective_question"),
    (
        r"\bfindings?\b|\bfound\b|\bgaps?\b|went wrong|areas for development|practice issues",
        "practice_issue",
    ),
    (r"\brecommend", "recommendation"),
    (r"learning points?|lessons?|key learning|practice points", "learning_point"),
)


def kind_for_heading(heading: str) -> str | None:
    """The kind named earliest in the heading ('Introduction and summary of learning': context)."""
    found = [
        (m.start(), rank, kind)
        for rank, (pattern, kind) in enumerate(SECTION_KINDS)
        if (m := re.search(pattern, heading, re.I))
    ]
    return min(found)[2] if found else None


def kinds_asked_for(question: str) -> set[str]:
    """Every kind a question names, by section vocabulary or question phrasing."""
    return {kind for pattern, kind in QUESTION_KINDS if re.search(pattern, question, re.I)}
