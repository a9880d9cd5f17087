"""Documents in layouts the corpus does not have, found by questions that describe them rather
than quote them: the real model, a real Chroma directory, the documents uploaded as a
partnership would."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient

from app.web.app import create_app
from tests.conftest import make_settings
from tests.test_formats import (
    briefing_pdf,
    docx_with_table,
    report_pdf,
    saved,
    two_column_pdf,
    web_page,
    word_style_pdf,
)

pytestmark = pytest.mark.slow
ADMIN = {"Authorization": "Bearer admin-secret"}


def table_docx() -> bytes:
    rows = [
        ("Agency", "Action"),
        ("GP practice", "Follow up every child not brought to a dental or health appointment."),
        ("Nursery", "Tell the health visitor when a child seems hungry or underweight."),
    ]
    intro = "Child M was two when she was found to have untreated tooth decay and rickets."
    return saved(docx_with_table("Child M: learning summary", "Agency actions", rows, intro))


def boxes_docx() -> bytes:
    """A 7-minute briefing laid out as a table of seven boxes, each a bold heading and its
    paragraphs, below the partnership's name and a title in larger type."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_paragraph().add_run("Westmoor Safeguarding Children Partnership").bold = True
    title = document.add_paragraph().add_run("7 Minute Briefing: Baby R")
    title.bold, title.font.size = True, Pt(24)
    boxes = [
        ("1. Background", ["Baby R was seven weeks old when she was admitted to hospital."]),
        ("2. Why it matters", ["Non-mobile babies rarely bruise, so any bruise matters."]),
        ("3. What happened", ["A bruise on Baby R's cheek was seen at the new birth visit.",
                              "The father's explanation was accepted and no referral was made."]),
        ("4. Key learning", ["Follow the bruising protocol for every non-mobile baby."]),
        ("5. What went well", ["The hospital made a prompt referral when Baby R was admitted."]),
        ("6. Questions to consider", ["Do I know where to find the bruising protocol?"]),
        ("7. What to do now", ["Complete the training on infant crying and how to cope."]),
    ]  # fmt: skip
    table = document.add_table(rows=3, cols=3)
    cells = [cell for row in table.rows for cell in row.cells]
    for cell, (heading, paragraphs) in zip(cells, boxes, strict=False):
        cell.paragraphs[0].add_run(heading).bold = True
        for text in paragraphs:
            cell.add_paragraph(text)
    return saved(document)


def boxes_pdf() -> bytes:
    """A 7-minute briefing printed as a grid of boxes, three to a row, each a bold heading over
    justified text: the headings of a row stand further above their text than the columns
    stand apart."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Frame, Paragraph

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    w, h = A4
    head = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=11, leading=13, spaceAfter=16)
    body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=8,
                          alignment=TA_JUSTIFY)  # fmt: skip
    c.setFont("Helvetica-Bold", 22)
    c.drawString(40, h - 60, "7 Minute Briefing: Baby S")
    boxes = [
        ("1. Background", "Baby S was seven weeks old when she was admitted to hospital with a "
                          "fractured skull and bruising to her ear."),
        ("2. Why it matters", "Non-mobile babies rarely bruise, so any bruise on a baby who is "
                              "not yet crawling must be taken seriously."),
        ("3. What happened", "A bruise on the cheek was seen at the new birth visit and "
                             "explained away by the father. No referral was made."),
        ("4. Key learning", "Follow the bruising protocol for every non-mobile baby, whatever "
                            "the explanation given for the mark."),
        ("5. What went well", "The hospital made a prompt referral when Baby S was admitted "
                              "with her injury."),
        ("6. What to do now", "Complete the training on infant crying and discuss the bruising "
                              "protocol in your team meeting."),
    ]  # fmt: skip
    gutter = 8
    width = (w - 80 - 2 * gutter) / 3
    for k, (title, text) in enumerate(boxes):
        x = 40 + (k % 3) * (width + gutter)
        y = h - 100 - (k // 3) * 260
        frame = Frame(x, y - 240, width, 240, leftPadding=0, rightPadding=0, topPadding=0)
        frame.addFromList([Paragraph(title, head), Paragraph(text, body)], c)
    c.showPage()
    c.save()
    return out.getvalue()


def child_v_page() -> bytes:
    """The web page of another review (its own words, so no passage repeats the briefing's)."""
    page = web_page()
    for old, new in [
        (b"Child T", b"Child V"),
        (b"six months", b"nine months"),
        (b"the home", b"the flat"),
        (b"four times", b"three times"),
        (b"at every contact", b"at each home visit"),
        (b"share it with other agencies", b"pass it on to the GP"),
    ]:
        page = page.replace(old, new)
    return page


DOCUMENTS = {
    "child-t-briefing.pdf": briefing_pdf,
    "home-education-review.pdf": two_column_pdf,
    "child-m-summary.docx": table_docx,
    "child-v-page.html": lambda: child_v_page(),
    "child-r-report.pdf": report_pdf,
    "baby-t-learning.pdf": word_style_pdf,
    "baby-r-briefing.docx": boxes_docx,
    "baby-s-briefing.pdf": boxes_pdf,
}
QUESTIONS = [  # (question, document, words the answer holds)
    ("in the Child T briefing, what should workers ask about at each contact?",
     "child-t-briefing.pdf", "who lives in the household"),
    ("which agencies did not know about the mother's new partner in Child T's case?",
     "child-t-briefing.pdf", "never met the mother's partner"),
    ("the review about home schooling: what should leaders check?",
     "home-education-review.pdf", "strategy meetings"),
    ("did children taken out of school to learn at home miss health care?",
     "home-education-review.pdf", "dental appointments were missed"),
    ("what does Child M's summary ask of nurseries?",
     "child-m-summary.docx", "hungry or underweight"),
    ("what should GPs do when children miss appointments, in Child M's learning?",
     "child-m-summary.docx", "not brought to a dental or health appointment"),
    ("what did the web page about Child V find?",
     "child-v-page.html", "No agency asked who else lived in the flat"),
    ("what did the Child R review recommend for care leavers who have babies?",
     "child-r-report.pdf", "pre-birth assessment of support needs"),
    ("in the case of the baby with the broken leg, who did no agency assess?",
     "child-r-report.pdf", "partner was invisible to professionals"),
    ("what do GPs have to do in the Baby T action plan?",
     "baby-t-learning.pdf", "Agency: GP practices. Action: Follow up every baby"),
    ("in the briefing about the baby with a bruised cheek, what was the key learning?",
     "baby-r-briefing.docx", "bruising protocol for every non-mobile baby"),
    ("what happened at Baby R's new birth visit?",
     "baby-r-briefing.docx", "seen at the new birth visit"),
    ("what is the key learning of the briefing about Baby S?",
     "baby-s-briefing.pdf", "Follow the bruising protocol for every non-mobile baby"),
]  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory, real_models):
    from app.cli import _ingestor, writer_factory
    from ingest.pipeline import corpus_files
    from tests.conftest import CORPUS

    settings = make_settings(
        tmp_path_factory.mktemp("layouts") / "data",
        models_dir=real_models,
        admin_token="admin-secret",
        rate_limit_upload="",
    )
    ingestor = _ingestor(settings)
    ingestor.run(corpus_files(CORPUS), sync=True)
    ingestor.library.close()
    with TestClient(create_app(settings, writer=writer_factory)) as c:
        for name, make in DOCUMENTS.items():
            r = c.post("/api/documents", files={"file": (name, make())}, headers=ADMIN)
            assert r.status_code in (200, 201, 202), r.text
        yield c


