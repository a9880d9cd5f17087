"""The personal-data guard on every free-text input.

Strong identifiers (NHS number with its check digit, National Insurance number, email, phone,
postcode, street or flat address, date of birth, an agency's case or record number) are refused:
the caller gets a 422 naming the kinds found, never the values. Names and calendar dates are
replaced by [NAME] and [DATE] before the text is used, and the response says so. The text is
made plain first (app.privacy.text), so a non-breaking space, an en dash, a zero-width space or
full-width digits hide nothing; what is found is replaced in the text as typed. Identifiers:
app.privacy.identifiers; names: app.privacy.names. Everything runs offline.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from app.privacy import identifiers
from app.privacy.names import NameFinder
from app.privacy.text import plain
from app.privacy.wordlists import dictionary_words, given_names, surnames

STRONG = {
    "UK_NHS": "NHS number",
    "UK_NINO": "National Insurance number",
    "EMAIL_ADDRESS": "email address",
    "PHONE_NUMBER": "phone number",
    "UK_POSTCODE": "postcode",
    "STREET_ADDRESS": "street address",
    "DATE_OF_BIRTH": "date of birth",
    "RECORD_NUMBER": "case or record number",
    "SOCIAL_HANDLE": "social media handle",
}
REDACT = {"PERSON": ("name", "[NAME]"), "DATE": ("date", "[DATE]")}
MAX_SCREENED_CHARS = 20_000  # longer text is screened in pieces (names and identifiers alike)


@dataclass(frozen=True)
class Screened:
    text: str  # with names and calendar dates replaced
    redacted: tuple[str, ...]  # kinds replaced, e.g. ("name",)
    refused: tuple[str, ...]  # strong kinds found: the text must not be used at all


class PrivacyGuard:
    def __init__(self, known_words: Iterable[str] = ()) -> None:
        """`known_words`: words the library itself prints ('Munro', 'Stoke', 'Wiffin')."""
        self._known = frozenset(w.lower() for w in known_words)
        self._names = NameFinder(self._known)
        self._ready = threading.Event()
        threading.Thread(target=self._load, name="privacy-guard", daemon=True).start()

    def _load(self) -> None:
        given_names()
        surnames()
        dictionary_words()
        self._names.warm()
        self._ready.set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def wait(self, timeout: float = 120) -> None:
        if not self._ready.wait(timeout):
            raise RuntimeError("the personal-data guard did not load")

    def screen(self, text: str, names: bool = True) -> Screened:
        self.wait()
        spans: list[tuple[int, int, str]] = []
        for start in range(0, max(len(text), 1), MAX_SCREENED_CHARS):
            piece = plain(text[start : start + MAX_SCREENED_CHARS])
            found = identifiers.find(piece.text)
            if names:
                found += self._names.find(piece.text)
            for a, b, kind in found:
                x, y = piece.span(a, b)
                spans.append((start + x, start + y, kind))
        refused = sorted({STRONG[k] for _, _, k in spans if k in STRONG})
        redactions = [(a, b, k) for a, b, k in spans if k in REDACT]
        out = text
        for a, b, k in sorted(_outermost(redactions), reverse=True):
            out = out[:a] + REDACT[k][1] + out[b:]
        kinds = tuple(sorted({REDACT[k][0] for _, _, k in redactions}))
        return Screened(out, kinds, tuple(refused))


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping finds become one: the widest, so no part of a name is left behind."""
    merged: list[list] = []
    for a, b, k in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            continue
        merged.append([a, b, k])
    return [(a, b, k) for a, b, k in merged]


def library_words(texts: Iterable[str]) -> set[str]:
    """Every word the library uses: a name the reviews print is not the user's case detail."""
    return {w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)}
