"""PDF text in the order a reader reads it: pdfminer's text boxes put in order by recursive
XY-cut, without what every page repeats in its margins; each line's type size and weight say
what it is: the first page's largest text is the title, larger or bold short lines are headings,
small raised digits are footnote markers, and a contents page's dotted lines are dropped. A
box's wrapped lines join into paragraphs and bullets, breaking where a new paragraph starts."""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from ingest.readers import Reading, UnreadableDocument, table_rows, with_lead

if TYPE_CHECKING:
    from pdfminer.layout import LTTextLine

PAGE_CHARS_MAX = 12_000  # about twice the text of a dense printed page
MARGIN_BAND = 0.12  # running headers and footers sit in the top or bottom eighth of a page
TITLE_SCALE = 1.4  # the first page's largest text, this much above the body's, is the title
HEADING_SCALE = 1.15  # a short line this much larger than the body's text is a heading
BOLD_SHARE = 0.8  # a short line with this share of bold characters is a heading
HEADING_WORDS = 20  # a heading is never longer than this
FOOTNOTE_SCALE = 0.92  # a numbered line in type this much smaller than the body is a footnote
SUPERSCRIPT_SCALE = 0.85  # a raised digit this much smaller than its line marks a footnote
PARAGRAPH_GAP = 0.45  # white space above a line, in units of its type size, that opens a paragraph
MIN_GAP = 1.0  # points: a narrower band of white space does not separate boxes
ROW_SHARE = 0.5  # a box with this share of its height beside a row's is one of its cells
COLUMN_ALIGN = 8.0  # points: the cells of a table's column start this close to one left edge
ROW_GAP = 24.0  # points: a table's row starts this close under the row above
RULE_SLACK = 2.0  # points: a rule this close outside a cell's edge still stands between cells
ALIGN_SLACK = 3.0  # points: lines whose left edges or centres are this close are set as one
GLYPH_GAP = 36.0  # points: a bullet glyph at most this far left of a line marks it
XY_CUT_BOXES = 400  # a page with more text boxes than a printed page has is read top to bottom
WHOLE_WORD_ZIPF = 2.5  # a word broken by a hyphen at a line's end is one word when this common
PART_WORD_ZIPF = 3.0  # … unless both its parts are words this common ('well-being')


@dataclass
class _Line:
    text: str
    size: float  # mean character height
    bold: float  # share of characters set in a bold face
    y0: float  # points from the top
    y1: float
    x0: float = 0.0  # points from the left
    x1: float = 0.0
    lead: str = ""  # the bold words it opens with, when the rest is not bold


@dataclass(frozen=True)
class _Rule:
    """An upright edge printed on the page: a line, or a side of a rectangle."""

    x: float
    y0: float  # points from the top
    y1: float


@dataclass
class _Box:
    page: int
    x0: float  # points from the left
    y0: float  # points from the top
    x1: float
    y1: float
    page_height: float
    size: float  # mean character height
    lines: list[_Line]

    @property
    def in_margin(self) -> bool:
        band = self.page_height * MARGIN_BAND
        return self.y1 <= band or self.y0 >= self.page_height - band

    @property
    def key(self) -> str:
        """The same running line on every page: 'Page 3' and 'Page 4' alike."""
        text = " ".join(line.text for line in self.lines)
        return re.sub(r"\d+", "#", " ".join(_SUP.sub("", text).lower().split()))


