"""The library reads that are the same SQL on every backend, and the cache of what is derived
from the library, dropped whenever the library's version changes (by any writer: the version
lives in the store). A backend gives `_rows` (SQL with `?` placeholders) and `version`."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from app.core.records import DocumentMeta, Item
from app.storage.library import Lexicon, StoredDocument

T = TypeVar("T")


class SharedReads:
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        raise NotImplementedError

    def version(self) -> str:
        raise NotImplementedError

    def _start_cache(self) -> None:
        self._cache_lock = threading.Lock()
        self._cache_version = ""
        self._items: dict[str, Item] = {}
        self._vectors_cache: dict[str, np.ndarray] = {}
        self._derived: dict[str, Any] = {}

    def _fresh(self) -> str:
        """Drop cached items when the library has changed since they were read."""
        version = self.version()
        if version != self._cache_version:
            with self._cache_lock:
                if version != self._cache_version:
                    self._items, self._vectors_cache, self._derived = {}, {}, {}
                    self._cache_version = version
        return version

    def _derive(self, key: str, make: Callable[[], T]) -> T:
        self._fresh()
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]  # type: ignore[no-any-return]

    def size(self) -> tuple[int, int]:
        def load() -> tuple[int, int]:
            row = self._rows(
                "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM items)"
            )
            return int(row[0][0]), int(row[0][1])

        return self._derive("size", load)

    def documents(self) -> list[DocumentMeta]:
        def load() -> list[DocumentMeta]:
            rows = self._rows(
                "SELECT id, title, type, subject, publisher, date, source, sha256, origin"
                " FROM documents ORDER BY lower(title), id"
            )
            return [DocumentMeta(*r) for r in rows]

        return list(self._derive("documents", load))

    def document(self, doc_id: str) -> StoredDocument | None:
        rows = self._rows(
            "SELECT id, title, type, subject, publisher, date, source, sha256, origin, text,"
            " profile FROM documents WHERE id = ?",
            (doc_id,),
        )
        if not rows:
            return None
        row = rows[0]
        return StoredDocument(
            DocumentMeta(*row[:9]), row[9], json.loads(row[10]) if row[10] else None
        )

    def kind_counts(self) -> dict[str, dict[str, int]]:
        def load() -> dict[str, dict[str, int]]:
            out: dict[str, dict[str, int]] = {}
            for doc_id, kind, n in self._rows(
                "SELECT doc_id, kind, COUNT(*) FROM items GROUP BY doc_id, kind"
            ):
                out.setdefault(doc_id, {})[kind] = int(n)
            return out

        return self._derive("kind_counts", load)

    def theme_counts(self) -> dict[str, int]:
        def load() -> dict[str, int]:
            rows = self._rows("SELECT slug, COUNT(*) FROM item_themes GROUP BY slug")
            return {slug: int(n) for slug, n in rows}

        return self._derive("theme_counts", load)

    def items_of(self, doc_id: str, kinds: Sequence[str] | None = None) -> list[Item]:
        raise NotImplementedError

    def section_of(self, item: Item) -> list[Item]:
        return [i for i in self.items_of(item.doc_id) if i.section_path == item.section_path]

    def lexicon(self) -> Lexicon:
        def load() -> Lexicon:
            glossary: dict[str, list[str]] = {}
            names: set[str] = set()
            for kind, term, value in self._rows(
                "SELECT kind, term, value FROM lexicon WHERE kind <> 'words'"
            ):
                if kind == "glossary":
                    glossary.setdefault(term, []).append(value)
                elif kind == "child":
                    names.add(term)
            words = {w for (w,) in self._rows("SELECT word FROM words")}
            return Lexicon(
                frozenset(words),
                {k: sorted(set(v)) for k, v in glossary.items()},
                frozenset(names),
            )

        return self._derive("lexicon", load)

    def words_without_vectors(self) -> list[str]:
        rows = self._rows(
            "SELECT w.word FROM words w LEFT JOIN word_vectors v ON v.word = w.word"
            " WHERE v.word IS NULL AND length(w.word) >= 3"
        )
        return [r[0] for r in rows]

    def document_hashes(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._rows("SELECT id, sha256 FROM documents")}

    def sources(self) -> dict[str, tuple[str, str]]:
        rows = self._rows("SELECT id, origin, source FROM documents")
        return {doc_id: (origin, source) for doc_id, origin, source in rows}
