"""Records as Word documents (python-docx), to open in any word processor."""

from __future__ import annotations

import io

from app.exports import common
from app.storage.sessions import SessionRecord
from app.storage.sets import SetRecord

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _bytes(d) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def session(r: SessionRecord) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(common.session_title(r), level=1)
    d.add_paragraph(
        f"Date: {r.created[:10]}   Audience: {r.audience}   Attendees: {common.attendees(r)}"
    )
    if r.derived:
        d.add_paragraph(common.DERIVED_NOTE)
    for p in common.prompts(r):
        d.add_heading(f"{p.index + 1}. {p.question}", level=2)
        if p.citations:
            d.add_paragraph("What the review found:")
            for n, c in enumerate(p.citations, 1):
                d.add_paragraph(f"[{n}] {c.text} ({common.source(c)})", style="List Bullet")
        d.add_paragraph("Notes:")
        for text in [n.text for n in common.notes_of(r, p)] or [common.NONE_RECORDED]:
            d.add_paragraph(text, style="List Bullet")
    d.add_heading("Actions", level=2)
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, common.ACTION_HEADINGS, strict=True):
        cell.text = title
    for a in r.actions:
        row = table.add_row().cells
        for cell, value in zip(row, (a.text, a.owner, a.due, a.embedded), strict=True):
            cell.text = value or ""
    d.add_heading("Closing questions", level=2)
    for p in common.prompts(r, closing=True):
        d.add_heading(p.question, level=3)
        for text in [n.text for n in common.notes_of(r, p)] or [common.NONE_RECORDED]:
            d.add_paragraph(text, style="List Bullet")
    return _bytes(d)


def discussion(s: SetRecord) -> bytes:
    """A questions page for participants, then the facilitator's notes page."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_heading(s.title, level=1)
    d.add_heading("Questions for discussion", level=2)
    for q in s.questions:
        d.add_paragraph(q.text, style="List Number")
    for case in s.case_summaries:
        d.add_heading(f"Case summary: {case.doc_title}", level=3)
        d.add_paragraph(case.text)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading("Facilitator notes", level=1)
    for n, q in enumerate(s.questions, 1):
        d.add_heading(f"{n}. {q.text}", level=2)
        d.add_paragraph(q.facilitator_notes)
        for k, c in enumerate(q.citations, 1):
            d.add_paragraph(f"[{k}] {c.text} ({common.source(c)})", style="List Bullet")
    return _bytes(d)
