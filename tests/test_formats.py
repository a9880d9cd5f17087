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
