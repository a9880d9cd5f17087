"""A briefing gives the same learning items whether it arrives as Markdown, PDF, DOCX or HTML."""

from __future__ import annotations

import io

import pytest

from ingest.profile import build_profile

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


def docx_with_table(title: str, heading: str, rows: list[tuple[str, str]], intro: str = ""):
    """A DOCX: a title, an optional paragraph, then a two-column table under its heading."""
    import docx

    d = docx.Document()
    d.add_heading(title, 1)
    if intro:
        d.add_paragraph(intro)
    d.add_heading(heading, 2)
    table = d.add_table(rows=len(rows), cols=2)
    for row, (a, b) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = a, b
    return d


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_table_is_read_row_by_row_with_its_header(parser):
    """A finding that sits in a table cell is learning like any other: each row one item, its
    cells labelled by the header row, merged cells once, in document order."""
    cells = [
        ("Finding", "What this means for practice"),
        ("Nobody asked who else lived in the home", "Ask who lives in the household at each visit"),
        ("Missed health appointments were not followed up", "Treat was not brought as a risk"),
    ]
    d = docx_with_table("Child M: learning summary", "Findings", cells)
    merged = d.add_table(rows=1, cols=2)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[1]).text = "Agencies should share concerns."
    d.add_paragraph("What happens next is set out in the action plan.")
    texts = [i.text for i in parser.parse("child-m.docx", saved(d)).items]
    assert texts == [
        "Finding: Nobody asked who else lived in the home. What this means for practice: Ask who "
        "lives in the household at each visit.",
        "Finding: Missed health appointments were not followed up. What this means for practice: "
        "Treat was not brought as a risk.",
        "Agencies should share concerns.",
        "What happens next is set out in the action plan.",
    ]


# -- layouts met in the wild: boxes, running headers, site furniture -----------------------------

HEADER = "Anyshire Safeguarding Children Partnership · Published March 2026"
BOXES = [
    (
        "1",
        "Background",
        "Child T was six months old when she was admitted to hospital with injuries. She lived "
        "with her mother and her mother's partner, who had recently moved into the home.",
    ),
    (
        "2",
        "Why it matters",
        "Men in the household are often unseen by services. When a new partner joins a family, "
        "risk can change quickly and practitioners may not know.",
    ),
    (
        "3",
        "What we found",
        "No agency asked who else lived in the home. The health visitor saw the baby four times "
        "but never met the mother's partner.",
    ),
    (
        "4",
        "Learning for practice",
        "Practitioners should ask at every contact who lives in the household and who cares for "
        "the baby, and record the answer.",
    ),
    (
        "5",
        "Questions for reflection",
        "How do you find out who is living in a home? What would make it easier to engage fathers"
        " and male carers?",
    ),
    (
        "6",
        "What to do now",
        "Read the full report and discuss this briefing in your next team meeting.",
    ),
]


def briefing_pdf() -> bytes:
    """Two pages of numbered boxes in a grid, two to a row, each edged by a dashed rule; a
    running header and a page number on each page; the title in large type."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Frame, Paragraph

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    w, h = A4
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    head = styles["Heading3"]
    for page in range(2):
        c.setFont("Helvetica", 8)
        c.drawString(40, h - 30, HEADER)
        c.drawRightString(w - 40, 20, f"Page {page + 1}")
        if page == 0:
            c.setFont("Helvetica-Bold", 20)
            c.drawString(40, h - 70, "Learning from Child T: 7-minute briefing")
        boxes = BOXES[page * 3 : (page + 1) * 3]
        for k, (num, title, text) in enumerate(boxes):
            col = k % 2
            row = k // 2
            x = 40 + col * 265
            y = h - 120 - row * 250
            c.setFont("Helvetica", 9)
            c.drawString(x, y - 200, "- - - - - - - - - - - - - - - - - - - - - -")
            f = Frame(x, y - 190, 250, 190, showBoundary=0)
            f.addFromList([Paragraph(num, head), Paragraph(title, head), Paragraph(text, body)], c)
        c.showPage()
    c.save()
    return out.getvalue()


def web_page(main: bool = True) -> bytes:
    """Learning inside a site's furniture: links, a cookie notice, a menu, a breadcrumb."""
    return (
        (
            """<html><head><title>Learning from Child T | Anyshire</title></head><body>
<div class="site-header"><a href="/">Home</a> <a href="/about">About us</a>
 <a href="/contact">Contact</a></div>
<div id="cookie-banner">
<p>We use cookies to improve your experience. <a href="/cookies">Accept all cookies</a></p></div>
<ul class="menu"><li><a href="/p">Professionals</a></li><li><a href="/f">Families</a></li><li>
<a href="/r">Reviews</a></li></ul>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/reviews">Reviews</a> &gt; Child T</div>
<main>
<h1>Learning from Child T</h1>
<p>Child T was six months old when she was admitted to hospital with injuries.</p>
<h2>What we found</h2>
<p>No agency asked who else lived in the home. The health visitor saw the baby four times
but never met the mother's partner.</p>
<h2>Learning for practice</h2>
<ul><li>Ask at every contact who lives in the household and who cares for the baby.</li>
<li>Record the answer and share it with other agencies.</li></ul>
</main>
<div class="site-footer"><p>&copy; 2026 Anyshire Council. <a href="/privacy">Privacy</a>
 <a href="/access">Accessibility</a></p></div>
</body></html>"""
        )
        .replace("main>", "main>" if main else "div>")
        .encode()
    )


