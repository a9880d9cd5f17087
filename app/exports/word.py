"""Records as Word documents (python-docx), to open in any word processor."""

from __future__ import annotations

import io
import re

from app.exports import common
from app.storage.sessions import SessionRecord
from app.storage.sets import SetRecord

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    """Word documents are XML: characters XML cannot hold (a form feed from a PDF, say) go."""
    return _NOT_XML.sub(" ", text or "")


def _heading(d, text: str, level: int) -> None:  # type: ignore[no-untyped-def]
    d.add_heading(xml_safe(text), level=level)


def _para(d, text: str, style: str | None = None) -> None:  # type: ignore[no-untyped-def]
    d.add_paragraph(xml_safe(text), style=style)


def _bytes(d) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def session(r: SessionRecord) -> bytes:
    import docx

    d = docx.Document()
    _heading(d, common.session_title(r), 1)
    _para(d, f"Date: {r.created[:10]}   Audience: {r.audience}   Attendees: {common.attendees(r)}")
    if r.derived:
        _para(d, common.DERIVED_NOTE)
    if r.note:
        _para(d, r.note)
    for n, p in enumerate(common.prompts(r), 1):
        _heading(d, common.heading(n, p), 2)
        if p.citations:
            _para(d, "What the review found:")
            for n, c in enumerate(p.citations, 1):
                _para(d, f"[{n}] {c.text} ({common.source(c)})", "List Bullet")
        _para(d, "Notes:")
        for text in [n.text for n in common.notes_of(r, p)] or [common.NONE_RECORDED]:
            _para(d, text, "List Bullet")
        offered = common.follow_ups(r, p)
        if offered:
            _para(d, "Reflect followed up:")
            for text in offered:
                _para(d, text, "List Bullet")
    _heading(d, "Actions", 2)
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, common.ACTION_HEADINGS, strict=True):
        cell.text = xml_safe(title)
    for a in r.actions:
        row = table.add_row().cells
        for cell, value in zip(row, (a.text, a.owner, a.due, a.embedded), strict=True):
            cell.text = xml_safe(value)
    _heading(d, "Closing questions", 2)
    for p in common.prompts(r, closing=True):
        _heading(d, p.question, 3)
        for text in [n.text for n in common.notes_of(r, p)] or [common.NONE_RECORDED]:
            _para(d, text, "List Bullet")
        offered = common.follow_ups(r, p)
        if offered:
            _para(d, "Reflect followed up:")
            for text in offered:
                _para(d, text, "List Bullet")
    return _bytes(d)


def discussion(s: SetRecord) -> bytes:
    """The participants' page, then the facilitator's pages (from a new page)."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    _heading(d, s.title, 1)
    for case in s.case_summaries:
        _heading(d, f"Case summary: {case.doc_title}", 2)
        _para(d, case.text)
    _heading(d, "Questions for discussion", 2)
    for q in s.questions:
        _para(d, common.question_line(q), "List Number")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _heading(d, "Facilitator notes", 1)
    if s.shortfall:
        _para(d, s.shortfall)
    for n, q in enumerate(s.questions, 1):
        _heading(d, f"{n}. {q.text}", 2)
        if form := common.FORM_NAMES.get(q.form):
            _para(d, f"Form: {form}")
        if (note := common.reworded(q)) is not None:
            _para(d, note)
        for line in common.notes_lines(q):
            _para(d, line, "List Bullet")
        _para(d, "Sources:")
        for line in common.sources(q):
            _para(d, line, "List Bullet")
    return _bytes(d)
