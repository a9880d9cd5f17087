"""What every export format says the same way: titles, sources, the parts of a record."""

from __future__ import annotations

from app.storage.sessions import CitedItem, NoteRecord, PromptRecord, SessionRecord
from app.storage.sets import SetQuestion

CLOSING_KIND = "closing"
DERIVED_NOTE = "The document has no questions of its own: these were derived from its learning."
NONE_RECORDED = "(none recorded)"
ACTION_HEADINGS = ("Action", "Owner", "Due", "How we will know it is embedded")


def session_title(r: SessionRecord) -> str:
    """What was reflected on ('Learning briefing reflection: Child AK'); records made before
    titles said so read 'Theme: …' or a document's title."""
    if r.title.startswith("Theme: "):
        return f"Theme reflection: {r.title.removeprefix('Theme: ')}"
    return r.title if " reflection: " in r.title else f"Reflection: {r.title}"


def attendees(r: SessionRecord) -> str:
    count = str(r.attendees) if r.attendees is not None else ""
    roles = ", ".join(r.roles)
    if count and roles:
        return f"{count} ({roles})"
    return count or roles or "not recorded"


def heading(n: int, p: PromptRecord) -> str:
    """A prompt as the record names it: its place, a follow-up said so, a skipped one too."""
    lead = "Follow-up: " if p.kind == "follow_up" else ""
    tail = " (skipped)" if p.status == "skipped" else ""
    return f"{n}. {lead}{p.question}{tail}"


def follow_ups(r: SessionRecord, p: PromptRecord) -> list[str]:
    """What Reflect offered after this prompt's notes, and what the team did with it."""
    out = []
    for n in notes_of(r, p):
        f = n.follow_up
        if f is not None:
            done = {"taken": "taken up", "passed": "passed"}.get(f.status, "not answered")
            sources = "; ".join(source(c) for c in f.citations)
            out.append(f"{f.text} ({sources}) [{done}]")
    return out


def source(c: CitedItem) -> str:
    """Where a cited passage is, in the document's own words: document › section › label."""
    return f"{c.doc_title} › {c.section} › {c.label}"


def prompts(r: SessionRecord, closing: bool = False) -> list[PromptRecord]:
    return [p for p in r.in_order() if (p.kind == CLOSING_KIND) == closing]


def notes_of(r: SessionRecord, p: PromptRecord) -> list[NoteRecord]:
    return [n for n in r.notes if n.prompt_index == p.index]


def question_line(q: SetQuestion) -> str:
    """A question as participants read it: a statement for discussion says so."""
    return q.text


def notes_lines(q: SetQuestion) -> list[str]:
    """The facilitator's notes: each part with the sources it stands on, by number; a question
    built before notes had parts keeps its old notes."""
    if q.notes:
        return [f"{p.label}: {p.text} {cites(p.cites)}" for p in q.notes]
    return [q.facilitator_notes] if q.facilitator_notes else []


def cites(numbers: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(n) for n in numbers) + "]"


def sources(q: SetQuestion) -> list[str]:
    return [f"[{n}] {source(c)}" for n, c in enumerate(q.citations, 1)]


def reworded(q: SetQuestion) -> str | None:
    return f"Reworded by the trainer; Reflect's wording was: {q.original}" if q.original else None


FORM_NAMES = {
    "own_question": "the review's own question",
    "statement": "statement for discussion",
    "scenario": "scenario",
    "good_practice": "what good looks like",
    "assurance": "assurance",
    "hand_off": "between agencies",
    "seen_working": "good practice",
    "finding": "finding",
    "what_helps": "finding",
}
