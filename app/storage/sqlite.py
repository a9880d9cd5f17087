"""The session database: one SQLite file under the data dir, WAL with synchronous=FULL, so a
note the API has acknowledged is on disk and survives a crash (SIGKILL) and a restart.

Notes and actions are rows of their own, appended, never read-modify-written: two browsers
adding notes at once both keep their note.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

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


class Database:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            "busy_timeout=5000",
        ):
            self._conn.execute(f"PRAGMA {pragma}")
        self._conn.executescript(SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One writer at a time; all or nothing (never a half-written record)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
