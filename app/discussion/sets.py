"""Discussion sets: gather candidates from the library, build the set, keep it, and let the
trainer stay in charge (reword, rename, remove, reorder, regenerate in place, restore)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from app.core.errors import ApiError, not_found
from app.core.kinds import kind_for_heading
from app.core.records import Item
from app.core.themes import Theme
from app.discussion.questions import (
    FALLBACK_KINDS,
    FALLBACK_PENALTY,
    SOURCE_KINDS,
    Candidate,
    Question,
    audience_lean,
    build_questions,
    case_summary,
)
from app.search.on_theme import LEARNING_FLOOR, QUESTION_FLOOR, OnTheme
from app.storage.library import Library
from app.storage.sessions import NOBODY, CitedItem, Ownership
from app.storage.sets import (
    CaseSummary,
    NewSet,
    NotePart,
    SetQuestion,
    SetRecord,
    SetStore,
    SetSummary,
    SetVersion,
)

BACKGROUND = re.compile(r"background|about the (family|child)|case overview|context", re.I)
THEME_COSINE = 0.40  # an untagged item this close in meaning (stored vector) is looked at
THEME_POOL = 200  # the closest items in meaning looked at for a theme
SCENARIO_FLOOR = 0.30  # a case's context this close to the theme can open a scenario
AUDIENCE_NAMES = {
    "practitioners": "practitioners",
    "leaders": "leaders",
    "multi-agency": "a multi-agency group",
}
KINDS = (*SOURCE_KINDS, *FALLBACK_KINDS)


@dataclass(frozen=True)
class Built:
    questions: tuple[SetQuestion, ...]
    case_summaries: tuple[CaseSummary, ...]
    shortfall: str | None


def _fits(item_audience: str | None, audience: str) -> bool:
    return item_audience is None or audience == "multi-agency" or item_audience == audience


def _cited(items: tuple[Item, ...] | list[Item]) -> tuple[CitedItem, ...]:
    return tuple(CitedItem.of(i) for i in items)


def _stored(q: Question) -> SetQuestion:
    return SetQuestion(
        q.text,
        q.kind,
        q.facilitator_notes,
        _cited(q.citations),
        q.form,
        tuple(NotePart(p.label, p.text, p.cites) for p in q.notes),
    )


class DiscussionSets:
    def __init__(self, library: Library, store: SetStore, on_theme: OnTheme) -> None:
        self.library = library
        self.store = store
        self.on_theme = on_theme

    # -- candidates ----------------------------------------------------------------------

    def theme_candidates(
        self, theme: Theme, theme_vector: np.ndarray, audience: str
    ) -> list[Candidate]:
        """Questions and learning about the theme in their own words (tagged or close in
        meaning), leaning to the audience; findings only as a fallback."""
        close = self.library.dense(theme_vector, THEME_POOL, kinds=KINDS)
        near = {c.item_id for c in close if c.score >= THEME_COSINE}
        items = {i.id: i for i in self.library.themed(theme.slug, KINDS)}
        items.update({i.id: i for i in self.library.items(sorted(near))})
        fitting = [i for i in items.values() if _fits(i.audience, audience)]
        out = []
        for item, vector, own in self.on_theme.about(
            fitting, theme_vector, min(QUESTION_FLOOR, LEARNING_FLOOR)
        ):
            floor = QUESTION_FLOOR if item.kind == "reflective_question" else LEARNING_FLOOR
            if own < floor:
                continue
            score = own + audience_lean(item, audience)
            score += 0.1 if theme.slug in item.themes else 0.0
            score -= FALLBACK_PENALTY if item.kind in FALLBACK_KINDS else 0.0
            out.append(Candidate(item, vector, score))
        docs = sorted({c.item.doc_id for c in out})
        out += self._scenarios(docs, theme_vector, low=min((c.score for c in out), default=0.0))
        return out

    def document_candidates(self, doc_ids: list[str], audience: str) -> list[Candidate]:
        if any(self.library.document(d) is None for d in doc_ids):
            raise ApiError(422, "unknown_document", "One or more documents are not in the library.")
        items = [
            i
            for d in doc_ids
            for i in self.library.items_of(d, KINDS)
            if _fits(i.audience, audience)
        ]
        vectors = self.library.vectors([i.id for i in items])
        # the document's own order matters: earlier learning a little ahead; findings behind
        out = [
            Candidate(
                i,
                v,
                1.0
                - i.order / 1000
                + audience_lean(i, audience)
                - (FALLBACK_PENALTY if i.kind in FALLBACK_KINDS else 0.0),
            )
            for i, v in zip(items, vectors, strict=True)
        ]
        return out + self._scenarios(doc_ids, None, low=0.7)

    def _background(self, doc_id: str) -> list[Item]:
        context = [
            i
            for i in self.library.items_of(doc_id, ["context"])
            if any(kind_for_heading(h) == "context" for h in i.section_path[-1:])
        ]
        return [i for i in context if BACKGROUND.search(i.section)] or context

    def _scenarios(
        self, doc_ids: list[str], theme_vector: np.ndarray | None, low: float
    ) -> list[Candidate]:
        """One case context a document: the opening of a scenario prompt."""
        out = []
        for doc_id in doc_ids:
            background = [i for i in self._background(doc_id) if len(i.text.split()) >= 12]
            if theme_vector is not None:
                background = [
                    i for i, _, _ in self.on_theme.about(background, theme_vector, SCENARIO_FLOOR)
                ]
            if background:
                item = background[0]
                out.append(Candidate(item, self.library.vectors([item.id])[0], low))
        return out

    def case_summaries(self, doc_ids: list[str]) -> list[CaseSummary]:
        out = []
        for doc_id in doc_ids:
            background = self._background(doc_id)
            text = case_summary(background)
            if text and background:
                out.append(
                    CaseSummary(doc_id, background[0].doc_title, text, _cited(background[:3]))
                )
        return out

    # -- building ---------------------------------------------------------------------------

    def build(
        self,
        candidates: list[Candidate],
        count: int,
        audience: str,
        seed: int | None,
        what: str,
        rephrase: Callable[[Question], str | None] | None = None,
    ) -> Built:
        names = {
            d.id: d.short_subject or d.title
            for d in self.library.documents()
            if d.id in {c.item.doc_id for c in candidates}
        }
        questions = build_questions(candidates, count, audience, seed, names)
        if rephrase is not None:  # a model's wording, kept only where it passed verification
            questions = [replace(q, text=rephrase(q) or q.text) for q in questions]
        if not questions:
            raise ApiError(422, "nothing_found", "The library has no learning for that choice.")
        shortfall = None
        if len(questions) < count:
            shortfall = (
                f"You asked for {count} questions; the library has learning for {len(questions)} "
                f"good ones on {what} for {AUDIENCE_NAMES[audience]}, so the set is shorter "
                "rather than padded."
            )
        docs = list(dict.fromkeys(c.doc_id for q in questions for c in q.citations))
        return Built(
            tuple(_stored(q) for q in questions), tuple(self.case_summaries(docs)), shortfall
        )

    def create(
        self, title: str, request: dict, built: Built, ownership: Ownership = NOBODY
    ) -> SetRecord:
        return self.store.create_set(
            NewSet(
                title,
                request,
                built.questions,
                built.case_summaries,
                ownership=ownership,
                shortfall=built.shortfall,
            )
        )

    # -- reading ----------------------------------------------------------------------------

    def get(self, sid: str, version: int | None = None) -> SetRecord:
        record = self.store.discussion_set(sid, version)
        if record is None:
            raise not_found("discussion set")
        return record

    def summaries(self) -> list[SetSummary]:
        return self.store.discussion_sets()

    def versions(self, sid: str) -> list[SetVersion]:
        return self.store.set_versions(sid)

    # -- the trainer's changes: each a new version ----------------------------------------------

    def _edit(self, sid: str, change: Callable[[SetRecord], SetRecord], what: str) -> SetRecord:
        record = self.store.edit_set(sid, change, what)
        if record is None:
            raise not_found("discussion set")
        return record

    def reorder(self, sid: str, order: list[int]) -> SetRecord:
        """Keep the questions at these positions, in this order (remove and reorder)."""

        def change(current: SetRecord) -> SetRecord:
            questions = current.questions
            n = len(questions)
            if not order or len(set(order)) != len(order) or any(not 0 <= i < n for i in order):
                raise ApiError(422, "bad_order", "Give each kept question's position once.")
            return replace(current, questions=tuple(questions[i] for i in order))

        what = "removed" if len(order) < len(self.get(sid).questions) else "reordered"
        return self._edit(sid, change, what)

    def reword(self, sid: str, position: int, text: str) -> SetRecord:
        """The trainer's wording; the citations stay, and the record keeps Reflect's wording."""

        def change(current: SetRecord) -> SetRecord:
            if not 0 <= position < len(current.questions):
                raise ApiError(422, "bad_position", "That question is not in this set.")
            old = current.questions[position]
            new = replace(old, text=text, original=old.original or old.text)
            questions = list(current.questions)
            questions[position] = new
            return replace(current, questions=tuple(questions))

        return self._edit(sid, change, "reworded")

    def rename(self, sid: str, title: str) -> SetRecord:
        return self._edit(sid, lambda current: replace(current, title=title), "renamed")

    def regenerate(self, sid: str, built: Built, request: dict) -> SetRecord:
        """A new version of the same set (its title kept), not a new set."""

        def change(current: SetRecord) -> SetRecord:
            return replace(
                current,
                questions=built.questions,
                case_summaries=built.case_summaries,
                shortfall=built.shortfall,
                request=request,
            )

        return self._edit(sid, change, "regenerated")

    def restore(self, sid: str, version: int) -> SetRecord:
        old = self.get(sid, version)

        def change(current: SetRecord) -> SetRecord:
            return replace(
                current,
                title=old.title,
                questions=old.questions,
                case_summaries=old.case_summaries,
                shortfall=old.shortfall,
            )

        return self._edit(sid, change, f"restored version {version}")

    def delete(self, sid: str) -> None:
        if not self.store.delete_set(sid):
            raise not_found("discussion set")
