"""What a reader of each seed document expects to find as learning items."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from ingest.profile import build_profile
from tests.conftest import CORPUS


def parse(parser, stem: str):
    path = next(CORPUS.glob(f"{stem}*.txt"))
    return parser.parse(path.name, path.read_bytes(), origin=parser.origin_of(path))


def uploaded(parser, name: str, text: str):
    """A document a partnership uploads, in the layout its text gives."""
    return parser.parse(name, text.encode(), origin="uploads")


def of_kind(parsed, kind, audience=None):
    return [
        i for i in parsed.items if i.kind == kind and (audience is None or i.audience == audience)
    ]


def test_child_ak_questions_in_order_and_recommendations(parser):
    doc = parse(parser, "000")
    questions = of_kind(doc, "reflective_question")
    assert len(questions) == 6
    assert questions[0].text.startswith("How do we ensure cumulative harm is recognised")
    assert questions[-1].text.startswith("How confident are we to challenge")
    assert [q.label for q in questions] == [f"Question {n}" for n in range(1, 7)]
    assert all("**" not in q.text for q in questions)
    recs = of_kind(doc, "recommendation")
    assert len(recs) == 6
    assert recs[1].text.startswith("Ensure every child is seen:")
    assert {i.kind for i in doc.items if i.section == "Areas of Good Practice"} == {"good_practice"}
    assert len(of_kind(doc, "practice_issue")) == 5  # areas for development
    assert of_kind(doc, "action")[0].text.startswith("Consider the questions for reflection")


def test_seven_minute_briefing_boxes_and_audiences(parser):
    doc = parse(parser, "002")
    practitioners = of_kind(doc, "reflective_question", "practitioners")
    leaders = of_kind(doc, "reflective_question", "leaders")
    assert len(practitioners) == 5 and len(leaders) == 6
    assert practitioners[1].text.startswith("What would I include if I built a clear chronology")
    assert leaders[-1].text.startswith("How can we build practitioner confidence")
    sections = {i.section for i in doc.items}
    for box in (
        "1 About the family",
        "3 Practice issues and gaps",
        "4 Acknowledging good",
        "5 Key learning",
        "7 Reflective questions – leaders",
    ):
        assert box in sections
    assert len(of_kind(doc, "good_practice")) == 5
    assert len(of_kind(doc, "learning_point")) == 5
    issues = of_kind(doc, "practice_issue")
    assert any("paediatric input" in i.text for i in issues)


def test_child_b_learning_points_one_to_twelve_whole(parser):
    doc = parse(parser, "003")
    points = [i for i in doc.items if re.fullmatch(r"Learning point \d+", i.label)]
    assert [i.label for i in points] == [f"Learning point {n}" for n in range(1, 13)]
    assert all(i.kind == "learning_point" for i in points)
    by_n = {int(i.label.split()[-1]): i.text for i in points}
    assert by_n[1].startswith("Decision-making in the Children's Advice and Duty Service")
    assert "Significant changes to family circumstances such as a further pregnancy" in by_n[4]
    assert by_n[8].startswith("Patterns of 'was not brought' (WNB)")
    assert by_n[10].startswith("The Early Years Forum is a key multi-disciplinary system")
    assert by_n[10].endswith("outcomes for children.")
    assert by_n[11].startswith("Adult services who have the knowledge")
    assert by_n[12].startswith("Understanding the lived experience of the child")
    assert "several different practitioners" in by_n[12]  # the stray row number is gone


def test_child_b_paragraphs_footnotes_and_noise(parser):
    doc = parse(parser, "003")
    labels = {i.label.split(" (part")[0] for i in doc.items}
    assert {"Paragraph 4.2.3", "Paragraph 2.12", "Paragraph 4.3.8"} <= labels
    parts = [i for i in doc.items if i.label == "Paragraph 4.2.3"]
    assert len(parts) >= 2 and all(len(p.text) <= 800 for p in parts)
    joined = " ".join(i.text for i in doc.items)
    for noise in ("<sup>", "</sup>", "**", "lt;sup", "Page 21", "rm 12"):
        assert noise not in joined
    definitions = {i.label: i.text for i in of_kind(doc, "definition")}
    assert any("Parenting Assessment Manual Software" in t for t in definitions.values())
    assert any(t.startswith("Stepped down is a term") for t in definitions.values())
    assert any("Lateral check" in t for t in definitions.values())
    # a paragraph broken by a page footer is whole again
    p = next(i for i in doc.items if i.label.startswith("Paragraph 1.3"))
    assert "there is transferable learning that applies to all services" in p.text
    recs = of_kind(doc, "recommendation")
    assert [r.label for r in recs] == [f"Practice recommendation {n}" for n in (1, 2, 3)] + [
        f"Systems recommendation {n}" for n in (1, 2, 3, 4, 5)
    ]


def test_a_cover_page_is_context_and_the_review_lists_its_own_key_points(parser):
    """The lines between a report's title and its first section ('Independent Author … Date
    December 2023') are not a finding; the profile's key points are the first list the review
    heads as findings or as its summary, under that heading."""
    doc = parse(parser, "003")
    cover = next(i for i in doc.items if "Lead Reviewer" in i.text)
    assert cover.kind == "context"
    profile = build_profile(doc.meta, doc.items)
    assert cover.id not in {f["item"] for f in profile["findings"]}
    points = profile["key_points"]
    listed = [i for i in doc.items if i.id in points["items"]]
    assert len(listed) >= 2 and {i.section for i in listed} == {listed[0].section}
    assert points["heading"] in listed[0].section
    assert "summary" in points["heading"].lower()


def test_a_document_with_no_sections_below_its_title_keeps_its_body(parser):
    doc = parse(parser, "004")
    assert sum(i.kind == "learning_point" for i in doc.items) >= 15


def test_devon_summary_sections(parser):
    doc = parse(parser, "001")
    findings = [i for i in doc.items if i.section == "Key findings"]
    assert len(findings) == 8 and {i.kind for i in findings} == {"practice_issue"}
    considerations = [i for i in doc.items if i.section.endswith("Considerations")]
    assert {i.kind for i in considerations if i.label != "Paragraph 1"} == {"recommendation"}
    assert any(i.kind == "action" and "was not brought" in i.text for i in doc.items)
    assert not any(i.text in ("Skip to content", "Top", "Published") for i in doc.items)


def test_thematic_learning_paragraphs(parser):
    doc = parse(parser, "004")
    assert len(doc.items) >= 15
    assert of_kind(doc, "learning_point")
    start_again = next(i for i in doc.items if "start again syndrome" in i.text)
    assert "cumulative-harm" in start_again.themes


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_offsets_point_at_the_item_text(parser, stem):
    doc = parse(parser, stem)
    for item in doc.items:
        assert doc.text[item.start : item.end] == item.text
    assert len({i.id for i in doc.items}) == len(doc.items)


def test_titles_name_their_subject(catalogue):
    for entry in catalogue.values():
        subject_name = entry.get("subject", "").split(" (")[0].split(",")[0]
        assert subject_name.split()[0].lower() in entry["title"].lower()


GENERIC_LABEL_WORDS = {"paragraph", "point", "after", "question", "footnote", "part"}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_label_is_the_documents_own(parser, prefix):
    """A reader can find each label in the published document: its words are the document's
    words, its dotted numbers are printed there, and a list's items are numbered 1, 2, 3…
    within their own list and section (no numbering of our own invention)."""
    path = next(CORPUS.glob(f"{prefix}_*"))
    source = path.read_text().lower()
    doc = parse(parser, prefix)
    counters: dict[tuple, list[int]] = {}
    for item in doc.items:
        for dotted in re.findall(r"\d+(?:\.\d+)+", item.label):
            assert dotted in source, (item.label, item.section)
        words = re.findall(r"[a-z][a-z'’-]+", item.label.lower())
        for word in {w.strip("'’") for w in words} - GENERIC_LABEL_WORDS:
            stem = word.removesuffix("s")
            assert stem in source, (item.label, word)
        if (m := re.fullmatch(r"(.*?)(\d+)", item.label)) and "." not in m.group(1):
            key = (item.section_path, m.group(1))
            counters.setdefault(key, []).append(int(m.group(2)))
    for (section, prefix_words), numbers in counters.items():
        distinct = sorted(set(numbers))
        assert distinct == list(range(1, len(distinct) + 1)) or prefix_words.startswith(
            ("Footnote", "Learning point")
        ), (section[-1:], prefix_words, distinct)


def test_a_numbered_part_is_never_inside_an_unnumbered_heading_before_it(parser):
    # a PDF's fonts can make a timeline's date heading look bigger than the next numbered part
    text = (
        "# Child Z: local child safeguarding practice review\n\n"
        "## 1 Introduction\n\nThis review looks at the help given to Child Z and her brother.\n\n"
        "## Timeline of events\n\n### March 2021\n\nThe family moved to the area in March.\n\n"
        "#### 2 Analysis of practice\n\n"
        "The school did not share its worries about Child Z with the health visitor.\n"
    )
    doc = uploaded(parser, "child-z.md", text)
    finding = next(i for i in doc.items if i.text.startswith("The school did not share"))
    assert finding.section_path == (doc.meta.title, "2 Analysis of practice")
    assert finding.kind == "practice_issue"
    moved = next(i for i in doc.items if i.text.startswith("The family moved"))
    assert moved.kind == "context"


def test_paragraphs_opening_with_numbers_in_sequence_are_numbered_by_the_document(parser):
    # a table's number column as a PDF prints it: '1 Decision-making …', a footnote between
    text = (
        "# Child Z: local child safeguarding practice review\n\n"
        "## Learning points\n\n"
        "1 Decision-making at the front door should take account of previous referrals.\n\n"
        "<sup>4</sup> Working Together to Safeguard Children 2023.\n\n"
        "2 Knowing the family's history is critical to understanding risk.\n\n"
        "## Case overview\n\n"
        "5 children were seen by the school nurse in the spring term.\n"
    )
    doc = uploaded(parser, "child-z.md", text)
    points = of_kind(doc, "learning_point")
    assert [(p.label, p.text[:20]) for p in points] == [
        ("Learning point 1", "Decision-making at t"),
        ("Learning point 2", "Knowing the family's"),
    ]
    alone = next(i for i in doc.items if "school nurse" in i.text)
    assert alone.text.startswith("5 children")  # a number with none after it is its text


def test_markdown_footnotes_are_footnotes(parser):
    text = (
        "# Child Z: learning briefing\n\n## Key learning\n\n"
        "Lateral checks were made by telephone and not recorded.[^3]\n\n"
        "[^3]: A lateral check is a call between agencies to share what each knows.\n"
    )
    doc = uploaded(parser, "child-z.md", text)
    note = next(i for i in doc.items if i.text.startswith("A lateral check is"))
    assert note.label == "Footnote 3" and note.kind == "definition"
    point = next(i for i in doc.items if i.text.startswith("Lateral checks were"))
    assert "[^3]" not in point.text and "<sup>" not in point.text


def test_a_web_pages_open_and_close_sections_are_sections(parser):
    page = (
        "<html><body><main><h1>Learning from Child W: 7 minute briefing</h1>"
        "<div class='card'><h3>3. Key learning</h3><ul><li>Weight and growth must be checked "
        "when a child is thin.</li></ul></div>"
        "<details><summary>Questions for reflection</summary><p>How do I record a child's "
        "weight?</p></details>"
        "<details><summary>What to do now</summary><p>Use the growth charts at every review "
        "health assessment.</p></details></main></body></html>"
    )
    doc = uploaded(parser, "child-w.html", page)
    kinds = {i.text[:20]: (i.kind, i.section) for i in doc.items}
    assert kinds["How do I record a ch"] == ("reflective_question", "Questions for reflection")
    assert kinds["Use the growth chart"] == ("action", "What to do now")


def test_a_point_that_numbers_itself_after_a_list_is_not_a_note(parser):
    text = (
        "# Child X: executive summary\n\n## Recommendations\n\n"
        "- The partnership should audit information sharing between police and health.\n"
        "- Schools should be trained in the escalation policy.\n\n"
        "**Recommendation 3:** Health visitors should see every child alone.\n\n"
        "These recommendations will be reviewed by the partnership board in March.\n"
    )
    doc = uploaded(parser, "child-x.md", text)
    third = next(i for i in doc.items if "see every child alone" in i.text)
    assert (third.kind, third.label) == ("recommendation", "Recommendation 3")
    note = next(i for i in doc.items if i.text.startswith("These recommendations"))
    assert note.kind == "context"  # a note after the list


def test_a_heading_that_names_its_item_labels_it(parser):
    text = (
        "# Child Y: local child safeguarding practice review\n\n## Recommendations\n\n"
        "### Recommendation 1\n\nThe partnership should make sure every missing episode is "
        "followed by a return home interview.\n\n"
        "### Recommendation 2\n\nSchools should tell the social worker when attendance falls.\n"
    )
    doc = uploaded(parser, "child-y.md", text)
    assert [(i.kind, i.label) for i in doc.items if i.kind == "recommendation"] == [
        ("recommendation", "Recommendation 1"),
        ("recommendation", "Recommendation 2"),
    ]


def test_who_publishes_a_document_is_read_from_its_own_words(parser):
    page = (
        "<html><head><title>Child W</title></head><body><main>"
        "<p><strong>Eastvale Safeguarding Partnership</strong></p>"
        "<h1>Learning from Child W</h1><h2>Key learning</h2>"
        "<p>Weight and growth must be checked when a child is thin.</p></main></body></html>"
    )
    doc = uploaded(parser, "child-w.html", page)
    assert doc.meta.title == "Learning from Child W"
    assert doc.meta.publisher == "Eastvale Safeguarding Partnership"
    assert any(i.text == "Eastvale Safeguarding Partnership" for i in doc.items)  # citable
    text = "# Child Z: learning briefing\n\n## Key learning\n\nCheck growth at every visit.\n"
    assert uploaded(parser, "child-z.md", text).meta.publisher is None


def test_a_cover_title_set_in_large_type_by_its_style_is_the_title(parser):
    document = docx.Document()
    cover = document.styles.add_style("Cover Title", WD_STYLE_TYPE.PARAGRAPH)
    cover.font.size = Pt(28)
    document.add_paragraph().add_run("Southmere Safeguarding Children Partnership").bold = True
    document.add_paragraph("Learning from Child Q2: practice briefing", style="Cover Title")
    document.add_paragraph().add_run("Key learning").bold = True
    document.add_paragraph("Professionals must see the child alone at every visit.")
    out = io.BytesIO()
    document.save(out)
    doc = parser.parse("child-q2.docx", out.getvalue(), origin="uploads")
    assert doc.meta.title == "Learning from Child Q2: practice briefing"
    assert doc.meta.publisher == "Southmere Safeguarding Children Partnership"


def test_a_docx_whose_styles_lack_normal_is_still_read(parser):
    document = docx.Document()
    document.add_paragraph().add_run("Key learning").bold = True
    document.add_paragraph("Check growth at every visit for every child.")
    made, out = io.BytesIO(), io.BytesIO()
    document.save(made)
    with zipfile.ZipFile(made) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "word/styles.xml":  # as some word processors write it: no 'Normal'
                data = re.sub(rb'<w:style [^>]*w:styleId="Normal">.*?</w:style>', b"", data,
                              flags=re.S)  # fmt: skip
            zout.writestr(name, data)
    doc = parser.parse("no-normal.docx", out.getvalue(), origin="uploads")
    assert [i.text for i in doc.items] == ["Check growth at every visit for every child."]


def test_the_profile_summary_tells_the_case_not_what_the_document_is_for(parser):
    """A review that says first what it is for ('Introduction and purpose of this briefing') is
    summed up from the section that tells its case, not from its purpose."""
    text = """# Three sisters: a learning briefing

