"""Reflection sessions and discussion sets in one SQLite file under the data dir: WAL with
synchronous=FULL, so a note the API has acknowledged is on disk and survives a crash (SIGKILL)
and a restart. Records are stored in their own shapes (see `_encode_*`), never as API JSON.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import ReadOnly, storage_error
from app.storage.sessions import (
    SESSION_FIELDS,
    ActionRecord,
    CitedItem,
    NewSession,
    NoteRecord,
    PromptRecord,
    SessionRecord,
    SessionSummary,
)
from app.storage.sets import CaseSummary, NewSet, SetQuestion, SetRecord, SetSummary

SCHEMA = """
CREATE TABLE IF NOT EXISTS reflections (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    title TEXT NOT NULL,
    document_id TEXT,
    theme TEXT,
    audience TEXT NOT NULL,
    derived INTEGER NOT NULL DEFAULT 0,
    timer_minutes INTEGER NOT NULL DEFAULT 7,
    attendees INTEGER,
    current_index INTEGER NOT NULL DEFAULT 0,
    prompts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    prompt_index INTEGER NOT NULL,
    text TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    owner TEXT,
    due TEXT,
    embedded TEXT,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS discussion_sets (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_by_reflection ON notes(reflection_id, prompt_index, id);
CREATE INDEX IF NOT EXISTS actions_by_reflection ON actions(reflection_id, id);
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_id() -> str:
    return secrets.token_hex(8)


# -- record codecs: the stored shapes ---------------------------------------------------------


def _encode_cited(c: CitedItem) -> dict:
    return asdict(c)


def _decode_cited(d: dict) -> CitedItem:
    if "document" in d:  # the shape before records had their own (API JSON)
        d = {**d, "doc_id": d["document"]["id"], "doc_title": d["document"]["title"]}
    return CitedItem(
        d["id"],
        d["doc_id"],
        d["doc_title"],
        d["section"],
        d["label"],
        d["kind"],
        d["text"],
        d.get("audience"),
        tuple(d.get("themes") or ()),
    )


def _encode_prompt(p: PromptRecord) -> dict:
    return {
        "index": p.index,
        "question": p.question,
        "kind": p.kind,
        "citations": [_encode_cited(c) for c in p.citations],
        "probes": list(p.probes),
    }


def _decode_prompt(d: dict) -> PromptRecord:
    return PromptRecord(
        d["index"],
        d["question"],
        d["kind"],
        tuple(_decode_cited(c) for c in d.get("citations", ())),
        tuple(d.get("probes", ())),
    )


def _encode_question(q: SetQuestion) -> dict:
    return {
        "text": q.text,
        "kind": q.kind,
        "facilitator_notes": q.facilitator_notes,
        "citations": [_encode_cited(c) for c in q.citations],
    }


def _decode_question(d: dict) -> SetQuestion:
    return SetQuestion(
        d["text"],
        d["kind"],
        d.get("facilitator_notes", ""),
        tuple(_decode_cited(c) for c in d.get("citations", ())),
    )


def _encode_case(c: CaseSummary) -> dict:
    return {
        "doc_id": c.doc_id,
        "doc_title": c.doc_title,
        "text": c.text,
        "citations": [_encode_cited(x) for x in c.citations],
    }


def _decode_case(d: dict) -> CaseSummary:
    if "document" in d:
        d = {**d, "doc_id": d["document"]["id"], "doc_title": d["document"]["title"]}
    return CaseSummary(
        d["doc_id"],
        d["doc_title"],
        d["text"],
        tuple(_decode_cited(c) for c in d.get("citations", ())),
    )


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class SqliteStore:
    """Sessions and sets in SQLite: a SessionStore and a SetStore."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.read_only = read_only
        self._lock = threading.Lock()
        if read_only:  # a read-only data dir: what is there can be read, nothing written
            uri = f"file:{path}?immutable=1"
            if not path.exists():
                uri = "file::memory:"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._conn.row_factory = sqlite3.Row
            if not path.exists():
                self._conn.executescript(SCHEMA)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            self._conn.execute(f"PRAGMA {pragma}")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._conn.executescript(SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One writer at a time; all or nothing (never a half-written record)."""
        if self.read_only:
            raise ReadOnly()
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:  # a full disk, a read-only file system
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise storage_error(exc) from exc
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def _query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- sessions -----------------------------------------------------------------------

    def create_session(self, s: NewSession) -> SessionRecord:
        sid, stamp = new_id(), now()
        prompts = _dumps([_encode_prompt(p) for p in s.prompts])
        with self._transaction() as c:
            c.execute(
                "INSERT INTO reflections (id, created, updated, title, document_id, theme,"
                " audience, derived, timer_minutes, attendees, prompts)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    sid,
                    stamp,
                    stamp,
                    s.title,
                    s.document_id,
                    s.theme,
                    s.audience,
                    int(s.derived),
                    s.timer_minutes,
                    s.attendees,
                    prompts,
                ),
            )
        record = self.session(sid)
        assert record is not None
        return record

    def session(self, sid: str) -> SessionRecord | None:
        rows = self._query("SELECT * FROM reflections WHERE id = ?", (sid,))
        if not rows:
            return None
        row = rows[0]
        notes = self._query(
            "SELECT id, prompt_index, text, created FROM notes WHERE reflection_id = ? ORDER BY id",
            (sid,),
        )
        actions = self._query(
            "SELECT id, text, owner, due, embedded, created FROM actions"
            " WHERE reflection_id = ? ORDER BY id",
            (sid,),
        )
        return SessionRecord(
            id=row["id"],
            created=row["created"],
            updated=row["updated"],
            title=row["title"],
            audience=row["audience"],
            document_id=row["document_id"],
            theme=row["theme"],
            derived=bool(row["derived"]),
            timer_minutes=row["timer_minutes"],
            attendees=row["attendees"],
            current_index=row["current_index"],
            prompts=tuple(_decode_prompt(p) for p in json.loads(row["prompts"])),
            notes=tuple(NoteRecord(*n) for n in notes),
            actions=tuple(ActionRecord(*a) for a in actions),
        )

    def sessions(self) -> list[SessionSummary]:
        rows = self._query(
            "SELECT r.id, r.title, r.audience, r.created, r.updated,"
            " (SELECT COUNT(*) FROM notes n WHERE n.reflection_id = r.id),"
            " (SELECT COUNT(*) FROM actions a WHERE a.reflection_id = r.id)"
            " FROM reflections r ORDER BY r.updated DESC"
        )
        return [SessionSummary(*r) for r in rows]

    def add_note(self, sid: str, prompt_index: int, text: str) -> NoteRecord:
        stamp = now()
        with self._transaction() as c:
            cur = c.execute(
                "INSERT INTO notes (reflection_id, prompt_index, text, created) VALUES (?,?,?,?)",
                (sid, prompt_index, text, stamp),
            )
            c.execute("UPDATE reflections SET updated = ? WHERE id = ?", (stamp, sid))
        return NoteRecord(int(cur.lastrowid or 0), prompt_index, text, stamp)

    def add_action(
        self, sid: str, text: str, owner: str | None, due: str | None, embedded: str | None
    ) -> ActionRecord:
        stamp = now()
        with self._transaction() as c:
            cur = c.execute(
                "INSERT INTO actions (reflection_id, text, owner, due, embedded, created)"
                " VALUES (?,?,?,?,?,?)",
                (sid, text, owner, due, embedded, stamp),
            )
            c.execute("UPDATE reflections SET updated = ? WHERE id = ?", (stamp, sid))
        return ActionRecord(int(cur.lastrowid or 0), text, owner, due, embedded, stamp)

    def update_session(self, sid: str, fields: dict[str, int | None]) -> None:
        with self._transaction() as c:
            for name, value in fields.items():
                if name in SESSION_FIELDS:
                    c.execute(
                        f"UPDATE reflections SET {name} = ?, updated = ? WHERE id = ?",
                        (value, now(), sid),
                    )

    def delete_session(self, sid: str) -> bool:
        with self._transaction() as c:
            return c.execute("DELETE FROM reflections WHERE id = ?", (sid,)).rowcount > 0

    # -- discussion sets -------------------------------------------------------------------

    def create_set(self, new: NewSet) -> SetRecord:
        sid, stamp = new_id(), now()
        body = {
            "request": new.request,
            "questions": [_encode_question(q) for q in new.questions],
            "case_summaries": [_encode_case(c) for c in new.case_summaries],
        }
        with self._transaction() as c:
            c.execute(
                "INSERT INTO discussion_sets (id, created, updated, title, body)"
                " VALUES (?,?,?,?,?)",
                (sid, stamp, stamp, new.title, _dumps(body)),
            )
        record = self.discussion_set(sid)
        assert record is not None
        return record

    @staticmethod
    def _set(row: sqlite3.Row) -> SetRecord:
        body = json.loads(row["body"])
        return SetRecord(
            id=row["id"],
            created=row["created"],
            updated=row["updated"],
            title=row["title"],
            request=body.get("request", {}),
            questions=tuple(_decode_question(q) for q in body["questions"]),
            case_summaries=tuple(_decode_case(c) for c in body.get("case_summaries", ())),
        )

    def discussion_set(self, sid: str) -> SetRecord | None:
        rows = self._query("SELECT * FROM discussion_sets WHERE id = ?", (sid,))
        return self._set(rows[0]) if rows else None

    def discussion_sets(self) -> list[SetSummary]:
        rows = self._query("SELECT * FROM discussion_sets ORDER BY updated DESC")
        out = []
        for r in rows:
            record = self._set(r)
            out.append(SetSummary(record.id, record.title, record.created, len(record.questions)))
        return out

    def edit_questions(
        self, sid: str, change: Callable[[tuple[SetQuestion, ...]], tuple[SetQuestion, ...]]
    ) -> SetRecord | None:
        with self._transaction() as c:
            row = c.execute("SELECT * FROM discussion_sets WHERE id = ?", (sid,)).fetchone()
            if row is None:
                return None
            body = json.loads(row["body"])
            questions = change(tuple(_decode_question(q) for q in body["questions"]))
            body["questions"] = [_encode_question(q) for q in questions]
            c.execute(
                "UPDATE discussion_sets SET body = ?, updated = ? WHERE id = ?",
                (_dumps(body), now(), sid),
            )
        return self.discussion_set(sid)

    def delete_set(self, sid: str) -> bool:
        with self._transaction() as c:
            return c.execute("DELETE FROM discussion_sets WHERE id = ?", (sid,)).rowcount > 0
