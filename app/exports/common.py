"""What every export format says the same way: titles, sources, the parts of a record."""

from __future__ import annotations

from app.storage.sessions import CitedItem, NoteRecord, PromptRecord, SessionRecord

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