## 1 Introduction and purpose of this briefing

This briefing sets out the learning from a review the partnership commissioned last year. Its
purpose is to share what was learned without identifying the family.

## 2 Background of the family and the incident

The three sisters lived with their mother, who had long-standing mental ill health. Their
school raised concerns about hunger and poor hygiene over two years before the incident.

## 3 Key findings

- Concerns were seen one at a time rather than as a pattern over time.
- The sisters were rarely spoken to alone by any of the professionals involved.
"""
    parsed = parser.parse("three-sisters.md", text.encode())
    summary = build_profile(parsed.meta, parsed.items)["summary"]["text"]
    assert summary.startswith("The three sisters lived with their mother"), summary


def test_the_profile_says_how_many_children_in_the_reviews_own_whole_sentences(parser):
    """How many children a review concerns is said with the sentences it leans on: 'He lived
    with his mother and three older brothers' is given after the sentence that says who 'he' is,
    and a count outweighs an age given alone."""
    text = """# Child M: a learning briefing

## 1 Case overview

Child M is a boy aged 4 at the time of the incident. He had a diagnosis of global developmental
delay. He lived with his mother and three older brothers, then aged 7 to 12.

## 2 Key findings

- Concerns were seen one at a time rather than as a pattern over time.
- Child M was rarely seen alone by the professionals involved.
"""
    parsed = parser.parse("child-m.md", text.encode())
    children = build_profile(parsed.meta, parsed.items)["children"]
    assert children["sentence"] == (
        "Child M is a boy aged 4 at the time of the incident. He had a diagnosis of global "
        "developmental delay. He lived with his mother and three older brothers, then aged 7 to 12."
    )
    assert "three older brothers" in children["value"]


def test_a_span_of_time_or_a_service_is_not_a_count_of_children(parser):
    text = """# Child N: a learning briefing

## 1 Background

Over the following 18 months Children's Social Care visited the home. On 3 occasions children's
services closed the case. Child N was aged 3 at the time of the incident.
"""
    parsed = parser.parse("child-n.md", text.encode())
    children = build_profile(parsed.meta, parsed.items)["children"]
    assert children["value"] == "aged 3", children
