"""A child process that writes a document to a library and is killed (SIGKILL) at one point of
the write. The kill points sit at the boundary with the outside libraries (Chroma's collection
and SQLite's COMMIT), so the code under test runs unchanged.

usage: python -m tests.crash_child INDEX_DIR POINT ACTION DOC_FILE [ITEMS]
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path

import numpy as np

from app.core.records import DocumentMeta, Item, item_id
from app.storage.library import StoredDocument
from tests.fakes import HashEmbedder


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(point: str) -> None:
    from chromadb.api.models.Collection import Collection

    upsert, delete = Collection.upsert, Collection.delete
    calls = {"upsert": 0}

    def killing_upsert(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        upsert(self, *args, **kwargs)
        calls["upsert"] += 1
        if point == "after_vectors" or (point == "mid_vectors" and calls["upsert"] == 1):
            die()

    def killing_delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if point == "before_trim":
            die()
        delete(self, *args, **kwargs)

    Collection.upsert = killing_upsert  # type: ignore[method-assign]
    Collection.delete = killing_delete  # type: ignore[method-assign]

    class Connection(sqlite3.Connection):
        def execute(self, sql, *args):  # type: ignore[no-untyped-def, override]
            writing = self.in_transaction and getattr(self, "_writes", 0)
            if sql == "COMMIT" and point == "before_commit" and writing:
                die()
            if sql.startswith("INSERT INTO items "):
                self._writes = getattr(self, "_writes", 0) + 1
            return super().execute(sql, *args)

        def executemany(self, sql, *args):  # type: ignore[no-untyped-def, override]
            if sql.startswith("INSERT INTO items ("):
                self._writes = getattr(self, "_writes", 0) + 1
            return super().executemany(sql, *args)

    connect = sqlite3.connect

    def connect_with_kill(*args, **kwargs):  # type: ignore[no-untyped-def]
        return connect(*args, factory=Connection, **kwargs)

    sqlite3.connect = connect_with_kill  # type: ignore[assignment]


def document(doc_id: str, texts: list[str]) -> tuple[StoredDocument, list[Item], np.ndarray]:
    title = f"{doc_id} briefing"
    items = [
        Item(item_id(doc_id, t), doc_id, title, "Learning", ("Learning",),
             f"Learning point {n + 1}", "learning_point", t, 0, len(t), n)
        for n, t in enumerate(texts)
    ]  # fmt: skip
    meta = DocumentMeta(doc_id, title, "learning briefing", source=f"{doc_id}.md", sha256="x")
    vectors = HashEmbedder().embed(texts)
    return StoredDocument(meta, "\n".join(texts)), items, vectors


def main() -> None:
    index, point, action, doc_file = sys.argv[1:5]
    arm(point)
    from app.storage.embedded import EmbeddedLibrary

    library = EmbeddedLibrary(Path(index), HashEmbedder.name)
    lines = Path(doc_file).read_text().splitlines()
    doc_id, texts = lines[0], lines[1:]
    if action == "write":
        library.replace_document(*document(doc_id, texts))
    else:
        library.delete_document(doc_id)
    library.close()
    print("finished")


if __name__ == "__main__":
    main()
