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
    index: int  # stable: a prompt keeps its index when follow-ups are added
    question: str
    kind: str  # question | derived | closing | follow_up
    citations: tuple[CitedItem, ...] = ()
    probes: tuple[str, ...] = ()
    status: str = "open"  # open | skipped
    order: float = 0.0  # where it stands in the session (a follow-up just after its prompt)
    follows: int | None = None  # for a follow-up: the prompt it came from


@dataclass(frozen=True)
class FollowUp:
    """What Reflect offered back after a note: related learning and a question about it."""

    text: str
    citations: tuple[CitedItem, ...]
    status: str = "offered"  # offered | taken | passed
    prompt_index: int | None = None  # the prompt it became, when taken


@dataclass(frozen=True)
class NoteRecord:
    id: int
    prompt_index: int
    text: str
    created: str
    updated: str | None = None
    follow_up: FollowUp | None = None


@dataclass(frozen=True)
class ActionRecord:
    id: int
    text: str
    owner: str | None  # a role or agency
    due: str | None
    embedded: str | None  # how we will know it is embedded
    created: str
    updated: str | None = None
    note_id: int | None = None  # the note it was drawn from


@dataclass(frozen=True)
class Timer:
    """The meeting's clock, kept on the server so every screen shows the same time."""

    started: str | None = None  # when it was last started (ISO), None while paused
    elapsed: float = 0.0  # seconds counted before that


@dataclass(frozen=True)
class Ownership:
    """Who may open a session or set: the holder of its access key (kept as a digest), and
    with single sign-on its owner and their team."""

    key_hash: str | None = None
    owner: str | None = None
    team: str | None = None


NOBODY = Ownership()  # made before ownership: opens to the admin only


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
    ownership: Ownership = Ownership()
    roles: tuple[str, ...] = ()
    note: str | None = None  # what the session says of itself ('the library is thin on …')


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
    ownership: Ownership = Ownership()
    roles: tuple[str, ...] = ()
    timer: Timer = Timer()
    note: str | None = None

    def in_order(self) -> list[PromptRecord]:
        return sorted(self.prompts, key=lambda p: (p.order, p.index))

    def prompt(self, index: int) -> PromptRecord | None:
        return next((p for p in self.prompts if p.index == index), None)


@dataclass(frozen=True)
class SessionSummary:
    id: str
    title: str
    audience: str
    created: str
    updated: str
    notes: int
    actions: int
    ownership: Ownership = Ownership()


SESSION_FIELDS = ("current_index", "timer_minutes", "attendees", "roles", "timer")


class SessionStore(Protocol):
    def create_session(self, session: NewSession) -> SessionRecord: ...

    def session(self, sid: str) -> SessionRecord | None: ...

    def sessions(self) -> list[SessionSummary]: ...

    def add_note(
        self, sid: str, prompt_index: int, text: str, follow_up: FollowUp | None = None
    ) -> NoteRecord: ...

    def edit_note(self, sid: str, note_id: int, text: str) -> NoteRecord | None: ...

    def delete_note(self, sid: str, note_id: int) -> bool: ...

    def answer_follow_up(
        self, sid: str, note_id: int, take: bool, prompt: PromptRecord | None
    ) -> NoteRecord | None:
        """Take up (the prompt joins the session, and becomes the current one) or pass."""
        ...

    def add_action(
        self,
        sid: str,
        text: str,
        owner: str | None,
        due: str | None,
        embedded: str | None,
        note_id: int | None = None,
    ) -> ActionRecord: ...

    def edit_action(self, sid: str, action_id: int, fields: dict) -> ActionRecord | None: ...

    def delete_action(self, sid: str, action_id: int) -> bool: ...

    def update_session(self, sid: str, fields: dict) -> None:
        """Field by field (names in SESSION_FIELDS), so two facilitators changing different
        things both win."""
        ...

    def set_prompt_status(self, sid: str, prompt_index: int, status: str) -> None: ...

    def delete_session(self, sid: str) -> bool: ...
