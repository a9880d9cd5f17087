"""Discussion sets for trainers: questions in forms that fit the learning behind them (their
wording in forms.py), spread across documents and forms, each with facilitator notes a trainer
can teach from.

Nothing here adds a fact: the only words not taken from the documents are the question frames.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import numpy as np

from app.core.kinds import LEARNING, QUESTION, with_role
from app.core.records import Item
from app.core.text import substantive
from app.discussion.forms import (
    FORM_ORDER,
    forms_for,
    question_text,
    whole_sentence,
)

SOURCE_KINDS = with_role(QUESTION, LEARNING)
FALLBACK_KINDS = ("practice_issue", "good_practice")  # findings: used where learning is thin
FALLBACK_PENALTY = 0.3
DUPLICATE = 0.85
MAX_CITATIONS = 3
MAX_BACKS = 2  # no learning item backs more than two questions in a set
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
NOTE_LABELS = ("Key message", "What the review found", "Listen for")


@dataclass(frozen=True)
class Candidate:
    item: Item
    vector: np.ndarray
    score: float


@dataclass(frozen=True)
class NotePart:
    label: str
    text: str
    cites: tuple[int, ...]  # citation numbers (1-based)


@dataclass(frozen=True)
class Question:
    text: str
    kind: str  # document_question | built_from_<kind> | scenario
    citations: tuple[Item, ...]
    facilitator_notes: str
    form: str = ""
    notes: tuple[NotePart, ...] = ()


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


def backing(source: Candidate, pool: list[Candidate], backs: dict[str, int]) -> tuple[Item, ...]:
    """What the question stands on: its source (a scenario's case context too), then for the
    notes the closest finding and the closest good practice or learning, from other documents
    where they are as close; an item already behind two questions is not used again."""

    def free(c: Candidate) -> bool:
        return (
            backs.get(c.item.id, 0) < MAX_BACKS
            and c.item.kind not in ("reflective_question", "context")
            and c.item.id != source.item.id
            and substantive(c.item)
        )

    def closest(kinds: tuple[str, ...], taken: set[str]) -> Item | None:
        near = [c for c in pool if free(c) and c.item.kind in kinds and c.item.id not in taken]
        near.sort(key=lambda c: -float(c.vector @ source.vector))
        return near[0].item if near else None

    first = [source.item] if source.item.kind != "reflective_question" else []
    taken = {i.id for i in first}
    for kinds in (
        ("learning_point", "recommendation")
        if source.item.kind in ("reflective_question", "context")
        else (),
        ("practice_issue",),
        ("good_practice", "learning_point", "recommendation"),
    ):
        if kinds and (item := closest(kinds, taken)) is not None:
            first.append(item)
            taken.add(item.id)
    return tuple(first[:MAX_CITATIONS])


def notes_for(question: str, cited: tuple[Item, ...]) -> tuple[NotePart, ...]:
    """Key message (the learning), what the review found (a finding), what to listen for (good
    practice or learning from elsewhere): each a whole sentence, each cited, none repeated and
    none the question's own quotation."""
    said: set[str] = set()
    parts: list[NotePart] = []
    wanted = {
        "Key message": ("learning_point", "recommendation", "action"),
        "What the review found": ("practice_issue",),
        "Listen for": ("good_practice", "learning_point", "recommendation"),
    }
    taken: set[int] = set()
    for label in NOTE_LABELS:
        for n, item in enumerate(cited, 1):
            if n in taken or item.kind not in wanted[label]:
                continue
            sentence = whole_sentence(item, limit=400)
            if sentence is None or sentence in said or sentence.rstrip(".") in question:
                continue
            said.add(sentence)
            taken.add(n)
            parts.append(NotePart(label, sentence, (n,)))
            break
    return tuple(parts)


def _notes_text(parts: tuple[NotePart, ...]) -> str:
    return " ".join(f"{p.label}: {p.text} [{', '.join(map(str, p.cites))}]" for p in parts)


def _drafts(
    candidates: list[Candidate], count: int, audience: str, rng: random.Random | None,
    names: dict[str, str],
) -> dict[str, list[tuple[Candidate, str]]]:  # fmt: skip
    """Every question the candidates can make whole, by form, best first."""
    by_form: dict[str, list[tuple[Candidate, str]]] = {}
    seen: set[str] = set()
    for c in choose(candidates, count * 4, rng):
        for form in forms_for(c.item, audience):
            text = question_text(c.item, form, audience, names.get(c.item.doc_id, ""))
            if not text or text.lower() in seen:
                continue
            if form != "statement" and not text.endswith("?"):
                continue
            seen.add(text.lower())
            by_form.setdefault(form, []).append((c, text))
    return by_form


def build_questions(
    candidates: list[Candidate],
    count: int,
    audience: str,
    seed: int | None,
    names: dict[str, str] | None = None,
) -> list[Question]:
    """Up to `count` questions: the documents' own first, then the other forms in turn (so no
    form follows itself while another is left), spread across documents, no learning behind
    more than two questions."""
    rng = random.Random(seed) if seed else None
    by_form = _drafts(candidates, count, audience, rng, names or {})
    own_share = max(1, count // 2)  # the documents' own questions lead, but do not fill the set
    questions: list[Question] = []
    backs: dict[str, int] = {}
    asked: set[str] = set()  # an item opens one question, in one form
    last = ""
    while len(questions) < count and any(by_form.values()):
        order = sorted(
            (f for f in FORM_ORDER if by_form.get(f)),
            key=lambda f: (f == last, f != "own_question" or len(questions) >= own_share),
        )
        form = order[0]
        c, text = by_form[form].pop(0)
        if (
            c.item.id in asked
            or backs.get(c.item.id, 0) >= MAX_BACKS
            or (form == last and form != "own_question")
        ):
            if form == last and len(order) == 1:
                by_form[form].insert(0, (c, text))
                break
            continue
        asked.add(c.item.id)
        cited = backing(c, candidates, backs)
        for item in cited:
            backs[item.id] = backs.get(item.id, 0) + 1
        parts = notes_for(text, cited)
        kind = "document_question" if form == "own_question" else f"built_from_{c.item.kind}"
        questions.append(Question(text, kind, cited, _notes_text(parts), form, parts))
        last = form
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
