"""PDF text in the order a reader reads it: pdfminer's text boxes put in order by recursive
XY-cut, without what every page repeats in its margins, the first page's largest text as the
title, and each box's wrapped lines joined into paragraphs and bullets."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ingest.readers import UnreadableDocument

PAGE_CHARS_MAX = 12_000  # about twice the text of a dense printed page
MARGIN_BAND = 0.12  # running headers and footers sit in the top or bottom eighth of a page
TITLE_SCALE = 1.4  # the first page's largest text, this much above the body's, is the title
MIN_GAP = 1.0  # points: a narrower band of white space does not separate boxes
XY_CUT_BOXES = 400  # a page with more text boxes than a printed page has is read top to bottom


@dataclass
class _Box:
    page: int
    x0: float  # points from the left
    y0: float  # points from the top
    x1: float
    y1: float
    page_height: float
    size: float  # mean character height
    lines: list[str]

    @property
    def in_margin(self) -> bool:
        band = self.page_height * MARGIN_BAND
        return self.y1 <= band or self.y0 >= self.page_height - band

    @property
    def key(self) -> str:
        """The same running line on every page: 'Page 3' and 'Page 4' alike."""
        return re.sub(r"\d+", "#", " ".join(" ".join(self.lines).lower().split()))


def read_pdf(data: bytes) -> str:
    """Text boxes in reading order (cut along the widest bands of white space, across or down,
    again and again), without the running headers and footers the pages repeat, the first
    page's largest text marked as the title."""
    pages = [_xy_cut(boxes) for boxes in _pdf_pages(data)]
    running = _running(pages)
    sizes = sorted(b.size for page in pages for b in page)
    median = sizes[len(sizes) // 2] if sizes else 0.0
    title = max(pages[0], key=lambda b: b.size, default=None) if pages else None
    if title and (title.size < median * TITLE_SCALE or len(" ".join(title.lines).split()) < 3):
        title = None
    paragraphs: list[str] = []
    for page in pages:
        for box in page:
            if box is title:
                paragraphs.append("# " + " ".join(box.lines))
            elif not (box.in_margin and box.key in running):
                paragraphs.extend(_pdf_box(box.lines))
    return "\n\n".join(paragraphs)


def _pdf_pages(data: bytes) -> Iterator[list[_Box]]:
    """Each page's text boxes. pdfminer's layout analysis grows with the square of a page's
    characters, so a page holding more than a printed page can is refused, not analysed."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTTextContainer
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
        boxes = []
        for el in layout:
            if not isinstance(el, LTTextContainer):
                continue
            lines = [ln.strip() for ln in el.get_text().splitlines() if ln.strip()]
            sizes = [c.size for line in el for c in line if isinstance(c, LTChar)]
            if lines:
                top = layout.y1
                size = sum(sizes) / len(sizes) if sizes else 0.0
                boxes.append(
                    _Box(number, el.x0, top - el.y1, el.x1, top - el.y0, layout.height, size, lines)
                )
        yield boxes


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


_PDF_BULLET = re.compile(r"^(?:[•●▪◦‣∙·]|\(cid:\d+\)|-)\s*")


def _pdf_box(lines: list[str]) -> list[str]:
    """A text box's wrapped lines -> paragraphs; a bullet glyph (or an unmapped glyph where
    the font has no text for it, '(cid:127)') starts a new bulleted one."""
    out: list[str] = []
    for line in lines:
        if m := _PDF_BULLET.match(line):
            out.append("- " + line[m.end() :])
        elif not out:
            out.append(line)
        else:
            out[-1] = f"{out[-1]} {line}"
    return out
