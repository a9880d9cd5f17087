"""The extractive composer: an answer made of the reviews' own whole sentences, each cited.

It leads with the one passage that answers what was asked (a recommendation for 'what should I
do', a definition for 'what is', a finding for 'what happened', the review's own profile for
'who wrote it'), then the other passages that earn a place, grouped by what each is. It takes
passages and returns a value; it never reaches into the store. The only words not taken from
the documents are short frames ('The library does not cover …') that add no facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from app.answers.citing import (
    DEFAULT_ORDER,
    ORDER_BY_INTENT,
    group_heading,
    in_list_order,
    not_repeating,
)
from app.answers.intent import Asked
from app.answers.lead import (
    DEFINITION,
    GOOD,
    Passage,
    choose_lead,
    prints_term,
    role,
)
from app.answers.quoting import asking_sentences, best_sentences, defining_sentences
from app.core.kinds import (
    CHANGE,
    CONTEXT,
    FINDING,
    LEARNING,
    QUESTION,
    names_a_kind,
    purpose_of_questions,
)
from app.core.records import Item
from app.core.text import tokens
from app.search.coverage import BLAME
from app.search.decision import Coverage
from app.search.saying import UNSAID, as_written, join_words

MAX_CITED = 6
ACCOUNTABILITY = (
    "Practice reviews are not conducted to hold individuals to account, so they do not name or "
    "judge individual practitioners."
)


@dataclass(frozen=True)
class Answer:
    text: str
    grounded: bool
    citations: tuple[Item, ...]
    lines: tuple[str, ...] = ()  # the answer's Markdown lines, for streaming
    coverage: str = "covered"  # covered | partial | none
    searched: str = ""  # the question the passages were found for, when it was not as asked
    lead: Item | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


class ProfileLead(NamedTuple):
    """The facts asked about a review, in one sentence, the items that state them, and what
    was asked that the review does not state ('It does not say when it was written.')."""

    sentence: str
    sources: tuple[Item, ...]
    unstated: str = ""
    # the sentence in parts, each with the ids of the items that state it, in reading order
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()


def cite(text: str, n: int) -> str:
    """'… sentence. [3]' reads as the sentence's source, whatever its closing mark."""
    return _cites(text, (n,))


def _cites(text: str, numbers: Sequence[int]) -> str:
    """'… sentence. [1] [2]': each source of the sentence, after it."""
    return " ".join([text.rstrip(), *(f"[{n}]" for n in numbers)])


