"""Reflection sessions: plan prompts from the library, keep them with notes and actions."""

from __future__ import annotations

import numpy as np

from app.core.errors import ApiError, not_found
from app.core.records import Item
from app.core.themes import Theme
from app.reflection.plan import BACKING_KINDS, Plan, Prompt, build_plan
from app.storage.library import Library
from app.storage.sessions import (
    ActionRecord,
    CitedItem,
    NewSession,
    NoteRecord,
    PromptRecord,
    SessionRecord,
    SessionStore,
    SessionSummary,
)

THEME_QUESTION_COSINE = 0.45  # an untagged question this close to the theme belongs to it
THEME_QUESTIONS = 50  # the closest questions in meaning looked at for a theme


def _with_vectors(library: Library, items: list[Item]) -> list[tuple[Item, np.ndarray]]:
    vectors = library.vectors([i.id for i in items])
    return list(zip(items, vectors, strict=True))


def _record(p: Prompt) -> PromptRecord:
    return PromptRecord(
        p.index, p.question, p.kind, tuple(CitedItem.of(i) for i in p.citations), p.probes
    )


class Reflections:
    def __init__(self, library: Library, store: SessionStore) -> None:
        self.library = library
        self.store = store

    def plan_for_document(self, doc_id: str, audience: str) -> Plan:
        doc = self.library.document(doc_id)
        if doc is None:
            raise ApiError(422, "unknown_document", "No document with that id is in the library.")
        questions = self.library.items_of(doc_id, ["reflective_question"])
        if any(i.audience for i in questions):
            questions = [i for i in questions if i.audience in (audience, None)]
        learning = self.library.items_of(doc_id, BACKING_KINDS)
        return build_plan(
            doc.meta.title,
            _with_vectors(self.library, questions),
            _with_vectors(self.library, learning),
            audience,
            order_by_stage=False,
        )

    def plan_for_theme(self, theme: Theme, audience: str, theme_vector: np.ndarray) -> Plan:
        """Questions tagged with the theme, or close to it in meaning, across all documents."""
        close = self.library.dense(theme_vector, THEME_QUESTIONS, kinds=["reflective_question"])
        near = {c.item_id for c in close if c.score >= THEME_QUESTION_COSINE}
        tagged = self.library.themed(theme.slug, ["reflective_question"])
        candidates = {i.id: i for i in [*tagged, *self.library.items(sorted(near))]}
        questions = sorted(
            (i for i in candidates.values() if i.audience in (audience, None)),
            key=lambda i: (i.doc_id, i.order),
        )
        learning = self.library.themed(theme.slug, BACKING_KINDS)
        return build_plan(
            f"Theme: {theme.title}",
            _with_vectors(self.library, questions),
            _with_vectors(self.library, learning),
            audience,
            order_by_stage=True,
        )

    def create(
        self,
        plan: Plan,
        audience: str,
        document_id: str | None,
        theme: str | None,
        timer_minutes: int,
        attendees: int | None,
    ) -> SessionRecord:
        return self.store.create_session(
            NewSession(
                plan.title,
                audience,
                document_id,
                theme,
                plan.derived,
                timer_minutes,
                attendees,
                tuple(_record(p) for p in plan.prompts),
            )
        )

    def get(self, rid: str) -> SessionRecord:
        record = self.store.session(rid)
        if record is None:
            raise not_found("reflection session")
        return record

    def summaries(self) -> list[SessionSummary]:
        return self.store.sessions()

    def add_note(self, rid: str, prompt_index: int, text: str) -> NoteRecord:
        if not 0 <= prompt_index < len(self.get(rid).prompts):
            raise ApiError(422, "bad_prompt_index", "That prompt is not in this session.")
        return self.store.add_note(rid, prompt_index, text)

    def add_action(
        self, rid: str, text: str, owner: str | None, due: str | None, embedded: str | None
    ) -> ActionRecord:
        self.get(rid)
        return self.store.add_action(rid, text, owner, due, embedded)

    def update(self, rid: str, fields: dict) -> SessionRecord:
        record = self.get(rid)
        index = fields.get("current_index")
        if index is not None and not 0 <= index < len(record.prompts):
            raise ApiError(422, "bad_prompt_index", "That prompt is not in this session.")
        self.store.update_session(rid, fields)
        return self.get(rid)

    def delete(self, rid: str) -> None:
        if not self.store.delete_session(rid):
            raise not_found("reflection session")