def test_a_boxed_briefing_pdf_reads_box_by_box_under_its_own_title(parser):
    parsed = parser.parse("child-t.pdf", briefing_pdf())
    assert parsed.meta.title == "Learning from Child T: 7-minute briefing"  # not the header
    texts = [i.text for i in parsed.items]
    assert texts == [text for _, _, text in BOXES]  # in box order, each box once
    sections = [i.section for i in parsed.items]
    assert all(title in section for (_, title, _), section in zip(BOXES, sections, strict=True))
    assert not any("- -" in t or "Partnership" in t or "Page " in t for t in texts)


@pytest.mark.parametrize("main", [True, False], ids=["marked main", "unmarked page"])
def test_a_web_page_gives_its_learning_without_the_site_around_it(parser, main):
    parsed = parser.parse("child-t.html", web_page(main))
    assert parsed.meta.title == "Learning from Child T"
    texts = " ".join(i.text for i in parsed.items)
    assert "who lives in the household" in texts
    for furniture in ("cookies", "Professionals", "Accessibility", "About us", "Reviews"):
        assert furniture not in texts


TWO_COLUMNS = [
    "Thematic review: children educated at home",
    "This review looked at six children whose parents chose to educate them at home after "
    "difficulties at school.",
    "Home visits by the education welfare service were offered but often declined, and "
    "nobody recorded the children's own views about learning at home.",
    "Children educated at home were less visible to universal services once they left school, "
    "so health checks and dental appointments were missed without anyone noticing.",
    "Practitioners should speak to the child directly, and on their own, when a family "
    "chooses home education after concerns at school.",
    "The partnership should set up a shared register of children educated at home that "
    "health and education can both see.",
    "Leaders should check whether elective home education is considered in strategy meetings "
    "when children are already known to services.",
]


