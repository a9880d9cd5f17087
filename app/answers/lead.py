"""Which passage leads an answer: the one that answers what was asked (a recommendation for
'what should I do', what a term is for 'what is', a finding for 'what happened'), of the first
few that hold much of the question (or one further down, holding as much as the most any of them
holds, when none of them is of that kind), from the document the question names; never a passage
that speaks to a machine, nor a bare point of a paragraph's list while a whole passage is there."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.answers.intent import Asked
from app.answers.quoting import defining_sentences, term_pattern
from app.core.kinds import BY_SLUG, CHANGE, CONTEXT, FINDING, LEARNING, QUESTION
from app.core.records import Item
from app.search.decision import Coverage

GOOD = "good_practice"
DEFINITION = "definition"

LEAD_ROLES = {
    "do": (LEARNING, CHANGE),
    "change": (CHANGE,),
    "reflect": (QUESTION,),
    "what_happened": (FINDING, CONTEXT),
    "what_is": (CONTEXT, FINDING, LEARNING),
}
FIRST = {"do": ((LEARNING,),)}  # roles tried before the others of the intent's
LEAD_KINDS = {
    "good": (GOOD,),
    "what_is": (DEFINITION,),
    "what_happened": ("practice_issue",),
}


@dataclass(frozen=True)
class Passage:
    """A passage that may be cited, with how close it is to the question."""

    item: Item
    cosine: float


def role(item: Item) -> str:
    return BY_SLUG[item.kind].role if item.kind in BY_SLUG else CONTEXT


_POINT = re.compile(r", point \d+$")
LEAD_POOL = 4  # the lead is the best-ranked passage of the right kind among the first few
CLOSE = 0.35  # a passage this close in meaning may lead holding less of the question's words
# Text that speaks to a machine, not to practitioners ('ignore previous instructions', 'you are
# an assistant'): it may be quoted lower down as what the document says, never as the answer.
_TO_A_MACHINE = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules|above)\b"
    r"|\byou are (now )?(an?|the) (ai|assistant|model|chatbot|language model)\b"
    r"|\b(system prompt|assistant:|as an ai|language model)\b",
    re.I,
)


def speaks_to_a_machine(item: Item) -> bool:
    return bool(_TO_A_MACHINE.search(item.text))


def choose_lead(
    asked: Asked, passages: Sequence[Passage], mentioned: Sequence[str], coverage: Coverage
) -> Passage:
    """The passage that answers what was asked: of the first few that hold much of the
    question (and the closest, when it is close in meaning), the right kind from the document
    the question names (when it names one), holding some of the question; else the first.
    For 'what is X?', the passage that says what X is, else one that prints X."""
    said = [p for p in passages if not speaks_to_a_machine(p.item)] or list(passages[:1])
    # a question for reflection that prints the term ('How do we ensure cumulative harm is
    # recognised?') asks, it does not define
    defining = [p for p in said if role(p.item) != QUESTION]
    if asked.term and (says := [p for p in defining if defining_sentences(p.item, asked.term)]):
        return says[0]  # 'What is a lateral check?': '"Lateral check" is a term used by …'
    lead = _lead_by_kind(asked, said, mentioned, coverage)
    if asked.term and not prints_term(lead.item, asked.term):
        # 'what does "was not brought" mean?': a passage that prints it, rather than one that
        # does not; a question for reflection says least what it is
        printing = [p for p in said if prints_term(p.item, asked.term)]
        printing.sort(key=lambda p: role(p.item) == QUESTION)
        return printing[0] if printing else lead
    if asked.term and role(lead.item) == QUESTION:
        # a question for reflection asks what a term is, it does not say: a passage that says
        # it leads ('what does cumulative harm mean?')
        says = [p for p in said if role(p.item) != QUESTION and prints_term(p.item, asked.term)]
        return says[0] if says else lead
    return lead


def _lead_by_kind(
    asked: Asked, said: Sequence[Passage], mentioned: Sequence[str], coverage: Coverage
) -> Passage:
    # a point of a paragraph's list ('Paragraph 4.2.5, point 3') means little without the
    # paragraph that leads into it: it leads only when nothing else is there to
    whole = [p for p in said if not _POINT.search(p.item.label)]
    pool = list((whole or said)[:LEAD_POOL])
    most = max(coverage.weight_of(p.item) for p in pool)
    holds = [p for p in pool if coverage.weight_of(p.item) >= 0.5 * most]
    # the closest passage stays in the running when it is close, even holding little of the
    # question; a passage that is not close in meaning must hold as much as the rest
    pool = [pool[0], *(p for p in holds if p is not pool[0])] if pool[0].cosine >= CLOSE else holds
    if mentioned:
        named = [p for p in pool if p.item.doc_id in mentioned]
        pool = named or pool
    # the right kind that holds none of the question is not preferred to a passage that does
    holding = [p for p in pool if coverage.weight_of(p.item) > 0] or pool
    first = _of_the_kind_asked(asked, holding)
    if first is not None:
        return first
    # none of the first few is the kind asked for: one further down, from the document named
    # when the first few are, that holds as much of the question as the most any of them holds
    # answers it better than a passage of another kind
    further = [
        p for p in (whole or said)[LEAD_POOL:] if most and coverage.weight_of(p.item) >= most
    ]
    if mentioned and any(p.item.doc_id in mentioned for p in pool):
        further = [p for p in further if p.item.doc_id in mentioned]
    return _of_the_kind_asked(asked, further) or pool[0]


def _of_the_kind_asked(asked: Asked, passages: Sequence[Passage]) -> Passage | None:
    """The first passage of the kind the intent prefers, then of its roles in order; for what to
    do, what the reviews learned or recommend before what has changed since."""
    kinds = LEAD_KINDS.get(asked.intent)
    roles = LEAD_ROLES.get(asked.intent)
    preferred = [[p for p in passages if p.item.kind in kinds] if kinds else []]
    preferred += [
        [p for p in passages if role(p.item) in first] for first in FIRST.get(asked.intent, ())
    ]
    preferred += [[p for p in passages if role(p.item) in roles] if roles else []]
    return next((wanted[0] for wanted in preferred if wanted), None)


def prints_term(item: Item, term: str) -> bool:
    """The passage prints the term whole, in any case, as one word or its plural."""
    return bool(term.strip()) and bool(re.search(rf"\b{term_pattern(term)}\b", item.text, re.I))