def read_pdf(data: bytes) -> Reading:
    """Text boxes in reading order (cut along the widest bands of white space, across or down,
    again and again), without the running headers and footers the pages repeat, as
    Markdown-ish text: the title, headings, paragraphs, bullets and footnotes."""
    read = list(_pdf_pages(data))
    pages = [_xy_cut(boxes) for boxes, _ in read]
    page_rules = [rules for _, rules in read]
    running = _running(pages)
    kept = [[b for b in page if not (b.in_margin and b.key in running)] for page in pages]
    body = _body([line for page in kept for box in page for line in box.lines])
    title = _title(kept[0], body) if kept else []
    headings = sorted({round(ln.size) for p in kept for b in p for ln in b.lines
                       if ln not in title and _is_heading(ln, body)}, reverse=True)  # fmt: skip
    out: list[str] = []
    if title:
        out.append("# " + _joined(title))
    for page, rules in zip(kept, page_rules, strict=True):
        # bullet glyphs set apart from their text: each marks the line beside it as a bullet
        marks = [ln for b in page for ln in b.lines if _BULLET_GLYPH.fullmatch(ln.text)]
        glyphs = [b for b in page if all(_BULLET_GLYPH.fullmatch(ln.text) for ln in b.lines)]
        tables = _tables([b for b in page if not any(ln in title for ln in b.lines)], rules)
        inside = {id(b) for rows in tables for row in rows for b in row}
        starts = {}  # each table is read where its first box comes in reading order
        for rows in tables:
            members = {id(b) for row in rows for b in row}
            starts[id(next(b for b in page if id(b) in members))] = rows
        for box in page:
            if id(box) in starts:
                out.extend(table_rows([[_cell(b) for b in row] for row in starts[id(box)]]))
            if id(box) in inside:
                continue
            if box in glyphs:
                continue
            lines = [ln for ln in box.lines if ln not in title]
            out.extend(_paragraphs(lines, body, headings, marks))
    return Reading("\n\n".join(_without_contents(out)), headings_marked=bool(headings))


def _tables(page: list[_Box], rules: list[_Rule]) -> list[list[list[_Box]]]:
    """Tables a PDF prints without saying so: two or more rows of two or more boxes, the boxes
    of a row side by side, those of a column at one left edge, each row just under the one
    above, and a printed rule between every two cells of a row (a briefing's grid of boxes
    has white space between its boxes, not rules)."""
    rows: list[list[_Box]] = []
    for box in sorted(page, key=lambda b: (b.y0, b.x0)):
        if rows and _beside(box, rows[-1]):
            rows[-1].append(box)
        else:
            rows.append([box])
    rows = [sorted(row, key=lambda b: b.x0) for row in rows]
    tables: list[list[list[_Box]]] = []
    run: list[list[_Box]] = []
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


def _beside(box: _Box, row: list[_Box]) -> bool:
    """The box sits in the row: most of its height is within the row's (a cell's text may sit
    at the top or the foot of its cell)."""
    top, bottom = min(b.y0 for b in row), max(b.y1 for b in row)
    shared = min(bottom, box.y1) - max(top, box.y0)
    return shared >= ROW_SHARE * min(box.y1 - box.y0, bottom - top)


def _ruled(row: list[_Box], rules: list[_Rule]) -> bool:
    """A rule stands between every two neighbouring cells of the row."""
    top, bottom = min(b.y0 for b in row), max(b.y1 for b in row)
    return all(
        any(
            left.x1 - RULE_SLACK <= r.x <= right.x0 + RULE_SLACK and r.y0 < bottom and r.y1 > top
            for r in rules
        )
        for left, right in itertools.pairwise(row)
    )


def _under(row: list[_Box], above: list[_Box]) -> bool:
    """The row continues the table above it: as many cells, in the same columns, close under."""
    return (
        len(row) == len(above)
        and all(abs(a.x0 - b.x0) <= COLUMN_ALIGN for a, b in zip(row, above, strict=True))
        and row[0].y0 - max(b.y1 for b in above) <= ROW_GAP
    )


def _cell(box: _Box) -> str:
    return _SUP.sub("", " ".join(line.text for line in box.lines))


@dataclass(frozen=True)
class _Type:
    """The body text's type: its size, and whether it is set in bold (then bold marks nothing)."""

    size: float
    bold: bool


