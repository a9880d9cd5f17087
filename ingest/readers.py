"""Every supported format -> Markdown-ish text ('#' headings, '- ' bullets, blank-line paragraphs).

Each reader uses a library made for its format; all of them feed the same block parser, so a
briefing gives the same items whichever format it arrives in.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import PageElement, Tag

SUPPORTED = (".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm")


class UnreadableDocument(ValueError):
    """The file is not a document we can read (wrong type, empty, corrupt)."""


@dataclass(frozen=True)
class Reading:
    """A document as Markdown-ish text, and whether its format said which lines are headings
    (a PDF's type sizes, a DOCX's heading styles): then a short line on its own is not taken for
    one ('Independent reviewer: Dr Alan Price' on a cover page)."""

    text: str
    headings_marked: bool = False


def read_document(name: str, data: bytes) -> Reading:
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    try:
        match suffix:
            case ".txt" | ".md" | ".markdown":
                reading = Reading(data.decode("utf-8-sig", errors="replace"))
            case ".pdf":
                from ingest.pdf import read_pdf

                reading = read_pdf(data)
            case ".docx":
                reading = _docx(data)
            case ".html" | ".htm":
                reading = _html(data)
            case _:
                raise UnreadableDocument(
                    f"unsupported file type; use one of {', '.join(SUPPORTED)}"
                )
    except UnreadableDocument:
        raise
    except Exception as exc:  # a corrupt file of a supported type
        raise UnreadableDocument(f"could not read the {suffix.lstrip('.').upper()} file") from exc
    if not reading.text.strip():
        raise UnreadableDocument("no text could be extracted")
    return reading


def _docx(data: bytes) -> Reading:
    """Paragraphs and tables in document order: headings by style, list styles as bullets, each
    row of a table of data as one paragraph, and each box of a table that lays out a page as
    its own paragraphs."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    marked = 0  # headings the document marks: by a heading style, or set wholly in bold
    document = docx.Document(io.BytesIO(data))
    title = _cover_title(document)
    for outer in document.iter_inner_content():
        if title is not None and isinstance(outer, Paragraph) and outer._p is title._p:
            out.append(f"# {_docx_text(outer)}")  # the title, printed largest on the cover
            continue
        if isinstance(outer, Table) and _lays_out(outer):  # a briefing's boxes, in a table
            for cell in _cells(outer):
                for inner in cell.iter_inner_content():
                    if isinstance(inner, Table):
                        out.extend(table_rows([[c.text for c in r.cells] for r in inner.rows]))
                    else:
                        marked += _docx_paragraph(inner, out)
            continue
        if isinstance(outer, Table):
            out.extend(table_rows([[c.text for c in row.cells] for row in outer.rows]))
            continue
        # a briefing's boxes are text boxes anchored in a paragraph: their paragraphs follow it
        # (each box once: Word keeps a second, fallback copy for older readers)
        boxes = [
            p
            for p in outer._p.iter(qn("w:p"))
            if p is not outer._p and not any(a.tag == _FALLBACK for a in p.iterancestors())
        ]
        for block in [outer, *(Paragraph(p, outer._parent) for p in boxes)]:
            marked += _docx_paragraph(block, out)
    out += _docx_footnotes(document)
    return Reading("\n\n".join(out), headings_marked=marked > 0)


def _cover_title(document):  # type: ignore[no-untyped-def]
    """The paragraph a cover prints largest ('7 Minute Briefing: Baby R' above a partnership's
    name), when no paragraph is styled as the title or a first heading: of the paragraphs
    before the body begins (lines in bold, headings, or type larger than the body's), the one
    in the largest type, larger than all the others."""
    from docx.text.paragraph import Paragraph

    style = next((s for s in document.styles if s.name == "Normal"), None)  # a file may lack it
    normal = style.font.size if style is not None else None
    body = normal.pt if normal is not None else 11.0  # Word's default body type
    cover: list[tuple[float, Paragraph]] = []
    for block in document.iter_inner_content():
        if not isinstance(block, Paragraph):
            break
        if not block.text.strip():
            continue
        style = (block.style.name if block.style is not None else "").lower()
        if style == "title" or style == "heading 1":
            return None  # the document says which is its title
        size = _type_size(block)
        if not _bold_line(block) and not style.startswith("heading") and size <= body:
            break  # the body begins
        cover.append((size, block))
        if len(cover) > COVER_LINES:
            break
    ranked = sorted(cover, key=lambda c: -c[0])
    if len(ranked) >= 2 and ranked[0][0] > ranked[1][0]:
        return ranked[0][1]
    return None


