"""Discussion sets: gather candidates from the index, build the set, keep it in SQLite."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from app.core.errors import ApiError, not_found
from app.core.kinds import kind_for_heading
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
from app.storage.chroma_library import Snapshot
from app.storage.sqlite import Database, dumps, new_id, now
from app.web.views import item_json

BACKGROUND = re.compile(r"background|about the (family|child)|case overview|context", re.I)
THEME_COSINE = 0.45  # an untagged item this close in meaning to the theme belongs to it
AUDIENCE_NAMES = {
    "practitioners": "practitioners",
    "leaders": "leaders",
    "multi-agency": "a multi-agency group",
}


def theme_candidates(
    snap: Snapshot, theme: Theme, theme_vector: np.ndarray, audience: str
) -> list[Candidate]:
    out = []
    for k, item in enumerate(snap.items):
        kinds = (*SOURCE_KINDS, *FALLBACK_KINDS)
        if item.kind not in kinds or not _fits(item.audience, audience):
            continue
        closeness = float(snap.vectors[k] @ theme_vector)
        if theme.slug in item.themes or closeness >= THEME_COSINE:
            score = closeness + audience_lean(item, audience)
            score += 0.2 if theme.slug in item.themes else 0.0
            score -= FALLBACK_PENALTY if item.kind in FALLBACK_KINDS else 0.0
            out.append(Candidate(item, snap.vectors[k], score))
    return out


def document_candidates(snap: Snapshot, doc_ids: list[str], audience: str) -> list[Candidate]:
    missing = [d for d in doc_ids if d not in snap.documents]
    if missing:
        raise ApiError(422, "unknown_document", "One or more documents are not in the library.")
    out = []
    for k, item in enumerate(snap.items):
        if item.doc_id in doc_ids and item.kind in SOURCE_KINDS and _fits(item.audience, audience):
            # the document's own order matters: earlier learning a little ahead
            out.append(
                Candidate(
                    item, snap.vectors[k], 1.0 - item.order / 1000 + audience_lean(item, audience)
                )
            )
    return out


def _fits(item_audience: str | None, audience: str) -> bool:
    return item_audience is None or audience == "multi-agency" or item_audience == audience


def case_summaries(snap: Snapshot, doc_ids: list[str]) -> list[dict]:
    out = []
    for doc_id in doc_ids:
        context = [
            i
            for i in snap.items
            if i.doc_id == doc_id
            and i.kind == "context"
            and any(kind_for_heading(h) == "context" for h in i.section_path[-1:])
        ]
        background = [i for i in context if BACKGROUND.search(i.section)] or context
        text = case_summary(background)
        if text:
            out.append(
                {
                    "document": {"id": doc_id, "title": snap.documents[doc_id].meta.title},
                    "text": text,
                    "citations": [item_json(i) for i in background[:3]],
                }
            )
    return out


class DiscussionSets:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self,
        snap: Snapshot,
        title: str,
        request: dict,
        candidates: list[Candidate],
        count: int,
        audience: str,
        seed: int | None,
        rephrase: Callable[[Question], str | None] | None = None,
    ) -> dict:
        questions = build_questions(candidates, count, audience, seed)
        if rephrase is not None:  # a model's wording, kept only where it passed verification
            questions = [replace(q, text=rephrase(q) or q.text) for q in questions]
        if not questions:
            raise ApiError(422, "nothing_found", "The library has no learning for that choice.")
        docs = list(dict.fromkeys(c.doc_id for q in questions for c in q.citations))
        body = {
            "title": title,
            "request": request,
            "questions": [
                {
                    "text": q.text,
                    "kind": q.kind,
                    "facilitator_notes": q.facilitator_notes,
                    "citations": [{"n": n, **item_json(i)} for n, i in enumerate(q.citations, 1)],
                }
                for q in questions
            ],
            "case_summaries": case_summaries(snap, docs),
        }
        sid, stamp = new_id(), now()
        with self.db.transaction() as c:
            c.execute(
                "INSERT INTO discussion_sets (id, created, updated, title, body)"
                " VALUES (?,?,?,?,?)",
                (sid, stamp, stamp, title, dumps(body)),
            )
        return self.get(sid)

    def get(self, sid: str) -> dict:
        rows = self.db.query("SELECT * FROM discussion_sets WHERE id = ?", (sid,))
        if not rows:
            raise not_found("discussion set")
        return {
            "id": sid,
            "created": rows[0]["created"],
            "updated": rows[0]["updated"],
            **json.loads(rows[0]["body"]),
        }

    def summaries(self) -> list[dict]:
        rows = self.db.query(
            "SELECT id, title, created, updated, body FROM discussion_sets ORDER BY updated DESC"
        )
        return [
            {
                "id": r["id"],
                "title": r["title"],
                "created": r["created"],
                "questions": len(json.loads(r["body"])["questions"]),
            }
            for r in rows
        ]

    def reorder(self, sid: str, order: list[int]) -> dict:
        """Keep the questions at these positions, in this order (remove and reorder)."""
        with self.db.transaction() as c:
            row = c.execute("SELECT body FROM discussion_sets WHERE id = ?", (sid,)).fetchone()
            if row is None:
                raise not_found("discussion set")
            body = json.loads(row["body"])
            n = len(body["questions"])
            if not order or len(set(order)) != len(order) or any(not 0 <= i < n for i in order):
                raise ApiError(422, "bad_order", "Give each kept question's position once.")
            body["questions"] = [body["questions"][i] for i in order]
            c.execute(
                "UPDATE discussion_sets SET body = ?, updated = ? WHERE id = ?",
                (dumps(body), now(), sid),
            )
        return self.get(sid)

    def delete(self, sid: str) -> None:
        self.get(sid)
        with self.db.transaction() as c:
            c.execute("DELETE FROM discussion_sets WHERE id = ?", (sid,))
