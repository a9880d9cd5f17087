"""Whether an item is about a theme, judged on its own words: stored vectors carry their
section's words too, which pull generic passages towards any theme their heading names."""

from __future__ import annotations

import threading

import numpy as np

from app.core.embeddings import Embedder
from app.core.records import Item
from app.storage.library import Library


class OnTheme:
    def __init__(self, library: Library, embedder: Embedder) -> None:
        self.library = library
        self.embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}
        self._version = ""
        self._lock = threading.Lock()

    def own_words(self, items: list[Item]) -> np.ndarray:
        """Items' vectors from their own words alone, kept until the library changes."""
        with self._lock:
            version = self.library.version()
            if self._version != version:
                self._vectors, self._version = {}, version
            missing = [i for i in items if i.id not in self._vectors]
            if missing:
                vectors = self.embedder.embed([i.text for i in missing])
                for item, vector in zip(missing, vectors, strict=True):
                    self._vectors[item.id] = vector
            return np.vstack([self._vectors[i.id] for i in items])

    def about(
        self, items: list[Item], theme_vector: np.ndarray, floor: float
    ) -> list[tuple[Item, np.ndarray, float]]:
        """The items whose own words are at least `floor` close to the theme, with their stored
        vectors and how close they are, closest first."""
        if not items:
            return []
        scores = self.own_words(items) @ theme_vector
        stored = self.library.vectors([i.id for i in items])
        kept = [
            (i, v, float(s))
            for i, v, s in zip(items, stored, scores, strict=True)
            if float(s) >= floor
        ]
        return sorted(kept, key=lambda ivs: -ivs[2])


# How close an item's own words must be to a theme to count as about it (read against two
# themes' prompts, checked by reading the others: see the README)
QUESTION_FLOOR = 0.42
LEARNING_FLOOR = 0.42
