"""The embedded library: records and the keyword index in one SQLite file, vectors in an
embedded Chroma directory for nearest-neighbour search (app.storage.vectors, the one module that
imports Chroma). `make run` needs nothing else.

SQLite is the source of truth. A document's metadata, items, vectors (as blobs), keyword
entries and lexicon change in one transaction, so a reader sees the old version or the new one,
never a mix. Chroma is the approximate-neighbour index over those vectors, written before the
transaction (new ids) and trimmed after it (ids gone): a crash in between leaves only ids that
SQLite does not list, which searches drop and `check()` removes.

Embedded Chroma is not process-safe: one process writes a library directory at a time.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from app.core.errors import ReadOnly, storage_error
from app.core.records import DocumentMeta, Item
from app.storage.library import (
    Candidate,
    Health,
    LibraryOutdated,
    ModelMismatch,
    StoredDocument,
)
from app.storage.reads import SharedReads
from app.storage.rows import (
    DIMENSIONS,
    ITEM_COLUMNS,
    item_row,
    keyword_text,
    lexicon_rows,
    row_to_item,
    term_counts,
    unique_items,
)
from app.storage.swap import recover
from app.storage.vectors import ChromaVectors, ExactVectors, best_first

log = logging.getLogger("reflect")
EXACT_LIMIT = 400  # filtered searches over at most this many items are exact, in numpy
CACHE_KIB = 32 * 1024  # SQLite page cache per connection
MAX_NEIGHBOURS = 400  # a filtered search over more looks this far among the nearest
SCHEMA_VERSION = "5"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    type TEXT NOT NULL,
    subject TEXT,
    publisher TEXT,
    date TEXT,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    profile TEXT,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc_title TEXT NOT NULL,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL,
    audience TEXT,
    label TEXT NOT NULL,
    section TEXT NOT NULL,
    section_path TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    stop INTEGER NOT NULL,
    themes TEXT NOT NULL,
    sentence_ends TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS vectors (
    rowid INTEGER PRIMARY KEY REFERENCES items(rowid) ON DELETE CASCADE,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS items_by_doc ON items(doc_id, ord);
CREATE INDEX IF NOT EXISTS items_by_kind ON items(kind);
CREATE TABLE IF NOT EXISTS item_themes (
    item INTEGER NOT NULL REFERENCES items(rowid) ON DELETE CASCADE,
    slug TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS item_themes_by_slug ON item_themes(slug, item);
CREATE INDEX IF NOT EXISTS item_themes_by_item ON item_themes(item);
CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(
    terms, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, items INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lexicon (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    term TEXT NOT NULL,
    value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS lexicon_by_doc ON lexicon(doc_id);
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, documents INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS word_vectors (word TEXT NOT NULL UNIQUE, vector BLOB NOT NULL);
"""


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class EmbeddedLibrary(SharedReads):
    """The library in a directory: `library.db` (SQLite) and `chroma/` (Chroma)."""

    def __init__(self, path: Path, model_name: str, read_only: bool = False) -> None:
        self.path = path
        self.model_name = model_name
        self.read_only = read_only
        if not read_only:
            recover(path)
            path.mkdir(parents=True, exist_ok=True)
        self._db_path = path / "library.db"
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._write_lock = threading.Lock()
        self._start_cache()
        self._chroma: ChromaVectors | ExactVectors
        if read_only:  # a read-only data dir: serve what is there, from SQLite alone
            self._check_model(self._db)
            self._chroma = ExactVectors(self._db)
            return
        self._writer = self._connect()
        self._writer.executescript(SCHEMA)
        self._claim_model()
        self._check_model(self._writer)
        self._chroma = ChromaVectors(path / "chroma", model_name)

    # -- connections -------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:  # read what is there; nothing this process does can change it
            try:
                uri = f"file:{self._db_path}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
                conn.execute("SELECT 1 FROM meta LIMIT 1")
            except sqlite3.OperationalError:  # no shared-memory file can be made: no locks
                uri = f"file:{self._db_path}?immutable=1"
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self._connections.append(conn)
            return conn
        conn = sqlite3.connect(self._db_path, check_same_thread=False, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("PRAGMA busy_timeout=10000")
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        self._connections.append(conn)
        return conn

    @property
    def _db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    def _claim_model(self) -> None:
        row = self._writer.execute(
            "SELECT value FROM meta WHERE key = 'embedding_model'"
        ).fetchone()
        if row is None:
            self._writer.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [
                    ("embedding_model", self.model_name),
                    ("schema", SCHEMA_VERSION),
                    ("version", "0"),
                ],
            )

    def _check_model(self, conn: sqlite3.Connection) -> None:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("embedding_model") != self.model_name:
            raise ModelMismatch(
                f"the library was written by {meta.get('embedding_model')!r}, not "
                f"{self.model_name!r}: run `reflect ingest --rebuild` to embed it again"
            )
        if meta.get("schema") != SCHEMA_VERSION:
            raise LibraryOutdated(
                "the library was written in an older layout: run `reflect ingest --rebuild`"
            )

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise ReadOnly()
        conn = self._writer
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise storage_error(exc) from exc
        try:
            yield conn
            conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # disk full, read-only file system
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise storage_error(exc) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Fold the write-ahead log into the file, so a copy of the directory is whole."""
        if not self.read_only and self._connections:
            self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for conn in self._connections:
            conn.close()
        self._connections.clear()
        self._chroma.close()

    # -- reads: the library ---------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence = ()) -> list:
        return self._db.execute(sql, params).fetchall()

    def version(self) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return row[0] if row else "0"

    def _kind_total(self, kinds: Sequence[str]) -> int:
        counts = self._derive(
            "kinds_total",
            lambda: dict(
                self._db.execute("SELECT kind, COUNT(*) FROM items GROUP BY kind").fetchall()
            ),
        )
        return sum(counts.get(k, 0) for k in kinds)  # type: ignore[attr-defined]

    def _select_items(self, where: str, params: Sequence) -> list[Item]:
        self._fresh()
        rows = self._db.execute(
            f"SELECT {ITEM_COLUMNS} FROM items WHERE {where} ORDER BY doc_id, ord", params
        ).fetchall()
        items = [row_to_item(r) for r in rows]
        for i in items:
            self._items.setdefault(i.id, i)
        return items

    def items_of(self, doc_id: str, kinds: Sequence[str] | None = None) -> list[Item]:
        if kinds is None:
            return self._select_items("doc_id = ?", (doc_id,))
        where = f"doc_id = ? AND kind IN ({_placeholders(len(kinds))})"
        return self._select_items(where, (doc_id, *kinds))

    def items(self, ids: Sequence[str]) -> list[Item]:
        self._fresh()
        missing = [i for i in dict.fromkeys(ids) if i not in self._items]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            self._select_items(f"id IN ({_placeholders(len(chunk))})", chunk)
        return [self._items[i] for i in ids if i in self._items]

    def themed(self, slug: str, kinds: Sequence[str] | None = None) -> list[Item]:
        where = "rowid IN (SELECT item FROM item_themes WHERE slug = ?)"
        if kinds is None:
            return self._select_items(where, (slug,))
        where += f" AND kind IN ({_placeholders(len(kinds))})"
        return self._select_items(where, (slug, *kinds))

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        self._fresh()
        missing = [i for i in dict.fromkeys(ids) if i not in self._vectors_cache]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            rows = self._db.execute(
                "SELECT i.id, v.vector FROM items i JOIN vectors v ON v.rowid = i.rowid"
                f" WHERE i.id IN ({_placeholders(len(chunk))})",
                chunk,
            )
            for id_, blob in rows:
                self._vectors_cache[id_] = np.frombuffer(blob, dtype=np.float32)
        zero = np.zeros(DIMENSIONS, dtype=np.float32)
        if not ids:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.vstack([self._vectors_cache.get(i, zero) for i in ids])

    def dense(
        self,
        vector: np.ndarray,
        k: int,
        doc_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Candidate]:
        if doc_ids is not None or (kinds is not None and self._kind_total(kinds) <= EXACT_LIMIT):
            return self._exact(vector, k, doc_ids, kinds)
        total = max(self.size()[1], 1)
        share = self._kind_total(kinds) / total if kinds is not None else 1.0
        wanted = min(total, int(k / max(share, 0.05) * 1.5) + 20, MAX_NEIGHBOURS)
        found = self._chroma.nearest(vector, wanted)
        if kinds is None:  # ids SQLite does not list are dropped when their items are read
            return [Candidate(i, score) for i, score in found[:k]]
        ids = [i for i, _ in found]
        kind_of = dict(
            self._db.execute(
                f"SELECT id, kind FROM items WHERE id IN ({_placeholders(len(ids))})", ids
            ).fetchall()
        )
        return [Candidate(i, s) for i, s in found if kind_of.get(i) in kinds][:k]

    def _exact(
        self,
        vector: np.ndarray,
        k: int,
        doc_ids: Sequence[str] | None,
        kinds: Sequence[str] | None,
    ) -> list[Candidate]:
        where, params = self._filters(doc_ids, kinds, "i.")
        rows = self._db.execute(
            f"SELECT i.id, v.vector FROM items i JOIN vectors v ON v.rowid = i.rowid WHERE {where}",
            params,
        ).fetchall()
        if not rows:
            return []
        matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(
            len(rows), DIMENSIONS
        )
        scores = matrix @ np.asarray(vector, dtype=np.float32)
        top = best_first(scores, k)
        return [Candidate(rows[t][0], float(scores[t])) for t in top]

    @staticmethod
    def _filters(
        doc_ids: Sequence[str] | None, kinds: Sequence[str] | None, table: str = ""
    ) -> tuple[str, list]:
        clauses, params = ["1"], []
        if doc_ids is not None:
            clauses.append(f"{table}doc_id IN ({_placeholders(len(doc_ids))})")
            params += list(doc_ids)
        if kinds is not None:
            clauses.append(f"{table}kind IN ({_placeholders(len(kinds))})")
            params += list(kinds)
        return " AND ".join(clauses), params

    def keyword(
        self,
        terms: Sequence[str],
        k: int,
        doc_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Candidate]:
        terms = [t for t in dict.fromkeys(terms) if t.replace("_", "").isalnum()]
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        if doc_ids is None and kinds is None:  # FTS5 ranks on its own, then ids are looked up
            ranked = self._db.execute(
                "SELECT rowid, rank FROM items_fts WHERE items_fts MATCH ? ORDER BY rank LIMIT ?",
                (match, k),
            ).fetchall()
            ids = dict(
                self._db.execute(
                    f"SELECT rowid, id FROM items WHERE rowid IN ({_placeholders(len(ranked))})",
                    [r for r, _ in ranked],
                ).fetchall()
            )
            return [Candidate(ids[r], -float(s)) for r, s in ranked if r in ids]
        where, params = self._filters(doc_ids, kinds, "i.")
        rows = self._db.execute(
            "SELECT i.id, -bm25(items_fts) FROM items_fts JOIN items i ON i.rowid = items_fts.rowid"
            f" WHERE items_fts MATCH ? AND {where} ORDER BY bm25(items_fts) LIMIT ?",
            (match, *params, k),
        ).fetchall()
        return [Candidate(i, float(s)) for i, s in rows]

    def term_counts(self, terms: Sequence[str]) -> dict[str, int]:
        wanted = list(dict.fromkeys(terms))
        counts = dict.fromkeys(wanted, 0)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._db.execute(
                f"SELECT term, items FROM terms WHERE term IN ({_placeholders(len(chunk))})",
                chunk,
            )
            counts.update(dict(rows.fetchall()))
        return counts

    def word_vectors(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        self._fresh()
        cache = self._derived.setdefault("word_vectors", {})
        assert isinstance(cache, dict)
        missing = [w for w in dict.fromkeys(words) if w not in cache]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = _placeholders(len(chunk))
            rows = self._db.execute(
                f"SELECT word, vector FROM word_vectors WHERE word IN ({marks})", chunk
            )
            found = {w: np.frombuffer(v, dtype=np.float32) for w, v in rows}
            cache.update({w: found.get(w) for w in chunk})
        return {w: cache[w] for w in words if cache.get(w) is not None}

    # -- writes ----------------------------------------------------------------------------

    def add_word_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        with self._write_lock, self._transaction() as c:
            c.executemany(
                "INSERT OR REPLACE INTO word_vectors (word, vector) VALUES (?, ?)",
                [(w, np.asarray(v, dtype=np.float32).tobytes()) for w, v in vectors.items()],
            )

    def replace_document(
        self, document: StoredDocument, items: Sequence[Item], vectors: np.ndarray
    ) -> None:
        """Make these the document's only items, all at once."""
        import json

        meta = document.meta
        items, vectors = unique_items(items, vectors)
        with self._write_lock:
            self._chroma.upsert([i.id for i in items], vectors, [meta.id] * len(items))
            with self._transaction() as c:
                old = [r[0] for r in c.execute("SELECT id FROM items WHERE doc_id = ?", (meta.id,))]
                self._forget(c, meta.id)
                c.execute(
                    "INSERT INTO documents (id, title, type, subject, publisher, date, source,"
                    " sha256, origin, text, profile, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        meta.id,
                        meta.title,
                        meta.type,
                        meta.subject,
                        meta.publisher,
                        meta.date,
                        meta.source,
                        meta.sha256,
                        meta.origin,
                        document.text,
                        json.dumps(document.profile) if document.profile is not None else None,
                        _now(),
                    ),
                )
                self._insert_items(c, items, vectors)
                self._remember(c, meta, items)
            self._trim(sorted(set(old) - {i.id for i in items}))

    def delete_document(self, doc_id: str) -> bool:
        with self._write_lock:
            with self._transaction() as c:
                ids = [r[0] for r in c.execute("SELECT id FROM items WHERE doc_id = ?", (doc_id,))]
                found = self._forget(c, doc_id)
            self._trim(ids)
        return found

    def _trim(self, ids: list[str]) -> None:
        """Remove vectors no document lists any more. The write has happened: if this fails
        the ids are unlisted (searches drop them) and `check` removes them later."""
        try:
            self._chroma.delete(ids)
        except Exception:
            log.warning("vectors of removed items are left for the next check")

    def _forget(self, c: sqlite3.Connection, doc_id: str) -> bool:
        """Remove a document and everything derived from it (inside a transaction)."""
        found = c.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if not found:
            return False
        rows = c.execute(f"SELECT {ITEM_COLUMNS} FROM items WHERE doc_id = ?", (doc_id,))
        self._count_terms(c, [row_to_item(r) for r in rows.fetchall()], -1)
        c.execute(
            "DELETE FROM items_fts WHERE rowid IN (SELECT rowid FROM items WHERE doc_id = ?)",
            (doc_id,),
        )
        row = c.execute(
            "SELECT value FROM lexicon WHERE doc_id = ? AND kind = 'words'", (doc_id,)
        ).fetchone()
        if row and row[0]:
            words = [(w,) for w in row[0].split(" ")]
            c.executemany("UPDATE words SET documents = documents - 1 WHERE word = ?", words)
            c.execute("DELETE FROM words WHERE documents <= 0")
            c.execute("DELETE FROM word_vectors WHERE word NOT IN (SELECT word FROM words)")
        c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))  # items, themes, lexicon cascade
        return True

    def _insert_items(
        self, c: sqlite3.Connection, items: Sequence[Item], vectors: np.ndarray
    ) -> None:
        c.executemany(
            f"INSERT INTO items ({ITEM_COLUMNS}) VALUES ({_placeholders(14)})",
            [item_row(i) for i in items],
        )
        if not items:
            return
        rowids = dict(
            c.execute("SELECT id, rowid FROM items WHERE doc_id = ?", (items[0].doc_id,)).fetchall()
        )
        c.executemany(
            "INSERT INTO vectors (rowid, vector) VALUES (?, ?)",
            [
                (rowids[i.id], np.asarray(v, dtype=np.float32).tobytes())
                for i, v in zip(items, vectors, strict=True)
            ],
        )
        c.executemany(
            "INSERT INTO items_fts (rowid, terms) VALUES (?, ?)",
            [(rowids[i.id], keyword_text(i)) for i in items],
        )
        c.executemany(
            "INSERT INTO item_themes (item, slug) VALUES (?, ?)",
            [(rowids[i.id], slug) for i in items for slug in i.themes],
        )
        self._count_terms(c, items, +1)

    @staticmethod
    def _count_terms(c: sqlite3.Connection, items: Sequence[Item], sign: int) -> None:
        """Keep `terms` (in how many items each keyword term occurs) in step with the items."""
        counts = term_counts(items)
        c.executemany(
            "INSERT INTO terms (term, items) VALUES (?, ?)"
            " ON CONFLICT(term) DO UPDATE SET items = items + excluded.items",
            [(t, sign * n) for t, n in counts.items()],
        )
        if sign < 0:
            c.execute("DELETE FROM terms WHERE items <= 0")

    def _remember(self, c: sqlite3.Connection, meta: DocumentMeta, items: Sequence[Item]) -> None:
        """The document's lexicon: its glossary, the children it names, the words it prints."""
        rows, words = lexicon_rows(meta, items)
        c.executemany("INSERT INTO lexicon (doc_id, kind, term, value) VALUES (?,?,?,?)", rows)
        c.executemany(
            "INSERT INTO words (word, documents) VALUES (?, 1)"
            " ON CONFLICT(word) DO UPDATE SET documents = documents + 1",
            [(w,) for w in words],
        )

    # -- consistency ---------------------------------------------------------------------

    def health(self) -> Health:
        docs, items = self.size()
        vectors = self._chroma.count()
        problems = () if vectors == items else (f"{items} items but {vectors} vectors",)
        return Health(docs, items, problems)

    def check(self, repair: bool = True) -> Health:
        """Listed <=> searchable: every item SQLite lists has its vector in Chroma and its
        keyword entry, and Chroma holds nothing else. With `repair`, make it so."""
        problems: list[str] = []
        listed = {r[0] for r in self._db.execute("SELECT id FROM items")}
        indexed = self._chroma.ids()
        orphans, missing = sorted(indexed - listed), sorted(listed - indexed)
        fts = self._db.execute("SELECT COUNT(*) FROM items_fts").fetchone()[0]
        if orphans:
            problems.append(f"{len(orphans)} vectors of items no document lists")
        if missing:
            problems.append(f"{len(missing)} items without a vector")
        if fts != len(listed):
            problems.append("the keyword index does not match the items")
        if problems and repair and not self.read_only:
            with self._write_lock:
                self._chroma.delete(orphans)
                self._restore_vectors(missing)
                if fts != len(listed):
                    self._rebuild_keywords()
            return self.check(repair=False)
        docs, items = self.size()
        return Health(docs, items, tuple(problems))

    def _restore_vectors(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            rows = self._db.execute(
                "SELECT i.id, i.doc_id, v.vector FROM items i JOIN vectors v ON v.rowid = i.rowid"
                f" WHERE i.id IN ({_placeholders(len(chunk))})",
                chunk,
            ).fetchall()
            vectors = np.vstack([np.frombuffer(r[2], dtype=np.float32) for r in rows])
            self._chroma.upsert([r[0] for r in rows], vectors, [r[1] for r in rows])

    def _rebuild_keywords(self) -> None:
        with self._transaction() as c:
            c.execute("DELETE FROM items_fts")
            c.execute("DELETE FROM terms")
            rows = c.execute(f"SELECT rowid, {ITEM_COLUMNS} FROM items").fetchall()
            c.executemany(
                "INSERT INTO items_fts (rowid, terms) VALUES (?, ?)",
                [(r[0], keyword_text(row_to_item(r[1:]))) for r in rows],
            )
            self._count_terms(c, [row_to_item(r[1:]) for r in rows], +1)
