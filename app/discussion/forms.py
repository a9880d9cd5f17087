"""The forms a discussion question takes, and their wording. Each is a whole sentence, never a
cut quotation: a form an item cannot make whole is not made.

- `own_question`: a document's own question for reflection;
- `statement`: a whole learning point, quoted in full, to agree or disagree with (the only form
  that may end without '?');
- `scenario`: a review's own case context, then what the group would want to know next;
- `good_practice` (practitioners), `assurance` (leaders), `hand_off` (a multi-agency group): what
  a recommendation would look like done well, how we would know, what agencies need of each other;
- `seen_working`, `finding`, `what_helps`: good practice a review saw, what it found.

The only words not taken from the documents are these frames.
"""

from __future__ import annotations

import re

from app.core.records import Item
from app.core.text import substantive, without_own_label

LONGEST_QUOTE = 320  # characters: a longer sentence is not quoted in a question
STATEMENT_WORDS = (8, 45)  # a learning point short enough to read aloud whole
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
    "scenario": "In {name}: “{quote}” What would you want to know next, and who would you ask?",
}
FORM_ORDER = ("own_question", "statement", "scenario", "good_practice", "assurance", "hand_off",
              "seen_working", "finding", "what_helps")  # fmt: skip


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
    text = without_own_label(item, item.sentences()[0].strip())
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
        return FRAMES["scenario"].format(name=_review_name(name), quote=quote)
    return FRAMES[form].format(quote=quote)


def _review_name(name: str) -> str:
    """'the Child AK review'; a title that says what it is already, in its own words: ‘Thematic
    review: children educated at home’."""
    if re.search(r"\b(review|briefing|report|summary|learning|inquiry)\b", name, re.I):
        return f"‘{name}’"
    return f"the {name} review"
