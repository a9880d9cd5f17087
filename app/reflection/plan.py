"""Guided reflection: a document's (or a theme's) questions as prompts, each with the learning
behind it and follow-up probes. Compose steps take items and vectors and return values; the
wording added around the documents' text is fixed and carries no facts of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from app.core.kinds import CHANGE, FINDING, LEARNING, with_role
from app.core.records import Item
from app.core.text import first_sentence

BACKING_KINDS = with_role(LEARNING, FINDING, CHANGE)
DERIVE_FROM = (*with_role(LEARNING), "practice_issue")  # never good practice
MAX_PROMPTS = 8
MIN_QUESTIONS = 3  # fewer than this and questions derived from the learning are added
MAX_BACKING = 3
DUPLICATE_QUESTION = 0.9
CLOSING = (
    "What are our key thoughts and reflections?",
    "How will we know the learning is embedded?",
    "How does this fit with our team or service improvement plans?",
)
_UNDERSTAND = re.compile(
    r"^(am i|are (we|quieter|\w+ children)|what would|what information|how do we know|"
    r"how confident|do we)\b",
    re.I,
)
_ACT = re.compile(r"\b(how (can|will|could|should) we|build|embed|ensure|improve|support)\b", re.I)


@dataclass(frozen=True)
class Prompt:
    index: int
    question: str
    kind: str  # question | derived | closing
    citations: tuple[Item, ...] = ()
    probes: tuple[str, ...] = ()
    source_item: str | None = None


@dataclass(frozen=True)
class Plan:
    title: str
    derived: bool
    prompts: tuple[Prompt, ...] = field(default_factory=tuple)


def stage(question: str) -> int:
    """0 understanding, 1 analysing, 2 acting: a session moves from seeing to doing."""
    if _ACT.search(question) and not question.lower().startswith(("how do we know", "am i")):
        return 2
    return 0 if _UNDERSTAND.search(question) else 1


def derived_question(item: Item, audience: str) -> str:
    learning = first_sentence(item).rstrip(".")
    if audience == "leaders":
        return f"How would we know whether our system reflects this learning: “{learning}”?"
    return f"How well does our day-to-day practice reflect this learning: “{learning}”?"


def probes(question: str, backing: Sequence[Item]) -> tuple[str, ...]:
    """Borton's What? / So what? / Now what?, the 'What?' quoting the learning behind it."""
    out = []
    if backing:
        out.append(
            f"What? The review found: “{first_sentence(backing[0])}” Where have we seen this?"
        )
    if stage(question) == 2:
        out.append("Now what? What will we do differently, and how will we know it has helped?")
    else:
        out.append("So what? What would this mean for a child or family we are working with now?")
    return tuple(out)


def backing_for(
    question_vector: np.ndarray,
    candidates: Sequence[Item],
    vectors: np.ndarray,
    exclude: str = "",
    used: set[str] | None = None,
) -> tuple[Item, ...]:
    """The 1-3 learning items closest in meaning to a question; one not yet shown first, so
    each prompt brings something new to the room."""
    if not len(candidates):
        return ()
    scores = vectors @ question_vector
    order = [int(i) for i in np.argsort(-scores) if candidates[int(i)].id != exclude]
    top = [candidates[i] for i in order[:MAX_BACKING]]
    fresh = [i for i in top if i.id not in (used or set())]
    if fresh and fresh[0] is not top[0]:
        top.remove(fresh[0])
        top.insert(0, fresh[0])
    return tuple(top)


def derivable(learning: list[tuple[Item, np.ndarray]]) -> list[tuple[Item, np.ndarray]]:
    """Learning to turn into questions: numbered learning points if the document has them,
    then other learning points and recommendations; never a fragment."""
    rank = {"learning_point": 0, "recommendation": 1, "practice_issue": 2}
    whole = [(i, v) for i, v in learning if i.kind in DERIVE_FROM and len(i.text.split()) >= 8]
    numbered = [(i, v) for i, v in whole if i.label.startswith("Learning point")]
    rest = [(i, v) for i, v in whole if not i.label.startswith("Learning point")]
    ordered = numbered + sorted(rest, key=lambda iv: (rank[iv[0].kind], iv[0].order))
    learning_first = [(i, v) for i, v in ordered if i.kind != "practice_issue"]
    return learning_first if len(learning_first) >= MIN_QUESTIONS else ordered


def _dedupe(questions: list[tuple[Item, np.ndarray]]) -> list[tuple[Item, np.ndarray]]:
    kept: list[tuple[Item, np.ndarray]] = []
    for item, vec in questions:
        if all(float(vec @ v) < DUPLICATE_QUESTION for _, v in kept):
            kept.append((item, vec))
    return kept


def build_plan(
    title: str,
    questions: list[tuple[Item, np.ndarray]],
    learning: list[tuple[Item, np.ndarray]],
    audience: str,
    order_by_stage: bool,
) -> Plan:
    """Prompts from the given questions (or, with none, questions derived from the learning),
    each backed by the closest learning items, then the three closing questions."""
    backing_items = [i for i, _ in learning]
    backing_vectors = (
        np.vstack([v for _, v in learning]) if learning else np.zeros((0, 384), np.float32)
    )
    chosen = _dedupe(questions)
    if order_by_stage:
        chosen.sort(key=lambda qv: stage(qv[0].text))
    prompts: list[Prompt] = []
    used: set[str] = set()
    for item, vec in chosen[:MAX_PROMPTS]:
        backing = backing_for(vec, backing_items, backing_vectors, used=used)
        used.update(i.id for i in backing[:1])
        prompts.append(
            Prompt(
                len(prompts), item.text, "question", backing, probes(item.text, backing), item.id
            )
        )
    derived = len(prompts) < MIN_QUESTIONS
    if derived:
        for item, vec in derivable(learning)[: MAX_PROMPTS - len(prompts)]:
            extra = backing_for(vec, backing_items, backing_vectors, exclude=item.id, used=used)
            backing = (item, *extra[: MAX_BACKING - 1])
            used.add(item.id)
            q = derived_question(item, audience)
            prompts.append(Prompt(len(prompts), q, "derived", backing, probes(q, backing), item.id))
    for q in CLOSING:
        prompts.append(Prompt(len(prompts), q, "closing"))
    return Plan(title, derived, tuple(prompts))
