"""Kinds of learning item: one row each. A row says how a section heading names the kind (ingest),
how a question asks for it (retrieval), what people call it (pages, exports) and what role it
plays (the features choose items by role, so a new kind is one new row)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.text import tokens

# Roles the features choose by:
LEARNING = "learning"  # what the review asks of practice: learning points, recommendations
FINDING = "finding"  # what the review found, good or not
CHANGE = "change"  # what has changed since, and what to do now
QUESTION = "question"  # questions for reflection
CONTEXT = "context"  # the case, background, definitions
REFERENCE = "reference"  # resources and sources


@dataclass(frozen=True)
class Kind:
    slug: str
    name: str  # "Learning point"
    plural: str  # "learning points"
    role: str
    heading: str  # a section heading that names this kind (regex, case-insensitive)
    asked: str = ""  # how a question asks for it (regex, case-insensitive), if it can


# What a review found, asked with the verb: the findings, unless what it found is named as
# another kind ('What good practice did the review find?')
_FINDS = r"\bfound\b|\bdid\b[^?.]{0,80}\bfind\b"
_FINDINGS_NAMED = r"\bfindings?\b|\bgaps?\b|went wrong|areas for development|practice issues"
# … and what went wrong named beside good practice ('strengths and weaknesses', 'positives and
# concerns'): the findings are asked for too
_WENT_WRONG = (
    rf"{_FINDINGS_NAMED}|weakness|\bconcerns?\b|poor practice|missed opportunit"
    r"|(?:did not|didn't) (?:go|work) well|differently"
)

# What has been done since a review, asked ('since the Child B review', 'done differently since');
# not since a meeting or a date ('since the last review meeting')
SINCE_THE_REVIEW = (
    r"\bsince the (?:[\w'’-]+ ){0,3}?(?:review|report|briefing)\b(?!\s+(?:conference|meeting|date))"
    r"|\b(?:done|doing) (?:\w+ )?differently since\b"
)

# First match wins for headings, so more specific phrases come first ("practice issues"
# before "practice points").
KINDS: tuple[Kind, ...] = (
    Kind(
        "reflective_question",
        "Question for reflection",
        "questions for reflection",
        QUESTION,
        r"questions? for reflection|reflective questions?|questions? to consider"
        r"|reflection questions?|^\W*(?:\d+\W*)?questions?\b|\bquestions\W*$"
        r"|points for reflection|things to consider|to reflect on",
        r"\bquestions?\b|\breflect",
    ),
    Kind(
        "recommendation",
        "Recommendation",
        "recommendations",
        LEARNING,
        r"recommendation|considerations|actions? (required|for)|what (?:needs|has) to change"
        r"|what must change"
        r"|^\W*(?:\w+[\s-]+){0,2}actions?\W*$",  # 'Agency actions', 'Key actions', 'Actions'
        r"\brecommend",
    ),
    Kind(
        "good_practice",
        "Good practice",
        "examples of good practice",
        FINDING,
        r"good practice|acknowledging good|strengths|what went well|positive practice|what worked",
        r"went well|strengths?|positives?|done well|good practice",
    ),
    Kind(
        "practice_issue",
        "Finding",
        "findings",
        FINDING,
        r"areas? for (development|improvement)|practice issues|gaps|findings|reflective points"
        r"|what got in the way|missed opportunit|what (?:we|the reviews?|reviewers|it) found"
        r"|could have been done differently|what (?:did not|didn't) (?:go well|work)",
        rf"{_FINDINGS_NAMED}|{_FINDS}",
    ),
    Kind(
        "learning_point",
        "Learning point",
        "learning points",
        LEARNING,
        r"learning points?|key learning|summary learning|practice points|thematic learning"
        r"|key messages|messages for practice|practice messages|learning|\blearn(?:ed|t)\b"
        r"|\blessons?\b",
        r"learning points?|lessons?|key learning|practice points",
    ),
    Kind(
        "reference",
        "Reference",
        "references",
        REFERENCE,
        r"resources|further information|useful links|further reading|references",
    ),
    Kind(
        "action",
        "Action",
        "actions",
        CHANGE,
        r"what to do now|what has changed|what.s next|next steps|closing the learning loop"
        r"|what you can do|actions? taken"
        r"|what (?:we )?(?:want|ask|need)s? (?:you|practitioners|professionals|staff) to do"
        r"|what (?:you|practitioners|professionals|staff) (?:should|need to|must) do",
        r"what.s changed|what has changed|changes (made|since)|what to do now"
        rf"|{SINCE_THE_REVIEW}"
        r"|next steps|\bchanged since\b"
        r"|\bchanges (?:has|have) [\w\s-]{1,40}? (?:made|introduced) since\b",
    ),
    Kind(
        "context",
        "Context",
        "passages of context",
        CONTEXT,
        r"introduction|background|context|about the (family|child)|overview|timeline|methodology"
        r"|purpose|scoping|period|services|briefing|case study",
    ),
    Kind(
        "definition",
        "Definition",
        "definitions",
        CONTEXT,
        r"glossary|definitions?|terminology|terms used|key terms|abbreviations|acronyms",
        r"what (does|is) .{1,40} (mean|stand for)|\bdefin|\bmeaning\b|what is an? ",
    ),
)
BY_SLUG = {k.slug: k for k in KINDS}
NAMES = {k.slug: k.name for k in KINDS}
PLURALS = {k.slug: k.plural for k in KINDS}


def with_role(*roles: str) -> tuple[str, ...]:
    """The kinds that play these roles, in table order."""
    return tuple(k.slug for k in KINDS if k.role in roles)


def standing_in_for(slugs: set[str] | frozenset[str]) -> tuple[str, ...]:
    """What a review asks of practice is its recommendations or its learning points, whichever
    it keeps: asked for one, a review that keeps only the other answers with those. Kinds of
    other roles do not stand in for each other (good practice is not a finding of what went
    wrong)."""
    if not slugs or any(BY_SLUG[s].role != LEARNING for s in slugs):
        return ()
    return tuple(s for s in with_role(LEARNING) if s not in slugs)


def plurals_of(slugs: set[str] | frozenset[str]) -> str:
    """What people call these kinds, joined: 'recommendations or learning points'."""
    names = [PLURALS[s] for s in sorted(slugs)]
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)


def kind_for_heading(heading: str) -> str | None:
    """The kind named earliest in the heading ('Introduction and summary of learning': context)."""
    found = [
        (m.start(), rank, kind.slug)
        for rank, kind in enumerate(KINDS)
        if (m := re.search(kind.heading, heading, re.I))
    ]
    return min(found)[2] if found else None


def kinds_asked_for(question: str) -> set[str]:
    """Every kind a question names, by section vocabulary or question phrasing."""
    kinds = {k.slug for k in KINDS if k.asked and re.search(k.asked, question, re.I)}
    # found with the verb, what was found is the good practice the question names
    both = {"good_practice", "practice_issue"} <= kinds
    if both and not re.search(_WENT_WRONG, question, re.I):
        kinds.discard("practice_issue")
    return kinds


# Who a question for reflection is for (a heading says: 'Reflective questions – leaders').
LEADERS = re.compile(r"\b(leaders?|managers?|senior|strategic|partnership leads?)\b", re.I)
PRACTITIONERS = re.compile(r"\b(practitioners?|frontline|front-line|staff)\b", re.I)


# 'for a team meeting on …': what the items are for, when the words after it say what they are
# on; 'for young carers' at the end is what they are on
_PURPOSE = re.compile(
    r"\bfor\s+((?:(?!(?:on|about|of|from|in|after|with|around|who|that|which|where|when)\b)"
    r"[\w'’-]+\s+){1,4}?)(?=(?:on|about|around|regarding|after)\b)",
    re.I,
)


# … or names the document they are from, then ends with what they are for: 'on the AK briefing
# for supervision' (not 'about support for parents', where 'for parents' is the topic's)
_DOCUMENT_WORD = r"(?:review|briefing|report|summary|study|l?cspr)"
_PURPOSE_LAST = re.compile(
    rf"\b{_DOCUMENT_WORD}\s+for\s+((?:[\w'’-]+\s*){{1,4}})[?.!]*\s*$",
    re.I,
)


def purpose(question: str) -> set[str]:
    """The stems of what questions are asked for, when the question also says what they are on
    or from: 'for a team meeting on the AK briefing' and 'on the AK briefing for a team meeting'
    -> team, meeting; 'for leaders about neglect' -> leaders; nothing of 'for young carers' or
    'for improving information sharing'."""
    found = [*_PURPOSE.finditer(question), *_PURPOSE_LAST.finditer(question)]
    return {s for m in found for s in tokens(m.group(1))}


# what questions for reflection are for, said after 'questions' and just before what they are
# on, in phrases led by 'to', 'in' or 'into' that hold no other preposition, the last of them a
# setting ('in supervision') or what people do in it ('to get people thinking'): 'to take to my
# team meeting to get people thinking about neglect', 'to use in supervision about fathers'; not
# 'to challenge professional optimism about …', 'to explore the impact of domestic abuse on
# children', 'for working with fathers about …', nor a document ('in the Child AK review on …')
_NOT_IN_AN_AIM = r"(?:of|with|for|at|on|about|around|regarding|concerning|from|by|in|to|into)\b"
_AIMS = re.compile(
    rf"((?:\b(?:to|in|into)\s+(?:(?!{_NOT_IN_AN_AIM})[\w'’-]+\s+)+)+)"
    r"(?=(?:on|about|around|regarding|concerning)\b)",
    re.I,
)
_LAST_PHRASE = re.compile(r"\b(?:to|in|into)\s+(?:(?!(?:to|in|into)\b)\S+\s*)+$", re.I)
_SETTING_OR_DOING = re.compile(r"(?:\b(?:in|into)\s+[^\s].*|ing)\s*$", re.I)
_QUESTIONS = re.compile(r"\bquestions?\b", re.I)
_DOCUMENT = re.compile(rf"\b{_DOCUMENT_WORD}s?\b", re.I)


def _aims(question: str) -> list[re.Match[str]]:
    return [
        m
        for m in _AIMS.finditer(question)
        if _QUESTIONS.search(question[: m.start()])
        # after its leading 'to' or 'in', a name or a number names a document
        and not re.search(r"[A-Z0-9]", m.group(1).split(maxsplit=1)[-1])
        and not _DOCUMENT.search(m.group(1))
        and (last := _LAST_PHRASE.search(m.group(1))) is not None
        and _SETTING_OR_DOING.search(last.group())
    ]


def purpose_of_questions(question: str) -> set[str]:
    """`purpose`, and for questions for reflection, what the phrases said just before what they
    are on say they are for: 'What questions could I take to my team meeting to get people
    thinking about neglect?' -> team, meeting, get, people, thinking."""
    return purpose(question) | {s for m in _aims(question) for s in tokens(m.group(1))}


def without_aims(question: str) -> str:
    """A question asking for questions for reflection without what it wants them for, to search
    by: 'Give me questions to use in supervision about teenagers' -> 'Give me questions about
    teenagers' ('supervision' finds passages on supervision)."""
    if "reflective_question" not in kinds_asked_for(question):
        return question
    for m in reversed(_aims(question)):
        question = question[: m.start()] + question[m.end() :]
    return question


def words_asking_for_kinds(question: str) -> set[str]:
    """The question's words that ask for a kind of item ('good' and 'practice' of 'what good
    practice did …', 'went' and 'well'): not what it is about."""
    spans = [m.group() for k in KINDS if k.asked for m in re.finditer(k.asked, question, re.I)]
    return {w.lower() for span in spans for w in re.findall(r"[\w'’-]+", span)}


def names_a_kind(word: str) -> bool:
    """'questions', 'recommendations', 'findings', 'for practitioners': a word that asks for a
    kind of item or who it is for, not a topic."""
    return bool(kinds_asked_for(word) or LEADERS.search(word) or PRACTITIONERS.search(word))
