"""Blocks -> sections -> learning items, with the cleaned text and each item's offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
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


SEGMENT_WINDOW = 4000  # pysbd's time grows with the square of what it reads: it reads windows


def sentences(text: str) -> list[str]:
    return [s.strip() for w in _windows(text) for s in _SEGMENTER.segment(w) if s.strip()]


def _windows(text: str) -> Iterator[str]:
    """The text in pieces of at most SEGMENT_WINDOW characters, each cut after a sentence's end
    where there is one (else after a space), so a piece ends where a sentence may."""
    start = 0
    while len(text) - start > SEGMENT_WINDOW:
        stop = start + SEGMENT_WINDOW
        cut = max(text.rfind(end, start, stop) for end in (". ", "? ", "! ", ".\n"))
        if cut <= start:
            cut = text.rfind(" ", start, stop)
        cut = cut + 1 if cut > start else stop
        yield text[start:cut]
        start = cut
    yield text[start:]


COVER_PARAGRAPHS = 3  # at most this many paragraphs between title and first section: a cover


@dataclass
class _Draft:
    text: str
    kind: str
    label: str  # empty: given by `_number_section` from the block's place in its section
    section_path: tuple[str, ...]
    audience: str | None = None
    block: str = "para"  # para | bullet | row | footnote
    number: str | None = None  # the document's own number for the paragraph ("4.2.5")


# A heading that names one item by its kind and number: 'Recommendation 1', 'Finding 2',
# 'Learning point 3'.
_ITEM_HEADING = re.compile(r"^[A-Z][a-z]+(?: [a-z]+){0,2} \d{1,2}[a-z]?$")
_NUMBERED = re.compile(r"^\d+(\.\d+)*\s")  # a heading the document numbers ('4.1 Findings')


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
        if b.number and b.number.isdigit():  # '3 The review methodology' is a part of the
            # document, never inside an unnumbered heading before it (a timeline's dates)
            while len(self.path) > 1 and not _NUMBERED.match(self.path[-1][1]):
                self.path.pop()
        while self.path and self.path[-1][0] >= b.level:
            self.path.pop()
        title = f"{b.number} {b.text}" if b.number else b.text
        self.path.append((b.level, title))
        self.drafts.append(title)

    def count(self, what: str, peek: bool = False) -> int:
        key = (self.section_path, what)
        self.counters[key] = self.counters.get(key, 0) + (0 if peek else 1)
        return self.counters[key]

    def add(
        self,
        text: str,
        kind: str,
        label: str,
        audience: str | None = None,
        block: str = "para",
        number: str | None = None,
    ) -> None:
        self.drafts.append(_Draft(text, kind, label, self.section_path, audience, block, number))


def _label(b: Block, kind: str, builder: _Builder, audience: str | None) -> str:
    """Labels known from the block alone; others ('') are numbered with their section."""
    if kind == "reflective_question":
        who = {"leaders": "Leaders' question", "practitioners": "Practitioners' question"}
        return f"{who.get(audience or '', 'Question')} {builder.count('q')}"
    if b.lead:
        return b.lead
    if b.number and "." in b.number:
        return f"Paragraph {b.number}"
    return ""


_QUALIFIER = {"identified", "for", "of", "from", "to", "in", "–", "-"}
_LEAD_IN = re.compile(r":\s*$|\bthe following\b|\ba number of\b|\bseveral\b", re.I)


def item_noun(heading: str, kind: str, parents: tuple[str, ...] = ()) -> str:
    """What a heading calls the items under it, in the singular: 'Key findings' -> 'Key
    finding', '5 Considerations' -> 'Consideration', 'Areas of good practice' -> 'Area of
    good practice'. '' when the heading does not name its items."""
    words = re.sub(r"^[\d.]+\s*", "", heading).strip(" :?.").split()
    cut = next((k for k, w in enumerate(words) if k and w.lower() in _QUALIFIER), len(words))
    head, rest = words[:cut], words[cut:]
    if rest and rest[0].lower() in {"identified", "–", "-"}:
        rest = []
    if not head or len(head) > 3 or any(not w.isalpha() for w in head):
        return ""
    last = head[-1]
    under_recommendations = any("recommend" in h.lower() for h in parents)
    if kind == "recommendation" and len(words) == 1 and under_recommendations:
        return f"{last} recommendation"  # 'Recommendations' › 'Systems' -> 'Systems recommendation'
    if not last.lower().endswith("s") or last.lower().endswith(("ss", "us", "is")):
        return ""
    singular = last[:-3] + "y" if last.lower().endswith("ies") else last[:-1]
    noun = " ".join([*head[:-1], singular, *rest])
    return noun[:1].upper() + noun[1:].lower()


