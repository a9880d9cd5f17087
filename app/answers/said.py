"""What a review's running text says there was, where it keeps no list of it: that something
was good practice ('Good practice by maternity services was to …'), or that something has
changed since ('The Partnership has adopted …'). Facts of English sentences, never a topic."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.core.kinds import PLURALS
from app.search.tagger import TAGGER

GOOD = "good_practice"
CHANGED = "action"  # the kind a review's own list of what has changed, or what to do now, is
# how running text says something was good practice
_GOOD_SAID = re.compile(
    r"\b(?:good|positive|supportive|effective) practice\b|\bworked well\b", re.I
)
# how it says an organisation has changed something since: a change made, in the present
# perfect or under way ('has introduced', 'There have been changes to current systems', 'is
# being rolled out'); not what happened to a family ('has been adopted' is a child's)
_CHANGED_SAID = re.compile(
    r"\b(?:has|have)\s+(?:now\s+|since\s+|also\s+|recently\s+|already\s+)?"
    r"(?:adopted|(?:been\s+)?(?:introduced|implemented|launched|relaunched|rolled out"
    r"|established|commissioned|embedded|updated|revised|strengthened|refreshed|put in place"
    r"|set up))\b"
    r"|\bthere (?:has|have) been (?:(?!no\b|few\b|little\b|not\b)\w+ ){0,2}"
    r"(?:changes?|improvements?|developments?)\b"
    r"|\b(?:is|are) (?:now )?being (?:rolled out|embedded|introduced|implemented|delivered)\b"
    # what is done now ('Current practice is now that …'), what has changed since
    r"|\bis now that\b|\b(?:has|have) (?:now|since) changed\b|\b(?:has|have) changed since\b",
    re.I,
)
# what is wished or asked for earlier in the clause: 'should assure itself that the strategy has
# been implemented', 'will ensure that learning is being embedded'
_WISHED = re.compile(
    r"\b(?:should|must|will|would|could|may|might|needs? to|ensure|assure)\b[^,;:]*$", re.I
)
# a subject, then 'to' and a verb, with no verb between: what a recommendation asks of someone
_ASKING = re.compile(r"\W*((?:[\w'’-]+\s+){1,4}?)to\s+([a-z]+)\b", re.I)
_FINITE = re.compile(r"\b(?:has|have|had|is|are|was|were|been|be|will|would)\b", re.I)
# … and how it says it was not, or only would have been ('It would have been good practice to …',
# 'There was no evidence of good practice', 'This was not good practice')
_NOT_SO = re.compile(
    r"\b(?:not|no|never|nor|without|lack(?:ing|ed)? (?:of|in)?|absence of|would|should|could"
    r"|might|must|need(?:s|ed)? to)\b(?:\W+\w+){0,4}\W*$",
    re.I,
)


def says_good_practice(sentence: str) -> bool:
    """The sentence says that something was good practice ('Good practice by maternity services
    was to …'), not that it was not, or would have been, nor names a guide to it."""
    return any(_names(m) for m in _GOOD_SAID.finditer(sentence))


def says_changed(sentence: str) -> bool:
    """The sentence says something has changed since, or is changing ('The Partnership has
    adopted Graded Care Profile 2'), not that it has not, or should ('The Partnership to
    evaluate how learning is being embedded' asks for a change)."""
    asking = _ASKING.match(sentence)
    if asking and not _FINITE.search(asking.group(1)) and _a_verb(sentence, asking.group(2)):
        return False  # 'The Partnership to evaluate …': a recommendation, however filed
    return any(
        not _NOT_SO.search(before := m.string[: m.start()]) and not _WISHED.search(before)
        for m in _CHANGED_SAID.finditer(sentence)
    )


def _a_verb(sentence: str, word: str) -> bool:
    """The word is a verb where the sentence has it ('evaluate', not 'current' of 'Changes to
    current systems')."""
    return any(w == word and pos == "VERB" for w, pos in TAGGER(sentence))


def _names(found: re.Match[str]) -> bool:
    """The words say that something was good practice: not in a title ('Good Practice Guide'),
    nor denied or wished for before them in their sentence."""
    before, after = found.string[: found.start()], found.string[found.end() :]
    titled = any(w[:1].isupper() for w in found.group(0).split()[1:])
    titled |= re.match(r"\s+[A-Z]", after) is not None
    return not titled and not after.startswith("-") and not _NOT_SO.search(before)


# a kind of item asked for -> how a sentence says there was one, and what a list of it is called
IN_TEXT: dict[str, tuple[Callable[[str], bool], str]] = {
    GOOD: (says_good_practice, PLURALS[GOOD]),
    CHANGED: (says_changed, "what has changed"),
}