def two_column_pdf() -> bytes:
    """A full-width title over two columns of text that run down the left, then the right,
    with a running footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    w, h = A4
    out = io.BytesIO()

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 8)
        canvas.drawString(40, 20, f"Anyshire thematic review · page {doc.page}")

    frames = [
        Frame(40, h - 110, w - 80, 60, id="title"),
        Frame(40, 40, (w - 100) / 2, h - 160, id="left"),
        Frame(60 + (w - 100) / 2, 40, (w - 100) / 2, h - 160, id="right"),
    ]
    doc = BaseDocTemplate(out, pagesize=A4, pageTemplates=[PageTemplate("two", frames, footer)])
    styles = getSampleStyleSheet()
    body = [Paragraph(t, styles["BodyText"]) for t in TWO_COLUMNS[1:]]
    story = [Paragraph(TWO_COLUMNS[0], styles["Title"]), FrameBreak(), *body[:3], FrameBreak()]
    doc.build([*story, *body[3:]])
    return out.getvalue()


def test_a_two_column_pdf_reads_down_each_column_in_turn(parser):
    parsed = parser.parse("home-education.pdf", two_column_pdf())
    assert parsed.meta.title == TWO_COLUMNS[0]
    assert [i.text for i in parsed.items] == TWO_COLUMNS[1:]
    # no heading says what each paragraph is: one that opens by saying what someone should do
    # is a recommendation, and the account before it is not
    kinds = [i.kind for i in parsed.items]
    assert kinds[3:] == ["recommendation"] * 3 and "recommendation" not in kinds[:3], kinds


REPORT_HEADER = "Child R LCSPR – Final Report – OFFICIAL"
REPORT_SECTIONS = [  # (heading, [paragraphs]) as a full review prints them
    ("1. Introduction", [
        "1.1 This review was commissioned after Child R, aged 14 months, was admitted to "
        "hospital with a fractured femur that could not be explained by the parents.",
        "1.2 The review considered agency involvement from the pregnancy until the admission, a "
        "period of two years.<super>1</super>",
    ]),
    ("2. Background to the review", [
        "2.1 Child R lived with his mother, aged 19, and her partner, who was not his father. "
        "The mother had been a looked after child until the age of 18.",
        "2.2 The midwife recorded that the mother had no support network and was anxious about "
        "coping, but no referral to early help was made.",
    ]),
    ("3. Findings", [
        "Finding 1: Care leavers who become parents were not offered the additional support "
        "their history called for, and their own care experience was not treated as a "
        "vulnerability.",
        "Finding 2: The mother's partner was invisible to professionals; no agency assessed him "
        "or asked about his history, although he was caring for a baby.",
    ]),
    ("4. Recommendations", [
        "Recommendation 1: The partnership should seek assurance that every care leaver who "
        "becomes a parent is offered a pre-birth assessment of support needs.",
        "Recommendation 2: All agencies should ask about, record and assess any adult male "
        "living in or visiting the household of a baby.",
    ]),
]  # fmt: skip


def report_pdf() -> bytes:
    """A full review as partnerships publish one: a cover page (the partnership's name in small
    type above the title), a contents page of dotted lines, a running header and 'Page N of M'
    on every later page, numbered headings in large bold type, numbered paragraphs set close
    together, a footnote marked by a raised digit and printed at the foot of its page, and
    findings and recommendations that print their own labels."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph

    w, h = A4
    out = io.BytesIO()
    styles = getSampleStyleSheet()

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        if doc.page > 1:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(40, h - 30, REPORT_HEADER)
            canvas.drawRightString(w - 40, 20, f"Page {doc.page} of 4")
        if doc.page == 3:  # the footnote, in small type at the foot of the page
            canvas.setFont("Helvetica", 5)
            canvas.drawString(56, 62, "1")
            canvas.setFont("Helvetica", 8)
            canvas.drawString(60, 58, "Working Together to Safeguard Children 2023, chapter 5.")

    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        pageTemplates=[PageTemplate("p", [Frame(50, 80, w - 100, h - 130)], furniture)],
    )
    story = [
        Paragraph("Westshire Safeguarding Children Partnership", styles["Normal"]),
        Paragraph("Local Child Safeguarding Practice Review", styles["Title"]),
        Paragraph("Child R", styles["Title"]),
        Paragraph("Independent reviewer: Dr Alan Price. Published: June 2025", styles["Normal"]),
        PageBreak(),
        Paragraph("Contents", styles["Heading1"]),
        *(
            Paragraph(f"{title} {'.' * 60} {n + 3}", styles["Normal"])
            for n, (title, _) in enumerate(REPORT_SECTIONS)
        ),  # fmt: skip
        PageBreak(),
    ]
    for heading, paragraphs in REPORT_SECTIONS:
        story += [Paragraph(heading, styles["Heading1"])]
        story += [Paragraph(p, styles["BodyText"]) for p in paragraphs]
    doc.build(story)
    return out.getvalue()


def test_a_full_report_pdf_reads_as_its_headings_paragraphs_and_labels(parser):
    parsed = parser.parse("child-r.pdf", report_pdf())
    assert parsed.meta.title == "Local Child Safeguarding Practice Review Child R"
    by_text = {i.text: i for i in parsed.items}
    texts = " ".join(by_text)
    for debris in ("....", "Contents", "OFFICIAL", "Page "):
        assert debris not in texts, debris
    # the cover's lines are the review's own facts, not headings of empty sections
    profile = build_profile(parsed.meta, parsed.items)
    facts = {k: profile[k]["value"] for k in ("author", "date", "partnership", "children")}
    assert facts == {
        "author": "Dr Alan Price",
        "date": "June 2025",
        "partnership": "Westshire Safeguarding Children Partnership",
        "children": "aged 14 months",
    }
    first = by_text[
        "The review considered agency involvement from the pregnancy until the admission, a "
        "period of two years."  # its footnote marker gone; the next section not run into it
    ]
    assert (first.label, first.section) == ("Paragraph 1.2", "1 Introduction")
    footnote = next(i for i in parsed.items if i.text.startswith("Working Together"))
    assert footnote.kind == "reference"
    labelled = {i.label: i for i in parsed.items if i.label.startswith(("Finding", "Recomm"))}
    assert sorted(labelled) == ["Finding 1", "Finding 2", "Recommendation 1", "Recommendation 2"]
    assert {labelled["Finding 2"].kind, labelled["Recommendation 2"].kind} == {
        "practice_issue",
        "recommendation",
    }
    assert labelled["Recommendation 2"].section == "4 Recommendations"


