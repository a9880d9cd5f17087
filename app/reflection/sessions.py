"""Reflection sessions: plan prompts from the index, keep them with notes and actions in SQLite."""

from __future__ import annotations

import json

import numpy as np

from app.core.errors import ApiError, not_found
from app.core.records import Item
from app.core.themes import Theme
from app.reflection.plan import BACKING_KINDS, Plan, Prompt, build_plan
from app.storage.chroma_library import Snapshot
from app.storage.sqlite import Database, dumps, new_id, now
from app.web.views import item_json


def _with_vectors(snap: Snapshot, keep) -> list[tuple[Item, np.ndarray]]:  # type: ignore[no-untyped-def]
    return [(i, snap.vectors[k]) for k, i in enumerate(snap.items) if keep(i)]


def plan_for_document(snap: Snapshot, doc_id: str, audience: str) -> Plan:
    doc = snap.documents.get(doc_id)
    if doc is None:
        raise ApiError(422, "unknown_document", "No document with that id is in the library.")
    questions = _with_vectors(
        snap, lambda i: i.doc_id == doc_id and i.kind == "reflective_question"
    )
    if any(i.audience for i, _ in questions):
        questions = [(i, v) for i, v in questions if i.audience in (audience, None)]
    learning = _with_vectors(snap, lambda i: i.doc_id == doc_id and i.kind in BACKING_KINDS)
    return build_plan(doc.meta.title, questions, learning, audience, order_by_stage=False)


THEME_QUESTION_COSINE = 0.45  # an untagged question this close to the theme belongs to it


def plan_for_theme(snap: Snapshot, theme: Theme, audience: str, theme_vector: np.ndarray) -> Plan:
    """Questions tagged with the theme, or close to it in meaning, across all documents."""

    def on_theme(i: Item) -> bool:
        return theme.slug in i.themes

    def question_for(i: Item, vector: np.ndarray) -> bool:
        close = on_theme(i) or float(vector @ theme_vector) >= THEME_QUESTION_COSINE
        return i.kind == "reflective_question" and i.audience in (audience, None) and close

    questions = [
        (i, snap.vectors[k]) for k, i in enumerate(snap.items) if question_for(i, snap.vectors[k])
    ]
    learning = _with_vectors(snap, lambda i: on_theme(i) and i.kind in BACKING_KINDS)
    return build_plan(f"Theme: {theme.title}", questions, learning, audience, order_by_stage=True)


def _prompt_json(p: Prompt) -> dict:
    return {
        "index": p.index,
        "question": p.question,
        "kind": p.kind,
        "citations": [{"n": n, **item_json(i)} for n, i in enumerate(p.citations, 1)],
        "probes": list(p.probes),
    }


class Reflections:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self,
        plan: Plan,
        audience: str,
        document_id: str | None,
        theme: str | None,
        timer_minutes: int,
        attendees: int | None,
    ) -> dict:
        rid, stamp = new_id(), now()
        prompts = [_prompt_json(p) for p in plan.prompts]
        with self.db.transaction() as c:
            c.execute(
                "INSERT INTO reflections (id, created, updated, title, document_id, theme,"
                " audience, derived, timer_minutes, attendees, prompts)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    rid,
                    stamp,
                    stamp,
                    plan.title,
                    document_id,
                    theme,
                    audience,
                    int(plan.derived),
                    timer_minutes,
                    attendees,
                    dumps(prompts),
                ),
            )
        return self.get(rid)

    def _row(self, rid: str):  # type: ignore[no-untyped-def]
        rows = self.db.query("SELECT * FROM reflections WHERE id = ?", (rid,))
        if not rows:
            raise not_found("reflection session")
        return rows[0]

    def get(self, rid: str) -> dict:
        row = self._row(rid)
        prompts = json.loads(row["prompts"])
        notes = self.db.query(
            "SELECT id, prompt_index, text, created FROM notes WHERE reflection_id = ? ORDER BY id",
            (rid,),
        )
        for p in prompts:
            p["notes"] = [dict(n) for n in notes if n["prompt_index"] == p["index"]]
        actions = self.db.query(
            "SELECT id, text, owner, due, embedded, created FROM actions WHERE reflection_id = ?"
            " ORDER BY id",
            (rid,),
        )
        return {
            "id": row["id"],
            "title": row["title"],
            "created": row["created"],
            "updated": row["updated"],
            "document_id": row["document_id"],
            "theme": row["theme"],
            "audience": row["audience"],
            "derived": bool(row["derived"]),
            "timer_minutes": row["timer_minutes"],
            "attendees": row["attendees"],
            "current_index": row["current_index"],
            "prompts": prompts,
            "actions": [dict(a) for a in actions],
        }

    def summaries(self) -> list[dict]:
        rows = self.db.query(
            "SELECT r.id, r.title, r.audience, r.created, r.updated,"
            " (SELECT COUNT(*) FROM notes n WHERE n.reflection_id = r.id) AS notes,"
            " (SELECT COUNT(*) FROM actions a WHERE a.reflection_id = r.id) AS actions"
            " FROM reflections r ORDER BY r.updated DESC"
        )
        return [dict(r) for r in rows]

    def _prompt_count(self, rid: str) -> int:
        return len(json.loads(self._row(rid)["prompts"]))

    def add_note(self, rid: str, prompt_index: int, text: str) -> dict:
        if not 0 <= prompt_index < self._prompt_count(rid):
            raise ApiError(422, "bad_prompt_index", "That prompt is not in this session.")
        stamp = now()
        with self.db.transaction() as c:
            cur = c.execute(
                "INSERT INTO notes (reflection_id, prompt_index, text, created) VALUES (?,?,?,?)",
                (rid, prompt_index, text, stamp),
            )
            c.execute("UPDATE reflections SET updated = ? WHERE id = ?", (stamp, rid))
        return {"id": cur.lastrowid, "prompt_index": prompt_index, "text": text, "created": stamp}

    def add_action(
        self, rid: str, text: str, owner: str | None, due: str | None, embedded: str | None
    ) -> dict:
        self._row(rid)
        stamp = now()
        with self.db.transaction() as c:
            cur = c.execute(
                "INSERT INTO actions (reflection_id, text, owner, due, embedded, created)"
                " VALUES (?,?,?,?,?,?)",
                (rid, text, owner, due, embedded, stamp),
            )
            c.execute("UPDATE reflections SET updated = ? WHERE id = ?", (stamp, rid))
        return {
            "id": cur.lastrowid,
            "text": text,
            "owner": owner,
            "due": due,
            "embedded": embedded,
            "created": stamp,
        }

    def update(self, rid: str, fields: dict) -> dict:
        """Field by field, so two facilitators changing different things both win."""
        row = self._row(rid)
        if "current_index" in fields and not 0 <= fields["current_index"] < len(
            json.loads(row["prompts"])
        ):
            raise ApiError(422, "bad_prompt_index", "That prompt is not in this session.")
        allowed = {"current_index", "timer_minutes", "attendees"}
        with self.db.transaction() as c:
            for name, value in fields.items():
                if name in allowed:
                    c.execute(
                        f"UPDATE reflections SET {name} = ?, updated = ? WHERE id = ?",
                        (value, now(), rid),
                    )
        return self.get(rid)

    def delete(self, rid: str) -> None:
        self._row(rid)
        with self.db.transaction() as c:
            c.execute("DELETE FROM reflections WHERE id = ?", (rid,))
