"""Files -> learning items -> vectors -> the index. Idempotent: unchanged files cost nothing."""

from __future__ import annotations

import hashlib
import json
import re
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.embeddings import Embedder
from app.core.records import DocumentMeta, Item
from app.core.themes import Theme
from app.storage.library import LibraryStore, StoredDocument
from ingest.blocks import parse_blocks
from ingest.classify import TABLE_TITLES
from ingest.readers import SUPPORTED, UnreadableDocument, read_document
from ingest.structure import build_items

PARSER_VERSION = "3"  # bump when parsing changes, so ingest re-reads unchanged files
BATCH = 16


def embed_text(item: Item) -> str:
    """What the model sees: the item with its document and section as context."""
    return f"{item.doc_title} › {item.section}: {item.text}"


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80] or "document"


def guess_type(text: str) -> str:
    head = text[:3000].lower()
    for needle, kind in (
        ("7 minute briefing", "7-minute briefing"),
        ("7-minute briefing", "7-minute briefing"),
        ("seven minute briefing", "7-minute briefing"),
        ("executive summary", "executive summary"),
        ("learning briefing", "learning briefing"),
        ("practice review", "full review report"),
    ):
        if needle in head:
            return kind
    return "learning document"


def load_catalogue(corpus_dir: Path) -> dict[str, dict]:
    path = corpus_dir / "catalogue.toml"
    if not path.exists():
        return {}
    return {d["file"]: d for d in tomllib.loads(path.read_text("utf-8")).get("documents", [])}


@dataclass
class Summary:
    documents: int = 0
    unchanged: int = 0
    removed: int = 0
    kinds: Counter = field(default_factory=Counter)
    errors: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    embedded: int = 0


@dataclass
class Parsed:
    meta: DocumentMeta
    text: str
    items: list[Item]


@dataclass(frozen=True)
class Added:
    doc_id: str
    changed: bool
    items: int  # items written (0 when unchanged)


class Ingestor:
    def __init__(
        self,
        library: LibraryStore,
        embedder: Callable[[], Embedder],
        themes: tuple[Theme, ...],
        catalogue: dict[str, dict] | None = None,
    ) -> None:
        self.library = library
        self._make_embedder = embedder
        self._embedder: Embedder | None = None
        self.themes = themes
        self.catalogue = catalogue or {}

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:  # loaded only when something needs embedding
            self._embedder = self._make_embedder()
        return self._embedder

    def fingerprint(self, name: str, data: bytes) -> tuple[str, str]:
        """(document id, hash of what it is made from): its bytes, its catalogue entry and the
        parser version. Known before parsing, so an unchanged file costs nothing."""
        entry = self.catalogue.get(Path(name).name, {})
        made_from = json.dumps([PARSER_VERSION, entry], sort_keys=True, default=str).encode()
        sha = hashlib.sha256(data + b"\x00" + made_from).hexdigest()
        return entry.get("id") or slugify(Path(name).stem), sha

    def parse(self, name: str, data: bytes) -> Parsed:
        doc_id, sha = self.fingerprint(name, data)
        raw = read_document(name, data)
        entry = self.catalogue.get(Path(name).name, {})
        blocks = parse_blocks(raw, TABLE_TITLES)
        first_heading = next((b.text for b in blocks if b.kind == "heading"), Path(name).stem)
        meta = DocumentMeta(
            id=doc_id,
            title=entry.get("title") or first_heading,
            type=entry.get("type") or guess_type(raw),
            subject=entry.get("subject"),
            publisher=entry.get("publisher"),
            date=entry.get("date"),
            source=Path(name).name,
            sha256=sha,
        )
        text, items = build_items(meta, blocks, self.themes)
        if not items:
            raise UnreadableDocument("no learning items found in the document")
        return Parsed(meta, text, items)

    def add(self, name: str, data: bytes, known: dict[str, str] | None = None) -> Added:
        """Index one document unless it is unchanged. Raises UnreadableDocument.

        `known`: the library's document hashes, when the caller already has them."""
        doc_id, sha = self.fingerprint(name, data)
        hashes = known if known is not None else self.library.document_hashes()
        if hashes.get(doc_id) == sha:
            return Added(doc_id, False, 0)
        parsed = self.parse(name, data)
        vectors = self._embed([embed_text(i) for i in parsed.items])
        document = StoredDocument(parsed.meta, parsed.text)
        self.library.replace_document(document, parsed.items, vectors)
        return Added(doc_id, True, len(parsed.items))

    def _embed(self, texts: list[str]):
        """Batches of similar length, so little of each batch is padding."""
        import numpy as np

        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            out[batch] = self.embedder.embed([texts[k] for k in batch])
        return out

    def run(
        self, files: Iterable[Path], sync: bool = False, progress: Callable | None = None
    ) -> Summary:
        """Ingest `files`; with `sync`, documents whose file is gone are removed too."""
        started = time.perf_counter()
        summary = Summary()
        seen: set[str] = set()
        files = list(files)
        known = self.library.document_hashes()
        for path in progress(files) if progress else files:
            try:
                added = self.add(path.name, path.read_bytes(), known)
            except (UnreadableDocument, OSError) as exc:
                summary.errors[path.name] = str(exc)
                continue
            seen.add(added.doc_id)
            summary.documents += 1
            summary.unchanged += not added.changed
            summary.embedded += added.items
        if sync:
            for doc_id in sorted(set(self.library.document_hashes()) - seen):
                summary.removed += self.library.delete_document(doc_id)
        counts = self.library.kind_counts()
        for doc_id in seen:
            summary.kinds.update(counts.get(doc_id, {}))
        summary.seconds = time.perf_counter() - started
        return summary


def corpus_files(*dirs: Path) -> list[Path]:
    return sorted(
        p
        for d in dirs
        if d.exists()
        for p in d.iterdir()
        if p.suffix.lower() in SUPPORTED and p.is_file() and p.name.lower() != "readme.md"
    )
