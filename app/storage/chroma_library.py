"""The index: learning items and their vectors in an embedded Chroma directory, the documents'
cleaned text beside it, and an in-memory snapshot (items, vectors, keyword index) for reads.

Chroma is imported here only. Writes go through `replace_document` / `delete_document`; reads
see an immutable snapshot that is swapped whole after each write, so a search never sees half
a document.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from app.core.records import DocumentMeta, Item

COLLECTION = "learning_items"


class ModelMismatch(RuntimeError):
    pass


@dataclass(frozen=True)
class StoredDocument:
    meta: DocumentMeta
    text: str


@dataclass(frozen=True)
class Snapshot:
    items: tuple[Item, ...]
    vectors: np.ndarray  # rows align with items
    documents: dict[str, StoredDocument]

    @cached_property
    def rows(self) -> dict[str, int]:
        return {i.id: k for k, i in enumerate(self.items)}

    def vector_of(self, item: Item) -> np.ndarray:
        return self.vectors[self.rows[item.id]]


class Index:
    def __init__(self, path: Path, model_name: str) -> None:
        os.environ["ANONYMIZED_TELEMETRY"] = "False"
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.path = path
        self.model_name = model_name
        self._docs_dir = path / "documents"
        self._docs_dir.mkdir(parents=True, exist_ok=True)
        self._client = chromadb.PersistentClient(
            path=str(path / "chroma"),
            settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False),
        )
        self._collection = self._client.get_or_create_collection(
            COLLECTION,
            embedding_function=None,
            metadata={"hnsw:space": "cosine", "embedding_model": model_name},
        )
        stored = (self._collection.metadata or {}).get("embedding_model")
        if stored != model_name:
            raise ModelMismatch(
                f"the index was written by {stored!r}, not {model_name!r}: "
                "delete the index directory (or run `reflect ingest --rebuild`) to re-embed"
            )
        self._lock = threading.Lock()
        self.snapshot = self._load()

    # -- reads -------------------------------------------------------------------------

    def _load(self) -> Snapshot:
        got = self._collection.get(include=["metadatas", "embeddings"])
        items = [Item.from_dict(json.loads(str(m["item"]))) for m in got["metadatas"] or []]
        vectors = np.asarray(got["embeddings"], dtype=np.float32) if items else np.zeros((0, 384))
        order = sorted(range(len(items)), key=lambda k: (items[k].doc_id, items[k].order))
        documents = {}
        for f in sorted(self._docs_dir.glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            documents[d["meta"]["id"]] = StoredDocument(DocumentMeta(**d["meta"]), d["text"])
        return Snapshot(
            items=tuple(items[k] for k in order),
            vectors=vectors[order] if items else vectors.astype(np.float32),
            documents=documents,
        )

    def document_hashes(self) -> dict[str, str]:
        return {k: d.meta.sha256 for k, d in self.snapshot.documents.items()}

    # -- writes ------------------------------------------------------------------------

    def replace_document(
        self, meta: DocumentMeta, text: str, items: list[Item], vectors: np.ndarray
    ) -> None:
        """Make `items` the document's only items (upsert, then delete what is gone)."""
        with self._lock:
            if items:
                self._collection.upsert(
                    ids=[i.id for i in items],
                    embeddings=vectors.tolist(),
                    documents=[i.text for i in items],
                    metadatas=[
                        {"doc_id": i.doc_id, "kind": i.kind, "item": json.dumps(i.to_dict())}
                        for i in items
                    ],
                )
            keep = {i.id for i in items}
            old = self._collection.get(where={"doc_id": meta.id}, include=[])["ids"]
            stale = [i for i in old if i not in keep]
            if stale:
                self._collection.delete(ids=stale)
            self._write_doc(meta, text)
            self.snapshot = self._load()

    def delete_document(self, doc_id: str) -> bool:
        with self._lock:
            if doc_id not in self.snapshot.documents:
                return False
            self._collection.delete(where={"doc_id": doc_id})
            (self._docs_dir / f"{doc_id}.json").unlink(missing_ok=True)
            self.snapshot = self._load()
            return True

    def _write_doc(self, meta: DocumentMeta, text: str) -> None:
        target = self._docs_dir / f"{meta.id}.json"
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps({"meta": meta.to_dict(), "text": text}), encoding="utf-8")
        os.replace(tmp, target)