def _body(lines: list[_Line]) -> _Type:
    """The type most of the text is set in."""
    chars: Counter[float] = Counter()
    for line in lines:
        chars[round(line.size, 1)] += len(line.text)
    if not chars:
        return _Type(0.0, False)
    size = chars.most_common(1)[0][0]
    body = [ln for ln in lines if round(ln.size, 1) == size]
    bold = sum(ln.bold * len(ln.text) for ln in body) / max(sum(len(ln.text) for ln in body), 1)
    return _Type(size, bold >= BOLD_SHARE)


def _title(page: list[_Box], body: _Type) -> list[_Line]:
    """The first page's largest lines, read together, when they stand well above the body."""
    lines = [ln for box in page for ln in box.lines if _LETTER.search(ln.text)]
    if not lines:
        return []
    largest = max(ln.size for ln in lines)
    if largest < body.size * TITLE_SCALE:
        return []
    first = next(k for k, ln in enumerate(lines) if ln.size >= largest - 0.5)
    run = [lines[first]]
    for ln in lines[first + 1 :]:
        if ln.size < largest - 0.5 or not _aligned(run[-1], ln):
            break
        run.append(ln)
    rest = lines[first + len(run) :]
    if _only_names_a_kind(run) and rest and rest[0].size >= body.size * TITLE_SCALE:
        # '7 Minute Briefing' in the largest type names what the document is; the line under
        # it ('Neglect: Child Y') says which one
        size = rest[0].size
        run += [ln for ln in itertools.takewhile(lambda ln: abs(ln.size - size) < 0.5, rest)]
    return run if len(" ".join(ln.text for ln in run).split()) >= 2 else []


def _aligned(above: _Line, below: _Line) -> bool:
    """Two lines set as one block: the same left edge, or the same centre."""
    centre = abs((above.x0 + above.x1) - (below.x0 + below.x1)) / 2
    return abs(above.x0 - below.x0) <= ALIGN_SLACK or centre <= ALIGN_SLACK


def _joined(title: list[_Line]) -> str:
    """The title's lines as one: a line of another size is a part of its own ('7 Minute
    Briefing: Neglect and the voice of Child Y')."""
    text = title[0].text
    for before, line in itertools.pairwise(title):
        same = abs(before.size - line.size) < 0.5 or text.endswith((":", "–", "-"))
        text = f"{text} {line.text}" if same else f"{text}: {line.text}"
    return text


def _only_names_a_kind(lines: list[_Line]) -> bool:
    words = re.findall(r"[a-z0-9]+", " ".join(ln.text for ln in lines).lower())
    return all(w in _KIND_OF_DOCUMENT for w in words)


def _is_heading(line: _Line, body: _Type) -> bool:
    """A short line set larger than the body text, or in bold, that does not read as a
    sentence running on."""
    text = _SUP.sub("", line.text).strip()
    words = text.split()
    if not words or len(words) > HEADING_WORDS or not _LETTER.search(text):
        return False
    if text.endswith((",", ";")) or _BULLET_GLYPH.match(text):
        return False
    larger = line.size >= body.size * HEADING_SCALE
    sentence = text.endswith(".") and not (_SECTION.match(text) and len(words) <= 8)
    bold = line.bold >= BOLD_SHARE and line.size >= body.size * 0.95 and not sentence
    return larger or (bold and not body.bold)