def compose(
    question: str,
    asked: Asked,
    passages: Sequence[Passage],
    coverage: Coverage,
    covered_summary: str,
    mentioned: Sequence[str] = (),
    profile_lead: ProfileLead | None = None,
) -> Answer:
    """`passages`: those that earn a place, best first. `covered_summary`: what the library
    holds, for an answer that cannot be given from it."""
    if coverage.status != "covered":
        return refuse(question, coverage, covered_summary)
    wanted = set(tokens(question))
    if profile_lead is not None and not profile_lead.sources:  # it states none of it
        return Answer(profile_lead.sentence, True, (), (profile_lead.sentence,))
    if asked.intent == "change" and not any(role(p.item) == CHANGE for p in passages):
        # nothing found has changed: what the review named (or the reviews) ask to change is
        # the nearest there is, never the case's story or what went wrong
        passages = [
            p
            for p in passages
            if role(p.item) == LEARNING and (not mentioned or p.item.doc_id in mentioned)
        ]
        if not passages:
            return Answer(_NO_CHANGE, True, (), (_NO_CHANGE,))
    if profile_lead is not None:
        sentence, sources = profile_lead.sentence, profile_lead.sources
        lead = next((p for p in passages if p.item.id == sources[0].id), Passage(sources[0], 1.0))
        lead_text = sentence
    else:
        lead = choose_lead(asked, passages, mentioned, coverage)
        lead_text = defining_sentences(lead.item, asked.term) or best_sentences(lead.item, wanted)
    no_question = ""  # 'None of the documents' questions for reflection mentions poverty.'
    topic: list[str] = []
    if asked.intent == "reflect" and profile_lead is None:
        topic = _topic(coverage, question, coverage.naming if mentioned else frozenset())
        on_topic = [p for p in passages if _prints_any(p.item, topic)]
        asked_on = next((p for p in on_topic if role(p.item) == QUESTION), None)
        answered = role(lead.item) == QUESTION and lead in on_topic
        if topic and not answered and asked_on is not None:  # one on it ranked lower leads
            lead, lead_text = asked_on, best_sentences(asked_on.item, wanted)
        elif topic and not answered:
            on = join_words(topic, "or")
            none_on = f"None of the documents' questions for reflection mentions {on}"
            # what follows could be made a question of, said so ('These' or 'This', once the
            # passages cited are known); what the reviews ask of practice first
            passages = sorted(on_topic, key=lambda p: role(p.item) != LEARNING)
            on_them = "it" if len(topic) == 1 else "them"
            no_question = f"{none_on}. {{}} on {on_them} could be turned into questions:"
            if not passages:  # the library's questions are on other things
                return Answer(f"{none_on}.", False, (), (f"{none_on}.",), coverage="partial")
            lead = passages[0]
            lead_text = best_sentences(lead.item, wanted)
            # a passage that asks one in its running text is the nearest there is
            asks = ((p, _asks_on(p.item, topic)) for p in passages)
            asking = next(((p, text) for p, text in asks if text), None)
            if asking is not None:
                lead, lead_text = asking
                on_them = "it" if len(topic) == 1 else "one of them"
                no_question = f"{none_on}, but one passage asks a question on {on_them}:"
    rest = [p for p in passages if p.item.id != lead.item.id]
    if topic:  # questions asked for on a topic: the others on it ('… ask about schools')
        rest = [p for p in rest if role(p.item) != QUESTION or _prints_any(p.item, topic)]
    if asked.term and prints_term(lead.item, asked.term):  # 'what is X?': what else says X
        rest = [p for p in rest if prints_term(p.item, asked.term)]
    if profile_lead is not None:  # a fact about a review: only the items that state it
        rest = [Passage(item, 1.0) for item in profile_lead.sources[1:]]
    order = ORDER_BY_INTENT.get(asked.intent, DEFAULT_ORDER)
    if profile_lead is None:  # a passage that says again what is quoted already adds nothing
        rest = not_repeating(lead_text, rest, wanted)
    grouped = {r: [p for p in rest if role(p.item) == r] for r in order}
    cited = [lead.item, *(p.item for r in order for p in grouped[r])][:MAX_CITED]
    kept = {item.id for item in cited}
    grouped = {r: in_list_order([p for p in grouped[r] if p.item.id in kept]) for r in order}
    cited = [lead.item, *(p.item for r in order for p in grouped[r])]
    numbers = {item.id: n for n, item in enumerate(cited, 1)}
    lines = [cite(lead_text, 1) + _whose(lead.item, mentioned)]
    if profile_lead is not None and profile_lead.parts:  # each fact cited where it is said
        lines = [
            " ".join(_cites(text, [numbers[i] for i in ids]) for text, ids in profile_lead.parts)
        ]
    if profile_lead is not None and profile_lead.unstated:
        lines[0] += f" {profile_lead.unstated}"
    acting = any(role(item) in (LEARNING, CHANGE) for item in cited)  # an action, taken or asked
    if (
        asked.intent == "do"
        and role(lead.item) in (FINDING, CONTEXT)
        and lead.item.kind != GOOD
        and not acting
    ):
        # no action for what was asked, among all that is cited ('good practice' is what was
        # done, not a gap); a definition says what a word means, not a problem
        lines.append(
            "The passages found set out no action for this."
            if lead.item.kind == DEFINITION
            else "The reviews describe this problem but do not set out an action for it in the "
            "passages found."
        )
    if no_question:  # that is the answer: first, then the learning a question could use
        these = "This passage" if len(cited) == 1 else "These passages"
        lines.insert(0, no_question.replace("{}", these))
    if _undefined(asked, lead.item, profile_lead):  # said, not a definition offered
        lines.insert(
            0, f"No passage found defines {asked.term}. This is how the reviews speak of it:"
        )
    changes = [i for i in cited if role(i) == CHANGE]
    own = [i for i in changes if not mentioned or i.doc_id in mentioned]
    if asked.intent == "change" and not own:
        # that is the answer: first; never beside a change of the review asked of, and
        # another review's change is said to be another's
        named = next((i.doc_title for i in cited if i.doc_id in mentioned), "The review asked of")
        asked_of = _NO_CHANGE_ASKED.format("it asks" if mentioned else "the reviews ask")
        lines.insert(0, _NO_CHANGE_ELSEWHERE.format(named) if changes else asked_of)
    for r in order if profile_lead is None else ():  # a review's facts are cited in the lead
        members = [p for p in grouped[r] if p.item.id in numbers]
        if not members:
            continue
        lines += ["", f"**{group_heading(r, [p.item for p in members])}**", ""]
        lines += [
            f"- {cite(best_sentences(p.item, wanted), numbers[p.item.id])}"
            + _whose(p.item, mentioned)
            for p in members
        ]
    return Answer("\n".join(lines), True, tuple(cited), tuple(lines), lead=lead.item)


