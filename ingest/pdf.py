"""What a PDF's text is, line by line, once `pdf_layout` has put its boxes in reading order and
dropped what every page repeats in its margins: the first page's largest lines are the title,
larger or bold short lines are headings, small raised digits mark footnotes and small numbered
lines are footnotes, a contents page's dotted lines go, a table's rows are read with their
header row, and a box's wrapped lines join into paragraphs and bullets, breaking where a new
paragraph starts."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from wordfreq import zipf_frequency

from ingest.pdf_layout import (
    BULLET_GLYPH,
    ROW_SHARE,
    RULE_SLACK,
    SUP,
    Box,
    Line,
    cell,
    find_tables,
    read_pages,
    running_lines,
    xy_cut,
)
from ingest.readers import Reading, table_rows, with_lead

TITLE_SCALE = 1.4  # the first page's largest text, this much above the body's, is the title
HEADING_SCALE = 1.15  # a short line this much larger than the body's text is a heading
BOLD_SHARE = 0.8  # a short line with this share of bold characters is a heading
HEADING_WORDS = 20  # a heading is never longer than this
FOOTNOTE_SCALE = 0.92  # a numbered line in type this much smaller than the body is a footnote
PARAGRAPH_GAP = 0.45  # white space above a line, in units of its type size, that opens a paragraph
ALIGN_SLACK = 3.0  # points: lines whose left edges or centres are this close are set as one
GLYPH_GAP = 36.0  # points: a bullet glyph at most this far left of a line marks it
WHOLE_WORD_ZIPF = 2.5  # a word broken by a hyphen at a line's end is one word when this common
PART_WORD_ZIPF = 3.0  # … unless both its parts are words this common ('well-being')


def read_pdf(data: bytes) -> Reading:
    """Text boxes in reading order (cut along the widest bands of white space, across or down,
    again and again), without the running headers and footers the pages repeat, as
    Markdown-ish text: the title, headings, paragraphs, bullets and footnotes."""
    read = list(read_pages(data))
    pages = [xy_cut(boxes) for boxes, _ in read]
    page_rules = [rules for _, rules in read]
    running = running_lines(pages)
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
        marks = [ln for b in page for ln in b.lines if BULLET_GLYPH.fullmatch(ln.text)]
        glyphs = [b for b in page if all(BULLET_GLYPH.fullmatch(ln.text) for ln in b.lines)]
        tables = find_tables([b for b in page if not any(ln in title for ln in b.lines)], rules)
        inside = {id(b) for rows in tables for row in rows for b in row}
        starts = {}  # each table is read where its first box comes in reading order
        for rows in tables:
            members = {id(b) for row in rows for b in row}
            starts[id(next(b for b in page if id(b) in members))] = rows
        for box in page:
            if id(box) in starts:
                out.extend(table_rows([[cell(b) for b in row] for row in starts[id(box)]]))
            if id(box) in inside:
                continue
            if box in glyphs:
                continue
            lines = [ln for ln in box.lines if ln not in title]
            out.extend(_paragraphs(lines, body, headings, marks))
    return Reading("\n\n".join(_without_contents(out)), headings_marked=bool(headings))


@dataclass(frozen=True)
class _Type:
    """The body text's type: its size, and whether it is set in bold (then bold marks nothing)."""

    size: float
    bold: bool


def _body(lines: list[Line]) -> _Type:
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


def _title(page: list[Box], body: _Type) -> list[Line]:
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


def _aligned(above: Line, below: Line) -> bool:
    """Two lines set as one block: the same left edge, or the same centre."""
    centre = abs((above.x0 + above.x1) - (below.x0 + below.x1)) / 2
    return abs(above.x0 - below.x0) <= ALIGN_SLACK or centre <= ALIGN_SLACK


def _joined(title: list[Line]) -> str:
    """The title's lines as one: a line of another size is a part of its own ('7 Minute
    Briefing: Neglect and the voice of Child Y')."""
    text = title[0].text
    for before, line in itertools.pairwise(title):
        same = abs(before.size - line.size) < 0.5 or text.endswith((":", "–", "-"))
        text = f"{text} {line.text}" if same else f"{text}: {line.text}"
    return text


def _only_names_a_kind(lines: list[Line]) -> bool:
    words = re.findall(r"[a-z0-9]+", " ".join(ln.text for ln in lines).lower())
    return all(w in _KIND_OF_DOCUMENT for w in words)


def _is_heading(line: Line, body: _Type) -> bool:
    """A short line set larger than the body text, or in bold, that does not read as a
    sentence running on."""
    text = SUP.sub("", line.text).strip()
    words = text.split()
    if not words or len(words) > HEADING_WORDS or not _LETTER.search(text):
        return False
    if text.endswith((",", ";")) or BULLET_GLYPH.match(text):
        return False
    larger = line.size >= body.size * HEADING_SCALE
    sentence = text.endswith(".") and not (_SECTION.match(text) and len(words) <= 8)
    bold = line.bold >= BOLD_SHARE and line.size >= body.size * 0.95 and not sentence
    return larger or (bold and not body.bold)


def _paragraphs(
    lines: list[Line],
    body: _Type,
    headings: list[int],
    bullets: Sequence[Line] = (),
) -> list[str]:
    """A box's lines -> headings, paragraphs and bullets. A paragraph ends where a heading
    starts, where a bullet glyph (on the line, or among `bullets` just left of it) or a
    paragraph number ('2.3', 'Finding 2:') opens a line, or where white space above a line is
    wider than the lines' own spacing."""
    out: list[str] = []
    previous: Line | None = None
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
        if BULLET_GLYPH.fullmatch(text):
            continue  # a glyph on a line of its own marks the line level with it
        if m := BULLET_GLYPH.match(text):
            out.append("- " + with_lead(text[m.end() :], BULLET_GLYPH.sub("", line.lead)))
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


def _level_with(line: Line, glyph: Line) -> bool:
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


def _opens(line: Line, previous: Line) -> bool:
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


_LETTER = re.compile(r"[A-Za-z]")
_SECTION = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\S")  # '1.5 Summary learning.'
_BROKEN = re.compile(r"(?<![-\w])([A-Za-z]+)-$")  # a line ending mid-word, not mid-compound
_FOOTNOTE = re.compile(r"^(\d{1,3})\s+(?=[A-Z])")  # '12 Working Together …'
# a contents entry: a title, then dots (or spaced dots) to a page number
# a contents entry: a title, then dots (or spaced dots) to a page number
_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|…\s*\d{1,4}\s*$")
# a line that opens a paragraph: a footnote ('¹ Working Together …'), a numbered paragraph
# ('2.3 The midwife …', '4. The …'), a numbered item ('Finding 2: …')
# a line that opens a paragraph: a footnote ('¹ Working Together …'), a numbered paragraph
# ('2.3 The midwife …', '4. The …'), a numbered item ('Finding 2: …')
_NUMBERED = re.compile(
    r"^(?:<sup>\d+</sup>|\d{1,2}(?:\.\d{1,2})+\.?\s|\d{1,2}\.\s+[A-Z]"
    r"|[A-Z][a-z]+(?: [a-z]+)? \d{1,2}[:.]\s)"
)
# words that say what kind of document it is, not which one ('7 Minute Briefing')
# words that say what kind of document it is, not which one ('7 Minute Briefing')
_KIND_OF_DOCUMENT = frozenset(
    """7 seven minute min briefing learning executive summary review report local child
    children safeguarding practice rapid full thematic case the a of and""".split()
)
_CONTENTS = "\x00contents"  # a placeholder where a contents entry was
