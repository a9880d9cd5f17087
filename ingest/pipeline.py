"""Files -> learning items -> vectors -> the index. Idempotent: unchanged files cost nothing."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.core.embeddings import Embedder
from app.core.records import DocumentMeta, Item
from app.core.themes import Theme
from app.storage.library import LibraryStore, StoredDocument
from ingest.blocks import Block, parse_blocks
from ingest.classify import TABLE_TITLES
from ingest.profile import build_profile, names_a_partnership, partnership_named
from ingest.readers import SUPPORTED, UnreadableDocument, read_document
from ingest.sandbox import Sandbox
from ingest.structure import build_items

PARSER_VERSION = "25"  # bump when parsing changes, so ingest re-reads unchanged files
BATCH = 16
WORD_BATCH = 256


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
    embedded: int = 0  # items
    words: int = 0  # library words embedded on their own


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


def _title_heading(blocks: list[Block]) -> Block | None:
    """The heading that titles the document: of the headings before its body begins, the first
    at the top level ('# 7 Minute Briefing: Baby R' below a partnership's name), else the
    first."""
    opening = list(itertools.takewhile(lambda b: b.kind == "heading", blocks))
    top = next((b for b in opening if b.level == 1), None)
    return top or next((b for b in blocks if b.kind == "heading"), None)


def parse_document(
    name: str,
    data: bytes,
    doc_id: str,
    origin: str,
    entry: dict,
    sha256: str,
    themes: tuple[Theme, ...],
) -> Parsed:
    """One file into its document and items (what the sandbox's worker runs)."""
    reading = read_document(name, data)
    raw = reading.text
    blocks = parse_blocks(raw, TABLE_TITLES, guess_headings=not reading.headings_marked)
    blocks = [  # a partnership's name is who a document is from: never its title or a section
        replace(b, kind="para") if b.kind == "heading" and names_a_partnership(b.text) else b
        for b in blocks
    ]
    first = _title_heading(blocks)
    if first is not None:  # nor is a line a cover prints above the title: both are read as
        # text ('Westmoor Safeguarding Children Partnership'), found and cited as such
        at = blocks.index(first)
        blocks = [replace(b, kind="para") for b in blocks[:at]] + blocks[at:]
    first_heading = Path(name).stem if first is None else first.text
    if first is not None and first.level == 1 and first.number:  # '7 Minute Briefing: …'
        first_heading = f"{first.number} {first.text}"
    meta = DocumentMeta(
        id=doc_id,
        title=entry.get("title") or first_heading,
        type=entry.get("type") or guess_type(raw),
        subject=entry.get("subject"),
        publisher=entry.get("publisher"),
        date=entry.get("date"),
        source=Path(name).name,
        sha256=sha256,
        origin=origin,
    )
    text, items = build_items(meta, blocks, themes)
    if not items:
        raise UnreadableDocument("no learning items found in the document")
    if not meta.publisher and (named := partnership_named(items)):
        meta = replace(meta, publisher=named)  # the document's own words say who it is from
    return Parsed(meta, text, items)


class Ingestor:
    """Files into the library. A document's id is stable and its own: a file keeps the id it
    was first given; a new file whose name would give an id another document holds gets a
    distinct one (never a silent replace). The catalogue describes the corpus only."""

    def __init__(
        self,
        library: LibraryStore,
        embedder: Callable[[], Embedder],
        themes: tuple[Theme, ...],
        catalogue: dict[str, dict] | None = None,
        corpus_dir: Path | None = None,
        sandbox: Sandbox | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.library = library
        self._make_embedder = embedder
        self._embedder: Embedder | None = None
        self.themes = themes
        self.catalogue = catalogue or {}
        self.corpus_dir = corpus_dir.resolve() if corpus_dir else None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:  # loaded only when something needs embedding
            self._embedder = self._make_embedder()
        return self._embedder

    def origin_of(self, path: Path) -> str:
        in_corpus = self.corpus_dir is not None and path.resolve().parent == self.corpus_dir
        return "corpus" if in_corpus else "uploads"

    def _entry(self, name: str, origin: str) -> dict:
        return self.catalogue.get(Path(name).name, {}) if origin == "corpus" else {}

    def identify(self, name: str, origin: str, sources: dict[str, tuple[str, str]]) -> str:
        """The document id for a file: the one it already has, else a fresh one."""
        name = Path(name).name
        for doc_id, source in sources.items():
            if source == (origin, name):
                return doc_id
        base = self._entry(name, origin).get("id") or slugify(Path(name).stem)
        taken = set(sources)
        if base not in taken:
            return base
        kind = Path(name).suffix.lstrip(".").lower() or "file"
        candidates = [f"{base}-{kind}", *(f"{base}-{kind}-{n}" for n in range(2, 1000))]
        return next(c for c in candidates if c not in taken)

    def fingerprint(self, name: str, data: bytes, origin: str = "uploads") -> str:
        """What a document is made from: its bytes, its catalogue entry and the parser
        version. Known before parsing, so an unchanged file costs nothing."""
        made_from = [PARSER_VERSION, self._entry(name, origin)]
        tail = json.dumps(made_from, sort_keys=True, default=str).encode()
        return hashlib.sha256(data + b"\x00" + tail).hexdigest()

    def parse(self, name: str, data: bytes, doc_id: str = "", origin: str = "uploads") -> Parsed:
        """Read a file into items: in the sandbox when there is one (uploads and ingest), else
        here. Raises UnreadableDocument (TooDemanding when it exceeds the limits)."""
        doc_id = doc_id or self.identify(name, origin, {})
        args = (doc_id, origin, self._entry(name, origin), self.fingerprint(name, data, origin))
        if self.sandbox is not None:
            parsed: Parsed = self.sandbox.parse(name, data, *args)
            return parsed
        return parse_document(name, data, *args, themes=self.themes)

    def add(
        self,
        name: str,
        data: bytes,
        origin: str = "uploads",
        sources: dict[str, tuple[str, str]] | None = None,
        hashes: dict[str, str] | None = None,
    ) -> Added:
        """Index one document unless it is unchanged. Raises UnreadableDocument.

        `sources`, `hashes`: the library's, when the caller already has them."""
        sources = sources if sources is not None else self.library.sources()
        hashes = hashes if hashes is not None else self.library.document_hashes()
        doc_id = self.identify(name, origin, sources)
        if hashes.get(doc_id) == self.fingerprint(name, data, origin):
            return Added(doc_id, False, 0)
        parsed = self.parse(name, data, doc_id, origin)
        vectors = self._embed([embed_text(i) for i in parsed.items])
        document = StoredDocument(
            parsed.meta, parsed.text, build_profile(parsed.meta, parsed.items)
        )
        self.library.replace_document(document, parsed.items, vectors)
        sources[doc_id] = (origin, parsed.meta.source)
        hashes[doc_id] = parsed.meta.sha256
        return Added(doc_id, True, len(parsed.items))

    def index_words(self) -> int:
        """Embed the library's new words, each by itself: what lets a question's word that the
        library does not print be matched to one it does ('kids' to 'children')."""
        words = self.library.words_without_vectors()
        for start in range(0, len(words), WORD_BATCH):
            batch = words[start : start + WORD_BATCH]
            vectors = self.embedder.embed(batch)
            self.library.add_word_vectors(dict(zip(batch, vectors, strict=True)))
        return len(words)

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
        self,
        files: Iterable[Path],
        sync: bool = False,
        progress: Callable | None = None,
        local_uploads: bool = True,
    ) -> Summary:
        """Ingest `files`; with `sync`, documents whose file is gone are removed too. Uploads
        are kept in one server's data dir: on a shared library (`local_uploads=False`) an
        upload another server holds is left alone, and removed only by deleting it."""
        started = time.perf_counter()
        summary = Summary()
        seen: set[str] = set()
        files = list(files)
        sources, hashes = self.library.sources(), self.library.document_hashes()
        for path in progress(files) if progress else files:
            try:
                added = self.add(
                    path.name, path.read_bytes(), self.origin_of(path), sources, hashes
                )
            except (UnreadableDocument, OSError) as exc:
                summary.errors[path.name] = str(exc)
                continue
            seen.add(added.doc_id)
            summary.documents += 1
            summary.unchanged += not added.changed
            summary.embedded += added.items
        if sync:
            for doc_id in sorted(set(self.library.document_hashes()) - seen):
                if not local_uploads and sources.get(doc_id, ("", ""))[0] == "uploads":
                    continue
                summary.removed += self.library.delete_document(doc_id)
        summary.words = self.index_words()
        counts = self.library.kind_counts()
        for doc_id in seen:
            summary.kinds.update(counts.get(doc_id, {}))
        summary.seconds = time.perf_counter() - started
        return summary


def corpus_files(corpus_dir: Path, uploads_dir: Path | None = None) -> list[Path]:
    """The library's files: the corpus (its README is about the corpus, not a document) and
    the uploads (where any file is a document)."""

    def documents(folder: Path | None, skip_readme: bool) -> list[Path]:
        if folder is None or not folder.exists():
            return []
        return [
            p
            for p in folder.iterdir()
            if p.suffix.lower() in SUPPORTED
            and p.is_file()
            and not (skip_readme and p.stem.lower() == "readme")
        ]

    return sorted(documents(corpus_dir, True)) + sorted(documents(uploads_dir, False))


def keep_upload(path: Path, corpus_dir: Path, uploads_dir: Path) -> Path:
    """A file added from anywhere is copied into the library's uploads, so it stays."""
    path = path.resolve()
    if path.parent in (corpus_dir.resolve(), uploads_dir.resolve()):
        return path
    uploads_dir.mkdir(parents=True, exist_ok=True)
    target = uploads_dir / path.name
    shutil.copyfile(path, target)
    return target
