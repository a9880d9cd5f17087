"""Discussion sets for trainers: the reviews' own questions plus open questions built from
their learning points and recommendations, each with the learning behind it.

Built questions either turn a recommendation's lead ('Ensure every child is seen') into a
question, or quote the learning and ask about it; facilitator notes quote the cited items.
Nothing here adds a fact: the only words not taken from the documents are question frames.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from app.core.kinds import LEARNING, QUESTION, with_role
from app.core.records import Item
from app.core.text import first_sentence

SOURCE_KINDS = with_role(QUESTION, LEARNING)
FALLBACK_KINDS = ("practice_issue",)  # findings, used when the learning alone is too thin
FALLBACK_PENALTY = 0.3
DUPLICATE = 0.85
MAX_CITATIONS = 3
SYSTEMS_WORDS = re.compile(
    r"\b(partnership|partners|system|systems|assurance|assure|strategy|leaders?|managers?|"
    r"audit|governance|quality|procedures?|pathways?|policy|guidance|commission)\b",
    re.I,
)
PRACTICE_WORDS = re.compile(
    r"\b(practitioners?|professionals?|visit|seen|voice|child'?s|family|families|parents?|"
    r"assessment|curiosity|conversation|home)\b",
    re.I,
)
# A recommendation's lead, verb first: "Ensure every child is seen" -> a question about it.
LEAD_FRAMES = {
    "ensure": ("How do we know that {rest}?", "How do we make sure that {rest}?"),
    "recognise": ("How well do we recognise {rest}?", "What helps us recognise {rest}?"),
    "strengthen": ("What would strengthen {rest} in our work?", "How could we strengthen {rest}?"),
    "embed": ("How are we embedding {rest}?", "What would it take to embed {rest}?"),
    "use": ("How do we use {rest}?", "When do we use {rest}, and when not?"),
    "support": ("How do we support {rest}?", "What would better support {rest}?"),
}
NORMATIVE = re.compile(
    r"\b(must|should|needs? to|important|vital|ensure|ensuring|critical)\b", re.I
)
FAILURE = re.compile(
    r"\b(was|were|did|had|have|has) not\b|\bnot (always|consistently|recognised|seen|shared)\b|"
    r"\b(went|go) (unnoticed|unchallenged)\b|\bhad become\b|\bfailed\b|\binsufficient",
    re.I,
)
NEUTRAL_FRAMES = {
    "practitioners": (
        "The reviews say: “{quote}” What does this mean for our day-to-day practice?",
    ),
    "leaders": ("The reviews say: “{quote}” What does this mean for how our system works?",),
    "multi-agency": (
        "The reviews say: “{quote}” What does this mean for how our agencies work together?",
    ),
}
# Findings describe what went wrong: ask where it might be happening, not whether it is done.
FINDING_FRAMES = {
    "practitioners": (
        "The reviews found: “{quote}” Where might this be happening in our own work?",
        "The reviews found: “{quote}” What would help us notice this sooner?",
    ),
    "leaders": (
        "The reviews found: “{quote}” How would we know if this were happening in our system?",
        "The reviews found: “{quote}” What in our systems makes this more or less likely?",
    ),
    "multi-agency": (
        "The reviews found: “{quote}” How might this happen across our agencies, and what would "
        "help us spot it?",
        "The reviews found: “{quote}” What would each agency here need to see to act on this?",
    ),
}
QUOTE_FRAMES = {
    "practitioners": (
        "The reviews say: “{quote}” What does this look like in our day-to-day practice?",
        "The reviews say: “{quote}” When has this been hard for us, and what helped?",
        "“{quote}” How would we notice this in a family we are working with now?",
    ),
    "leaders": (
        "The reviews say: “{quote}” How do we know this is happening across our system?",
        "“{quote}” What assurance do we have, and what would tell us it is not happening?",
        "The reviews say: “{quote}” What in our systems helps or hinders this?",
    ),
    "multi-agency": (
        "The reviews say: “{quote}” How does each agency here see its part in this?",
        "“{quote}” Where do our agencies' processes help this, and where do they get in the way?",
        "The reviews say: “{quote}” What would we need from each other to make this happen?",
    ),
}


@dataclass(frozen=True)
class Candidate:
    item: Item
    vector: np.ndarray
    score: float


@dataclass(frozen=True)
class Question:
    text: str
    kind: str  # document_question | built_from_learning_point | built_from_recommendation
    citations: tuple[Item, ...]
    facilitator_notes: str


def audience_lean(item: Item, audience: str) -> float:
    """Leaders' sets lean on systems and assurance, practitioners' on day-to-day practice."""
    systems = len(SYSTEMS_WORDS.findall(item.text))
    practice = len(PRACTICE_WORDS.findall(item.text))
    match audience:
        case "leaders":
            return 0.05 * systems + (0.05 if item.audience == "leaders" else 0.0)
        case "practitioners":
            return 0.05 * practice + (0.05 if item.audience == "practitioners" else 0.0)
    return 0.02 * (systems + practice)


def _lead(item: Item) -> tuple[str, str] | None:
    head = item.text.split(":", 1)[0].strip()
    words = head.split()
    if ":" not in item.text or not 2 <= len(words) <= 10:
        return None
    verb = words[0].lower()
    return (verb, " ".join(words[1:])) if verb in LEAD_FRAMES else None


def _sentence_case(phrase: str) -> str:
    """'Every child is seen' -> 'every child is seen'; 'Early Help appropriately' stays."""
    words = phrase.split()
    names = any(w[:1].isupper() for w in words[1:])
    return phrase if names else phrase[:1].lower() + phrase[1:]


def question_text(item: Item, audience: str, rng: random.Random) -> tuple[str, str]:
    """(question, kind) for one source item."""
    if item.kind == "reflective_question":
        return item.text, "document_question"
    kind = f"built_from_{item.kind}"
    lead = _lead(item)
    if lead is not None:
        verb, rest = lead
        return rng.choice(LEAD_FRAMES[verb]).format(rest=_sentence_case(rest)), kind
    quote = first_sentence(item, limit=200).rstrip(".")
    table: Mapping[str, Sequence[str]]
    if NORMATIVE.search(quote) or item.kind == "recommendation":
        table = QUOTE_FRAMES
    elif item.kind == "practice_issue" or FAILURE.search(quote):
        table = FINDING_FRAMES
    else:
        table = NEUTRAL_FRAMES
    frames = table.get(audience, table["practitioners"])
    ending = "" if quote.endswith("…") else "."
    return rng.choice(frames).format(quote=quote + ending), kind


def facilitator_notes(citations: tuple[Item, ...]) -> str:
    parts = [f"“{first_sentence(i, limit=260)}” ({i.doc_title}, {i.label})" for i in citations]
    return "What the reviews found: " + " ".join(parts)


def choose(candidates: list[Candidate], count: int, rng: random.Random | None) -> list[Candidate]:
    """Best first, one document at a time in turn (so a set spans documents), no near-duplicates.
    With an rng, the order within each document is shuffled among its stronger candidates."""
    by_doc: dict[str, list[Candidate]] = {}
    for c in sorted(candidates, key=lambda c: (-c.score, c.item.doc_id, c.item.order)):
        by_doc.setdefault(c.item.doc_id, []).append(c)
    if rng is not None:
        for doc, pool in by_doc.items():
            head = pool[: max(count, 4)]
            rng.shuffle(head)
            by_doc[doc] = head + pool[len(head) :]
    queues = sorted(by_doc.values(), key=lambda q: -q[0].score)
    chosen: list[Candidate] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            while queue:
                c = queue.pop(0)
                if all(float(c.vector @ o.vector) < DUPLICATE for o in chosen):
                    chosen.append(c)
                    break
            if len(chosen) == count:
                break
    return chosen


def backing(source: Candidate, pool: list[Candidate], used: set[str]) -> tuple[Item, ...]:
    """The source item (if it is learning) and the closest learning, from other documents
    first; learning not yet cited by an earlier question goes ahead of what has been."""
    learning = [
        c for c in pool if c.item.kind != "reflective_question" and c.item.id != source.item.id
    ]
    learning.sort(key=lambda c: (c.item.id in used, -float(c.vector @ source.vector)))
    first = () if source.item.kind == "reflective_question" else (source.item,)
    others = [c.item for c in learning if c.item.doc_id != source.item.doc_id]
    same = [c.item for c in learning if c.item.doc_id == source.item.doc_id]
    return (*first, *others[:1], *same)[:MAX_CITATIONS] or tuple(c.item for c in learning[:1])


def build_questions(
    candidates: list[Candidate], count: int, audience: str, seed: int | None
) -> list[Question]:
    rng = random.Random(seed) if seed else None
    frame_rng = random.Random(seed or 0)
    questions: list[Question] = []
    seen: set[str] = set()
    used: set[str] = set()
    for c in choose(candidates, count * 2, rng):
        text, kind = question_text(c.item, audience, frame_rng)
        if text.lower() in seen or not text.endswith("?"):
            continue
        seen.add(text.lower())
        cited = backing(c, candidates, used)
        used.update(i.id for i in cited)
        questions.append(Question(text, kind, cited, facilitator_notes(cited)))
        if len(questions) == count:
            break
    return questions


def case_summary(items: list[Item], limit: int = 700) -> str | None:
    """One paragraph from a document's background: its own sentences, in order, ending on a
    whole statement (not on a lead-in such as 'shared common features:')."""
    kept: list[str] = []
    size = 0
    for sentence in (s for item in items for s in item.sentences()):
        if size + len(sentence) > limit:
            break
        kept.append(sentence)
        size += len(sentence) + 1
    while kept and kept[-1].endswith(":"):
        kept.pop()
    return " ".join(kept) or None
