"""A briefing gives the same learning items whether it arrives as Markdown, PDF, DOCX or HTML."""

from __future__ import annotations

import io

import pytest

BRIEFING = [
    ("h1", "Child Z learning briefing"),
    ("h2", "Introduction"),
    (
        "p",
        "Child Z was a baby known to several agencies. The review looked at how information "
        "about the family was shared between health, education and children's social care.",
    ),
    ("h2", "Key learning"),
    ("li", "Information about missed health appointments must be shared with the health visitor."),
    ("li", "A chronology helps practitioners see patterns of concern over time."),
    ("h2", "Recommendations"),
    ("li", "Partners must check that every child in the household has been seen and spoken to."),
    ("li", "Leaders should audit how escalation is used when a referral is not accepted."),
    ("h2", "Questions for reflection – practitioners"),
    ("li", "How do I know the child has been seen alone?"),
    ("li", "What would change if I wrote a chronology first?"),
]


def as_markdown() -> bytes:
    marks = {"h1": "# ", "h2": "## ", "li": "- ", "p": ""}
    return "\n\n".join(marks[k] + t for k, t in BRIEFING).encode()


def as_html() -> bytes:
    body, in_list = [], False
    for kind, text in BRIEFING:
        if kind == "li" and not in_list:
            body.append("<ul>")
        if kind != "li" and in_list:
            body.append("</ul>")
        in_list = kind == "li"
        body.append(f"<{kind}>{text}</{kind}>")
    html = "<html><head><title>x</title><script>var a=1;</script></head><body><nav>Menu</nav>"
    return (html + "".join(body) + ("</ul>" if in_list else "") + "</body></html>").encode()


def as_docx() -> bytes:
    import docx

    d = docx.Document()
    for kind, text in BRIEFING:
        match kind:
            case "h1":
                d.add_heading(text, level=1)
            case "h2":
                d.add_heading(text, level=2)
            case "li":
                d.add_paragraph(text, style="List Bullet")
            case _:
                d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def as_pdf() -> bytes:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    style = {
        "h1": styles["Heading1"],
        "h2": styles["Heading2"],
        "p": styles["BodyText"],
        "li": styles["BodyText"],
    }
    out = io.BytesIO()
    story = [Paragraph(("• " if k == "li" else "") + t, style[k]) for k, t in BRIEFING]
    SimpleDocTemplate(out).build(story)
    return out.getvalue()


def shape(parsed):
    return [(i.section, i.kind, i.label, i.audience, i.text) for i in parsed.items]


@pytest.fixture
def markdown_items(parser):
    return shape(parser.parse("child-z.md", as_markdown()))


def test_markdown_briefing_items(markdown_items):
    kinds = [k for _, k, _, _, _ in markdown_items]
    assert kinds == [
        "context",
        "learning_point",
        "learning_point",
        "recommendation",
        "recommendation",
        "reflective_question",
        "reflective_question",
    ]
    assert markdown_items[-1][3] == "practitioners"


@pytest.mark.parametrize(
    "name,make", [("child-z.html", as_html), ("child-z.docx", as_docx), ("child-z.pdf", as_pdf)]
)
def test_other_formats_give_the_same_items(parser, markdown_items, name, make):
    assert shape(parser.parse(name, make())) == markdown_items


def test_a_docx_table_is_read_row_by_row_with_its_header(parser):
    """A finding that sits in a table cell is learning like any other: each row one item, its
    cells labelled by the header row, merged cells once, in document order."""
    import docx

    d = docx.Document()
    d.add_heading("Child M: learning summary", 1)
    d.add_heading("Findings", 2)
    t = d.add_table(rows=3, cols=2)
    cells = [
        ("Finding", "What this means for practice"),
        ("Nobody asked who else lived in the home", "Ask who lives in the household at each visit"),
        ("Missed health appointments were not followed up", "Treat was not brought as a risk"),
    ]
    for row, (a, b) in zip(t.rows, cells, strict=True):
        row.cells[0].text, row.cells[1].text = a, b
    merged = d.add_table(rows=1, cols=2)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[1]).text = "Agencies should share concerns."
    d.add_paragraph("What happens next is set out in the action plan.")
    out = io.BytesIO()
    d.save(out)
    texts = [i.text for i in parser.parse("child-m.docx", out.getvalue()).items]
    assert texts == [
        "Finding: Nobody asked who else lived in the home. What this means for practice: Ask who "
        "lives in the household at each visit.",
        "Finding: Missed health appointments were not followed up. What this means for practice: "
        "Treat was not brought as a risk.",
        "Agencies should share concerns.",
        "What happens next is set out in the action plan.",
    ]
