"""Discussion sets for trainers: questions in forms that fit the learning behind them, each a
whole sentence, never a cut quotation, with facilitator notes a trainer can teach from.

Forms (each question carries its `form`):
- `own_question`: a document's own question for reflection, first where the theme has one;
- `statement`: a whole learning point, quoted in full, to agree or disagree with (the only form
  that may end without '?');
- `scenario`: a review's own case context, then what the group would want to know next;
- `good_practice` (practitioners) and `assurance` (leaders): what a recommendation would look
  like done well, or how we would know it is happening; `hand_off` for a multi-agency group;
- `finding`: what a review found, and where it might be happening here.

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

SOURCE_KINDS = with_role(QUESTION, LEARNING)
FALLBACK_KINDS = ("practice_issue", "good_practice")  # findings: used where learning is thin
FALLBACK_PENALTY = 0.3
DUPLICATE = 0.85
MAX_CITATIONS = 3
MAX_BACKS = 2  # no learning item backs more than two questions in a set
LONGEST_QUOTE = 320  # characters: a longer sentence is not quoted in a question
STATEMENT_WORDS = (8, 45)  # a learning point short enough to read aloud whole
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
# A recommendation's lead, verb first ('Ensure every child is seen: …'), as a question.
LEAD_FRAMES = {
    "good_practice": {
        "ensure": "What would it look like, day to day, if we made sure that {rest}?",
        "recognise": "What helps us recognise {rest}, and what gets in the way?",
        "strengthen": "What would strengthened {rest} look like in our work?",
        "embed": "What would it look like if {rest} were embedded in our practice?",
        "use": "When do we use {rest}, and what would good use look like?",
        "support": "What would good support for {rest} look like here?",
    },
    "assurance": {
        "ensure": "How would we know that {rest}?",
        "recognise": "How would we know that we recognise {rest}?",
        "strengthen": "How would we know that {rest} had been strengthened?",
        "embed": "How would we know that {rest} is embedded?",
        "use": "How would we know that {rest} is used well?",
        "support": "How would we know that {rest} is supported?",
    },
}
FINDING_FRAMES = {
    "practitioners": "A review found: “{quote}” Where might this be happening in our work?",
    "leaders": "A review found: “{quote}” How would our system show us if it were happening?",
    "multi-agency": (
        "A review found: “{quote}” At which hand-off between our agencies could this happen?"
    ),
}
OPENERS = ("reflective_question", "context")  # questions that stand on no learning of their own
FRAMES: dict[str, str] = {
    "what_helps": "A review found: “{quote}” What would have helped, and what would help us here?",
    "seen_working": (
        "A review saw good practice: “{quote}” What made it possible, and how could we make it "
        "usual here?"
    ),
    "statement": "Agree or disagree, and why: “{quote}”",
    "good_practice": "A review recommends: “{quote}” What would good look like here?",
    "assurance": "A review recommends: “{quote}” How would we know this is happening?",
    "hand_off": (
        "A review recommends: “{quote}” What does each agency here need from the others "
        "for this to happen?"
    ),
    "scenario": "In the {name} review: “{quote}” What would you want to know next, and who would "
    "you ask?",
}
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


_VERB = re.compile(
    r"\b(is|are|was|were|be|been|being|must|should|can|could|will|would|"
    r"has|have|had|do|does|did|may|might|shall|\w+ed)\b",
    re.I,
)


def is_sentence(text: str) -> bool:
    """A statement, not a heading-like fragment ('Recognising and understanding neglect')."""
    words = text.split()
    return len(words) >= 5 and bool(_VERB.search(" ".join(words[1:])))


def whole_sentence(item: Item, limit: int = LONGEST_QUOTE) -> str | None:
    """The item's first sentence, whole and ending as a sentence, or None if it is too long or
    only a heading-like fragment: a question never quotes part of a sentence."""
    text = item.sentences()[0].strip()
    if len(text) > limit or text.endswith((":", ",", ";", "…")) or not is_sentence(text):
        return None
    return text if text[-1] in ".!?”’\"'" else text + "."


def _lead(item: Item) -> tuple[str, str] | None:
    head = item.text.split(":", 1)[0].strip()
    words = head.split()
    if ":" not in item.text or not 2 <= len(words) <= 10:
        return None
    verb = words[0].lower()
    return (verb, " ".join(words[1:])) if verb in LEAD_FRAMES["assurance"] else None


def _sentence_case(phrase: str) -> str:
    """'Every child is seen' -> 'every child is seen'; 'Early Help appropriately' stays."""
    words = phrase.split()
    names = any(w[:1].isupper() for w in words[1:])
    return phrase if names else phrase[:1].lower() + phrase[1:]


def _action_form(audience: str) -> str:
    return {"leaders": "assurance", "multi-agency": "hand_off"}.get(audience, "good_practice")


def forms_for(item: Item, audience: str) -> list[str]:
    """The forms this item can take, best first."""
    if item.kind == "reflective_question":
        return ["own_question"]
    if item.kind == "context":
        return ["scenario"]
    if item.kind == "practice_issue":
        return ["finding", "what_helps"]
    if item.kind == "good_practice":
        return ["seen_working"]
    out = []
    words = len(item.text.split())
    if item.kind == "learning_point" and STATEMENT_WORDS[0] <= words <= STATEMENT_WORDS[1]:
        out.append("statement")
    out.append(_action_form(audience))
    return out


def question_text(item: Item, form: str, audience: str, name: str = "") -> str | None:
    """The question in this form, or None if the item cannot make it whole."""
    if form == "own_question":
        return item.text.strip()
    if form == "statement":
        whole = " ".join(item.text.split())
        if not STATEMENT_WORDS[0] <= len(whole.split()) <= STATEMENT_WORDS[1]:
            return None
        if not is_sentence(whole) or not substantive(item):
            return None
        return FRAMES["statement"].format(quote=whole if whole[-1] in ".!?" else whole + ".")
    if form in ("good_practice", "assurance") and (lead := _lead(item)):
        verb, rest = lead
        return LEAD_FRAMES[form][verb].format(rest=_sentence_case(rest))
    quote = whole_sentence(item)
    if quote is None:
        return None
    if form == "finding":
        return FINDING_FRAMES.get(audience, FINDING_FRAMES["practitioners"]).format(quote=quote)
    if form == "scenario":
        return FRAMES["scenario"].format(name=name, quote=quote)
    return FRAMES[form].format(quote=quote)


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


FORM_ORDER = ("own_question", "statement", "scenario", "good_practice", "assurance", "hand_off",
              "seen_working", "finding", "what_helps")  # fmt: skip


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
