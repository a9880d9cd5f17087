"""Which of the passages that earn a place an answer cites beside its lead, under which
heading, and in what order: grouped by what each passage is, the points of one list in the
order the document numbers them, and none that says again what is quoted already."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.answers.lead import Passage, role
from app.answers.quoting import best_sentences
from app.core.kinds import CHANGE, CONTEXT, FINDING, LEARNING, QUESTION
from app.core.records import Item
from app.core.text import NEGATION, tokens

GROUPS = {
    LEARNING: "What the reviews recommend",
    FINDING: "What the reviews found",
    CHANGE: "What has changed since",
    QUESTION: "Questions to reflect on",
    CONTEXT: "Background",
}
RECOMMENDATION = "recommendation"
# A section of changes already made ('What has changed already?', 'Actions taken'), not of what
# is still to do ('What to do now', 'What's next?').
_DONE = re.compile(r"\b(chang\w*|since|already|taken|completed|progress)\b", re.I)
ORDER_BY_INTENT = {
    "do": (LEARNING, CHANGE, FINDING, QUESTION, CONTEXT),
    "change": (CHANGE, LEARNING, FINDING, QUESTION, CONTEXT),
    "reflect": (QUESTION, LEARNING, FINDING, CHANGE, CONTEXT),
    "good": (FINDING, LEARNING, CHANGE, QUESTION, CONTEXT),
}
DEFAULT_ORDER = (FINDING, LEARNING, CHANGE, QUESTION, CONTEXT)


def group_heading(r: str, items: Sequence[Item]) -> str:
    """A group's heading in words true of every item under it: a learning point is not a
    recommendation, and what a briefing says to do now has not changed anything yet."""
    if r == LEARNING and RECOMMENDATION not in {i.kind for i in items}:
        return "What the reviews learned"
    if r == LEARNING and any(i.kind != RECOMMENDATION for i in items):
        return "What the reviews learned and recommend"
    # a briefing's 'What to do now' speaks to its reader, a review's 'What's next?' of its own
    # partnership's plans: 'next steps' is true of both, and is not advice to the asker
    done = [bool(_DONE.search(i.section)) for i in items]
    if r == CHANGE and not any(done):
        return "Next steps the reviews set out"
    if r == CHANGE and not all(done):
        return "What has changed, and next steps the reviews set out"
    return GROUPS[r]


def _words(text: str) -> set[str]:
    """A quotation's words as compared for saying again: its stems, and whether it denies."""
    return set(tokens(text)) | ({"<not>"} if NEGATION.search(text) else set())


def in_list_order(passages: Sequence[Passage]) -> list[Passage]:
    """Points of one numbered list (a section's questions for leaders, its learning points) in
    the order the document numbers them, where the first of them was ranked: 'Leaders' question
    1, 3, 4' rather than '3, 1, 4'. Paragraphs of prose, and points of different lists, keep
    their ranking: the passage that says most comes first."""
    lists: dict[tuple[str, tuple[str, ...], str], list[Passage]] = {}
    for p in passages:
        lists.setdefault(_list_of(p.item), []).append(p)
    out: list[Passage] = []
    for p in passages:
        members = lists[_list_of(p.item)]
        if p is members[0]:
            out += (
                sorted(members, key=lambda m: m.item.order)
                if _LISTED.match(p.item.label)
                else members
            )
    return out


# a point numbered in its list ('Point 3', 'Leaders' question 2', 'Learning point 8', a point of
# a paragraph's list: 'Paragraph 4.2.5, point 2'), not a paragraph of prose ('Paragraph 4.2.1')
_LISTED = re.compile(r"^(?:(?!Paragraph\b)(?P<name>\D+?) \d+|(?P<paragraph>.+), point \d+)$")


def _list_of(item: Item) -> tuple[str, tuple[str, ...], str]:
    """The list an item is a point of: its document, its section and the name of its points."""
    listed = _LISTED.match(item.label)
    name = (listed.group("name") or listed.group("paragraph")) if listed else item.id
    return item.doc_id, item.section_path, name


def not_repeating(lead_text: str, passages: Sequence[Passage], wanted: set[str]) -> list[Passage]:
    """The passages whose quotation says more than the quotations before it: 'Case closed to
    Early Help.' says again what '… and the case was closed to early help.' said, every word of
    it; a passage that shares all but one word with another may say something else."""
    said = [_words(lead_text)]
    kept = []
    for p in passages:
        words = _words(best_sentences(p.item, wanted))
        asks = role(p.item) == QUESTION  # a question asks, whatever words it shares
        if words and not asks and any(words <= before for before in said):
            continue
        said.append(words)
        kept.append(p)
    return kept
