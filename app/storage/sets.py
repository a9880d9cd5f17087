"""The storage seam for discussion sets: typed records and the store interface."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from app.storage.sessions import CitedItem


@dataclass(frozen=True)
class SetQuestion:
    text: str
    kind: str
    facilitator_notes: str
    citations: tuple[CitedItem, ...] = ()


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


@dataclass(frozen=True)
class SetRecord:
    id: str
    created: str
    updated: str
    title: str
    request: dict
    questions: tuple[SetQuestion, ...]
    case_summaries: tuple[CaseSummary, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SetSummary:
    id: str
    title: str
    created: str
    questions: int


class SetStore(Protocol):
    def create_set(self, new: NewSet) -> SetRecord: ...

    def discussion_set(self, sid: str) -> SetRecord | None: ...

    def discussion_sets(self) -> list[SetSummary]: ...

    def edit_questions(
        self, sid: str, change: Callable[[tuple[SetQuestion, ...]], tuple[SetQuestion, ...]]
    ) -> SetRecord | None:
        """Replace the set's questions with `change(questions)`, read and written in one
        transaction (None if there is no such set; what `change` raises is passed on and
        nothing is written)."""
        ...

    def delete_set(self, sid: str) -> bool: ...
