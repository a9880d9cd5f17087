"""The library in Postgres: items with their vectors (`vector(384)`, an HNSW index for cosine),
so hybrid search runs in the database. Keyword search is BM25 over an inverted index
(postings: term -> item, the term's frequency, the item's length), computed in SQL from the
same terms and counts the embedded backend keeps, so both backends rank alike.

A document's metadata, items, vectors, keyword terms and lexicon change in one transaction:
every worker sees the old version or the new one. The library lives in its own schema, so
`ingest --rebuild` can build a new one beside it and swap it in with one transaction.
"""

from __future__ import annotations

import json
import re
import secrets
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import psycopg

from app.core.records import Item
from app.storage.library import (
    Candidate,
    Health,
    LibraryOutdated,
    ModelMismatch,
    StoredDocument,
)
from app.storage.postgres import Database, create_extension
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

SCHEMA = "library"
LAYOUT = "1"  # the library's table layout: another layout is built again (`ingest --rebuild`)
K1, B = 1.2, 0.75  # BM25, as SQLite FTS5 has them
MIGRATIONS = (
    f"""
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
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
    CREATE TABLE items (
        id TEXT PRIMARY KEY,
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
        sentence_ends TEXT NOT NULL,
        embedding vector({DIMENSIONS}) NOT NULL,
        length INTEGER NOT NULL
    );
    CREATE INDEX items_by_doc ON items (doc_id, ord);
    CREATE INDEX items_by_kind ON items (kind);
    CREATE INDEX items_by_meaning ON items USING hnsw (embedding vector_cosine_ops);
    CREATE TABLE postings (
        term TEXT NOT NULL,
        item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        tf INTEGER NOT NULL,
        length INTEGER NOT NULL,
        PRIMARY KEY (term, item_id) INCLUDE (tf, length)
    );
    CREATE INDEX postings_by_item ON postings (item_id);
    CREATE TABLE item_themes (
        item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        slug TEXT NOT NULL
    );
    CREATE INDEX item_themes_by_slug ON item_themes (slug, item_id);
    CREATE INDEX item_themes_by_item ON item_themes (item_id);
    CREATE TABLE terms (term TEXT PRIMARY KEY, items INTEGER NOT NULL);
    CREATE TABLE lexicon (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        term TEXT NOT NULL,
        value TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX lexicon_by_doc ON lexicon (doc_id);
    CREATE TABLE words (word TEXT PRIMARY KEY, documents INTEGER NOT NULL);
    CREATE TABLE word_vectors (word TEXT PRIMARY KEY, vector vector({DIMENSIONS}) NOT NULL);
    """,
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _configure(conn: psycopg.Connection) -> None:
    from pgvector.psycopg import register_vector

    register_vector(conn)


class PostgresLibrary(SharedReads):
    """The library in a Postgres schema (default `library`), shared by every worker."""

    read_only = False

    def __init__(self, url: str, model_name: str, schema: str = SCHEMA, size: int = 8) -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
            raise ValueError("a schema name is lower-case letters, digits and underscores")
        self.model_name = model_name
        self.schema = schema
        create_extension(url)
        bootstrap = Database(url, schema, size=1)
        try:
            bootstrap.migrate("library", MIGRATIONS)
        finally:
            bootstrap.close()
        self._db = Database(url, schema, size, configure=_configure)
        self._lock = f"reflect.library.{schema}"
        self._claim()
        self._start_cache()

    def _claim(self) -> None:
        with self._db.transaction(self._lock) as conn:
            conn.execute(
                "INSERT INTO meta VALUES ('embedding_model', %s), ('layout', %s),"
                " ('library', %s), ('version', '0') ON CONFLICT (key) DO NOTHING",
                (self.model_name, LAYOUT, secrets.token_hex(6)),
            )
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())  # type: ignore[arg-type]
        if meta.get("embedding_model") != self.model_name:
            self.close()
            raise ModelMismatch(
                f"the library was written by {meta.get('embedding_model')!r}, not "
                f"{self.model_name!r}: run `reflect ingest --rebuild` to embed it again"
            )
        if meta.get("layout") != LAYOUT:
            self.close()
            raise LibraryOutdated(
                "the library was written in another layout: run `reflect ingest --rebuild`"
            )

    def close(self) -> None:
        self._db.close()

    # -- reads -----------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        return self._db.query(sql.replace("?", "%s"), params)  # type: ignore[return-value]

    def version(self) -> str:
        rows = self._db.query(
            "SELECT string_agg(value, ':' ORDER BY key) FROM meta"
            " WHERE key IN ('library', 'version')"
        )
        return str(rows[0][0]) if rows and rows[0][0] else "0"

    def _select_items(self, where: str, params: Sequence[Any]) -> list[Item]:
        self._fresh()
        rows = self._db.query(
            f"SELECT {ITEM_COLUMNS} FROM items WHERE {where} ORDER BY doc_id, ord", params
        )
        items = [row_to_item(r) for r in rows]
        for i in items:
            self._items.setdefault(i.id, i)
        return items

    def items_of(self, doc_id: str, kinds: Sequence[str] | None = None) -> list[Item]:
        if kinds is None:
            return self._select_items("doc_id = %s", (doc_id,))
        return self._select_items("doc_id = %s AND kind = ANY(%s)", (doc_id, list(kinds)))

    def items(self, ids: Sequence[str]) -> list[Item]:
        self._fresh()
        missing = [i for i in dict.fromkeys(ids) if i not in self._items]
        if missing:
            self._select_items("id = ANY(%s)", (missing,))
        return [self._items[i] for i in ids if i in self._items]

    def themed(self, slug: str, kinds: Sequence[str] | None = None) -> list[Item]:
        where = "id IN (SELECT item_id FROM item_themes WHERE slug = %s)"
        if kinds is None:
            return self._select_items(where, (slug,))
        return self._select_items(where + " AND kind = ANY(%s)", (slug, list(kinds)))

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        self._fresh()
        missing = [i for i in dict.fromkeys(ids) if i not in self._vectors_cache]
        if missing:
            for id_, vector in self._db.query(
                "SELECT id, embedding FROM items WHERE id = ANY(%s)", (missing,), binary=True
            ):
                self._vectors_cache[id_] = vector.to_numpy()
        if not ids:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        zero = np.zeros(DIMENSIONS, dtype=np.float32)
        return np.vstack([self._vectors_cache.get(i, zero) for i in ids])

    @staticmethod
    def _filters(
        doc_ids: Sequence[str] | None, kinds: Sequence[str] | None, table: str = ""
    ) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if doc_ids is not None:
            clauses.append(f"{table}doc_id = ANY(%s)")
            params.append(list(doc_ids))
        if kinds is not None:
            clauses.append(f"{table}kind = ANY(%s)")
            params.append(list(kinds))
        return "".join(f" AND {c}" for c in clauses), params

    def dense(
        self,
        vector: np.ndarray,
        k: int,
        doc_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Candidate]:
        """The HNSW index, or an exact scan when a filter leaves few items (the planner's
        choice); a filtered index scan keeps looking until it has k (pgvector's iterative
        scan)."""
        if k < 1:
            return []
        where, params = self._filters(doc_ids, kinds)
        query = np.asarray(vector, dtype=np.float32)
        with self._db.connection() as conn, conn.transaction():
            if where:
                conn.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
            rows = conn.execute(
                "SELECT id, 1 - (embedding <=> %s) AS score FROM items WHERE true"
                f"{where} ORDER BY embedding <=> %s LIMIT %s",
                (query, *params, query, k),
            ).fetchall()
        found = [Candidate(r[0], float(r[1])) for r in rows]
        return sorted(found, key=lambda c: -c.score)

    def _collection(self) -> tuple[int, float]:
        """Items in the library and their mean length in terms (BM25 needs both)."""

        def load() -> tuple[int, float]:
            row = self._db.query("SELECT COUNT(*), AVG(length) FROM items")[0]
            return int(row[0]), float(row[1] or 1.0)

        return self._derive("collection", load)  # type: ignore[no-any-return]

    def keyword(
        self,
        terms: Sequence[str],
        k: int,
        doc_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Candidate]:
        """BM25 over the postings of these terms only (an inverted index: term -> items with
        the term's frequency and the item's length), as SQLite FTS5 scores it."""
        terms = [t for t in dict.fromkeys(terms) if t.replace("_", "").isalnum()]
        if not terms or k < 1:
            return []
        n, mean = self._collection()
        where, params = self._filters(doc_ids, kinds, "i.")
        scope = f" JOIN items i ON i.id = p.item_id WHERE true{where}" if where else ""
        rows = self._db.query(
            "WITH q AS (SELECT term, GREATEST(LN((%s - items + 0.5) / (items + 0.5)), 1e-6)"
            " AS idf FROM terms WHERE term = ANY(%s))"
            f" SELECT p.item_id, SUM(q.idf * p.tf * {K1 + 1}::float8 / (p.tf + {K1}::float8"
            f" * ({1 - B}::float8 + {B}::float8 * p.length / %s))) AS score"
            f" FROM q JOIN postings p ON p.term = q.term{scope}"
            " GROUP BY p.item_id ORDER BY score DESC, p.item_id LIMIT %s",
            (float(n), terms, mean, *params, k),
        )
        return [Candidate(r[0], float(r[1])) for r in rows]

    def term_counts(self, terms: Sequence[str]) -> dict[str, int]:
        wanted = list(dict.fromkeys(terms))
        counts = dict.fromkeys(wanted, 0)
        if wanted:
            rows = self._db.query("SELECT term, items FROM terms WHERE term = ANY(%s)", (wanted,))
            counts.update({t: int(n) for t, n in rows})
        return counts

    def word_vectors(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        self._fresh()
        cache = self._derived.setdefault("word_vectors", {})
        missing = [w for w in dict.fromkeys(words) if w not in cache]
        if missing:
            rows = self._db.query(
                "SELECT word, vector FROM word_vectors WHERE word = ANY(%s)",
                (missing,),
                binary=True,
            )
            found = {w: v.to_numpy() for w, v in rows}
            cache.update({w: found.get(w) for w in missing})
        return {w: cache[w] for w in words if cache.get(w) is not None}

    # -- writes ------------------------------------------------------------------------------

    def add_word_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        with self._db.transaction(self._lock) as conn:
            conn.cursor().executemany(
                "INSERT INTO word_vectors (word, vector) VALUES (%s, %s)"
                " ON CONFLICT (word) DO UPDATE SET vector = excluded.vector",
                [(w, np.asarray(v, dtype=np.float32)) for w, v in vectors.items()],
            )
            self._bump(conn)

    def replace_document(
        self, document: StoredDocument, items: Sequence[Item], vectors: np.ndarray
    ) -> None:
        """Make these the document's only items, all at once."""
        meta = document.meta
        items, vectors = unique_items(items, vectors)
        with self._db.transaction(self._lock) as conn:
            self._forget(conn, meta.id)
            conn.execute(
                "INSERT INTO documents (id, title, type, subject, publisher, date, source,"
                " sha256, origin, text, profile, updated)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
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
            cur = conn.cursor()
            words = [keyword_text(i).split() for i in items]
            cur.executemany(
                f"INSERT INTO items ({ITEM_COLUMNS}, embedding, length)"
                f" VALUES ({','.join(['%s'] * 14)}, %s, %s)",
                [
                    (*item_row(i), np.asarray(v, dtype=np.float32), len(w))
                    for i, v, w in zip(items, vectors, words, strict=True)
                ],
            )
            with cur.copy("COPY postings (term, item_id, tf, length) FROM STDIN") as copy:
                for item, w in zip(items, words, strict=True):
                    for term, tf in Counter(w).items():
                        copy.write_row((term, item.id, tf, len(w)))
            cur.executemany(
                "INSERT INTO item_themes (item_id, slug) VALUES (%s, %s)",
                [(i.id, slug) for i in items for slug in i.themes],
            )
            self._count_terms(conn, items, +1)
            rows, printed = lexicon_rows(meta, items)
            cur.executemany(
                "INSERT INTO lexicon (doc_id, kind, term, value) VALUES (%s,%s,%s,%s)", rows
            )
            cur.executemany(
                "INSERT INTO words (word, documents) VALUES (%s, 1)"
                " ON CONFLICT (word) DO UPDATE SET documents = words.documents + 1",
                [(w,) for w in printed],
            )
            self._bump(conn)

    def delete_document(self, doc_id: str) -> bool:
        with self._db.transaction(self._lock) as conn:
            found = self._forget(conn, doc_id)
            self._bump(conn)
        return found

    @staticmethod
    def _bump(conn: psycopg.Connection) -> None:
        conn.execute("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'version'")

    def _forget(self, conn: psycopg.Connection, doc_id: str) -> bool:
        """Remove a document and everything derived from it (inside a transaction)."""
        if not conn.execute("SELECT 1 FROM documents WHERE id = %s", (doc_id,)).fetchone():
            return False
        rows = conn.execute(
            f"SELECT {ITEM_COLUMNS} FROM items WHERE doc_id = %s",  # type: ignore[arg-type]
            (doc_id,),
        ).fetchall()
        self._count_terms(conn, [row_to_item(r) for r in rows], -1)  # type: ignore[arg-type]
        row = conn.execute(
            "SELECT value FROM lexicon WHERE doc_id = %s AND kind = 'words'", (doc_id,)
        ).fetchone()
        if row and row[0]:  # type: ignore[index]
            words = row[0].split(" ")  # type: ignore[index]
            conn.execute(
                "UPDATE words SET documents = documents - 1 WHERE word = ANY(%s)", (words,)
            )
            conn.execute("DELETE FROM words WHERE documents <= 0")
            conn.execute(
                "DELETE FROM word_vectors v WHERE NOT EXISTS"
                " (SELECT 1 FROM words w WHERE w.word = v.word)"
            )
        conn.execute("DELETE FROM documents WHERE id = %s", (doc_id,))  # items etc. cascade
        return True

    @staticmethod
    def _count_terms(conn: psycopg.Connection, items: Sequence[Item], sign: int) -> None:
        counts = term_counts(items)
        if not counts:
            return
        terms = sorted(counts)
        conn.execute(
            "INSERT INTO terms (term, items) SELECT * FROM unnest(%s::text[], %s::int[])"
            " ON CONFLICT (term) DO UPDATE SET items = terms.items + excluded.items",
            (terms, [sign * counts[t] for t in terms]),
        )
        if sign < 0:
            conn.execute("DELETE FROM terms WHERE items <= 0")

    # -- consistency ---------------------------------------------------------------------

    def health(self) -> Health:
        docs, items = self.size()
        return Health(docs, items)

    def check(self, repair: bool = True) -> Health:
        """Items, their vectors and keyword terms are one row: nothing can be out of step,
        so there is nothing to repair."""
        return self.health()


# -- building a library beside the one in use --------------------------------------------------

REBUILD = SCHEMA + "_rebuild"


def rebuild_schema(url: str) -> str:
    """An empty schema beside the library, to build a new one in."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {REBUILD} CASCADE")  # type: ignore[arg-type]
    return REBUILD


def swap_in(url: str, built: str = REBUILD, schema: str = SCHEMA) -> None:
    """Make the library built in `built` the one in use, in one transaction: every worker
    sees the old library or the new one."""
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")  # type: ignore[arg-type]
        conn.execute(f"ALTER SCHEMA {built} RENAME TO {schema}")  # type: ignore[arg-type]
