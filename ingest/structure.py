"""Blocks -> sections -> learning items, with the cleaned text and each item's offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pysbd

from app.core.records import DocumentMeta, Item, item_id
from app.core.themes import Theme, themes_for
from ingest.blocks import Block
from ingest.classify import audience_for_section, default_kind, footnote_kind, kind_for_section

MAX_ITEM_CHARS = 1000  # longer paragraphs are split at sentence boundaries
TARGET_PART_CHARS = 700
WHOLE_KINDS = ("learning_point", "recommendation", "reflective_question")
_SEGMENTER = pysbd.Segmenter(language="en", clean=False)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SEGMENTER.segment(text) if s.strip()]


@dataclass
class _Draft:
    text: str
    kind: str
    label: str
    section_path: tuple[str, ...]
    audience: str | None = None


@dataclass
class _Builder:
    meta: DocumentMeta
    themes: tuple[Theme, ...]
    path: list[tuple[int, str]] = field(default_factory=list)
    counters: dict[tuple[tuple[str, ...], str], int] = field(default_factory=dict)
    last_row: int = 0
    seen_title: bool = False
    drafts: list[_Draft | str] = field(default_factory=list)  # str = a heading in the text

    @property
    def section_path(self) -> tuple[str, ...]:
        return tuple(h for _, h in self.path)

    def heading(self, b: Block) -> None:
        if b.level == 1 and self.seen_title:  # only the title is level 1; extractors overuse '#'
            b = replace(b, level=2)
        self.seen_title = True
        while self.path and self.path[-1][0] >= b.level:
            self.path.pop()
        title = f"{b.number} {b.text}" if b.number else b.text
        self.path.append((b.level, title))
        self.drafts.append(title)

    def count(self, what: str, peek: bool = False) -> int:
        key = (self.section_path, what)
        self.counters[key] = self.counters.get(key, 0) + (0 if peek else 1)
        return self.counters[key]

    def add(self, text: str, kind: str, label: str, audience: str | None = None) -> None:
        self.drafts.append(_Draft(text, kind, label, self.section_path, audience))


def _label(b: Block, kind: str, builder: _Builder, audience: str | None) -> str:
    section = builder.section_path[-1] if builder.section_path else ""
    if kind == "reflective_question":
        who = {"leaders": "Leaders' question", "practitioners": "Practitioners' question"}
        return f"{who.get(audience or '', 'Question')} {builder.count('q')}"
    if kind == "recommendation":
        n = b.number if b.number and b.number.isdigit() else str(builder.count("r"))
        words = section.split()
        short = words[0] if len(words) == 1 and "recommend" not in section.lower() else ""
        return f"{short} recommendation {n}".strip().capitalize()
    if b.lead:
        return b.lead
    if b.number and "." in b.number:
        return f"Paragraph {b.number}"
    return f"{'Point' if b.kind == 'bullet' else 'Paragraph'} {builder.count('p')}"


def _flattened_rows(text: str, first: int) -> list[tuple[int, str]]:
    """Rows of a table whose number column landed mid-text: '... by 10 building ... 11 Adult ...'.

    Each number marks a row; the row starts at the sentence holding the number, or at the
    sentence before when the number sits mid-sentence (a number cell is vertically centred).
    """
    sents = sentences(text)
    marks: list[tuple[int, int, bool]] = []  # (number, sentence index, at sentence start)
    n = first
    for i, s in enumerate(sents):
        while m := re.search(rf"(?:^|\s){n}(?=\s)", s):
            marks.append((n, i, m.start() == 0))
            sents[i] = (
                (s[: m.start()] + s[m.end() :]).strip() if m.start() else s[m.end() :].strip()
            )
            s = sents[i]
            n += 1
    if len(marks) < 2:  # one stray number is not a flattened table
        return []
    starts: list[int] = []
    for k, (_, i, at_start) in enumerate(marks):
        start = i if at_start or k == 0 and i == 0 else i - 1
        floor = marks[k - 1][1] + 1 if k else 0
        starts.append(0 if k == 0 else max(start, floor))
    ends = starts[1:] + [len(sents)]
    return [
        (marks[k][0], " ".join(sents[a:b]))
        for k, (a, b) in enumerate(zip(starts, ends, strict=True))
    ]


def _sentence_ends(text: str) -> tuple[int, ...]:
    ends, pos = [], 0
    for s in sentences(text):
        found = text.find(s, pos)
        if found < 0:
            continue
        pos = found + len(s)
        ends.append(pos)
    return tuple(ends[:-1] + [len(text)]) if ends else (len(text),)


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_ITEM_CHARS:
        return [text]
    parts: list[str] = []
    current = ""
    for s in sentences(text):
        if current and len(current) + len(s) > TARGET_PART_CHARS:
            parts.append(current)
            current = s
        else:
            current = f"{current} {s}".strip()
    if current:
        parts.append(current)
    return parts


def _body(b: Block, builder: _Builder) -> None:
    path = builder.section_path
    default = default_kind(builder.meta.type)
    kind = kind_for_section(path, default) if path else default
    if kind == "recommendation" and b.number and "." in b.number:
        kind = default  # a numbered paragraph of a summary, not a recommendation
    if b.kind == "para" and b.number is None and builder.count("bullets", peek=True):
        kind = "context"  # a note after a list ('Actions will be reviewed ...')
    if b.kind == "bullet":
        builder.count("bullets")
    audience = audience_for_section(path) if kind == "reflective_question" else None
    if kind == "reflective_question" and not b.text.rstrip().endswith("?"):
        kind = "context"
    if kind == "learning_point" and b.kind == "para" and builder.last_row and b.number is None:
        rows = _flattened_rows(b.text, builder.last_row + 1)
        if rows:
            for n, text in rows:
                builder.add(text, kind, f"Learning point {n}")
            builder.last_row = rows[-1][0]
            return
    label = _label(b, kind, builder, audience)
    parts = [b.text] if kind in WHOLE_KINDS else _split_long(b.text)
    for i, part in enumerate(parts, 1):
        builder.add(part, kind, label if len(parts) == 1 else f"{label} (part {i})", audience)


def _row(b: Block, builder: _Builder) -> None:
    kind = kind_for_section(builder.section_path, "learning_point")
    word = {"learning_point": "Learning point", "recommendation": "Recommendation"}
    builder.add(b.text, kind, f"{word.get(kind, 'Row')} {b.number}")
    builder.last_row = int(b.number or 0)


def build_items(meta: DocumentMeta, blocks: list[Block], themes: tuple[Theme, ...]):
    """Return (cleaned_text, items) for one document."""
    builder = _Builder(meta, themes)
    for b in blocks:
        match b.kind:
            case "heading":
                builder.heading(b)
            case "row":
                _row(b, builder)
            case "footnote":
                builder.add(b.text, footnote_kind(b.text), f"Footnote {b.number}")
            case _:
                _body(b, builder)
    return _assemble(meta, builder.drafts, themes)


def _assemble(meta: DocumentMeta, drafts: list[_Draft | str], themes: tuple[Theme, ...]):
    chunks: list[str] = []
    items: list[Item] = []
    seen: set[str] = set()
    offset = 0
    for d in drafts:
        text = d if isinstance(d, str) else d.text
        if isinstance(d, _Draft):
            iid = item_id(meta.id, d.text)
            if iid in seen:  # the same passage printed twice (page furniture)
                continue
            seen.add(iid)
            items.append(
                Item(
                    id=iid,
                    doc_id=meta.id,
                    doc_title=meta.title,
                    section=d.section_path[-1] if d.section_path else meta.title,
                    section_path=d.section_path,
                    label=d.label,
                    kind=d.kind,
                    text=d.text,
                    start=offset,
                    end=offset + len(d.text),
                    order=len(items),
                    audience=d.audience,
                    themes=themes_for(d.text, themes),
                    sentence_ends=_sentence_ends(d.text),
                )
            )
        chunks.append(text)
        offset += len(text) + 2
    return "\n\n".join(chunks), items
