"""Moving a deployment from the embedded backend to Postgres: the library (documents, items
and their vectors as they are, nothing embedded again) and the records (sessions, notes,
actions, discussion sets and their versions, ids and access keys kept). Run again, it copies
only what the target does not hold yet."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app.storage.library import LibraryStore, StoredDocument

RECORD_TABLES = ("reflections", "notes", "actions", "discussion_sets", "discussion_set_versions")


@dataclass
class Copied:
    documents: int = 0
    unchanged: int = 0
    items: int = 0
    words: int = 0
    records: dict[str, int] = field(default_factory=dict)  # table -> rows copied


def copy_library(source: LibraryStore, target: LibraryStore, copied: Copied) -> None:
    """Every document of `source` that `target` does not hold in the same version."""
    held = target.document_hashes()
    for meta in source.documents():
        if held.get(meta.id) == meta.sha256:
            copied.unchanged += 1
            continue
        stored = source.document(meta.id)
        assert stored is not None
        items = source.items_of(meta.id)
        vectors = source.vectors([i.id for i in items])
        target.replace_document(StoredDocument(meta, stored.text, stored.profile), items, vectors)
        copied.documents += 1
        copied.items += len(items)
    missing = target.words_without_vectors()
    found = source.word_vectors(missing)
    if found:
        target.add_word_vectors(found)
    copied.words = len(found)


def read_records(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Each record table of the SQLite file: its columns and rows."""
    if not path.exists():
        return {}
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for table in RECORD_TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            out[table] = ([c[0] for c in cursor.description], cursor.fetchall())
        return out
    finally:
        conn.close()