LEARNING = [
    "Practitioners should see the child alone at every statutory visit and record what the "
    "child says about home.",
    "Missed health appointments must be followed up by the health visitor within a week.",
]
ACTIONS = [
    ("Agency", "Action"),
    ("GP practices", "Follow up every baby not brought to an immunisation appointment."),
    ("Housing", "Train housing officers to refer concerns about babies in temporary homes."),
]


def word_style_pdf() -> bytes:
    """What a word processor's PDF looks like: bullets whose glyph (from a symbol font) stands
    apart from their text, which wraps under itself; questions under 'Questions for managers';
    an action plan in a ruled table with a header row."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, Table, TableStyle

    w, h = A4
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(72, h - 80, "Learning from Baby T")
    y = h - 130
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, y, "Key learning")
    y -= 30
    for text in LEARNING:
        c.setFont("Symbol", 10)
        c.drawString(80, y, "\u2022")
        c.setFont("Helvetica", 10)
        words, line = text.split(), ""
        for word in words:  # wrapped at about 70 characters, each line under the first
            if len(line) + len(word) > 70:
                c.drawString(98, y, line)
                y, line = y - 13, word
            else:
                line = f"{line} {word}".strip()
        c.drawString(98, y, line)
        y -= 21
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, y - 10, "Questions for managers")
    c.setFont("Helvetica", 10)
    c.drawString(
        80, y - 40, "\u2022 How do we know that babies not brought to clinics are followed up?"
    )
    body = getSampleStyleSheet()["BodyText"]
    table = Table([[Paragraph(x, body) for x in row] for row in ACTIONS], colWidths=[100, 330])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    table.wrapOn(c, w, h)
    table.drawOn(c, 72, y - 160)
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_word_processors_pdf_keeps_its_bullets_questions_and_table_rows(parser):
    items = parser.parse("baby-t.pdf", word_style_pdf()).items
    learning = [i for i in items if i.section == "Key learning"]
    assert [(i.label, i.text) for i in learning] == [
        (f"Point {n}", text) for n, text in enumerate(LEARNING, 1)
    ]
    question = next(i for i in items if i.text.endswith("?"))
    assert (question.kind, question.audience) == ("reflective_question", "leaders")
    rows = [i.text for i in items if i.text.startswith("Agency:")]
    assert rows == [f"Agency: {a}. Action: {b}" for a, b in ACTIONS[1:]], rows


def test_a_web_pages_table_is_read_a_row_at_a_time_with_its_header(parser):
    page = b"""<html><head><title>Learning from Child W | Northshire</title></head><body>
<div class="page-content"><h1>Learning from Child W</h1><p>Published 4 May 2026</p>
<h2>Summary</h2><p>Child W, aged 11, was caring for his grandmother after a stroke.</p>
<h2>What we learned</h2><ol><li>No agency asked who was caring for whom.</li></ol>
<h2>Recommendations</h2>
<table><thead><tr><th>Recommendation</th><th>Lead agency</th></tr></thead><tbody>
<tr><td>Schools should ask about caring when a child is often late or tired.</td>
<td>Education</td></tr>
<tr><td>Support plans should be reviewed when a guardian's health changes.</td>
<td>Children's social care</td></tr></tbody></table></div></body></html>"""
    parsed = parser.parse("child-w.html", page)
    items = parsed.items
    # a short line under the title is a fact of the page, not a heading, and is never lost
    assert build_profile(parsed.meta, items)["date"]["value"] == "4 May 2026"
    kinds = {i.section: i.kind for i in items}
    assert kinds["Summary"] == "context"  # 'Learning from …' in the title names no kind
    assert kinds["What we learned"] == "learning_point"
    rows = [i.text for i in items if i.section == "Recommendations"]
    assert rows == [
        "Recommendation: Schools should ask about caring when a child is often late or tired. "
        "Lead agency: Education.",
        "Recommendation: Support plans should be reviewed when a guardian's health changes. "
        "Lead agency: Children's social care.",
    ]
    assert {i.kind for i in items if i.section == "Recommendations"} == {"recommendation"}