def _paragraphs(
    lines: list[_Line],
    body: _Type,
    headings: list[int],
    bullets: Sequence[_Line] = (),
) -> list[str]:
    """A box's lines -> headings, paragraphs and bullets. A paragraph ends where a heading
    starts, where a bullet glyph (on the line, or among `bullets` just left of it) or a
    paragraph number ('2.3', 'Finding 2:') opens a line, or where white space above a line is
    wider than the lines' own spacing."""
    out: list[str] = []
    previous: _Line | None = None
    open_heading = False
    for line in lines:
        text = line.text
        if _LEADER.search(text):
            out.append(_CONTENTS)  # a contents entry: '3. Findings ........ 4'
            previous, open_heading = None, False
            continue
        if _is_heading(line, body):
            level = (
                2 + min(headings.index(round(line.size)), 2) if round(line.size) in headings else 4
            )
            wrapped = open_heading and previous is not None and abs(previous.size - line.size) < 0.5
            if wrapped and not _NUMBERED.match(text):
                out[-1] = f"{out[-1]} {text}"  # a heading wrapped onto two lines
            else:
                out.append(f"{'#' * level} {text}")
            previous, open_heading = line, True
            continue
        if _BULLET_GLYPH.fullmatch(text):
            continue  # a glyph on a line of its own marks the line level with it
        if m := _BULLET_GLYPH.match(text):
            out.append("- " + with_lead(text[m.end() :], _BULLET_GLYPH.sub("", line.lead)))
        elif any(_level_with(line, glyph) for glyph in bullets):
            out.append("- " + with_lead(text, line.lead))
        elif (note := _FOOTNOTE.match(text)) and line.size <= body.size * FOOTNOTE_SCALE:
            out.append(f"<sup>{note.group(1)}</sup> {text[note.end() :]}")  # '1 Suzy Kitching is …'
        elif previous is None or open_heading or _opens(line, previous):
            out.append(with_lead(text, line.lead))
        else:
            out[-1] = _join(out[-1], text)
        previous, open_heading = line, False
    return out


def _level_with(line: _Line, glyph: _Line) -> bool:
    """A glyph printed just left of the line: most of the smaller's height is shared."""
    shared = min(line.y1, glyph.y1) - max(line.y0, glyph.y0)
    left = glyph.x1 <= line.x0 + RULE_SLACK and line.x0 - glyph.x1 <= GLYPH_GAP
    return left and shared >= ROW_SHARE * min(line.y1 - line.y0, glyph.y1 - glyph.y0)


def _join(before: str, after: str) -> str:
    """A paragraph's next line: a word broken at the line's end by a hyphen is made whole
    ('practi-' 'tioners' -> 'practitioners') unless the hyphen is its own ('multi-agency',
    'day-to-day')."""
    if not (before.endswith("-") and before[-2:-1].isalpha() and after[:1].islower()):
        return f"{before} {after}"
    broken = _BROKEN.search(before)  # none mid-compound: 'day-to-' 'day'
    if broken:
        head, tail = broken.group(1).lower(), re.sub(r"\W.*$", "", after).lower()
        if not (_word(head) and _word(tail)) and _common(head + tail, WHOLE_WORD_ZIPF):
            return before[:-1] + after  # 'practi-' 'tioners', 'safeguard-' 'ing'
    return before + after  # 'well-' 'being', 'multi-' 'agency', 'day-to-' 'day'


def _word(part: str) -> bool:
    """A part of a hyphenated word that is a word of its own ('well', 'being'), not a piece."""
    return len(part) >= 4 and _common(part, PART_WORD_ZIPF)


def _common(word: str, zipf: float) -> bool:
    return zipf_frequency(word, "en") >= zipf


def _opens(line: _Line, previous: _Line) -> bool:
    """This line starts a new paragraph of its own."""
    gap = line.y0 - previous.y1
    return gap > PARAGRAPH_GAP * max(line.size, 1.0) or bool(_NUMBERED.match(line.text))


def _without_contents(paragraphs: list[str]) -> list[str]:
    """A contents page says where things are, not what they say: its dotted lines go, and so
    does a heading over nothing but them."""
    out: list[str] = []
    for k, text in enumerate(paragraphs):
        if text == _CONTENTS:
            continue
        following = paragraphs[k + 1] if k + 1 < len(paragraphs) else ""
        if text.startswith("#") and following == _CONTENTS:
            continue
        out.append(text)
    return out


