"""Checking a model's answer before anyone sees it. Model output is untrusted.

A sentence survives only if: it carries citation markers that exist; what it says is close to
what a cited item says (content-word overlap and embedding similarity, threshold calibrated in
app/calibration.json); every number, date, duration or percentage in it appears in a cited
item; and it does not negate its item ('should' where the item says 'should not'). HTML, images
and links are removed first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from app.core.records import Item
from app.core.text import tokens

_MARKER = re.compile(r"\[(\d{1,3})\]")
_TAG = re.compile(r"<[^>]{0,500}>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^)]*)\)")
_URL = re.compile(r"https?://\S+|www\.\S+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|dozen|half|quarter)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(not|no|never|none|cannot|without|n't)\b|n't\b", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])((?:\s*\[\d{1,3}\])*)\s+(?=[A-Z0-9\"“'(])")
NO_COVER = "the reviews here do not cover this"


@dataclass(frozen=True)
class Verdict:
    sentence: str
    kept: bool
    reason: str = ""


def sanitise(text: str) -> str:
    """No raw HTML, no images, no links to anywhere: text only."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _URL.sub("", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def split_sentences(text: str) -> list[str]:
    """Split after . ? ! and any citation markers that follow them ('... harm. [2] Next')."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append(text[start : m.start()] + m.group(1))
        start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def markers(sentence: str) -> list[int]:
    return [int(n) for n in _MARKER.findall(sentence)]


def _plain(sentence: str) -> str:
    return _MARKER.sub("", sentence).strip()


def _figures(text: str) -> set[str]:
    found = {n.rstrip("%").replace(",", "") for n in _NUMBER.findall(text)}
    found |= {w.lower() for w in _NUMBER_WORDS.findall(text)}
    return found


def overlap(sentence: str, item_text: str) -> float:
    words = set(tokens(sentence))
    return len(words & set(tokens(item_text))) / len(words) if words else 0.0


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


def _closest_sentence(sentence: str, item: Item) -> str:
    return max(item.sentences(), key=lambda s: overlap(sentence, s))


def support(sentence: str, vector: np.ndarray, item: Item, item_vector: np.ndarray) -> float:
    """How well one cited item supports a sentence: word overlap and meaning, equally."""
    return 0.5 * overlap(sentence, item.text) + 0.5 * float(vector @ item_vector)


def check(
    sentence: str,
    cited: Sequence[Item],
    vector: np.ndarray,
    item_vectors: np.ndarray,
    threshold: float,
) -> Verdict:
    plain = _plain(sentence)
    if not cited:
        return Verdict(sentence, False, "no valid citation")
    best = max(range(len(cited)), key=lambda k: support(plain, vector, cited[k], item_vectors[k]))
    score = support(plain, vector, cited[best], item_vectors[best])
    if score < threshold:
        return Verdict(sentence, False, "not supported by its source")
    source_figures = set().union(*(_figures(i.text) for i in cited))
    if not _figures(plain) <= source_figures:
        return Verdict(sentence, False, "a number or date not in its source")
    if _negated(plain) != _negated(_closest_sentence(plain, cited[best])):
        return Verdict(sentence, False, "contradicts its source")
    return Verdict(sentence, True)


def verify(
    text: str,
    sources: Sequence[Item],
    embed: Callable[[list[str]], np.ndarray],
    source_vectors: np.ndarray,
    threshold: float,
) -> list[Verdict]:
    """Every sentence of a model answer, kept or dropped with the reason."""
    sentences = split_sentences(sanitise(text))
    if not sentences:
        return []
    vectors = embed([_plain(s) or s for s in sentences])
    out = []
    for sentence, vector in zip(sentences, vectors, strict=True):
        if NO_COVER in sentence.lower():
            out.append(Verdict(sentence, False, "says the sources do not cover it"))
            continue
        ns = markers(sentence)
        valid = [n for n in ns if 1 <= n <= len(sources)]
        if not ns or len(valid) != len(ns):
            out.append(Verdict(sentence, False, "missing or invalid citation markers"))
            continue
        cited = [sources[n - 1] for n in valid]
        out.append(
            check(sentence, cited, vector, source_vectors[[n - 1 for n in valid]], threshold)
        )
    return out