def _type_size(paragraph) -> float:  # type: ignore[no-untyped-def]
    """The largest type a paragraph's words are set in, by its runs or its style (0: unsaid)."""
    styled = paragraph.style.font.size if paragraph.style is not None else None
    sizes = [size.pt for r in paragraph.runs if r.text.strip() and (size := r.font.size or styled)]
    return max(sizes, default=0.0)


def _cells(table):  # type: ignore[no-untyped-def]
    """A table's cells row by row, a merged cell once."""
    seen: list = []  # the cells' elements, held so that each keeps its identity
    for row in table.rows:
        for cell in row.cells:
            if not any(cell._tc is tc for tc in seen):
                seen.append(cell._tc)
                yield cell


def _lays_out(table) -> bool:  # type: ignore[no-untyped-def]
    """A table that lays out a page (a briefing's boxes), not one of data: a cell holds a
    heading (by style, or a line wholly in bold) and more paragraphs after it. A header row's
    cells hold a label each and nothing more."""
    for cell in _cells(table):
        paragraphs = [p for p in cell.paragraphs if p.text.strip()]
        if len(paragraphs) < 2:
            continue
        first = paragraphs[0]
        style = (first.style.name if first.style is not None else "").lower()
        if style.startswith("heading") or _bold_line(first):
            return True
    return False


def _docx_text(paragraph) -> str:  # type: ignore[no-untyped-def]
    """The paragraph's text, a superscript number kept as a footnote marker ('<sup>3</sup>')."""
    from docx.text.run import Run

    parts = []
    for piece in paragraph.iter_inner_content():  # runs and hyperlinks, in order
        raised = isinstance(piece, Run) and piece.font.superscript
        digits = piece.text.strip()
        parts.append(f"<sup>{digits}</sup>" if raised and digits.isdigit() else piece.text)
    return "".join(parts).strip()


def _docx_footnotes(document) -> list[str]:  # type: ignore[no-untyped-def]
    """The document's footnotes, which Word keeps apart from its body: each as '<sup>n</sup>
    text', so it is read as a footnote ('PAMS is the Parenting Assessment Manual …')."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = []
    for rel in document.part.rels.values():
        if not rel.reltype.endswith("/footnotes") or rel.is_external:
            continue
        root = etree.fromstring(rel.target_part.blob, parser)
        for note in root.iter(f"{w}footnote"):
            number = note.get(f"{w}id", "")
            text = " ".join("".join(t.text or "" for t in note.iter(f"{w}t")).split())
            if number.isdigit() and int(number) > 0 and text:  # 0 and -1 are separators
                out.append(f"<sup>{number}</sup> {text}")
    return out


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_paragraph(block, out: list[str]) -> int:  # type: ignore[no-untyped-def]
    """One paragraph as a heading (by style, or wholly in bold), a bullet or text; 1 when it is
    a heading the document marks."""
    text = _docx_text(block)
    if not text:
        return 0
    style = (block.style.name if block.style is not None else "").lower()
    if style.startswith("heading") or style == "title":
        level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
        out.append(f"{'#' * level} {text}")
        return int(style != "title")
    text = with_lead(text, _bold_start(block))
    if "list" in style:
        out.append(f"- {text}")
    elif _bold_line(block):
        out.append(f"**{text}**")
        return 1
    else:
        out.append(text)
    return 0


def _bold_start(paragraph) -> str:  # type: ignore[no-untyped-def]
    """The bold words a paragraph opens with ('Recognition of cumulative harm:'), if any."""
    lead = []
    for run in paragraph.runs:
        if not run.text.strip():
            lead.append(run.text)
            continue
        if not _bold(run):
            break
        lead.append(run.text)
    return "".join(lead).strip()


def with_lead(text: str, lead: str) -> str:
    """'**Recognition of cumulative harm:** Concerns were …': a bold lead-in that names the
    point, kept as such, so the point is labelled by it."""
    if not lead or len(lead) > LEAD_CHARS or len(lead) >= len(text) or not text.startswith(lead):
        return text
    rest = text[len(lead) :]
    if lead.endswith(":"):
        return f"**{lead}** {rest.lstrip()}"
    if rest.lstrip().startswith(":"):
        return f"**{lead}:** {rest.lstrip()[1:].lstrip()}"
    return text


def _bold(run) -> bool:  # type: ignore[no-untyped-def]
    """Set in bold, by the run itself or by its character style."""
    return bool(run.bold or (run.style is not None and run.style.font.bold))


def _bold_line(paragraph) -> bool:  # type: ignore[no-untyped-def]
    """A short paragraph set wholly in bold reads as a heading."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = runs and all(_bold(r) for r in runs)
    return bool(bold) and len(paragraph.text) <= BOLD_HEADING_CHARS