def _pdf_pages(data: bytes) -> Iterator[tuple[list[_Box], list[_Rule]]]:
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
                rules += [_Rule(x, top - el.y1, top - el.y0) for x in {el.x0, el.x1}]
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
                    _Box(number, el.x0, top - el.y1, el.x1, top - el.y0, layout.height, size, lines)
                )
        yield boxes, rules


def _line(line: LTTextLine, top: float) -> _Line | None:
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
        glyph = not opening and (not c.get_text().strip() or _BULLET_GLYPH.match(c.get_text()))
        if isinstance(c, LTChar) and _BOLD.search(c.fontname) is None and not glyph:
            break
        opening.append(c.get_text())
    lead = " ".join("".join(opening).split()) if 0 < bold < 1 else ""
    return _Line(text, size, bold, top - line.y1, top - line.y0, line.x0, line.x1, lead)


def _xy_cut(boxes: list[_Box]) -> list[_Box]:
    """Reading order by recursive XY-cut: cut the boxes at the widest band of white space,
    across the page (top part first) or down it (left part first), and each part again. The
    boxes of a 7-minute briefing's grid read row by row; a two-column page reads down one
    column, then the other."""
    if len(boxes) > XY_CUT_BOXES:  # each cut sorts its part: bounded, as the page's text is
        return sorted(boxes, key=lambda b: (b.y0, b.x0))
    out: list[_Box] = []
    stack = [boxes]
    while stack:
        part = stack.pop()
        if len(part) <= 1:
            out.extend(part)
            continue
        across = _split(part, lambda b: (b.y0, b.y1))
        down = _split(part, lambda b: (b.x0, b.x1))
        gap, groups = max(across, down, key=lambda cut: cut[0])
        if gap < MIN_GAP:
            out.extend(sorted(part, key=lambda b: (b.y0, b.x0)))
        else:
            stack.extend(reversed(groups))
    return out


def _split(
    boxes: list[_Box], span: Callable[[_Box], tuple[float, float]]
) -> tuple[float, list[list[_Box]]]:
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


def _running(pages: list[list[_Box]]) -> set[str]:
    """Lines in a page's margin that recur on other pages: running headers, footers, numbers."""
    seen: dict[str, set[int]] = {}
    for page in pages:
        for box in page:
            if box.in_margin:
                seen.setdefault(box.key, set()).add(box.page)
    return {key for key, on in seen.items() if len(on) >= 2}


# a bullet: a glyph, a symbol font's private-use glyph, or one the font has no text for
_BULLET_GLYPH = re.compile(r"^(?:[•●▪◦‣∙·■□◆❖➢►▶✓✔\ue000-\uf8ff]|\(cid:\d+\)|-)\s*")
_LETTER = re.compile(r"[A-Za-z]")
_SECTION = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\S")  # '1.5 Summary learning.'
_BROKEN = re.compile(r"(?<![-\w])([A-Za-z]+)-$")  # a line ending mid-word, not mid-compound
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_SUP = re.compile(r"<sup>\d+</sup>")
_FOOTNOTE = re.compile(r"^(\d{1,3})\s+(?=[A-Z])")  # '12 Working Together …'
# a contents entry: a title, then dots (or spaced dots) to a page number
_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|…\s*\d{1,4}\s*$")
# a line that opens a paragraph: a footnote ('¹ Working Together …'), a numbered paragraph
# ('2.3 The midwife …', '4. The …'), a numbered item ('Finding 2: …')
_NUMBERED = re.compile(
    r"^(?:<sup>\d+</sup>|\d{1,2}(?:\.\d{1,2})+\.?\s|\d{1,2}\.\s+[A-Z]"
    r"|[A-Z][a-z]+(?: [a-z]+)? \d{1,2}[:.]\s)"
)
# words that say what kind of document it is, not which one ('7 Minute Briefing')
_KIND_OF_DOCUMENT = frozenset(
    """7 seven minute min briefing learning executive summary review report local child
    children safeguarding practice rapid full thematic case the a of and""".split()
)
_CONTENTS = "\x00contents"  # a placeholder where a contents entry was
