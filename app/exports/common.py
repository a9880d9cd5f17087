"""What every export format says the same way: titles, sources, the parts of a record."""

from __future__ import annotations

from app.storage.sessions import CitedItem, NoteRecord, PromptRecord, SessionRecord

CLOSING_KIND = "closing"
DERIVED_NOTE = "The document has no questions of its own: these were derived from its learning."
NONE_RECORDED = "(none recorded)"
ACTION_HEADINGS = ("Action", "Owner", "Due", "How we will know it is embedded")


def session_title(r: SessionRecord) -> str:
    return f"7-minute briefing action plan: {r.title}"


def attendees(r: SessionRecord) -> str:
    return str(r.attendees) if r.attendees is not None else "not recorded"


def source(c: CitedItem) -> str:
    """Where a cited passage is, in the document's own words: document › section › label."""
    return f"{c.doc_title} › {c.section} › {c.label}"


def prompts(r: SessionRecord, closing: bool = False) -> list[PromptRecord]:
    return [p for p in r.prompts if (p.kind == CLOSING_KIND) == closing]


def notes_of(r: SessionRecord, p: PromptRecord) -> list[NoteRecord]:
    return [n for n in r.notes if n.prompt_index == p.index]
