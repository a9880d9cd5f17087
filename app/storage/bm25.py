"""BM25 keyword index (bm25s) over learning items."""

from __future__ import annotations

import bm25s
import numpy as np

from app.core.text import tokens


class KeywordIndex:
    def __init__(self, texts: list[str]) -> None:
        self._size = len(texts)
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [tokens(t) or ["_"] for t in texts]
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self._vocab = {w for doc in corpus for w in doc}

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        known = [t for t in query_tokens if t in self._vocab]
        if not known or not self._size:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def knows(self, token: str) -> bool:
        return token in self._vocab
