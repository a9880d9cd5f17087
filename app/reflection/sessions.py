"""Reflection sessions: plan prompts from the library, keep them with their notes, actions and
the follow-ups Reflect offered (follow_ups.py) and the meeting's clock (clock.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from app.core.errors import ApiError, not_found
from app.core.records import Item
from app.core.text import substantive
from app.core.themes import Theme
from app.reflection import clock
from app.reflection.follow_ups import FollowUps
from app.reflection.plan import (
    BACKING_KINDS,
    Plan,
    Prompt,
    build_plan,
    probes,
    session_title,
)
from app.search.coverage import CoverageJudge
from app.search.on_theme import LEARNING_FLOOR, QUESTION_FLOOR, OnTheme
from app.search.retrieval import Retriever
from app.storage.library import Library
from app.storage.sessions import (
    NOBODY,
    ActionRecord,
    CitedItem,
    FollowUp,
    NewSession,
    NoteRecord,
    Ownership,
    PromptRecord,
    SessionRecord,
    SessionStore,
    SessionSummary,
)

THEME_QUESTIONS = 50  # the closest questions in meaning looked at for a theme
THEME_LEARNING = 80  # and the closest learning
# A theme session keeps a question, or learning behind it, only when its own words are this close
# in meaning to the theme (read against two themes, checked on the others: see README)
ON_THEME_DERIVE = 0.46  # learning turned into a question of its own must be closer still
THIN_THEME = 4  # fewer on-theme prompts than this and the session says the library is thin


def _with_vectors(library: Library, items: list[Item]) -> list[tuple[Item, np.ndarray]]:
    vectors = library.vectors([i.id for i in items])
    return list(zip(items, vectors, strict=True))


def _record(p: Prompt) -> PromptRecord:
    return PromptRecord(
        p.index,
        p.question,
        p.kind,
        tuple(CitedItem.of(i) for i in p.citations),
        p.probes,
        order=float(p.index),
    )


class Reflections:
    def __init__(
        self,
        library: Library,
        store: SessionStore,
        retriever: Retriever,
        judge: CoverageJudge,
        on_theme: OnTheme | None = None,
    ) -> None:
        self.library = library
        self.store = store
        self.retriever = retriever
        self.follow_ups = FollowUps(library, retriever, judge)
        self.on_theme = on_theme or OnTheme(library, retriever.embedder)

    # -- planning ---------------------------------------------------------------------

    def plan_for_document(self, doc_id: str, audience: str) -> Plan:
        doc = self.library.document(doc_id)
        if doc is None:
            raise ApiError(422, "unknown_document", "No document with that id is in the library.")
        questions = self.library.items_of(doc_id, ["reflective_question"])
        if any(i.audience for i in questions):
            questions = [i for i in questions if i.audience in (audience, None)]
        learning = self.library.items_of(doc_id, BACKING_KINDS)
        return build_plan(
            session_title(doc.meta),
            _with_vectors(self.library, questions),
            _with_vectors(self.library, learning),
            audience,
            order_by_stage=False,
        )

    def plan_for_theme(self, theme: Theme, audience: str, theme_vector: np.ndarray) -> Plan:
        """Questions about the theme, across all documents, each backed by learning about it.
        A question or learning item counts only when its own words are close to the theme in
        meaning (stored vectors carry their section's words too, which pull generic questions
        in); fewer prompts rather than off-theme ones, and the session says when it is thin."""
        close = self.library.dense(theme_vector, THEME_QUESTIONS, kinds=["reflective_question"])
        tagged = self.library.themed(theme.slug, ["reflective_question"])
        candidates = {i.id: i for i in [*tagged, *self.library.items([c.item_id for c in close])]}
        questions = sorted(
            (
                i
                for i, _, _ in self.on_theme.about(
                    list(candidates.values()), theme_vector, QUESTION_FLOOR
                )
                if i.audience in (audience, None)
            ),
            key=lambda i: (i.doc_id, i.order),
        )
        pool = self.library.dense(theme_vector, THEME_LEARNING, kinds=list(BACKING_KINDS))
        learning_ids = {i.id for i in self.library.themed(theme.slug, BACKING_KINDS)}
        learning_ids |= {c.item_id for c in pool}
        learning = [i for i in self.library.items(sorted(learning_ids)) if substantive(i)]
        about = self.on_theme.about(learning, theme_vector, LEARNING_FLOOR)
        # questions made from learning: only the learning most about the theme, closest first
        most = [(i, v) for i, v, s in about if s >= ON_THEME_DERIVE and len(i.text.split()) >= 10]
        plan = build_plan(
            session_title(None, theme.title),
            _with_vectors(self.library, questions),
            [(i, v) for i, v, _ in about],
            audience,
            order_by_stage=True,
            derive_from=[(i, v) for i, v in most],
        )
        asked = sum(1 for p in plan.prompts if p.kind != "closing")
        if asked >= THIN_THEME:
            return plan
        note = (
            f"The library is thin on {theme.title.lower()}: {asked} "
            f"{'prompt is' if asked == 1 else 'prompts are'} about it, so this session is short."
        )
        return replace(plan, note=note)

    def create(
        self,
        plan: Plan,
        audience: str,
        document_id: str | None,
        theme: str | None,
        timer_minutes: int,
        attendees: int | None,
        roles: tuple[str, ...] = (),
        ownership: Ownership = NOBODY,
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
                ownership=ownership,
                roles=roles,
                note=plan.note,
            )
        )

    # -- reading --------------------------------------------------------------------------

    def get(self, rid: str) -> SessionRecord:
        record = self.store.session(rid)
        if record is None:
            raise not_found("reflection session")
        return record

    def summaries(self) -> list[SessionSummary]:
        return self.store.sessions()

    # -- notes and follow-ups -------------------------------------------------------------

    def _prompt(self, record: SessionRecord, index: int) -> PromptRecord:
        prompt = record.prompt(index)
        if prompt is None:
            raise ApiError(422, "bad_prompt_index", "That prompt is not in this session.")
        return prompt

    def add_note(self, rid: str, prompt_index: int, text: str) -> NoteRecord:
        record = self.get(rid)
        prompt = self._prompt(record, prompt_index)
        follow_up = self.follow_up(record, prompt, text)
        return self.store.add_note(rid, prompt_index, text, follow_up)

    def follow_up(self, record: SessionRecord, prompt: PromptRecord, text: str) -> FollowUp | None:
        return self.follow_ups.offer(record, prompt, text)

    def answer_follow_up(self, rid: str, note_id: int, take: bool) -> SessionRecord:
        record = self.get(rid)
        note = next((n for n in record.notes if n.id == note_id), None)
        if note is None or note.follow_up is None:
            raise not_found("follow-up")
        if note.follow_up.status != "offered":
            raise ApiError(409, "already_answered", "That follow-up was already taken or passed.")
        prompt = None
        if take:
            f = note.follow_up
            question = f.text.replace(" [1]", "")
            prompt = PromptRecord(
                0,
                question,
                "follow_up",
                f.citations,
                probes(question, ()),
                follows=note.prompt_index,
            )
        self.store.answer_follow_up(rid, note_id, take, prompt)
        return self.get(rid)

    def edit_note(self, rid: str, note_id: int, text: str) -> NoteRecord:
        self.get(rid)
        note = self.store.edit_note(rid, note_id, text)
        if note is None:
            raise not_found("note")
        return note

    def delete_note(self, rid: str, note_id: int) -> None:
        self.get(rid)
        if not self.store.delete_note(rid, note_id):
            raise not_found("note")

    # -- actions -------------------------------------------------------------------------

    def add_action(
        self,
        rid: str,
        text: str,
        owner: str | None,
        due: str | None,
        embedded: str | None,
        note_id: int | None = None,
    ) -> ActionRecord:
        record = self.get(rid)
        if note_id is not None and all(n.id != note_id for n in record.notes):
            raise ApiError(422, "unknown_note", "That note is not in this session.")
        return self.store.add_action(rid, text, owner, due, embedded, note_id)

    def edit_action(self, rid: str, action_id: int, fields: dict) -> ActionRecord:
        self.get(rid)
        action = self.store.edit_action(rid, action_id, fields)
        if action is None:
            raise not_found("action")
        return action

    def delete_action(self, rid: str, action_id: int) -> None:
        self.get(rid)
        if not self.store.delete_action(rid, action_id):
            raise not_found("action")

    # -- the meeting ---------------------------------------------------------------------

    def update(self, rid: str, fields: dict) -> SessionRecord:
        record = self.get(rid)
        index = fields.get("current_index")
        if index is not None:
            self._prompt(record, index)
        timer = fields.pop("timer", None)
        if timer is not None:
            fields["timer"] = clock.after(record, timer)
        if "roles" in fields:
            fields["roles"] = tuple(fields["roles"])
        self.store.update_session(rid, fields)
        return self.get(rid)

    def set_status(self, rid: str, index: int, status: str) -> SessionRecord:
        record = self.get(rid)
        self._prompt(record, index)
        self.store.set_prompt_status(rid, index, status)
        return self.get(rid)

    def delete(self, rid: str) -> None:
        if not self.store.delete_session(rid):
            raise not_found("reflection session")
