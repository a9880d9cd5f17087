"""Reflection sessions and discussion sets in one SQLite file under the data dir: WAL with
synchronous=FULL, so a note the API has acknowledged is on disk and survives a crash (SIGKILL)
and a restart. Records are stored in their own shapes (app.storage.record_json), never as API
JSON. The schema is versioned: numbered migrations run once, at start, in a transaction each.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from app.core.errors import ReadOnly, storage_error
from app.storage.record_json import (
    decode_case,
    decode_follow_up,
    decode_prompt,
    decode_question,
    dumps,
    encode_follow_up,
    encode_prompt,
    set_body,
)
from app.storage.sessions import (
    ActionRecord,
    FollowUp,
    NewSession,
    NoteRecord,
    Ownership,
    PromptRecord,
    SessionRecord,
    SessionSummary,
    Timer,
)
from app.storage.sets import (
    NewSet,
    SetRecord,
    SetSummary,
    SetVersion,
)

MIGRATIONS: tuple[str, ...] = (
    # 1: sessions, notes, actions, sets
    """
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
    """,
    # 2: ownership, roles, the server's clock, edits, follow-ups, set versions
    """
    ALTER TABLE reflections ADD COLUMN key_hash TEXT;
    ALTER TABLE reflections ADD COLUMN owner TEXT;
    ALTER TABLE reflections ADD COLUMN team TEXT;
    ALTER TABLE reflections ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE reflections ADD COLUMN timer TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE reflections ADD COLUMN note TEXT;
    ALTER TABLE notes ADD COLUMN updated TEXT;
    ALTER TABLE notes ADD COLUMN follow_up TEXT;
    ALTER TABLE actions ADD COLUMN updated TEXT;
    ALTER TABLE actions ADD COLUMN note_id INTEGER;
    ALTER TABLE discussion_sets ADD COLUMN key_hash TEXT;
    ALTER TABLE discussion_sets ADD COLUMN owner TEXT;
    ALTER TABLE discussion_sets ADD COLUMN team TEXT;
    ALTER TABLE discussion_sets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE IF NOT EXISTS discussion_set_versions (
        set_id TEXT NOT NULL REFERENCES discussion_sets(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        created TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        change TEXT NOT NULL,
        PRIMARY KEY (set_id, version)
    );
    """,
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_id() -> str:
    return secrets.token_hex(8)


class Connection(Protocol):
    """What the store's SQL runs on: a sqlite3 connection, or another database's connection
    that takes the same SQL (see app.storage.postgres.records)."""

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any: ...


Row = Any  # sqlite3.Row, or a row read by position and by column name as it is


def _ownership(row: Row) -> Ownership:
    return Ownership(row["key_hash"], row["owner"], row["team"])


class SqliteStore:
    """Sessions and sets in SQLite: a SessionStore and a SetStore."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.read_only = read_only
        self._lock = threading.Lock()
        if read_only:  # a read-only data dir: what is there can be read, nothing written
            uri = f"file:{path}?immutable=1" if path.exists() else "file::memory:"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._conn.row_factory = sqlite3.Row
            if not path.exists():
                self._migrate()
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            self._conn.execute(f"PRAGMA {pragma}")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._migrate()

    def _migrate(self) -> None:
        """Run the migrations this file has not had yet, each in its own transaction."""
        done = self._conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[done:], done + 1):
            statements = [s.strip() for s in script.split(";") if s.strip()]
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in statements:
                    try:
                        self._conn.execute(statement)
                    except sqlite3.OperationalError as exc:
                        if "duplicate column" not in str(exc):
                            raise
                self._conn.execute(f"PRAGMA user_version = {number}")
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
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

    def _query(self, sql: str, params: tuple = ()) -> list[Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- sessions -----------------------------------------------------------------------

    def create_session(self, s: NewSession) -> SessionRecord:
        sid, stamp = new_id(), now()
        prompts = dumps([encode_prompt(p) for p in s.prompts])
        first = min(s.prompts, key=lambda p: (p.order, p.index)).index if s.prompts else 0
        with self._transaction() as c:
            c.execute(
                "INSERT INTO reflections (id, created, updated, title, document_id, theme,"
                " audience, derived, timer_minutes, attendees, current_index, prompts, key_hash,"
                " owner, team, roles, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                    first,
                    prompts,
                    s.ownership.key_hash,
                    s.ownership.owner,
                    s.ownership.team,
                    dumps(list(s.roles)),
                    s.note,
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
            "SELECT id, prompt_index, text, created, updated, follow_up FROM notes"
            " WHERE reflection_id = ? ORDER BY id",
            (sid,),
        )
        actions = self._query(
            "SELECT id, text, owner, due, embedded, created, updated, note_id FROM actions"
            " WHERE reflection_id = ? ORDER BY id",
            (sid,),
        )
        timer = json.loads(row["timer"] or "{}")
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
            prompts=tuple(decode_prompt(p) for p in json.loads(row["prompts"])),
            notes=tuple(
                NoteRecord(n[0], n[1], n[2], n[3], n[4], decode_follow_up(n[5])) for n in notes
            ),
            actions=tuple(ActionRecord(*a) for a in actions),
            ownership=_ownership(row),
            roles=tuple(json.loads(row["roles"] or "[]")),
            timer=Timer(timer.get("started"), float(timer.get("elapsed", 0.0))),
            note=row["note"],
        )

    def sessions(self) -> list[SessionSummary]:
        rows = self._query(
            "SELECT r.id, r.title, r.audience, r.created, r.updated,"
            " (SELECT COUNT(*) FROM notes n WHERE n.reflection_id = r.id) AS notes,"
            " (SELECT COUNT(*) FROM actions a WHERE a.reflection_id = r.id) AS actions,"
            " r.key_hash, r.owner, r.team FROM reflections r ORDER BY r.updated DESC"
        )
        return [
            SessionSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _ownership(r)) for r in rows
        ]

    def _touch(self, c: Connection, sid: str, stamp: str) -> None:
        c.execute("UPDATE reflections SET updated = ? WHERE id = ?", (stamp, sid))

    def add_note(
        self, sid: str, prompt_index: int, text: str, follow_up: FollowUp | None = None
    ) -> NoteRecord:
        stamp = now()
        with self._transaction() as c:
            note_id = c.execute(
                "INSERT INTO notes (reflection_id, prompt_index, text, created, follow_up)"
                " VALUES (?,?,?,?,?) RETURNING id",
                (sid, prompt_index, text, stamp, encode_follow_up(follow_up)),
            ).fetchone()[0]
            self._touch(c, sid, stamp)
        return NoteRecord(int(note_id), prompt_index, text, stamp, None, follow_up)

    def _note(self, c: Connection, sid: str, note_id: int) -> NoteRecord | None:
        n = c.execute(
            "SELECT id, prompt_index, text, created, updated, follow_up FROM notes"
            " WHERE reflection_id = ? AND id = ?",
            (sid, note_id),
        ).fetchone()
        return NoteRecord(n[0], n[1], n[2], n[3], n[4], decode_follow_up(n[5])) if n else None

    def edit_note(self, sid: str, note_id: int, text: str) -> NoteRecord | None:
        stamp = now()
        with self._transaction() as c:
            c.execute(
                "UPDATE notes SET text = ?, updated = ? WHERE reflection_id = ? AND id = ?",
                (text, stamp, sid, note_id),
            )
            self._touch(c, sid, stamp)
            return self._note(c, sid, note_id)

    def delete_note(self, sid: str, note_id: int) -> bool:
        with self._transaction() as c:
            gone = c.execute(
                "DELETE FROM notes WHERE reflection_id = ? AND id = ?", (sid, note_id)
            ).rowcount
            self._touch(c, sid, now())
        return gone > 0

    def answer_follow_up(
        self, sid: str, note_id: int, take: bool, prompt: PromptRecord | None
    ) -> NoteRecord | None:
        stamp = now()
        with self._transaction() as c:
            note = self._note(c, sid, note_id)
            if note is None or note.follow_up is None:
                return None
            status = "taken" if take else "passed"
            index = None
            if take and prompt is not None:
                row = c.execute("SELECT prompts FROM reflections WHERE id = ?", (sid,)).fetchone()
                prompts = [decode_prompt(p) for p in json.loads(row["prompts"])]
                index = max(p.index for p in prompts) + 1
                after = next((p.order for p in prompts if p.index == note.prompt_index), 0.0)
                later = [p.order for p in prompts if p.order > after]
                order = (after + min(later)) / 2 if later else after + 1
                prompts.append(replace(prompt, index=index, order=order))
                c.execute(
                    "UPDATE reflections SET prompts = ?, current_index = ? WHERE id = ?",
                    (dumps([encode_prompt(p) for p in prompts]), index, sid),
                )
            follow_up = replace(note.follow_up, status=status, prompt_index=index)
            c.execute(
                "UPDATE notes SET follow_up = ? WHERE id = ?",
                (encode_follow_up(follow_up), note_id),
            )
            self._touch(c, sid, stamp)
            return self._note(c, sid, note_id)

    def add_action(
        self,
        sid: str,
        text: str,
        owner: str | None,
        due: str | None,
        embedded: str | None,
        note_id: int | None = None,
    ) -> ActionRecord:
        stamp = now()
        with self._transaction() as c:
            action_id = c.execute(
                "INSERT INTO actions (reflection_id, text, owner, due, embedded, created,"
                " note_id) VALUES (?,?,?,?,?,?,?) RETURNING id",
                (sid, text, owner, due, embedded, stamp, note_id),
            ).fetchone()[0]
            self._touch(c, sid, stamp)
        return ActionRecord(int(action_id), text, owner, due, embedded, stamp, None, note_id)

    def edit_action(self, sid: str, action_id: int, fields: dict) -> ActionRecord | None:
        allowed = {k: v for k, v in fields.items() if k in ("text", "owner", "due", "embedded")}
        stamp = now()
        with self._transaction() as c:
            for name, value in allowed.items():
                c.execute(
                    f"UPDATE actions SET {name} = ?, updated = ?"
                    " WHERE reflection_id = ? AND id = ?",
                    (value, stamp, sid, action_id),
                )
            self._touch(c, sid, stamp)
            row = c.execute(
                "SELECT id, text, owner, due, embedded, created, updated, note_id FROM actions"
                " WHERE reflection_id = ? AND id = ?",
                (sid, action_id),
            ).fetchone()
        return ActionRecord(*row) if row else None

    def delete_action(self, sid: str, action_id: int) -> bool:
        with self._transaction() as c:
            gone = c.execute(
                "DELETE FROM actions WHERE reflection_id = ? AND id = ?", (sid, action_id)
            ).rowcount
            self._touch(c, sid, now())
        return gone > 0

    def update_session(self, sid: str, fields: dict) -> None:
        stamp = now()
        columns = {"current_index", "timer_minutes", "attendees", "roles", "timer"}
        with self._transaction() as c:
            for name, value in fields.items():
                if name not in columns:
                    continue
                if name == "roles":
                    value = dumps(list(value))
                elif name == "timer":
                    value = dumps({"started": value.started, "elapsed": value.elapsed})
                c.execute(
                    f"UPDATE reflections SET {name} = ?, updated = ? WHERE id = ?",
                    (value, stamp, sid),
                )

    def set_prompt_status(self, sid: str, prompt_index: int, status: str) -> None:
        with self._transaction() as c:
            row = c.execute("SELECT prompts FROM reflections WHERE id = ?", (sid,)).fetchone()
            if row is None:
                return
            prompts = [
                replace(p, status=status) if p.index == prompt_index else p
                for p in (decode_prompt(d) for d in json.loads(row["prompts"]))
            ]
            c.execute(
                "UPDATE reflections SET prompts = ?, updated = ? WHERE id = ?",
                (dumps([encode_prompt(p) for p in prompts]), now(), sid),
            )

    def delete_session(self, sid: str) -> bool:
        with self._transaction() as c:
            return c.execute("DELETE FROM reflections WHERE id = ?", (sid,)).rowcount > 0

    # -- discussion sets -------------------------------------------------------------------

    def create_set(self, new: NewSet) -> SetRecord:
        sid, stamp = new_id(), now()
        body = set_body(new)
        with self._transaction() as c:
            c.execute(
                "INSERT INTO discussion_sets (id, created, updated, title, body, key_hash, owner,"
                " team, version) VALUES (?,?,?,?,?,?,?,?,1)",
                (
                    sid,
                    stamp,
                    stamp,
                    new.title,
                    body,
                    new.ownership.key_hash,
                    new.ownership.owner,
                    new.ownership.team,
                ),
            )
            c.execute(
                "INSERT INTO discussion_set_versions (set_id, version, created, title, body,"
                " change) VALUES (?, 1, ?, ?, ?, 'created')",
                (sid, stamp, new.title, body),
            )
        record = self.discussion_set(sid)
        assert record is not None
        return record

    @staticmethod
    def _set(row: Row, body: str | None = None, title: str | None = None,
             version: int | None = None) -> SetRecord:  # fmt: skip
        data = json.loads(body or row["body"])
        return SetRecord(
            id=row["id"],
            created=row["created"],
            updated=row["updated"],
            title=title or row["title"],
            request=data.get("request", {}),
            questions=tuple(decode_question(q) for q in data["questions"]),
            case_summaries=tuple(decode_case(c) for c in data.get("case_summaries", ())),
            ownership=_ownership(row),
            shortfall=data.get("shortfall"),
            version=version or row["version"],
        )

    def discussion_set(self, sid: str, version: int | None = None) -> SetRecord | None:
        rows = self._query("SELECT * FROM discussion_sets WHERE id = ?", (sid,))
        if not rows:
            return None
        if version is None or version == rows[0]["version"]:
            return self._set(rows[0])
        old = self._query(
            "SELECT title, body FROM discussion_set_versions WHERE set_id = ? AND version = ?",
            (sid, version),
        )
        return self._set(rows[0], old[0]["body"], old[0]["title"], version) if old else None

    def discussion_sets(self) -> list[SetSummary]:
        rows = self._query("SELECT * FROM discussion_sets ORDER BY updated DESC")
        out = []
        for r in rows:
            record = self._set(r)
            out.append(
                SetSummary(
                    record.id,
                    record.title,
                    record.created,
                    len(record.questions),
                    record.ownership,
                    record.version,
                )
            )
        return out

    def set_versions(self, sid: str) -> list[SetVersion]:
        rows = self._query(
            "SELECT version, created, title, body, change FROM discussion_set_versions"
            " WHERE set_id = ? ORDER BY version",
            (sid,),
        )
        return [
            SetVersion(r[0], r[1], r[2], len(json.loads(r[3])["questions"]), r[4]) for r in rows
        ]

    def edit_set(
        self, sid: str, change: Callable[[SetRecord], SetRecord], what: str
    ) -> SetRecord | None:
        stamp = now()
        with self._transaction() as c:
            row = c.execute("SELECT * FROM discussion_sets WHERE id = ?", (sid,)).fetchone()
            if row is None:
                return None
            new = change(self._set(row))
            version = row["version"] + 1
            body = set_body(new)
            c.execute(
                "UPDATE discussion_sets SET body = ?, title = ?, updated = ?, version = ?"
                " WHERE id = ?",
                (body, new.title, stamp, version, sid),
            )
            c.execute(
                "INSERT INTO discussion_set_versions (set_id, version, created, title, body,"
                " change) VALUES (?,?,?,?,?,?)",
                (sid, version, stamp, new.title, body, what),
            )
        return self.discussion_set(sid)

    def delete_set(self, sid: str) -> bool:
        with self._transaction() as c:
            return c.execute("DELETE FROM discussion_sets WHERE id = ?", (sid,)).rowcount > 0