COVER_LINES = 6  # the title is among a cover's first few lines
BOLD_HEADING_CHARS = 100  # a paragraph all in bold and this short is a heading
LEAD_CHARS = 80  # a bold lead-in this short, ending in a colon, names its point
_LABEL_CHARS = 40  # a cell this short, without closing punctuation, labels what follows it


def _is_label(cell: str) -> bool:
    return 0 < len(cell) <= _LABEL_CHARS and not cell.endswith((".", "?", "!", ";", ","))


def table_rows(rows: list[list[str]]) -> list[str]:
    """A table's rows as paragraphs a reader would quote. Cells merged across columns come
    once; a header row labels each cell ("Finding: … Recommendation: …"); a numbered row keeps
    its number as the row's own; a short first cell labels the rest of its row."""
    cells = [[" ".join(c.split()) for c in _distinct(row)] for row in rows]
    cells = [[c for c in row if c] for row in cells]
    cells = [row for row in cells if row]
    header: list[str] = []
    if len(cells) > 1 and len(cells[0]) > 1 and all(_is_label(c) for c in cells[0]):
        header, cells = cells[0], cells[1:]
    out = []
    for row in cells:
        if len(row) == 1:
            out.append(row[0])
        elif row[0].isdigit() and len(row[0]) <= 2:
            out.append(f"{row[0]}\t{' '.join(_sentence(c) for c in row[1:])}")
        elif len(header) == len(row):
            out.append(" ".join(f"{h}: {_sentence(c)}" for h, c in zip(header, row, strict=True)))
        elif _is_label(row[0]):
            out.append(f"{row[0]}: {' '.join(_sentence(c) for c in row[1:])}")
        else:
            out.append(" ".join(_sentence(c) for c in row))
    return out


def _distinct(row: list[str]) -> list[str]:
    """A merged cell is returned once for each column it spans: keep it once."""
    return [c for k, c in enumerate(row) if k == 0 or c != row[k - 1]]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!", ":", ";")) else f"{text}."


_CHROME_TAGS = ["script", "style", "noscript", "template", "nav", "aside", "form", "button", "svg"]
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog"}
# The names web pages give their furniture (as Mozilla's Readability reads them): used only
# when a page does not mark its main content with <main>, role="main" or <article>.
_CHROME_NAME = re.compile(
    r"(?:^|[-_\s])(?:cookies?|consent|gdpr|banner|breadcrumbs?|menu|navbar|nav|navigation|skip"
    r"|sidebar|social|share|sharing|pagination|pager|popup|modal|masthead|header|footer)"
    r"(?:$|[-_\s])",
    re.I,
)
LINK_DENSITY = 0.7  # a short block whose text is mostly links is a menu, not learning
SHORT_BLOCK = 200


