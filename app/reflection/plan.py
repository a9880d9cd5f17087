"""Guided reflection: a document's (or a theme's) questions as prompts, each with the learning
behind it and follow-up probes. Compose steps take items and vectors and return values; the
wording added around the documents' text is fixed and carries no facts of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from app.core.kinds import CHANGE, FINDING, LEARNING, with_role
from app.core.records import DocumentMeta, Item
from app.core.text import substantive, without_own_label

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
    note: str | None = None  # what the session says of itself ('the library is thin on …')


def session_title(meta: DocumentMeta | None, theme_title: str | None = None) -> str:
    """What was reflected on: 'Learning briefing reflection: Child AK', 'Theme reflection:
    voice of the child'."""
    if meta is None:
        name = theme_title or ""
        if name[1:2].islower():
            name = name[:1].lower() + name[1:]
        return f"Theme reflection: {name}"
    kind = meta.type or "document"
    subject = meta.short_subject or meta.title
    return f"{kind[:1].upper()}{kind[1:]} reflection: {subject}"


def stage(question: str) -> int:
    """0 understanding, 1 analysing, 2 acting: a session moves from seeing to doing."""
    if _ACT.search(question) and not question.lower().startswith(("how do we know", "am i")):
        return 2
    return 0 if _UNDERSTAND.search(question) else 1


# A sentence that says where learning was published, not what it is ('The NSPCC published
# ‘Neglect: learning from case reviews’ in December 2022.')
_PUBLISHED = re.compile(r"\bpublished\b[^.]{0,120}\b(?:19|20)\d\d\b", re.I)
QUOTE_WORDS = 8  # a quoted sentence shorter than this takes the next one too ('Agency: GP.')
QUOTE_LIMIT = 400


def learning_quote(item: Item) -> str:
    """The item's learning in its own whole sentences, as a prompt quotes it: from its first
    sentence that is not about where it was published, without the label the item prints
    before it ('Recommendation 1: '), and with the next sentence when the first is only a few
    words ('Agency: GP practice. Action: Follow up …'). Cut with '…' only past QUOTE_LIMIT."""
    sentences = item.sentences()
    start = next((k for k, s in enumerate(sentences) if not _PUBLISHED.search(s)), 0)
    quoted = sentences[start]
    for more in sentences[start + 1 :]:
        if len(quoted.split()) >= QUOTE_WORDS:
            break
        quoted = f"{quoted} {more}"
    quoted = without_own_label(item, quoted)
    if len(quoted) <= QUOTE_LIMIT:
        return quoted
    return quoted[:QUOTE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def derived_question(item: Item, audience: str) -> str:
    """A question from a whole learning sentence, in the words its kind calls for: learning and
    recommendations are held up against practice, a finding is asked about here."""
    learning = learning_quote(item).rstrip(".")
    if item.kind == "practice_issue":
        if audience == "leaders":
            return (
                f"A review found: “{learning}.” "
                "How would our system show us if this were happening here?"
            )
        return f"A review found: “{learning}.” Could this happen in our work? How would we see it?"
    if audience == "leaders":
        return f"How would we know whether our system reflects this learning: “{learning}”?"
    return f"How well does our day-to-day practice reflect this learning: “{learning}”?"


def _probe(item: Item) -> str | None:
    """A probe from one piece of the learning, in the words its kind calls for."""
    said = learning_quote(item)
    if said.endswith("…"):  # never a cut quotation
        return None
    if item.kind == "good_practice":
        return f"The review saw good practice: “{said}” What helped it happen, and could it here?"
    if item.kind == "recommendation":
        return f"The review recommends: “{said}” What would that look like in our team?"
    if item.kind in ("action",):
        return f"Since the review: “{said}” Have we seen that change in our own work?"
    if item.kind == "learning_point":
        return f"The learning is: “{said}” Where have we seen this, or its opposite?"
    return f"The review found: “{said}” Where have we seen this?"


def probes(question: str, backing: Sequence[Item]) -> tuple[str, ...]:
    """Borton's What? / So what? / Now what?, drawn from the learning behind the prompt: what
    the review found, what it recommends, what good practice looked like."""
    out: list[str] = []
    seen: set[str] = set()
    for item in backing:  # one probe per kind of learning, in the order of relevance
        probe = _probe(item) if item.kind not in seen else None
        if probe:
            out.append(probe)
            seen.add(item.kind)
        if len(out) == 2:
            break
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
    derive_from: list[tuple[Item, np.ndarray]] | None = None,
) -> Plan:
    """Prompts from the given questions (or, with none, questions derived from the learning),
    each backed by the closest learning items, then the three closing questions."""
    learning = [(i, v) for i, v in learning if substantive(i)]
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
        source = derivable(learning) if derive_from is None else derive_from
        source = [(i, v) for i, v in source if i.id not in used]
        for item, vec in source[: MAX_PROMPTS - len(prompts)]:
            extra = backing_for(vec, backing_items, backing_vectors, exclude=item.id, used=used)
            backing = (item, *extra[: MAX_BACKING - 1])
            used.add(item.id)
            q = derived_question(item, audience)
            prompts.append(Prompt(len(prompts), q, "derived", backing, probes(q, backing), item.id))
    for q in CLOSING:
        prompts.append(Prompt(len(prompts), q, "closing"))
    return Plan(title, derived, tuple(prompts))
