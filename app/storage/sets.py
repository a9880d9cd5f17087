"""The storage seam for discussion sets: typed records and the store interface. A set keeps
every version: removing questions, rewording one or regenerating the set makes a new version,
and an earlier one can be restored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from app.storage.sessions import CitedItem, Ownership


@dataclass(frozen=True)
class NotePart:
    """One part of a question's facilitator notes, with the citations (by number) behind it."""

    label: str  # Key message | What the review found | Listen for
    text: str
    cites: tuple[int, ...] = ()


@dataclass(frozen=True)
class SetQuestion:
    text: str
    kind: str
    facilitator_notes: str
    citations: tuple[CitedItem, ...] = ()
    form: str = ""  # own_question | statement | scenario | good_practice | assurance | …
    notes: tuple[NotePart, ...] = ()
    original: str | None = None  # the wording Reflect gave, when a trainer has reworded it


@dataclass(frozen=True)
class CaseSummary:
    doc_id: str
    doc_title: str
    text: str
    citations: tuple[CitedItem, ...] = ()


@dataclass(frozen=True)
class NewSet:
    title: str
    request: dict  # what was asked for: theme or documents, audience, count, seed
    questions: tuple[SetQuestion, ...]
    case_summaries: tuple[CaseSummary, ...] = field(default_factory=tuple)
    ownership: Ownership = Ownership()
    shortfall: str | None = None  # why there are fewer questions than asked for


@dataclass(frozen=True)
class SetRecord:
    id: str
    created: str
    updated: str
    title: str
    request: dict
    questions: tuple[SetQuestion, ...]
    case_summaries: tuple[CaseSummary, ...] = field(default_factory=tuple)
    ownership: Ownership = Ownership()
    shortfall: str | None = None
    version: int = 1


@dataclass(frozen=True)
class SetSummary:
    id: str
    title: str
    created: str
    questions: int
    ownership: Ownership = Ownership()
    version: int = 1


@dataclass(frozen=True)
class SetVersion:
    version: int
    created: str
    title: str
    questions: int
    change: str  # what made it: created, reworded, removed, reordered, regenerated, restored


class SetStore(Protocol):
    def create_set(self, new: NewSet) -> SetRecord: ...

    def discussion_set(self, sid: str, version: int | None = None) -> SetRecord | None: ...

    def discussion_sets(self) -> list[SetSummary]: ...

    def set_versions(self, sid: str) -> list[SetVersion]: ...

    def edit_set(
        self, sid: str, change: Callable[[SetRecord], SetRecord], what: str
    ) -> SetRecord | None:
        """A new version: `change(current)`, read and written in one transaction (None if there
        is no such set; what `change` raises is passed on and nothing is written)."""
        ...

    def delete_set(self, sid: str) -> bool: ...
