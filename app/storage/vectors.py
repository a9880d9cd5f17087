"""The nearest-neighbour index of the embedded library: an embedded Chroma collection of ids,
vectors and each item's document, or, for a library that cannot be written, every vector in
memory. Chroma is imported here only; its default embedding function and telemetry are never
used. Embedded Chroma is not process-safe: one process writes a directory at a time."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import numpy as np

from app.core.errors import ReadOnly, storage_error
from app.storage.library import ModelMismatch
from app.storage.rows import DIMENSIONS

COLLECTION = "learning_items"


class ChromaVectors:
    """The Chroma collection: ids, vectors and each item's document, nothing else."""

    def __init__(self, path: Path, model_name: str) -> None:
        os.environ["ANONYMIZED_TELEMETRY"] = "False"
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self._client = chromadb.PersistentClient(
            path=str(path),
            settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False),
        )
        self._collection = self._client.get_or_create_collection(
            COLLECTION,
            embedding_function=None,
            metadata={
                "hnsw:space": "cosine",
                "hnsw:search_ef": 200,
                "embedding_model": model_name,
            },
        )
        stored = (self._collection.metadata or {}).get("embedding_model")
        if stored != model_name:
            raise ModelMismatch(
                f"the library was written by {stored!r}, not {model_name!r}: "
                "run `reflect ingest --rebuild` to embed it again"
            )
        self._batch = max(1, min(self._client.get_max_batch_size(), 4096))

    def upsert(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None:
        """In batches; a failure part way leaves ids SQLite does not list, which `check` removes."""
        try:
            for start in range(0, len(ids), self._batch):
                end = start + self._batch
                self._collection.upsert(
                    ids=ids[start:end],
                    embeddings=vectors[start:end],
                    metadatas=[{"doc_id": d} for d in doc_ids[start:end]],
                )
        except Exception as exc:
            raise storage_error(exc) from exc

    def delete(self, ids: list[str]) -> None:
        try:
            for start in range(0, len(ids), self._batch):
                self._collection.delete(ids=ids[start : start + self._batch])
        except Exception as exc:
            raise storage_error(exc) from exc

    def nearest(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        """The n nearest ids and their cosine; `n` must not exceed what the index holds."""
        if n < 1:
            return []
        query = np.asarray(vector, dtype=np.float32).tolist()
        try:
            got = self._collection.query(
                query_embeddings=[query], n_results=n, include=["distances"]
            )
        except Exception:  # fewer vectors than asked for (a write is being repaired)
            n = min(n, self._collection.count())
            if not n:
                return []
            got = self._collection.query(
                query_embeddings=[query], n_results=n, include=["distances"]
            )
        distances = (got["distances"] or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(got["ids"][0], distances, strict=True)]

    def ids(self) -> set[str]:
        return set(self._collection.get(include=[])["ids"])

    def count(self) -> int:
        return self._collection.count()

    def close(self) -> None:
        """Let Chroma stop this directory's system: a directory swapped in later is read afresh."""
        self._client.close()  # type: ignore[attr-defined]  # Client has it; ClientAPI omits it


class ExactVectors:
    """Nearest neighbours without Chroma, for a library that cannot be written (Chroma will not
    open a read-only directory): every vector in memory, exact cosine."""

    def __init__(self, db: sqlite3.Connection) -> None:
        rows = db.execute(
            "SELECT i.id, v.vector FROM items i JOIN vectors v ON v.rowid = i.rowid"
        ).fetchall()
        self._ids = [r[0] for r in rows]
        blob = b"".join(r[1] for r in rows)
        self._matrix = np.frombuffer(blob, dtype=np.float32).reshape(len(rows), DIMENSIONS)

    def nearest(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        scores = self._matrix @ np.asarray(vector, dtype=np.float32)
        return [(self._ids[k], float(scores[k])) for k in best_first(scores, n)]

    def ids(self) -> set[str]:
        return set(self._ids)

    def count(self) -> int:
        return len(self._ids)

    def upsert(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None:
        raise ReadOnly()

    def delete(self, ids: list[str]) -> None:
        raise ReadOnly()

    def close(self) -> None:
        """Nothing held beyond memory."""


def best_first(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first, without sorting everything."""
    part = np.argpartition(-scores, k - 1)[:k] if len(scores) > k else np.arange(len(scores))
    return part[np.argsort(-scores[part], kind="stable")]
