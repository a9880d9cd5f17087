"""Records as Markdown."""

from __future__ import annotations

import re

from app.exports import common
from app.storage.sessions import SessionRecord
from app.storage.sets import SetRecord

MEDIA_TYPE = "text/markdown; charset=utf-8"


_MARKUP = re.compile(r"([\\`*_\[\]<>#|!])")


def escape(text: str) -> str:
    """What people typed, shown as typed: no links, images, HTML or headings of its own."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))


def _notes(r: SessionRecord, p) -> list[str]:  # type: ignore[no-untyped-def]
    notes = [f"- {escape(n.text)}" for n in common.notes_of(r, p)]
    return notes or [f"- {common.NONE_RECORDED}"]


def session(r: SessionRecord) -> bytes:
    lines = [
        f"# {common.session_title(r)}",
        "",
        f"- Date: {r.created[:10]}",
        f"- Audience: {r.audience}",
        f"- Attendees: {common.attendees(r)}",
    ]
    if r.derived:
        lines.append(f"- {common.DERIVED_NOTE}")
    if r.note:
        lines.append(f"- {r.note}")
    for n, p in enumerate(common.prompts(r), 1):
        lines += ["", f"## {common.heading(n, p)}", ""]
        if p.citations:
            lines += ["What the review found:", ""]
            lines += [
                f"- [{n}] {c.text} ({common.source(c)})" for n, c in enumerate(p.citations, 1)
            ]
            lines.append("")
        lines += ["Notes:", "", *_notes(r, p)]
        offered = common.follow_ups(r, p)
        if offered:
            lines += ["", "Reflect followed up:", "", *[f"- {escape(f)}" for f in offered]]
    lines += ["", "## Actions", ""]
    if r.actions:
        lines += ["| " + " | ".join(h.lower() for h in common.ACTION_HEADINGS) + " |"]
        lines += ["|---|---|---|---|"]
        for a in r.actions:
            cells = [a.text, a.owner or "", a.due or "", a.embedded or ""]
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    else:
        lines.append(common.NONE_RECORDED)
    lines += ["", "## Closing questions"]
    for p in common.prompts(r, closing=True):
        lines += ["", f"### {p.question}", "", *_notes(r, p)]
    return ("\n".join(lines) + "\n").encode()


def discussion(s: SetRecord) -> bytes:
    """The participants' page (title, case summaries, questions), then the facilitator's pages
    (notes per question, sources by the documents' own labels)."""
    lines = [f"# {s.title}", ""]
    if s.case_summaries:
        for c in s.case_summaries:
            lines += [f"## Case summary: {c.doc_title}", "", c.text, ""]
    lines += ["## Questions for discussion", ""]
    lines += [f"{n}. {escape(common.question_line(q))}" for n, q in enumerate(s.questions, 1)]
    lines += ["", "---", "", "# Facilitator notes"]
    if s.shortfall:
        lines += ["", s.shortfall]
    for n, q in enumerate(s.questions, 1):
        form = common.FORM_NAMES.get(q.form, "")
        lines += ["", f"## {n}. {escape(q.text)}", ""]
        if form:
            lines += [f"*Form: {form}*", ""]
        if (note := common.reworded(q)) is not None:
            lines += [escape(note), ""]
        lines += [f"- {line}" for line in common.notes_lines(q)]
        lines += ["", "Sources:", ""] + [f"- {line}" for line in common.sources(q)]
    return ("\n".join(lines) + "\n").encode()
