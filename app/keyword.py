"""BM25 keyword index (bm25s) over learning items, with English stemming."""

from __future__ import annotations

import re
from functools import lru_cache

import bm25s
import numpy as np
import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have how i if
    in into is it its may might of on or our should so than that the their them then there
    these they this those to was we were what when where which who why will with would you
    your about any not all also""".split()
)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def tokens(text: str) -> list[str]:
    return [_stem(w) for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS]


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