def drawn_pdf(lines: list[tuple[str, int, int, str]]) -> bytes:
    """One A4 page with each (font, size, points from the top, text) drawn at the left margin:
    a PDF laid out line by line, as a design tool writes one."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for font, size, y, text in lines:
        c.setFont(font, size)
        c.drawString(72, A4[1] - y, text)
    c.showPage()
    c.save()
    return out.getvalue()


BOLD, BODY = "Helvetica-Bold", "Helvetica"


def test_a_title_that_only_names_the_kind_of_document_takes_the_line_under_it(parser):
    parsed = parser.parse("briefing.pdf", drawn_pdf([
        (BOLD, 28, 80, "7 Minute Briefing"),  # the banner every briefing of the series has
        (BOLD, 18, 115, "Neglect and the voice of Child Y"),
        (BOLD, 12, 160, "1. Background"),
        (BODY, 10, 180, "Child Y was seven and lived with her father, who drank heavily."),
    ]))  # fmt: skip
    assert parsed.meta.title == "7 Minute Briefing: Neglect and the voice of Child Y"
    assert [i.section for i in parsed.items] == ["1 Background"]


def test_a_pdf_set_all_in_bold_takes_only_its_larger_lines_for_headings(parser):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    bold = ParagraphStyle("bold", fontName="Helvetica-Bold", fontSize=10, leading=12, spaceBefore=6)
    heading = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=14, leading=17)
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=22, leading=26)
    paragraphs = [
        "Every practitioner who visits a family with a baby should ask who lives in the home, who "
        "visits and who looks after the baby when the parents are out, and write down the answer.",
        "Leaders should check in supervision that the answers are shared with the health visitor "
        "and the GP so that nobody caring for the baby is unknown to the services around them.",
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(
        [Paragraph("Learning from Baby U", title), Paragraph("Key learning", heading)]
        + [Paragraph(p, bold) for p in paragraphs]
    )
    items = parser.parse("baby-u.pdf", out.getvalue()).items
    assert [(i.section, i.text) for i in items] == [("Key learning", p) for p in paragraphs]


def test_a_docx_briefing_made_of_text_boxes_is_read_box_by_box(parser):
    """Briefings laid out in a word processor keep their boxes' text inside text boxes, each
    written twice (the shape, and a fallback copy for older readers): read once, in order."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_heading("Learning from Child Z2: 7-minute briefing", 0)
    boxes = [
        ("1. Background", "Child Z2 was four and had not been seen by a dentist."),
        ("2. Key learning", "Ask when a child last saw a dentist when teeth look decayed."),
    ]
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    for heading, text in boxes:
        content = (
            f'<w:txbxContent><w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>{heading}'
            f"</w:t></w:r></w:p><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
        )
        anchor = document.add_paragraph()._p
        anchor.append(parse_xml(
            f'<w:r {nsdecls("w")} xmlns:mc="{mc}" xmlns:v="urn:schemas-microsoft-com:vml">'
            "<mc:AlternateContent><mc:Choice Requires='v'><w:pict><v:shape><v:textbox>"
            f"{content}</v:textbox></v:shape></w:pict></mc:Choice><mc:Fallback><w:pict>"
            f"<v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
            f"</mc:AlternateContent></w:r>"
        ))  # fmt: skip
    items = parser.parse("child-z2.docx", saved(document)).items
    assert [(i.section, i.text) for i in items] == [
        ("1 Background", boxes[0][1]),
        ("2 Key learning", boxes[1][1]),
    ]


def test_a_word_broken_at_a_line_end_is_made_whole_unless_its_hyphen_is_its_own(parser):
    lines = ["Practi-", "tioners should ask about day-to-", "day care at every multi-",
             "agency meeting about the family's well-", "being."]  # fmt: skip
    body = [(BODY, 10, 120 + 12 * k, line) for k, line in enumerate(lines)]
    data = drawn_pdf([(BOLD, 20, 80, "Learning from Child V2"), *body])
    items = parser.parse("child-v2.pdf", data).items
    assert [i.text for i in items] == [
        "Practitioners should ask about day-to-day care at every multi-agency meeting about the "
        "family's well-being."
    ]


