"""Text as the guard reads it: the same characters people mean, whatever they typed or pasted.

Unicode compatibility forms (full-width digits), every kind of space (a non-breaking space from
Word or a web page), every kind of dash, and the invisible characters (zero-width spaces, soft
hyphens) are made plain before any pattern looks at the text. Each character of the plain text
remembers where it came from, so what is found is replaced in the text as it was typed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class Plain:
    text: str
    origin: tuple[int, ...]  # for each character of `text`, its index in the typed text; + end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The typed text's span for a span of the plain text."""
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]


def plain(typed: str) -> Plain:
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(typed):
        if ch in INVISIBLE:
            continue
        category = unicodedata.category(ch)
        if category == "Zs" or ch in "\t\u2028\u2029":
            mapped = " "
        elif category == "Pd" or ch == "\u2212":
            mapped = "-"
        else:
            mapped = unicodedata.normalize("NFKC", ch)
        for c in mapped:
            out.append(c)
            origin.append(i)
    origin.append(len(typed))
    return Plain("".join(out), tuple(origin))
