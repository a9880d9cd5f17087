"""The storage seam for the library: one read model (documents, items, vectors and the named
queries search and the features use) and one writer. Each backend is a module beside this
one; nothing above the storage layer knows which backend it talks to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from app.core.records import DocumentMeta, Item


class ModelMismatch(RuntimeError):
    """The library was written by another embedding model: its vectors cannot be compared."""


class LibraryOutdated(RuntimeError):
    """The library on disk is in an older layout: it must be built again from its sources."""


@dataclass(frozen=True)
class StoredDocument:
    meta: DocumentMeta
    text: str  # the cleaned text that item offsets point into
    profile: dict | None = None  # what the document says about itself (author, date, children…)


@dataclass(frozen=True)
class Candidate:
    """One side of hybrid search: an item id and its score there (higher is better)."""

    item_id: str
    score: float


@dataclass(frozen=True)
class Lexicon:
    """What the library's own text defines (see app.core.lexicon), across all documents."""

    words: frozenset[str] = frozenset()  # every word the library prints, lower case
    glossary: dict[str, list[str]] = field(default_factory=dict)  # acronyms <-> long forms
    child_names: frozenset[str] = frozenset()  # 'AK' for 'Child AK'


@dataclass(frozen=True)
class Health:
    documents: int
    items: int
    problems: tuple[str, ...] = ()  # what a check found that repair did not put right

    @property
    def ok(self) -> bool:
        return not self.problems and self.documents > 0


class Library(Protocol):
    """The read model: what every feature reads, through named queries only."""

    model_name: str
    read_only: bool  # the store could not be opened for writing

    def version(self) -> str:
        """Changes whenever the library does: caches of derived data key on it."""
        ...

    def size(self) -> tuple[int, int]:
        """(documents, items)."""
        ...

    def documents(self) -> list[DocumentMeta]: ...

    def document(self, doc_id: str) -> StoredDocument | None: ...

    def kind_counts(self) -> dict[str, dict[str, int]]:
        """Items per kind for each document."""
        ...

    def theme_counts(self) -> dict[str, int]:
        """Items tagged with each theme."""
        ...

    def items_of(self, doc_id: str, kinds: Sequence[str] | None = None) -> list[Item]:
        """A document's items (of these kinds), in document order."""
        ...

    def items(self, ids: Sequence[str]) -> list[Item]:
        """Items by id, in the order asked; ids the library does not hold are left out."""
        ...

    def section_of(self, item: Item) -> list[Item]:
        """The items of the item's section, in document order (the item among them)."""
        ...

    def themed(self, slug: str, kinds: Sequence[str] | None = None) -> list[Item]:
        """Items tagged with a theme (of these kinds), in library order."""
        ...

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        """Unit vectors of these items, one row an id, in the order asked."""
        ...

    def dense(
        self,
        vector: np.ndarray,
        k: int,
        doc_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Candidate]:
        """The k items closest in meaning (cosine), best first."""
        ...

    def keyword(
        self,
        terms: Sequence[str],
        k: int,
        doc_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Candidate]:
        """The k items that best match these stemmed terms (BM25), best first."""
        ...

    def term_counts(self, terms: Sequence[str]) -> dict[str, int]:
        """In how many items each stemmed term occurs (0: the library never uses it)."""
        ...

    def lexicon(self) -> Lexicon: ...

    def word_vectors(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors of library words (lower case) by themselves, for the words that have one."""
        ...


class LibraryWriter(Protocol):
    """The write side: each document's items, vectors and metadata change together or not at
    all."""

    def document_hashes(self) -> dict[str, str]: ...

    def sources(self) -> dict[str, tuple[str, str]]:
        """Document id -> (origin, file name): where each document was read from."""
        ...

    def replace_document(
        self,
        document: StoredDocument,
        items: Sequence[Item],
        vectors: np.ndarray,
    ) -> None: ...

    def delete_document(self, doc_id: str) -> bool: ...

    def words_without_vectors(self) -> list[str]:
        """Library words (three letters or more) whose vector has not been stored yet."""
        ...

    def add_word_vectors(self, vectors: dict[str, np.ndarray]) -> None: ...

    def health(self) -> Health:
        """A quick look (counts only): is the library there and in step with its index?"""
        ...

    def check(self, repair: bool = True) -> Health:
        """Does every listed document have its items searchable, and nothing else? With
        `repair`, put right what an interrupted write left."""
        ...


class LibraryStore(Library, LibraryWriter, Protocol):
    def close(self) -> None: ...