def test_a_bold_lead_in_names_its_point_in_every_format(parser):
    """'**Early Help:** Involvement was …' is labelled 'Early Help', as the Markdown is."""
    import docx
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    lead, rest = "Early Help:", "Involvement was read as evidence that risk had reduced."
    document = docx.Document()
    document.add_heading("Learning from Child X", 0)
    document.add_heading("Areas for development", 1)
    point = document.add_paragraph(style="List Bullet")
    point.add_run(lead).bold = True
    point.add_run(f" {rest}")
    page = (f"<html><body><h1>Learning from Child X</h1><h2>Areas for development</h2><ul><li>"
            f"<strong>{lead}</strong> {rest}</li></ul></body></html>").encode()  # fmt: skip
    styles = getSampleStyleSheet()
    pdf = io.BytesIO()
    SimpleDocTemplate(pdf, pagesize=A4).build([
        Paragraph("Learning from Child X", styles["Title"]),
        Paragraph("Areas for development", styles["Heading1"]),
        Paragraph(f"<b>{lead}</b> {rest}", styles["BodyText"]),
    ])  # fmt: skip
    for name, data in [("x.docx", saved(document)), ("x.html", page), ("x.pdf", pdf.getvalue())]:
        parsed = parser.parse(name, data)
        assert parsed.meta.title == "Learning from Child X", name  # not run into the heading
        assert [(i.label, i.text) for i in parsed.items] == [("Early Help", f"{lead} {rest}")], name


def with_footnote(document, paragraph, number: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """A real Word footnote: a reference in the paragraph, its text in the footnotes part."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    paragraph._p.append(parse_xml(
        f'<w:r {w}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{number}"/></w:r>'
    ))  # fmt: skip
    notes = getattr(document, "_reflect_notes", None)
    if notes is None:
        notes = document._reflect_notes = []
    notes.append(  # as Word writes one: its number raised, its text in small type
        f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
        f'<w:sz w:val="18"/></w:rPr><w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
        f'<w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
    )
    xml = (
        f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>'
        f"{''.join(notes)}</w:footnotes>"
    ).encode()
    for rel in document.part.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES:
            rel.target_part._blob = xml
            return
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), kind, xml, document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def test_a_docx_keeps_its_footnotes_as_footnotes(parser):
    import docx

    document = docx.Document()
    document.add_heading("Learning from Child P", 0)
    document.add_heading("Assessment", 1)
    paragraph = document.add_paragraph("A PAMS assessment of the parents was never completed.")
    with_footnote(document, paragraph, 1, "PAMS is the Parenting Assessment Manual Software.")
    with_footnote(document, paragraph, 2, "Working Together to Safeguard Children 2023.")
    items = parser.parse("child-p.docx", saved(document)).items
    assert [(i.kind, i.label, i.text) for i in items] == [
        ("context", "Paragraph 1", "A PAMS assessment of the parents was never completed."),
        ("definition", "Footnote 1", "PAMS is the Parenting Assessment Manual Software."),
        ("reference", "Footnote 2", "Working Together to Safeguard Children 2023."),
    ]


def test_a_web_pages_markup_leaves_no_stray_spaces_and_keeps_its_footnotes(parser):
    page = b"""<html><body><main><h1>Learning from Child N</h1><h2>Key learning</h2><ul>
<li><strong>Early Help</strong>: involvement was read as evidence that risk had reduced.</li>
<li>Nobody asked about the <a href="/g">graded care profile</a><sup>1</sup>.</li></ul>
<p><sup>1</sup> The Graded Care Profile 2 is a tool to assess neglect.</p></main></body></html>"""
    items = parser.parse("child-n.html", page).items
    assert [(i.kind, i.label, i.text) for i in items] == [
        ("learning_point", "Early Help",
         "Early Help: involvement was read as evidence that risk had reduced."),
        ("learning_point", "Point 2", "Nobody asked about the graded care profile."),
        ("definition", "Footnote 1", "The Graded Care Profile 2 is a tool to assess neglect."),
    ]  # fmt: skip


def test_two_numbered_headings_one_under_the_other_stay_two(parser):
    data = drawn_pdf([
        (BOLD, 20, 80, "Learning from Child S"),
        (BOLD, 13, 120, "3. Findings"),
        (BOLD, 13, 136, "3.1 Information sharing"),  # a heading of its own, not a wrap
        (BODY, 10, 156, "The GP did not tell the school about the missed appointments."),
    ])  # fmt: skip
    items = parser.parse("child-s.pdf", data).items
    assert [(i.section, i.text) for i in items] == [
        ("3.1 Information sharing", "The GP did not tell the school about the missed appointments.")
    ]
