"""Where a PDF's text is on its pages: pdfminer's text boxes and their printed lines (each
line's type size, weight and position), the rules printed between table cells, the lines every
page repeats in its margins, the order a reader reads the boxes in (recursive XY-cut), and
tables printed without saying so."""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.readers import UnreadableDocument

if TYPE_CHECKING:
    from pdfminer.layout import LTTextLine

PAGE_CHARS_MAX = 12_000  # about twice the text of a dense printed page
MARGIN_BAND = 0.12  # running headers and footers sit in the top or bottom eighth of a page
SUPERSCRIPT_SCALE = 0.85  # a raised digit this much smaller than its line marks a footnote
MIN_GAP = 1.0  # points: a narrower band of white space does not separate boxes
ROW_SHARE = 0.5  # a box with this share of its height beside a row's is one of its cells
COLUMN_ALIGN = 8.0  # points: the cells of a table's column start this close to one left edge
ROW_GAP = 24.0  # points: a table's row starts this close under the row above
RULE_SLACK = 2.0  # points: a rule this close outside a cell's edge still stands between cells
RULES_MAX = 2_000  # upright edges: a page with more is not read for tables
HEADING_BOLD = 0.9  # share of a line's characters in bold that sets it as a heading
XY_CUT_BOXES = 400  # a page with more text boxes than a printed page has is read top to bottom


@dataclass
class Line:
    text: str
    size: float  # mean character height
    bold: float  # share of characters set in a bold face
    y0: float  # points from the top
    y1: float
    x0: float = 0.0  # points from the left
    x1: float = 0.0
    lead: str = ""  # the bold words it opens with, when the rest is not bold


@dataclass(frozen=True)
class Rule:
    """An upright edge printed on the page: a line, or a side of a rectangle."""

    x: float
    y0: float  # points from the top
    y1: float


@dataclass
class Box:
    page: int
    x0: float  # points from the left
    y0: float  # points from the top
    x1: float
    y1: float
    page_height: float
    size: float  # mean character height
    lines: list[Line]

    @property
    def in_margin(self) -> bool:
        band = self.page_height * MARGIN_BAND
        return self.y1 <= band or self.y0 >= self.page_height - band

    @property
    def key(self) -> str:
        """The same running line on every page: 'Page 3' and 'Page 4' alike."""
        text = " ".join(line.text for line in self.lines)
        return re.sub(r"\d+", "#", " ".join(SUP.sub("", text).lower().split()))


def find_tables(page: list[Box], rules: list[Rule]) -> list[list[list[Box]]]:
    """Tables a PDF prints without saying so: two or more rows of two or more boxes, the boxes
    of a row side by side, those of a column at one left edge, each row just under the one
    above, and a printed rule between every two cells of a row (a briefing's grid of boxes
    has white space between its boxes, not rules)."""
    if len(rules) > RULES_MAX:  # a chart or a pattern, not a table: checking would cost too much
        return []
    rows: list[list[Box]] = []
    for box in sorted(page, key=lambda b: (b.y0, b.x0)):
        if rows and _beside(box, rows[-1]):
            rows[-1].append(box)
        else:
            rows.append([box])
    rows = [sorted(row, key=lambda b: b.x0) for row in rows]
    tables: list[list[list[Box]]] = []
    run: list[list[Box]] = []
    for row in rows:
        if len(row) < 2 or not _ruled(row, rules):
            run = []
            continue
        if run and not _under(row, run[-1]):
            run = []
        if not run:
            tables.append(run)
        run.append(row)
    return [t for t in tables if len(t) >= 2]


def _beside(box: Box, row: list[Box]) -> bool:
    """The box sits in the row: most of its height is within the row's (a cell's text may sit
    at the top or the foot of its cell)."""
    top, bottom = min(b.y0 for b in row), max(b.y1 for b in row)
    shared = min(bottom, box.y1) - max(top, box.y0)
    return shared >= ROW_SHARE * min(box.y1 - box.y0, bottom - top)


def _ruled(row: list[Box], rules: list[Rule]) -> bool:
    """A rule stands between every two neighbouring cells of the row."""
    top, bottom = min(b.y0 for b in row), max(b.y1 for b in row)
    return all(
        any(
            left.x1 - RULE_SLACK <= r.x <= right.x0 + RULE_SLACK and r.y0 < bottom and r.y1 > top
            for r in rules
        )
        for left, right in itertools.pairwise(row)
    )


def _under(row: list[Box], above: list[Box]) -> bool:
    """The row continues the table above it: as many cells, in the same columns, close under."""
    return (
        len(row) == len(above)
        and all(abs(a.x0 - b.x0) <= COLUMN_ALIGN for a, b in zip(row, above, strict=True))
        and row[0].y0 - max(b.y1 for b in above) <= ROW_GAP
    )


def cell(box: Box) -> str:
    return SUP.sub("", " ".join(line.text for line in box.lines))


