"""Markdown-ish text (what every reader produces) -> a flat list of typed blocks.

Blocks are headings, paragraphs, bullets, numbered table rows and footnotes. The rules here
are about layout, never about a particular document: lone box numbers, flattened tables,
paragraphs broken by page footers, bold-only headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.clean import (
    FOOTNOTE_DEF,
    is_garbage,
    is_rule,
    is_web_chrome,
    join_bold_breaks,
    normalise_footnote_markup,
    strip_bold,
    strip_inline,
)


@dataclass(frozen=True)
class Block:
    kind: str  # heading | para | bullet | row | footnote
    text: str
    level: int = 0
    number: str | None = None  # box, paragraph (4.2.3), row or list number
    lead: str | None = None  # bold lead-in of a bullet ("Ensure every child is seen")


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BOLD_RUNS = re.compile(r"^(?:\*\*[^*]+\*\*)+$")
_BOLD_SEG = re.compile(r"\*\*([^*]+)\*\*")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25cf\u2023\u2043\u25e6]|\d{1,2}\))\s+(.*)$")
_PARA_NUM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.*)$")
_LIST_NUM = re.compile(r"^(\d{1,2})[.:]\s+(\S.*)$")
_ROW = re.compile(r"^(\d{1,2})\t+(.+)$")
_TABLE_HEAD = re.compile(r"^([^\t]{2,60}?)\t+\s*$")
_HEADING_NUM = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)[.:]?\s+(\S.*)$")
_LONE_NUM = re.compile(r"^\d{1,2}$")
_CONTENTS_ROW = re.compile(r"\bPage\s+\d+\s*$")
_LEAD = re.compile(r"^\*\*(.+?)(?::\*\*|\*\*:)\s*(.*)$|^([^*]{3,80}?):\*\*\s*(.*)$")
# an item that prints its own label: 'Finding 2: …', 'Learning point 3. …', 'Recommendation 1 – …'
_OWN_LABEL = re.compile(r"^([A-Z][a-z]+(?: [a-z]+){0,2} \d{1,2}[a-z]?)\s*[:.–—-]\s+\S")
_TERMINAL = (".", "?", "!", ":", ";", ",", ")")
_URL = re.compile(r"https?://|www\.")


def looks_like_heading(text: str, numbered: bool = False) -> bool:
    """A short standalone line with no closing punctuation reads as a heading."""
    words = text.split()
    if numbered and text.endswith("?"):
        text = text[:-1]
    return (
        0 < len(words) <= 10
        and len(text) <= 70
        and (text[0].isupper() or text[0].isdigit())
        and not text.endswith(_TERMINAL)
        and not text.replace(" ", "").isdigit()
        and not _URL.search(text)
    )


def _bullet(body: str) -> Block:
    lead = None
    m = _LEAD.match(body.strip())
    if m:
        lead = strip_bold(m.group(1) or m.group(3))
    text = strip_bold(strip_inline(body))
    if lead is None and (own := _OWN_LABEL.match(text)):
        lead = own.group(1)
    numbered = _PARA_NUM.match(text) or _LIST_NUM.match(text)
    if numbered:
        return Block("bullet", numbered.group(2), number=numbered.group(1), lead=lead)
    return Block("bullet", text, lead=lead)


def _line_block(line: str, alone: bool) -> Block | None:
    """Classify one line. `alone` means a blank line (or a list) follows and precedes it."""
    if m := FOOTNOTE_DEF.match(line):
        return Block("footnote", strip_bold(strip_inline(m.group(2))), number=m.group(1))
    if m := _MD_HEADING.match(line):
        text = strip_bold(strip_inline(m.group(2)))
        if n := _HEADING_NUM.match(text):
            return Block("heading", n.group(2), level=len(m.group(1)), number=n.group(1))
        return Block("heading", text, level=len(m.group(1)))
    if m := _ROW.match(line):
        return Block("row", strip_bold(strip_inline(m.group(2))), number=m.group(1))
    if m := _TABLE_HEAD.match(line):
        return Block("heading", strip_bold(strip_inline(m.group(1))), level=3)
    if m := _BULLET.match(line):
        return _bullet(m.group(1))
    text = strip_inline(line)
    plain = strip_bold(text)
    if not plain:
        return None
    if _BOLD_RUNS.match(text) and len(plain) <= 100:
        if n := _HEADING_NUM.match(plain):
            return Block("heading", n.group(2), level=2, number=n.group(1))
        return Block("heading", plain, level=2)
    if m := _OWN_LABEL.match(plain):
        return Block("para", plain, lead=m.group(1))
    if (m := _LEAD.match(text)) and not _PARA_NUM.match(plain):  # '**Early Help:** …'
        return Block("para", plain, lead=strip_bold(m.group(1) or m.group(3)))
    if m := _PARA_NUM.match(plain):
        if alone and looks_like_heading(m.group(2), numbered=True):
            return Block("heading", m.group(2), level=2, number=m.group(1))
        return Block("para", m.group(2), number=m.group(1))
    if m := _LIST_NUM.match(plain):
        if alone and looks_like_heading(m.group(2), numbered=True):
            return Block("heading", m.group(2), level=2, number=m.group(1))
        return Block("para", m.group(2), number=m.group(1))
    if alone and looks_like_heading(plain):
        return Block("heading", plain, level=2)
    return Block("para", plain)


def _split_bold_runs(line: str) -> list[str]:
    """'**7 MINUTE BRIEFING****Neglect****1****About the family**' -> one line a segment."""
    if _BOLD_RUNS.match(line.strip()) and line.count("**") > 2:
        segments = [s.strip() for s in _BOLD_SEG.findall(line) if s.strip()]
        return [s if s.isdigit() else f"**{s}**" for s in segments]
    return [line]


def _lines(text: str) -> list[str]:
    text = normalise_footnote_markup(join_bold_breaks(text.replace("\r\n", "\n")))
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(_split_bold_runs(line.rstrip(" \r")))
    return out


def _skip(line: str, in_contents: bool) -> bool:
    return (
        is_web_chrome(line)
        or is_garbage(line)
        or is_rule(line)
        or (in_contents and bool(line.strip()))
    )


def raw_blocks(text: str, guess_headings: bool = True) -> list[Block]:
    """Every line to a block, with lone numbers kept as `box` markers for the next pass. A
    short line on its own is taken for a heading only when the format did not mark them."""
    lines = _lines(text)
    blocks: list[Block] = []
    in_contents = False
    prev_joinable = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            prev_joinable = False
            continue
        if strip_bold(strip_inline(stripped)).lower() in ("contents", "table of contents"):
            in_contents = True
            continue
        if in_contents:
            if _CONTENTS_ROW.search(line) or "\t" in line:
                continue
            in_contents = False
        if _skip(line, False):
            continue
        if _LONE_NUM.match(stripped):
            blocks.append(Block("box", "", number=stripped))
            prev_joinable = False
            continue
        before = i == 0 or not lines[i - 1].strip()
        after = i + 1 >= len(lines) or not lines[i + 1].strip() or bool(_BULLET.match(lines[i + 1]))
        block = _line_block(line, guess_headings and before and after)
        if block is None:
            continue
        if block.kind == "para" and prev_joinable and not before:
            blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text} {block.text}")
            continue
        blocks.append(block)
        prev_joinable = block.kind in ("para", "bullet")
    return blocks


def _attach_boxes(blocks: list[Block]) -> list[Block]:
    """A lone number right before a heading numbers it (7-minute briefing boxes).

    Anywhere else it is a page number, and goes.
    """
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if b.kind != "box":
            out.append(b)
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is not None and nxt.kind == "heading" and nxt.number is None:
            blocks[i + 1] = replace(nxt, number=b.number)
    return out


def _join_target(out: list[Block]) -> int | None:
    """Where a paragraph cut by a page break continues: the last open paragraph or bullet."""
    for j in range(len(out) - 1, -1, -1):
        b = out[j]
        if b.kind == "heading":
            return None
        if b.kind in ("para", "bullet") and not _URL.search(b.text):
            return None if b.text.endswith((".", "?", "!")) else j
    return None


def _join_continuations(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        j = (
            _join_target(out)
            if b.kind == "para" and b.number is None and b.text[:1].islower()
            else None
        )
        if j is None:
            out.append(b)
        else:
            out[j] = replace(out[j], text=f"{out[j].text} {b.text}")
    return out


def _split_long_headings(blocks: list[Block], titles: tuple[str, ...]) -> list[Block]:
    """'Learning points The Early Years Forum is ...' is a table header fused to its rows."""
    out: list[Block] = []
    for b in blocks:
        title = next((t for t in titles if b.text.lower().startswith(t)), None)
        if b.kind == "heading" and len(b.text) > 100 and title:
            out.append(replace(b, text=b.text[: len(title)]))
            out.append(Block("para", b.text[len(title) :].strip()))
        else:
            out.append(b)
    return out


def _merge_fragments(blocks: list[Block]) -> list[Block]:
    """Splinters ('2017', 'Child B') read better as the start of the paragraph after them; with
    no paragraph after them they stay as they are."""
    out: list[Block] = []
    carry = ""
    for b in blocks:
        if b.kind == "para" and len(b.text) < 25 and not b.text.endswith((".", "?", "!")):
            carry = f"{carry} {b.text}".strip()
            continue
        if carry and b.kind == "para":
            b = replace(b, text=f"{carry} {b.text}")
        elif carry and b.kind != "footnote":  # nothing to start: it stands alone, never lost
            out.append(Block("para", carry))
        carry = "" if b.kind != "footnote" else carry
        out.append(b)
    if carry:
        out.append(Block("para", carry))
    return out


def _merge_short_lists(blocks: list[Block]) -> list[Block]:
    """'Concerns included:' and a list of short phrases read as one sentence, so are one item."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "para" and b.text.endswith(":"):  # only a lead-in looks ahead: linear
            j = i + 1
            while j < len(blocks) and blocks[j].kind == "bullet" and len(blocks[j].text) < 60:
                j += 1
            if j > i + 1 and (j >= len(blocks) or blocks[j].kind != "bullet"):
                phrases = "; ".join(x.text.rstrip(".;") for x in blocks[i + 1 : j])
                out.append(replace(b, text=f"{b.text} {phrases}."))
                i = j
                continue
        out.append(b)
        i += 1
    return out


def parse_blocks(
    text: str, section_titles: tuple[str, ...] = (), guess_headings: bool = True
) -> list[Block]:
    blocks = _merge_short_lists(_attach_boxes(raw_blocks(text, guess_headings)))
    blocks = _split_long_headings(blocks, section_titles)
    return _merge_fragments(_join_continuations(blocks))
