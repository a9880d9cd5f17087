"""Exported records: Markdown, DOCX (python-docx) and a printable HTML page.

A reflection session exports as the partnership's '7-minute briefing action plan' record."""

from __future__ import annotations

import io
from collections.abc import Iterator

CLOSING_KIND = "closing"


def _cited(prompt: dict) -> Iterator[str]:
    for c in prompt["citations"]:
        yield f"[{c['n']}] {c['text']} ({c['document']['title']} › {c['section']} › {c['label']})"


def reflection_markdown(r: dict) -> str:
    lines = [
        f"# 7-minute briefing action plan: {r['title']}",
        "",
        f"- Date: {r['created'][:10]}",
        f"- Audience: {r['audience']}",
        f"- Attendees: {r['attendees'] if r['attendees'] is not None else 'not recorded'}",
    ]
    if r["derived"]:
        lines.append(
            "- The document has no questions of its own: these were derived from its learning."
        )
    for p in r["prompts"]:
        if p["kind"] == CLOSING_KIND:
            continue
        lines += ["", f"## {p['index'] + 1}. {p['question']}", ""]
        if p["citations"]:
            lines += ["What the review found:", ""]
            lines += [f"- {c}" for c in _cited(p)]
            lines.append("")
        lines += ["Notes:", ""]
        lines += [f"- {n['text']}" for n in p["notes"]] or ["- (none recorded)"]
    lines += ["", "## Actions", ""]
    if r["actions"]:
        lines += ["| action | owner | due | how we will know it is embedded |", "|---|---|---|---|"]
        for a in r["actions"]:
            cells = [a["text"], a["owner"] or "", a["due"] or "", a["embedded"] or ""]
            lines.append(
                "| " + " | ".join(c.replace("|", "/").replace("\n", " ") for c in cells) + " |"
            )
    else:
        lines.append("(none recorded)")
    lines += ["", "## Closing questions"]
    for p in r["prompts"]:
        if p["kind"] == CLOSING_KIND:
            lines += ["", f"### {p['question']}", ""]
            lines += [f"- {n['text']}" for n in p["notes"]] or ["- (none recorded)"]
    return "\n".join(lines) + "\n"


def reflection_docx(r: dict) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(f"7-minute briefing action plan: {r['title']}", level=1)
    attendees = r["attendees"] if r["attendees"] is not None else "not recorded"
    d.add_paragraph(
        f"Date: {r['created'][:10]}   Audience: {r['audience']}   Attendees: {attendees}"
    )
    if r["derived"]:
        d.add_paragraph(
            "The document has no questions of its own: these were derived from its learning."
        )
    for p in r["prompts"]:
        if p["kind"] == CLOSING_KIND:
            continue
        d.add_heading(f"{p['index'] + 1}. {p['question']}", level=2)
        if p["citations"]:
            d.add_paragraph("What the review found:")
            for c in _cited(p):
                d.add_paragraph(c, style="List Bullet")
        d.add_paragraph("Notes:")
        for n in p["notes"] or [{"text": "(none recorded)"}]:
            d.add_paragraph(n["text"], style="List Bullet")
    d.add_heading("Actions", level=2)
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells,
        ("Action", "Owner", "Due", "How we will know it is embedded"),
        strict=True,
    ):
        cell.text = title
    for a in r["actions"]:
        row = table.add_row().cells
        for cell, value in zip(row, (a["text"], a["owner"], a["due"], a["embedded"]), strict=True):
            cell.text = value or ""
    d.add_heading("Closing questions", level=2)
    for p in r["prompts"]:
        if p["kind"] == CLOSING_KIND:
            d.add_heading(p["question"], level=3)
            for n in p["notes"] or [{"text": "(none recorded)"}]:
                d.add_paragraph(n["text"], style="List Bullet")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _source(c: dict) -> str:
    return f"{c['document']['title']} › {c['section']} › {c['label']}"


def discussion_markdown(s: dict) -> str:
    lines = [f"# {s['title']}", "", "## Questions for discussion", ""]
    lines += [f"{n}. {q['text']}" for n, q in enumerate(s["questions"], 1)]
    if s["case_summaries"]:
        lines += ["", "## Case summaries"]
        for c in s["case_summaries"]:
            lines += ["", f"### {c['document']['title']}", "", c["text"]]
    lines += ["", "## Facilitator notes"]
    for n, q in enumerate(s["questions"], 1):
        lines += ["", f"### {n}. {q['text']}", "", q["facilitator_notes"], ""]
        lines += [f"- [{c['n']}] {c['text']} ({_source(c)})" for c in q["citations"]]
    return "\n".join(lines) + "\n"


def discussion_docx(s: dict) -> bytes:
    """A questions page for participants, then the facilitator's notes page."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_heading(s["title"], level=1)
    d.add_heading("Questions for discussion", level=2)
    for q in s["questions"]:
        d.add_paragraph(q["text"], style="List Number")
    for c in s["case_summaries"]:
        d.add_heading(f"Case summary: {c['document']['title']}", level=3)
        d.add_paragraph(c["text"])
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading("Facilitator notes", level=1)
    for n, q in enumerate(s["questions"], 1):
        d.add_heading(f"{n}. {q['text']}", level=2)
        d.add_paragraph(q["facilitator_notes"])
        for c in q["citations"]:
            d.add_paragraph(f"[{c['n']}] {c['text']} ({_source(c)})", style="List Bullet")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
