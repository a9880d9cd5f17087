"""Discussion sets: gather candidates from the library, build the set, keep it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

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
from app.storage.library import Library
from app.storage.sessions import NOBODY, CitedItem, Ownership
from app.storage.sets import CaseSummary, NewSet, SetQuestion, SetRecord, SetStore, SetSummary

BACKGROUND = re.compile(r"background|about the (family|child)|case overview|context", re.I)
THEME_COSINE = 0.45  # an untagged item this close in meaning to the theme belongs to it
THEME_POOL = 300  # the closest items in meaning looked at for a theme
AUDIENCE_NAMES = {
    "practitioners": "practitioners",
    "leaders": "leaders",
    "multi-agency": "a multi-agency group",
}
KINDS = (*SOURCE_KINDS, *FALLBACK_KINDS)


def _fits(item_audience: str | None, audience: str) -> bool:
    return item_audience is None or audience == "multi-agency" or item_audience == audience


def _cited(items: tuple[Item, ...] | list[Item]) -> tuple[CitedItem, ...]:
    return tuple(CitedItem.of(i) for i in items)


class DiscussionSets:
    def __init__(self, library: Library, store: SetStore) -> None:
        self.library = library
        self.store = store

    def theme_candidates(
        self, theme: Theme, theme_vector: np.ndarray, audience: str
    ) -> list[Candidate]:
        close = self.library.dense(theme_vector, THEME_POOL, kinds=KINDS)
        near = {c.item_id for c in close if c.score >= THEME_COSINE}
        items = {i.id: i for i in [*self.library.themed(theme.slug, KINDS)]}
        items.update({i.id: i for i in self.library.items(sorted(near))})
        chosen = sorted(
            (i for i in items.values() if _fits(i.audience, audience)),
            key=lambda i: (i.doc_id, i.order),
        )
        vectors = self.library.vectors([i.id for i in chosen])
        out = []
        for item, vector in zip(chosen, vectors, strict=True):
            score = float(vector @ theme_vector) + audience_lean(item, audience)
            score += 0.2 if theme.slug in item.themes else 0.0
            score -= FALLBACK_PENALTY if item.kind in FALLBACK_KINDS else 0.0
            out.append(Candidate(item, vector, score))
        return out

    def document_candidates(self, doc_ids: list[str], audience: str) -> list[Candidate]:
        if any(self.library.document(d) is None for d in doc_ids):
            raise ApiError(422, "unknown_document", "One or more documents are not in the library.")
        items = [
            i
            for d in doc_ids
            for i in self.library.items_of(d, SOURCE_KINDS)
            if _fits(i.audience, audience)
        ]
        vectors = self.library.vectors([i.id for i in items])
        # the document's own order matters: earlier learning a little ahead
        return [
            Candidate(i, v, 1.0 - i.order / 1000 + audience_lean(i, audience))
            for i, v in zip(items, vectors, strict=True)
        ]

    def case_summaries(self, doc_ids: list[str]) -> list[CaseSummary]:
        out = []
        for doc_id in doc_ids:
            context = [
                i
                for i in self.library.items_of(doc_id, ["context"])
                if any(kind_for_heading(h) == "context" for h in i.section_path[-1:])
            ]
            background = [i for i in context if BACKGROUND.search(i.section)] or context
            text = case_summary(background)
            if text and background:
                out.append(
                    CaseSummary(doc_id, background[0].doc_title, text, _cited(background[:3]))
                )
        return out

    def create(
        self,
        title: str,
        request: dict,
        candidates: list[Candidate],
        count: int,
        audience: str,
        seed: int | None,
        rephrase: Callable[[Question], str | None] | None = None,
        ownership: Ownership = NOBODY,
    ) -> SetRecord:
        questions = build_questions(candidates, count, audience, seed)
        if rephrase is not None:  # a model's wording, kept only where it passed verification
            questions = [replace(q, text=rephrase(q) or q.text) for q in questions]
        if not questions:
            raise ApiError(422, "nothing_found", "The library has no learning for that choice.")
        docs = list(dict.fromkeys(c.doc_id for q in questions for c in q.citations))
        return self.store.create_set(
            NewSet(
                title,
                request,
                tuple(
                    SetQuestion(q.text, q.kind, q.facilitator_notes, _cited(q.citations))
                    for q in questions
                ),
                tuple(self.case_summaries(docs)),
                ownership=ownership,
            )
        )

    def get(self, sid: str) -> SetRecord:
        record = self.store.discussion_set(sid)
        if record is None:
            raise not_found("discussion set")
        return record

    def summaries(self) -> list[SetSummary]:
        return self.store.discussion_sets()

    def reorder(self, sid: str, order: list[int]) -> SetRecord:
        """Keep the questions at these positions, in this order (remove and reorder)."""

        def change(current: SetRecord) -> SetRecord:
            questions = current.questions
            n = len(questions)
            if not order or len(set(order)) != len(order) or any(not 0 <= i < n for i in order):
                raise ApiError(422, "bad_order", "Give each kept question's position once.")
            return replace(current, questions=tuple(questions[i] for i in order))

        what = "removed" if len(order) < len(self.get(sid).questions) else "reordered"
        record = self.store.edit_set(sid, change, what)
        if record is None:
            raise not_found("discussion set")
        return record

    def delete(self, sid: str) -> None:
        if not self.store.delete_set(sid):
            raise not_found("discussion set")
