"""Whether a passage's words hold a question's concept: the same stem, a word that runs on
from it, or a compound's stems in order."""

from __future__ import annotations

import re

from app.search.concepts import word_stems

WORD = re.compile(r"[a-z0-9][a-z0-9'’]*")


def shares(wanted: set[str], words: set[str], runs_on: bool = True) -> bool:
    """A passage prints a concept: the same stem, or (for a word the library uses, not a name)
    one that runs on from a stem of five letters or more ('quiet' and 'quieter')."""
    if wanted & words:
        return True
    if not runs_on:
        return False
    long = [w for w in wanted if len(w) >= 5]
    return any(p.startswith(w) or (len(p) >= 5 and w.startswith(p)) for w in long for p in words)


def stem_sequence(text: str) -> list[str]:
    return [s for w in WORD.findall(text.lower()) for s in word_stems(w)]


def in_order(stems: tuple[str, ...], sequence: list[str], gap: int) -> bool:
    """The stems appear in this order, each within `gap` words of the one before."""
    for start, stem in enumerate(sequence):
        if stem != stems[0]:
            continue
        at, ok = start, True
        for nxt in stems[1:]:
            window = sequence[at + 1 : at + 2 + gap]
            if nxt not in window:
                ok = False
                break
            at = at + 1 + window.index(nxt)
        if ok:
            return True
    return False
