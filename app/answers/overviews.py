"""Answers that are a document's own list: a review's summary and what it found, a section a
question names, the items of a kind asked of one review or of several, each in its document's
order and under its own heading."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.answers.compose import MAX_CITED, Answer, cite
from app.answers.quoting import best_sentences
from app.core.records import Item
from app.core.text import tokens
from app.search.saying import join_words

FEWEST_EACH = 2  # of several documents' lists, each shows at least this many
# one document's own list asked for (its items of a kind, or a section the question names: 'What
# has changed since the Devon review?') is the answer whole, up to this many: all nine of its
# changes, not six and 'It lists 3 more'
MAX_LISTED = 12


@dataclass(frozen=True)
class Overview:
    """A review as a whole, in its own words: its summary, and its own list of what it found
    under its own heading."""

    summary: str
    sources: tuple[Item, ...]  # the items the summary is taken from
    heading: str  # 'Summary of reflective points'
    listed: tuple[Item, ...]
    title: str = ""  # the document's, when there is no summary to open with
    elsewhere: tuple[str, ...] = ()  # other headings with more of the same kind
    more_elsewhere: int = 0  # how many more
    also: tuple[Overview, ...] = ()  # the same asked of other documents the question names
    instead_of: str = ""  # the kind asked, when the document keeps none and these stand in
    # with no heading: the words its sentences name the kind asked by, in its running text
    naming: frozenset[str] = frozenset()
    # … and the test of the sentences that say it, quoted alone ('The Partnership has adopted …')
    saying: Callable[[str], bool] | None = None

    @property
    def every_listed(self) -> tuple[Item, ...]:
        """What it lists, of each document in turn."""
        return (*self.listed, *(i for o in self.also for i in o.every_listed))


def compose_overview(question: str, overview: Overview) -> Answer:
    """'What went wrong for Child B?': the review's own summary first, then the first of what
    it lists under its own heading, each cited, and how many more it lists. 'What did the Stoke
    and Devon reviews recommend?': each review's own list in turn, a share of the places each."""
    if overview.also:
        return _several(question, (overview, *overview.also))
    wanted = _wanted(question, overview)
    first = len(overview.sources)
    # a review as a whole is its summary and the first of what it found; a list asked for, whole
    # … and what a review's text says in passing, as many as an answer cites
    whole = not (overview.summary or overview.naming)
    cited = [*overview.sources, *overview.listed][: MAX_LISTED if whole else MAX_CITED]
    shown = cited[first:]
    if overview.summary:
        lines = [overview.summary + "".join(f" [{n}]" for n in range(1, first + 1))]
        lines += ["", f"**{overview.heading}**", ""] if shown else []
    else:
        lines = [_under(overview), ""]
    if shown:
        lines += [
            f"- {cite(_quoted(item, overview, wanted), n)}"
            for n, item in enumerate(shown, first + 1)
        ]
    if more := len(overview.listed) - len(shown):
        whose = "The review lists" if overview.summary else "It lists"
        under = f"under “{overview.heading}”" if overview.heading else "in its text"
        whose = whose if overview.heading else "It names"
        lines += ["", f"{whose} {more} more {under}."]
    lines += _elsewhere(overview)
    return Answer("\n".join(lines), True, tuple(cited), tuple(lines), lead=cited[0])


def _several(question: str, overviews: tuple[Overview, ...]) -> Answer:
    each = max(MAX_CITED // len(overviews), FEWEST_EACH)
    lines: list[str] = []
    cited: list[Item] = []
    for overview in overviews:
        shown = overview.listed[:each]
        lines += [*([""] if lines else []), _under(overview)]
        lines += [""] + [
            f"- {cite(best_sentences(item, _wanted(question, overview)), n)}"
            for n, item in enumerate(shown, len(cited) + 1)
        ]
        cited += shown
        if more := len(overview.listed) - len(shown):
            lines += ["", f"It lists {more} more under “{overview.heading}”."]
        lines += _elsewhere(overview)
    return Answer("\n".join(lines), True, tuple(cited), tuple(lines), lead=cited[0])


def _under(overview: Overview) -> str:
    """What opens a document's own list: where it is, and, when the document keeps none of what
    was asked, that it does not ('… has no list of recommendations. Under “Key
    learning”, it says:')."""
    if overview.instead_of and not overview.heading:
        lacks = f"*{overview.title}* has no list of {overview.instead_of}"
        return f"{lacks}, but points some out in its text:"
    if overview.instead_of:
        return (
            f"*{overview.title}* has no list of {overview.instead_of}. "
            f"Under “{overview.heading}”, it says:"
        )
    return f"Under “{overview.heading}”, *{overview.title}* says:"


def _wanted(question: str, overview: Overview) -> set[str]:
    """The question's words an item's sentences are chosen by, less those naming the document:
    'review' of 'What did the Stoke review recommend?' is not what a recommendation is about."""
    return (set(tokens(question)) - set(tokens(overview.title))) | overview.naming


def _elsewhere(overview: Overview) -> list[str]:
    if not overview.more_elsewhere:
        return []
    where = join_words([f"“{h}”" for h in overview.elsewhere], "and")
    return ["", f"It has {overview.more_elsewhere} more under {where}."]


def _quoted(item: Item, overview: Overview, wanted: set[str]) -> str:
    """What is quoted of a listed item: of one its running text points out, the sentences that
    say it; else those that hold most of what was asked."""
    said = [t for t in item.sentences() if overview.saying(t)] if overview.saying else []
    return " ".join(said) or best_sentences(item, wanted)