def _html(data: bytes) -> Reading:
    """A web page's main content: inside <main> (or role="main", or <article>) when the page
    marks it, without navigation, banners, cookie notices and footers, and without blocks
    that are mostly links."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(_CHROME_TAGS):
        tag.decompose()
    root = soup.find("main") or soup.find(None, {"role": "main"}) or soup.find("article") or soup
    title = root.find("h1")  # a header that holds the page's title is kept
    keep = {id(a) for a in title.parents} if title else set()

    def chrome(el: Tag) -> bool:
        if id(el) in keep:
            return False
        if el.get("role") in _CHROME_ROLES or el.get("aria-hidden") == "true":
            return True
        if el.name in ("header", "footer"):
            return True
        if root is not soup:
            return False
        names = " ".join(str(n) for n in [*el.get_attribute_list("class"), el.get("id")] if n)
        return bool(_CHROME_NAME.search(names))

    out: list[str] = []
    blocks = {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "p", "li", "td", "th"}
    for el in _outermost(root, {*blocks, "table"}, chrome):
        if el.name == "table":
            if el.find(_HEADINGS) is None:  # a table of data, read a row at a time
                out.extend(table_rows(_html_rows(el)))
                continue
            elements = list(_outermost(el, blocks, chrome))  # a table that lays out a page
        else:
            elements = [el]
        for block in elements:
            _html_block(block, out)
    marked = any(line.startswith(("#", "**")) for line in out[1:])  # below the title
    return Reading("\n\n".join(out), headings_marked=marked)


_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def _html_rows(table: Tag) -> list[list[str]]:
    """Each row's cells (header cells too), in order; a nested table's rows are its own."""
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is table:
            rows.append([" ".join(c.get_text(" ").split()) for c in tr.find_all(["th", "td"])])
    return rows


def _html_block(el: Tag, out: list[str]) -> None:
    """A heading, paragraph, list item or cell, unless it is mostly links (a menu)."""
    for sup in el.find_all("sup"):
        if (number := sup.get_text().strip()).isdigit():
            sup.replace_with(f"<sup>{number}</sup>")  # a footnote marker, or a footnote's number
    text = _html_text(el)
    if not text:
        return
    if el.name in _HEADINGS:
        out.append(f"{'#' * int(el.name[1])} {text}")
        return
    if el.name == "summary":  # an open-and-close section's heading ('What to do now ▸')
        out.append(f"**{text}**")
        return
    linked = sum(len(" ".join(a.get_text(" ").split())) for a in el.find_all("a"))
    if len(text) < SHORT_BLOCK and linked >= LINK_DENSITY * len(text):
        return
    bold = " ".join(" ".join(b.get_text(" ").split()) for b in el.find_all(["strong", "b"]))
    if el.name == "p" and bold == text and len(text) <= BOLD_HEADING_CHARS:
        out.append(f"**{text}**")  # a paragraph wholly in bold: a heading
        return
    first = el.find(["strong", "b"])
    if first is not None and text.startswith(lead := _html_text(first)):
        text = with_lead(text, lead)
    out.append(f"- {text}" if el.name == "li" else text)


def _html_text(el: Tag) -> str:
    """The element's text with its tags' boundaries as spaces, but none before punctuation
    ('<b>Early Help</b>: …' is 'Early Help: …')."""
    return _SPACE_BEFORE.sub(r"\1", " ".join(el.get_text(" ").split()))


_SPACE_BEFORE = re.compile(r" ([,.;:!?)’'])(?=\s|$)")


def _outermost(
    root: Tag, names: set[str], skip: Callable[[Tag], bool] = lambda el: False
) -> Iterator[Tag]:
    """The elements named, in document order, that are not inside another of them nor inside
    an element `skip` rejects: one walk over the tree, so time stays linear however deep the
    nesting (no recursion either)."""
    from bs4 import Tag  # noqa: F811 - at run time, for isinstance

    stack: list[PageElement] = list(reversed(root.contents))
    while stack:
        el = stack.pop()
        if not isinstance(el, Tag) or skip(el):
            continue
        if el.name in names:
            yield el
        else:
            stack.extend(reversed(el.contents))