def read_pages(data: bytes) -> Iterator[tuple[list[Box], list[Rule]]]:
    """Each page's text boxes. pdfminer's layout analysis grows with the square of a page's
    characters, so a page holding more than a printed page can is refused, not analysed."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTLine, LTRect, LTTextContainer, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=None)  # characters only: analysed below
    interpreter = PDFPageInterpreter(resources, device)
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data))):
        interpreter.process_page(page)
        layout = device.get_result()
        if sum(isinstance(o, LTChar) for o in layout) > PAGE_CHARS_MAX:
            raise UnreadableDocument(
                f"a page holds more than {PAGE_CHARS_MAX:,} characters, more than a printed "
                "page can; the file is not read"
            )
        layout.analyze(LAParams(boxes_flow=None))  # lines into boxes; the order is found below
        top = layout.y1
        boxes = []
        rules = []
        for el in layout:
            if isinstance(el, (LTLine, LTRect)):  # a table's rules: each upright edge
                rules += [Rule(x, top - el.y1, top - el.y0) for x in {el.x0, el.x1}]
                continue
            if not isinstance(el, LTTextContainer):
                continue
            lines = [
                line
                for ln in el
                if isinstance(ln, LTTextLine) and (line := _line(ln, top)) is not None
            ]
            if lines:
                size = sum(ln.size for ln in lines) / len(lines)
                boxes.append(
                    Box(number, el.x0, top - el.y1, el.x1, top - el.y0, layout.height, size, lines)
                )
        yield boxes, rules


def _line(line: LTTextLine, top: float) -> Line | None:
    """One printed line: its text (a small raised digit marked as a footnote marker), its
    type size and how much of it is bold."""
    from pdfminer.layout import LTChar

    chars = [c for c in line if isinstance(c, LTChar)]
    if not chars:
        return None
    size = sorted(c.size for c in chars)[len(chars) // 2]
    base = sorted(c.y0 for c in chars)[len(chars) // 2]
    parts: list[str] = []
    for c in line:
        text = c.get_text()
        if (
            isinstance(c, LTChar)
            and text.isdigit()
            and c.size <= size * SUPERSCRIPT_SCALE
            and c.y0 >= base + 0.15 * size  # small and raised: a footnote marker
        ):
            parts.append(f"<sup>{text}</sup>")
        else:
            parts.append(text)
    text = " ".join("".join(parts).replace("</sup><sup>", "").split())
    if not text:
        return None
    heavy = [_BOLD.search(c.fontname) is not None for c in chars]
    bold = sum(heavy) / len(chars)
    opening: list[str] = []  # the bold words the line opens with ('Early Help:'), if any
    for c in line:
        glyph = not opening and (not c.get_text().strip() or BULLET_GLYPH.match(c.get_text()))
        if isinstance(c, LTChar) and _BOLD.search(c.fontname) is None and not glyph:
            break
        opening.append(c.get_text())
    lead = " ".join("".join(opening).split()) if 0 < bold < 1 else ""
    return Line(text, size, bold, top - line.y1, top - line.y0, line.x0, line.x1, lead)


def xy_cut(boxes: list[Box]) -> list[Box]:
    """Reading order by recursive XY-cut: cut the boxes at the widest band of white space,
    across the page (top part first) or down it (left part first), and each part again. The
    boxes of a 7-minute briefing's grid read row by row; a two-column page reads down one
    column, then the other."""
    if len(boxes) > XY_CUT_BOXES:  # each cut sorts its part: bounded, as the page's text is
        return sorted(boxes, key=lambda b: (b.y0, b.x0))
    out: list[Box] = []
    stack = [boxes]
    while stack:
        part = stack.pop()
        if len(part) <= 1:
            out.extend(part)
            continue
        across = _split(part, lambda b: (b.y0, b.y1))
        down = _split(part, lambda b: (b.x0, b.x1))
        gap, groups = max(across, down, key=lambda cut: cut[0])
        if down[0] >= MIN_GAP and _headings_side_by_side(across[1][0]):
            gap, groups = down  # a row of headings heads the columns under it
        if gap < MIN_GAP:
            out.extend(sorted(part, key=lambda b: (b.y0, b.x0)))
        else:
            stack.extend(reversed(groups))
    return out


def _headings_side_by_side(boxes: list[Box]) -> bool:
    """Two or more boxes side by side, each a short line or two set wholly in bold: the
    headings of a row of boxes ('1. Background', '2. Why it matters', '3. What happened')."""
    return (
        len(boxes) >= 2
        and all(0 < len(b.lines) <= 2 and all(ln.bold >= HEADING_BOLD for ln in b.lines)
                for b in boxes)
        and max(b.y0 for b in boxes) < min(b.y1 for b in boxes)  # on one band
    )  # fmt: skip


def _split(
    boxes: list[Box], span: Callable[[Box], tuple[float, float]]
) -> tuple[float, list[list[Box]]]:
    """The boxes cut in two at the widest band of white space along one axis, and its width
    (one cut at a time: smaller bands that happen to line up across columns come later)."""
    ordered = sorted(boxes, key=lambda b: span(b)[0])
    reach, widest, at = span(ordered[0])[1], 0.0, 0
    for k, b in enumerate(ordered[1:], 1):
        start, end = span(b)
        if start - reach > widest:
            widest, at = start - reach, k
        reach = max(reach, end)
    return widest, [ordered[:at], ordered[at:]] if at else [ordered]


def running_lines(pages: list[list[Box]]) -> set[str]:
    """Lines in a page's margin that recur on other pages: running headers, footers, numbers."""
    seen: dict[str, set[int]] = {}
    for page in pages:
        for box in page:
            if box.in_margin:
                seen.setdefault(box.key, set()).add(box.page)
    return {key for key, on in seen.items() if len(on) >= 2}


# a bullet: a glyph, a symbol font's private-use glyph, or one the font has no text for


# a bullet: a glyph, a symbol font's private-use glyph, or one the font has no text for
BULLET_GLYPH = re.compile(r"^(?:[•●▪◦‣∙·■□◆❖➢►▶✓✔\ue000-\uf8ff]|\(cid:\d+\)|-)\s*")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
SUP = re.compile(r"<sup>\d+</sup>")
