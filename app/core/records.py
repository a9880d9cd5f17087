"""The shared shapes: a learning item and the document it came from."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field

AUDIENCES = ("practitioners", "leaders")


# The child or case a review is named for: 'Child T', 'Baby R', 'Case Study 2'.
_NAMED_IN_TITLE = re.compile(r"\b(?:Child|Baby|Infant|Young Person|Case Study) [A-Z0-9]{1,3}\b")


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    title: str
    type: str
    subject: str | None = None
    publisher: str | None = None
    date: str | None = None
    source: str = ""  # file name the document was read from
    sha256: str = ""  # of the source bytes, for idempotent ingest
    origin: str = "uploads"  # where the file lives: "corpus" (the catalogued set) or "uploads"

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def names(self) -> str:
        """Its title, subject and publisher: the words a question may name it by ('the North
        Yorkshire briefing', 'the Stoke review')."""
        return f"{self.title} {self.subject or ''} {self.publisher or ''}"

    @property
    def short_subject(self) -> str:
        """What the document is about, without its aside: 'Neglect Case Study 1 (two
        children)' -> 'Neglect Case Study 1'; with no subject in the catalogue, the child its
        title names ('Learning from Child T: 7-minute briefing' -> 'Child T'); else ''."""
        if self.subject:
            return re.sub(r"\s*\(.*\)\s*$", "", self.subject)
        named = _NAMED_IN_TITLE.search(self.title)
        return named.group(0) if named else ""


@dataclass(frozen=True)
class Item:
    id: str
    doc_id: str
    doc_title: str
    section: str  # innermost heading
    section_path: tuple[str, ...]
    label: str  # e.g. "Learning point 8", "Question 3"
    kind: str
    text: str
    start: int  # offsets into the document's cleaned text
    end: int
    order: int
    audience: str | None = None
    themes: tuple[str, ...] = field(default_factory=tuple)
    sentence_ends: tuple[int, ...] = ()  # where each sentence of `text` ends

    def sentences(self) -> list[str]:
        starts = (0, *self.sentence_ends)
        parts = [self.text[a:b].strip() for a, b in zip(starts, self.sentence_ends, strict=False)]
        return [p for p in parts if p] or [self.text]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Item:
        return cls(
            **{
                **d,
                "section_path": tuple(d["section_path"]),
                "themes": tuple(d["themes"]),
                "sentence_ends": tuple(d.get("sentence_ends", ())),
            }
        )

    @property
    def anchor(self) -> str:
        return f"item-{self.id}"

    @property
    def url(self) -> str:
        return f"/documents/{self.doc_id}#{self.anchor}"


def item_id(doc_id: str, text: str) -> str:
    """Stable id from content: the same text in the same document keeps its id."""
    return hashlib.sha256(f"{doc_id}\x00{text}".encode()).hexdigest()[:16]