def _number_section(drafts: list[_Draft]) -> None:
    """Label a section's items by the document's own numbering: a bullet is numbered within its
    own list ('Key finding 2', or 'Paragraph 4.2.5, point 2' under a numbered paragraph);
    other paragraphs count among paragraphs. A paragraph that introduces a list is not part of
    it, and one that only leads in ('… the following:') is context, not learning."""
    path = drafts[0].section_path
    heading, parents = (path[-1], path[:-1]) if path else ("", ())
    if _ITEM_HEADING.match(heading):  # 'Recommendation 1' heads the one item it names
        for d in drafts:
            d.label = d.label or heading
        return
    paragraphs = 0
    last_number: str | None = None  # the document's own number of the paragraph before
    in_list = 0
    owner: str | None = None  # the numbered paragraph a list belongs to
    body = [d for d in drafts if d.block in ("para", "bullet")]
    _printed_numbers(body)
    for k, d in enumerate(body):
        nxt = body[k + 1] if k + 1 < len(body) else None
        dotted = d.number is not None and "." in d.number  # '2.6': a numbered paragraph
        if d.block == "bullet" and not dotted:
            in_list += 1
            own = d.number if d.number and d.number.isdigit() else None
            n = own or str(in_list)  # the document's own list number when it prints one
            if not d.label:
                noun = item_noun(heading, d.kind, parents)
                d.label = f"Paragraph {owner}, point {n}" if owner else f"{noun or 'Point'} {n}"
            continue
        in_list = 0
        paragraphs += 1
        owner = d.number if d.number and "." in d.number else None
        after, last_number = last_number, owner or last_number
        leads_in = nxt is not None and nxt.block == "bullet"
        if leads_in and _LEAD_IN.search(d.text) and d.kind not in ("reflective_question",):
            d.kind = "context"
        if not d.label:
            numbered = d.number if d.number and d.number.isdigit() else None
            noun = item_noun(heading, d.kind, parents)
            if noun and numbered:
                d.label = f"{noun} {numbered}"
            elif after:  # an unnumbered paragraph among numbered ones
                d.label = f"Paragraph after {after}"
            else:
                d.label = f"Paragraph {paragraphs}"


_STARTS_NUMBERED = re.compile(r"^(\d{1,2})\s+(?=[A-Z‘“'\"(])")


def _printed_numbers(body: list[_Draft]) -> None:
    """Paragraphs that open with numbers in sequence ('1 Decision-making …', '2 Knowing …': a
    table's number column, as a PDF prints it) are numbered by the document; a paragraph that
    merely opens with a number ('5 children were seen') has no next number after it."""
    opening = [
        int(m.group(1)) if d.number is None and (m := _STARTS_NUMBERED.match(d.text)) else None
        for d in body
    ]
    for k, n in enumerate(opening):
        before = opening[k - 1] if k else None
        after = opening[k + 1] if k + 1 < len(opening) else None
        if n is not None and (before == n - 1 or after == n + 1):
            d = body[k]
            d.number, d.text = str(n), d.text[_STARTS_NUMBERED.match(d.text).end() :]  # type: ignore[union-attr]


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


# A paragraph that opens by saying what someone should do ('The partnership should set up a
# register'): in a document with no headings below its title, this says it is a recommendation.
_DIRECTS = re.compile(
    r"^(?:[\w'’-]+\s+){1,6}(?:should|must|needs? to|ought to)\s+(?!have\b)\w", re.I
)


def _body(b: Block, builder: _Builder) -> None:
    path = builder.section_path
    default = default_kind(builder.meta.type)
    headings = tuple(h for h in path if h != builder.meta.title)  # a title names no kind
    kind = kind_for_section(headings, default) if headings else default
    untitled = not headings  # no heading below the title
    if untitled and kind == default != "learning_point" and _DIRECTS.search(b.text):
        kind = "recommendation"  # no heading says what it is; its own words do
    if kind == "recommendation" and b.number and "." in b.number:
        kind = default  # a numbered paragraph of a summary, not a recommendation
    numbered = b.number is not None or bool(b.lead and re.search(r"\d", b.lead))
    if b.kind == "para" and not numbered and builder.count("bullets", peek=True):
        kind = "context"  # a note after a list ('Actions will be reviewed ...'), not a point
        # that numbers itself ('Recommendation 3: …')
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
    block = "bullet" if b.kind == "bullet" else "para"
    for k, part in enumerate(parts):
        # the parts of a long paragraph keep its label; the document numbers it once
        builder.add(part, kind, label, audience, block if k == 0 else "part", b.number)


def _row(b: Block, builder: _Builder) -> None:
    kind = kind_for_section(builder.section_path, "learning_point")
    word = {"learning_point": "Learning point", "recommendation": "Recommendation"}
    builder.add(b.text, kind, f"{word.get(kind, 'Row')} {b.number}", block="row")
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
                builder.add(b.text, footnote_kind(b.text), f"Footnote {b.number}", block="footnote")
            case _:
                _body(b, builder)
    _front_matter(builder.drafts, default_kind(meta.type))
    _number(builder.drafts)
    return _assemble(meta, builder.drafts, themes)


def _front_matter(drafts: list[_Draft | str], default: str) -> None:
    """A few paragraphs between the document's title and its first section are its cover
    ('Independent Author … Date December 2023'): context, not a finding. Many are its body (a
    document with no sections below its title), and keep their kind."""
    headings = [k for k, d in enumerate(drafts) if isinstance(d, str)]
    if len(headings) < 2:
        return
    cover = [d for d in drafts[headings[0] + 1 : headings[1]] if isinstance(d, _Draft)]
    if len(cover) <= COVER_PARAGRAPHS:
        for d in cover:
            if d.kind == default:
                d.kind = "context"


def _number(drafts: list[_Draft | str]) -> None:
    section: list[_Draft] = []
    for d in [*drafts, ""]:
        if isinstance(d, _Draft) and (not section or d.section_path == section[0].section_path):
            section.append(d)
            continue
        if section:
            _number_section(section)
            parts = [x for x in section if x.block == "part"]
            for x in parts:  # a long paragraph's later parts take the label of its first
                x.label = x.label or _label_before(section, x)
        section = [d] if isinstance(d, _Draft) else []


def _label_before(section: list[_Draft], part: _Draft) -> str:
    at = section.index(part)
    return next((d.label for d in reversed(section[:at]) if d.block != "part"), "Paragraph")


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
