"""The extractive composer: an answer made only of the reviews' own sentences, each cited.

It takes hits and returns a value; it never reaches into the store. Because every statement is
a sentence quoted from a cited learning item, it cannot say anything the documents do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.kinds import CHANGE, CONTEXT, FINDING, LEARNING, QUESTION, with_role
from app.core.records import Item
from app.core.text import tokens
from app.search.retrieval import Hit

MAX_ITEMS = 6
MAX_SENTENCES_PER_ITEM = 2
GROUPS = (
    ("What the reviews found", with_role(FINDING, CONTEXT)),
    ("What the reviews ask of practice", with_role(LEARNING, CHANGE)),
    ("Questions for reflection", with_role(QUESTION)),
)
SYSTEMS_NOTE = (
    "_These reviews look at how the safeguarding system worked; they are not conducted to hold "
    "individuals to account._"
)


@dataclass(frozen=True)
class Answer:
    text: str
    grounded: bool
    citations: tuple[Item, ...]
    lines: tuple[str, ...] = ()  # the answer's Markdown lines, for streaming


def quote(item: Item, wanted: set[str]) -> str:
    """The item's sentences that share most words with the question, in document order;
    ' … ' marks where sentences were left out between them."""
    sents = item.sentences()
    if len(sents) <= MAX_SENTENCES_PER_ITEM:
        return " ".join(sents)
    scored = [(len(wanted & set(tokens(s))), -k, k) for k, s in enumerate(sents)]
    keep = sorted(k for *_, k in sorted(scored, reverse=True)[:MAX_SENTENCES_PER_ITEM])
    out = sents[keep[0]]
    for prev, k in zip(keep, keep[1:], strict=False):
        out += (" " if k == prev + 1 else " … ") + sents[k]
    return out


def _group_of(kind: str) -> int:
    return next((g for g, (_, kinds) in enumerate(GROUPS) if kind in kinds), 0)


def compose(question: str, hits: Sequence[Hit], grounded: bool, covered: str) -> Answer:
    """`covered` says what the library does cover, for the answer when `grounded` is false."""
    if not grounded or not hits:
        text = (
            "The reviews in this library do not cover this question, so Reflect cannot answer it "
            f"from them. {covered}"
        )
        return Answer(text, False, (), (text,))
    wanted = set(tokens(question))
    top_hit, rest = hits[0], list(hits[1:MAX_ITEMS])
    grouped = [[h for h in rest if _group_of(h.item.kind) == g] for g in range(len(GROUPS))]
    chosen = [top_hit, *(h for members in grouped for h in members)]  # numbered as they appear
    numbers = {h.item.id: n for n, h in enumerate(chosen, 1)}
    docs = {h.item.doc_id for h in chosen}
    top = top_hit.item
    lead = (
        f"The reviews speak to this in {len(chosen)} passages from {len(docs)} "
        f"document{'s' if len(docs) > 1 else ''}. Most directly, from {top.doc_title} "
        f"({top.label}): {quote(top, wanted)} [1]"
    )
    lines: list[str] = [lead]
    for (title, _), members in zip(GROUPS, grouped, strict=True):
        if not members:
            continue
        lines += ["", f"**{title}**", ""]
        for h in members:
            lines.append(f"- {quote(h.item, wanted)} [{numbers[h.item.id]}]")
    lines += ["", SYSTEMS_NOTE]
    return Answer("\n".join(lines), True, tuple(h.item for h in chosen), tuple(lines))
