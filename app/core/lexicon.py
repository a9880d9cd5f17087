"""What the library's own text defines: the words it prints, the acronyms it spells out and
the reviews it names. Computed per document at ingest and kept by the library store."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.core.records import Item

_WORD = re.compile(r"[A-Za-z]+")
_NAMED_CHILD = re.compile(r"\bChild ([A-Z]{1,3})\b")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")
_SMALL = {"and", "of", "the", "for", "in", "to", "on", "&"}


def spelled_out(text: str, acronym: str) -> str | None:
    """The words before '(ACR)' whose initials spell it, e.g. 'Child in Need' for CIN: small
    words ('in', 'and', 'of') may give a letter or be passed over."""
    before = [w for w in (w.strip("'’‘") for w in re.findall(r"[\w'’‘-]+", text)) if w]
    letters = [c for c in acronym.upper() if c.isalpha()]
    start = _spell(before, letters, len(before), len(letters))
    return " ".join(before[start:]) if start is not None else None


def _spell(words: list[str], letters: list[str], end: int, need: int) -> int | None:
    """Where the spelled-out words begin, if words[:end] end with the first `need` letters."""
    if need == 0:
        return end
    if end == 0:
        return None
    word = words[end - 1]
    if word[0].upper() == letters[need - 1]:
        found = _spell(words, letters, end - 1, need - 1)
        if found is not None:
            return found
    if word.lower() in _SMALL and need < len(letters):  # a small word inside the long form
        return _spell(words, letters, end - 1, need)
    return None


def glossary(items: Iterable[Item]) -> dict[str, list[str]]:
    """Acronym -> its long form and long form -> acronym, as the text spells them out."""
    found: dict[str, list[str]] = {}
    for item in items:
        for m in _ACRONYM.finditer(item.text):
            long = spelled_out(item.text[: m.start()], m.group(1))
            if long:
                found.setdefault(m.group(1).lower(), []).append(long)
                found.setdefault(long.lower(), []).append(m.group(1))
    return {k: sorted(set(v)) for k, v in found.items()}


def words(texts: Iterable[str]) -> set[str]:
    """Every word the texts print, lower case: a name a review prints is not case detail."""
    return {w.lower() for t in texts for w in _WORD.findall(t)}


def child_names(texts: Iterable[str]) -> set[str]:
    """The reviews' own names for children: 'AK' for 'Child AK'."""
    return {n for t in texts for n in _NAMED_CHILD.findall(t)}


def named_children(question: str) -> list[str]:
    return _NAMED_CHILD.findall(question)