TITLES = {  # each document's own title, not a running header, a site's name or a file name
    "child-t-briefing.pdf": "Learning from Child T: 7-minute briefing",
    "home-education-review.pdf": "Thematic review: children educated at home",
    "child-m-summary.docx": "Child M: learning summary",
    "child-v-page.html": "Learning from Child V",
    "child-r-report.pdf": "Local Child Safeguarding Practice Review Child R",
    "baby-t-learning.pdf": "Learning from Baby T",
    "baby-r-briefing.docx": "7 Minute Briefing: Baby R",
    "baby-s-briefing.pdf": "7 Minute Briefing: Baby S",
}


def test_each_document_keeps_its_own_title(client):
    titles = {d["title"] for d in client.get("/api/documents").json()["documents"]}
    assert set(TITLES.values()) <= titles


@pytest.mark.parametrize("question,source,words", QUESTIONS, ids=[q[0][:40] for q in QUESTIONS])
def test_a_question_by_description_finds_the_answer_in_the_top_five(
    client, question, source, words
):
    results = client.get("/api/search", params={"q": question, "k": 5}).json()["results"]
    assert any(words in r["text"] and r["document"]["title"] == TITLES[source] for r in results), [
        (r["document"]["title"], r["text"][:60]) for r in results
    ]


def test_a_team_can_reflect_on_a_document_whose_learning_is_a_table_of_actions(client):
    ids = {d["title"]: d["id"] for d in client.get("/api/documents").json()["documents"]}
    body = {"document_id": ids[TITLES["child-m-summary.docx"]], "audience": "practitioners"}
    r = client.post("/api/reflections", json=body)
    assert r.status_code == 201, r.text
    derived = [p["question"] for p in r.json()["prompts"] if p["kind"] == "derived"]
    assert any("Action: Follow up every child not brought" in q for q in derived), derived


def test_a_briefing_laid_out_in_a_table_of_boxes_keeps_each_box(client):
    results = client.get(
        "/api/search", params={"q": "Baby R bruising protocol key learning", "k": 10}
    ).json()["results"]
    mine = [r for r in results if r["document"]["title"] == TITLES["baby-r-briefing.docx"]]
    kinds = {r["text"][:30]: r["kind"] for r in mine}
    assert kinds.get("Follow the bruising protocol f") == "learning_point", kinds
    assert all("What went well" not in r["text"] for r in mine)  # a box is not run into another


def test_a_briefing_printed_as_a_grid_of_boxes_reads_each_box_under_its_own_heading(client):
    results = client.get(
        "/api/search", params={"q": "Baby S key learning bruising protocol", "k": 10}
    ).json()["results"]
    mine = {r["text"][:30]: r for r in results if r["document"]["title"].endswith("Baby S")}
    learning = mine["Follow the bruising protocol f"]
    assert (learning["kind"], learning["section"]) == ("learning_point", "4 Key learning"), learning


def test_the_partnership_a_cover_names_above_the_title_is_the_documents_own_fact(client):
    body = client.post(
        "/api/ask", json={"question": "Which partnership published the Baby R briefing?"}
    ).json()
    assert "Westmoor Safeguarding Children Partnership" in body["answer"], body["answer"]
    assert (
        body["citations"]
        and body["citations"][0]["document"]["title"] == TITLES["baby-r-briefing.docx"]
    )


def test_a_briefing_described_by_the_partnership_it_is_from_is_found(client):
    results = client.get(
        "/api/search", params={"q": "what does the Westmoor briefing say about bruising?", "k": 5}
    ).json()["results"]
    assert results[0]["document"]["title"] == TITLES["baby-r-briefing.docx"], [
        r["document"]["title"] for r in results
    ]