def _whose(item: Item, mentioned: Sequence[str]) -> str:
    """A passage from a review the question does not name, beside those it does, says whose it
    is: under 'What the reviews found' it would read as the named review's own."""
    return (
        f" (from another document: *{item.doc_title}*)"
        if mentioned and item.doc_id not in mentioned
        else ""
    )


_NO_CHANGE = "The passages found do not say what has changed or is planned since the review."
_NO_CHANGE_ASKED = f"{_NO_CHANGE[:-1]}. This is what {{}} to change:"
_NO_CHANGE_ELSEWHERE = (
    "*{}* does not say, in the passages found, what has changed or is planned since it; the "
    "changes cited here are from other reviews."
)


def refuse(question: str, coverage: Coverage, covered_summary: str) -> Answer:
    """Say plainly what the library does not hold, then what it says nearby, if anything."""
    lines: list[str] = []
    if coverage.missing:
        lines.append(f"The library does not cover {join_words(coverage.missing, 'or')}.")
    else:
        lines.append("The reviews in this library do not cover this question.")
    if BLAME.search(question):
        lines.append(ACCOUNTABILITY)
    cited: list[Item] = []
    # nearby is what the library says on what it does hold of the question; when that is only
    # the name of the review asked of, a passage of that review on something else is no help
    # ('questions' of 'give me questions about teenagers' is what is asked for, not a topic)
    topical = [w for w in coverage.found if not names_a_kind(w)]
    held = [
        w
        for w in (*coverage.found, *coverage.unsaid)
        if not names_a_kind(w) and not set(tokens(w)) <= coverage.naming
    ]
    if coverage.status == "partial" and coverage.nearby and held:
        item = coverage.nearby[0]
        wanted = {s for w in coverage.found for s in tokens(w)}
        found = as_written(topical, question)  # 'domestic abuse', as asked
        about = join_words(found, "and") if found else "this"
        lines.append(f"The nearest it comes is on {about}: {cite(best_sentences(item, wanted), 1)}")
        cited.append(item)
    else:
        lines.append(covered_summary)
    text = " ".join(lines)
    # partly covered is said with what is near; with nothing near to give, none of it is
    status = "none" if coverage.status == "partial" and not cited else coverage.status
    return Answer(text, False, tuple(cited), (text,), coverage=status)


def _topic(coverage: Coverage, question: str, naming: frozenset[str]) -> list[str]:
    """What a question for reflection is asked to be about: the concepts the passages hold,
    else those they lack, less the words that ask for questions ('reflective questions') and
    those that name a document it asks of ('the neglect case study': all of its questions);
    words the question writes side by side are one ('disguised compliance'), and what they are
    asked for ('for a team meeting', 'for supervision') is not what they are on."""
    naming = naming | purpose_of_questions(question)
    held = [w for w in coverage.found if not names_a_kind(w)]
    if not held:
        missing = [w for w in coverage.missing if not names_a_kind(w) and w not in UNSAID]
        return [w for w in missing if not set(tokens(w)) <= naming]
    return as_written([w for w in held if not set(tokens(w)) <= naming], question)


def _asks_on(item: Item, topic: Sequence[str]) -> str | None:
    """The question the passage asks in its own text on one of the topics, if any."""
    return next((t for w in topic if (t := asking_sentences(item, set(tokens(w))))), None)


def _prints_any(item: Item, words: Sequence[str]) -> bool:
    """The passage prints one of the topics whole: each word of 'home conditions', not only
    'condition' ('the child's medical condition')."""
    stems = set(tokens(item.text))
    return any(set(tokens(w)) <= stems for w in words if tokens(w))


def _undefined(asked: Asked, lead: Item, profile: ProfileLead | None) -> bool:
    """'What is cumulative harm?' is led by a passage that speaks of it without saying what it is
    (none found says): a recommendation to understand it is not its definition. A passage that
    describes it ('the ‘start again syndrome’, where practitioners …') is."""
    if not asked.term or profile is not None or lead.kind == DEFINITION:
        return False
    return prints_term(lead, asked.term) and defining_sentences(lead, asked.term) is None
