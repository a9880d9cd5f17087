"""Checking a model's answer before anyone sees it. Model output is untrusted.

A sentence survives only if: it carries citation markers that exist; what it says is close to
what a cited item says (content-word overlap and embedding similarity, threshold calibrated in
app/calibration.json); every number, date, duration or percentage in it appears in a cited
item; it does not negate its item ('should' where the item says 'should not'); it adds no
condition or frequency its item does not make ('only if', 'unless', 'rarely'); its words run in
its item's order, pair by pair, so a swapped role ('see the parent alone' for 'the child') is
not kept; and it sends no one anywhere (an address, or an instruction to send or upload that
its item does not give). HTML, images and links are removed first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from app.core.records import Item
from app.core.text import NEGATION, tokens

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
# words that change when or how often something holds: a sentence may use one only if its
# source does
_QUALIFIER = re.compile(
    r"\b(only|unless|provided|except|rarely|seldom|occasionally|sometimes|hardly|barely|"
    r"optional|optionally|if|whether|may|might|alone|always|must|should|could|can|routinely)\b",
    re.I,
)
_ADDRESS = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
_SENDING = re.compile(r"\b(send|upload|email|e-mail|forward|post|submit|click|visit|go to)\b", re.I)
MIN_PAIRS = 0.5  # share of the sentence's neighbouring word pairs found in its source
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
    return bool(NEGATION.search(text))


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
    closest = _closest_sentence(plain, cited[best])
    if _negated(plain) != _negated(closest):
        return Verdict(sentence, False, "contradicts its source")
    source_text = " ".join(i.text for i in cited)
    added = _words(_QUALIFIER, plain) - _words(_QUALIFIER, source_text)
    if added:
        return Verdict(sentence, False, "adds a condition or frequency its source does not make")
    if _ADDRESS.search(plain) or (_words(_SENDING, plain) - _words(_SENDING, source_text)):
        return Verdict(sentence, False, "sends the reader somewhere its source does not")
    if _pairs_held(plain, source_text) < MIN_PAIRS:
        return Verdict(sentence, False, "its words do not run as its source's do")
    return Verdict(sentence, True)


def _words(pattern: re.Pattern[str], text: str) -> set[str]:
    return {w.lower() for w in pattern.findall(text)}


def _pairs_held(sentence: str, source: str) -> float:
    """The share of the sentence's neighbouring content-word pairs that its source also has
    near each other (within three words, either order kept): 'see … child alone' holds,
    'see … parent alone' does not when the source sees the child."""
    said = tokens(sentence)
    pairs = list(zip(said, said[1:], strict=False))
    if not pairs:
        return 1.0
    words = tokens(source)
    near: set[tuple[str, str]] = set()
    for k, word in enumerate(words):
        for other in words[k + 1 : k + 4]:
            near.add((word, other))
    return sum(1 for p in pairs if p in near) / len(pairs)


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
