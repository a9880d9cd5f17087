"""What a question asks for, read from its wording (facts of English questions, not topics):
what to do, what something is, what happened, a fact about a review itself, what went well,
what has changed, questions to reflect on; and whether it leans on the question before it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.core.kinds import SINCE_THE_REVIEW
from app.search.tagger import TAGGER

# A fact about a review itself, and how questions ask for it (checked in this order).
PROFILE_FIELDS: tuple[tuple[str, str], ...] = (
    ("publication", r"\b(not|n't|never) (been |yet )?(be )?published\b|\bwhy\b.*\bfull report\b"),
    (
        "author",
        r"\bwho (wrote|authored|led|undertook|carried out|conducted|did|completed|was the)\b"
        r"|\b(authors?|lead reviewers?)\b|\bwritten by\b|\bwho reviewed\b",
    ),
    (
        "children",
        r"\bhow many (children|families|siblings|kids|young people|babies)\b"
        r"|\bhow old (was|were|is|are)\b|\bwhat age\b|\bwhen was .{1,30} born\b",
    ),
    (
        "date",
        r"\bwhen (was|were|did) (the |this |that )?(review|report|briefing|summary|it)\b"
        # a review by its name ('when did the Stoke review …'), never 'the school report'
        r"|\bwhen (was|were|did) (the |this |that )?((?-i:[A-Z])[\w'’-]* ){1,3}"
        r"(review|report|briefing|summary)\b"
        r"|\bwhen (was|did) .{1,40} (published|completed|written|done|finished)\b"
        r"|\bwhen did (the |this |that )?([\w'’-]+ ){0,3}?(review|report|briefing|summary|it)"
        r" (come|came) out\b"
        r"|\bwhat (year|date)\b|\bhow (old|recent) is\b|\bdate of\b|\b(and|or) when\W*$",
    ),
    (
        "partnership",
        r"\bwhich (safeguarding )?(partnership|area|council|local authority|county)\b"
        r"|\bwho (published|commissioned)\b|\bwhere (was|is) (the |this )?(review|report)\b",
    ),
)
INTENTS: tuple[tuple[str, str], ...] = (
    (
        "change",
        r"\bwhat('s| has| have)? changed\b|\bwhat changes (has|have|did|were|are|will)\b"
        r"|\bwhat changes\b.{0,40}\b(made|introduced|put in place)\b"
        rf"|\bchanged since\b|{SINCE_THE_REVIEW}"
        r"|\bnext steps?\b|\bdo next\b|\bwhat to do now\b|\bwhat (happens|will happen) next\b"
        r"|\b(commit(s|ted)?|promis(e|es|ed)|pledg(e|es|ed)) to\b|\bgoing to do\b"
        r"|\bplan(s|ned)? to (do|change|improve)\b",
    ),
    (
        "reflect",
        r"\breflective questions?\b|\bquestions? (for|to) (reflect|discuss|ask|use)\b"
        r"|\bquestions?\b.{0,40}\b(reflect\w*|discuss\w*|team|supervision|leaders|managers"
        r"|practitioners|staff)\b"
        r"|\bask (themselves|ourselves|yourselves|yourself|myself|each other)\b"
        r"|\bquestions? (does|do|did)\b.{0,60}\b(ask|set|pose)\b"  # what the review asks
        # what someone should ask, ending the question: questions ('What should leaders ask?'),
        # not what they may ask about ('What can I ask about a child's injuries?')
        r"|\bwhat (should|could|might) [\w'’ -]{1,40}?\bask\s*\??\s*$",
    ),
    (
        "good",
        r"\b(went well|good practice|strengths?|positives?|done well|did well|do well"
        r"|worked well|what worked)\b",
    ),
    (
        "do",
        r"\b(should|must|ought to)\b|\bhow (can|could|do|might) (i|we|you|they)\b"
        r"|\bhow (can|could|might) (a|an|the|our|my|their|each)\b"
        r"|\bwhat (can|could|do|does|might) (?:[\w'’-]+\s+){1,4}do\b"
        r"|\bwhat to do\b|\brecommend|\badvice\b|\bsteps\b"
        r"|\bhow (to|best)\b|\bwhat helps\b|^\W*(can|may|could) (i|we)\b|\b(been|being) asked to\b",
    ),
    (
        "what_is",
        r"^\s*what(?:'s| is| are) (?:a |an |the )?[\w'’ -]{1,40}\??\s*$"
        r"|\bwhat does .{1,50} mean\b|\bmeaning of\b|\bdefin(e|ition)\b|\bwhat is meant by\b",
    ),
    (
        "what_happened",
        r"\bwhat (happened|went wrong|was going on)\b|\bwhy (was|were|wasn't|weren't|did|didn't)\b"
        r"|\bwhat (was|were) the (main |key )?(problems?|issues?|difficult(y|ies)|concerns?)\b"
        r"|\bgot in the way\b|\bwhat (stopped|prevented|hindered)\b"
        r"|\bfindings?\b|\bgaps?\b|\bmissed opportunit|\bwhat did .{1,60}\b(find|found|notice)\b",
    ),
)
# The term a 'what is' question asks about: 'What is a lateral check?' -> 'lateral check'.
_TERM = re.compile(
    r"^\s*what(?:'s| is| are) (?!meant by\b)(?:a |an |the )?(?P<a>[\w'’ -]{1,40}?)\s*\??\s*$"
    r"|\bwhat does (?:a |an |the )?(?P<b>.{1,50}?) mean\b"
    r"|\bmeaning of (?:a |an |the )?(?P<c>[\w'’ -]{1,40})"
    r"|\bwhat(?:'s| is| are) meant by (?:a |an |the )?(?P<d>[\w'’ -]{1,40})"
    r"|\bdefine (?:a |an |the )?(?P<e>[\w'’ -]{1,40})",
    re.I,
)
_LEANS = re.compile(
    r"^\s*(and|but|also|or|what about|how about|what if|same for|is that|does that)\b", re.I
)
_PRONOUN = {"it", "they", "them", "this", "that", "these", "those", "he", "she", "his", "her",
            "their", "its"}  # fmt: skip


@dataclass(frozen=True)
class Asked:
    intent: str  # do | what_is | what_happened | profile | good | change | reflect | general
    fields: tuple[str, ...] = ()  # for a profile question: every fact it asks for, first first
    term: str = ""  # for a 'what is' question: the term it asks about
    # which document it asks for ('Which review is about a baby who had a seizure?'): one or
    # several ('Which reviews mention obesity?'), whatever else it asks
    which: str = ""
    story: bool = False  # it asks for the case's story: what happened, its timeline, background

    @property
    def field(self) -> str | None:
        return self.fields[0] if self.fields else None


def read(question: str) -> Asked:
    story = _STORY.search(question) is not None
    return replace(_read(question), which=_which(question), story=story)


_STORY = re.compile(
    r"\b(?:timelines?|chronolog\w*|background|what happened|sequence of events"
    r"|events (?:leading|before|after)|case history|history of the (?:case|family))\b",
    re.I,
)


def _read(question: str) -> Asked:
    fields = tuple(name for name, pattern in PROFILE_FIELDS if re.search(pattern, question, re.I))
    if fields:
        return Asked("profile", fields)
    for name, pattern in INTENTS:
        # 'What is professional curiosity and why does it matter?' asks what it is, first
        asked = _AND_ASKS.sub("", question) if name == "what_is" else question
        if re.search(pattern, asked, re.I):
            if name == "what_is" and (m := _TERM.search(asked)):
                term = next(g for g in m.groups() if g)
                term = re.sub(r"^(?:meaning|definition) of (?:a |an |the )?", "", term, flags=re.I)
                return Asked(name, term=_the_term(term, question))
            return Asked(name)
    return Asked("general")


# a second question after the term: 'What is cumulative harm and why was it missed?'
_AND_ASKS = re.compile(
    r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:why|how|what|when|who|where|which|is|are"
    r"|does|do|did|can|could|should|would|will|has|have)\b.*$",
    re.I,
)
# what a question quotes: 'midwives keep mentioning 'lateral checks' - what does that mean'
_QUOTED = re.compile(r"(?:^|\s)['‘\"“]([\w][\w '’-]{1,40}?)['’\"”](?=[\s?.,;:!-]|$)")
# words that point to a term said before them: 'what does that mean', 'what is it'
_POINTING = {"that", "this", "it", "these", "those", "they"}


def _the_term(term: str, question: str) -> str:
    """The term itself: up to a second question after it, and, when the question points to it
    ('what does that actually mean'), the term it quotes; none when it quotes none."""
    term = _AND_ASKS.sub("", term).strip(" '‘’\"“”?")
    if not term or term.lower().split()[0] in _POINTING:
        quoted = _QUOTED.findall(question)  # the last it quotes, nearest what points to it
        return quoted[-1].strip() if quoted else ""
    return term


# 'Which review …', 'what briefing …', 'which of the documents …': a document is what is asked
_DOCUMENT_WORDS = (
    r"(?:case reviews?|case stud(?:y|ies)|reviews?|briefings?|reports?|documents?|stud(?:y|ies)"
    r"|summar(?:y|ies)|l?csprs?|scrs?)"
)
_WHICH = re.compile(
    # 'which (serious case) review', 'which of the documents'; not 'cases which the reviews …'
    rf"\bwhich\s+(?:(?:of the|one of the)\s+)?(?!the\b)(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<word>{_DOCUMENT_WORDS})\b"
    rf"(?!\s+(?:findings?|recommendations?|learning|questions?|points?)\b)"
    # 'what review …' asks which only with a verb after it ('What report should I make' does not)
    rf"|\bwhat\s+(?P<what>{_DOCUMENT_WORDS})\s+(?:is|are|was|were|talks?|covers?|mentions?"
    rf"|looks?|discuss(?:es)?|deals?|has|have)\b",
    re.I,
)


def _which(question: str) -> str:
    """'one' when the question asks which document something is in ('Which review is about a
    baby who had a seizure?'), 'several' when it asks for them all ('Which reviews mention
    obesity?'); '' when it asks for what a document holds ('Which review findings …') or is
    not asked of documents ('What report should I make?')."""
    found = _WHICH.search(question)
    word = (found.group("word") or found.group("what") or "").lower() if found else ""
    if not word:
        return ""
    return "several" if word.endswith("s") else "one"


def leans_on_previous(question: str) -> bool:
    """'What about babies?', 'and for schools?', 'why did that happen?': a question that means
    little without the one before it (it opens by pointing back, or uses a pronoun and names
    nothing of its own)."""
    if _LEANS.match(question) and len(question.split()) <= 8:
        return True
    tagged = TAGGER(question)
    words = {t.lower() for t, _ in tagged}
    names_something = any(
        pos in ("NOUN", "PROPN") for t, pos in tagged if t.lower() not in _PRONOUN
    )
    return bool(words & _PRONOUN) and not names_something
