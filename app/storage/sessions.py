"""The storage seam for reflection sessions: typed records and the store interface.

A session keeps the learning it cited as it stood when cited (`CitedItem`), so its record and
exports stay true if the library changes later. Notes and actions are rows of their own,
appended: two screens adding notes at once both keep theirs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from app.core.records import Item


@dataclass(frozen=True)
class CitedItem:
    id: str
    doc_id: str
    doc_title: str
    section: str
    label: str
    kind: str
    text: str
    audience: str | None = None
    themes: tuple[str, ...] = ()

    @classmethod
    def of(cls, item: Item) -> CitedItem:
        return cls(
            item.id,
            item.doc_id,
            item.doc_title,
            item.section,
            item.label,
            item.kind,
            item.text,
            item.audience,
            item.themes,
        )

    @property
    def url(self) -> str:
        return f"/documents/{self.doc_id}#item-{self.id}"


@dataclass(frozen=True)
class PromptRecord:
    index: int
    question: str
    kind: str  # question | derived | closing
    citations: tuple[CitedItem, ...] = ()
    probes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteRecord:
    id: int
    prompt_index: int
    text: str
    created: str


@dataclass(frozen=True)
class ActionRecord:
    id: int
    text: str
    owner: str | None
    due: str | None
    embedded: str | None
    created: str


@dataclass(frozen=True)
class NewSession:
    title: str
    audience: str
    document_id: str | None
    theme: str | None
    derived: bool
    timer_minutes: int
    attendees: int | None
    prompts: tuple[PromptRecord, ...]


@dataclass(frozen=True)
class SessionRecord:
    id: str
    created: str
    updated: str
    title: str
    audience: str
    document_id: str | None
    theme: str | None
    derived: bool
    timer_minutes: int
    attendees: int | None
    current_index: int
    prompts: tuple[PromptRecord, ...]
    notes: tuple[NoteRecord, ...] = field(default_factory=tuple)
    actions: tuple[ActionRecord, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SessionSummary:
    id: str
    title: str
    audience: str
    created: str
    updated: str
    notes: int
    actions: int


SESSION_FIELDS = ("current_index", "timer_minutes", "attendees")  # what `update` may change


class SessionStore(Protocol):
    def create_session(self, session: NewSession) -> SessionRecord: ...

    def session(self, sid: str) -> SessionRecord | None: ...

    def sessions(self) -> list[SessionSummary]: ...

    def add_note(self, sid: str, prompt_index: int, text: str) -> NoteRecord: ...

    def add_action(
        self, sid: str, text: str, owner: str | None, due: str | None, embedded: str | None
    ) -> ActionRecord: ...

    def update_session(self, sid: str, fields: dict[str, int | None]) -> None:
        """Field by field (names in SESSION_FIELDS), so two facilitators changing different
        things both win."""
        ...

    def delete_session(self, sid: str) -> bool: ...
