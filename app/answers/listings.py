"""A document's own lists, in its own order: the section a question names by its heading, the
review as a whole (its summary and key points), the items of a kind asked of one review."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from app.answers.intent import Asked
from app.answers.overviews import MAX_LISTED, Overview
from app.answers.said import IN_TEXT
from app.core.kinds import (
    BY_SLUG,
    CONTEXT,
    FINDING,
    LEADERS,
    PLURALS,
    PRACTITIONERS,
    kinds_asked_for,
    names_a_kind,
    plurals_of,
    purpose,
    standing_in_for,
    words_asking_for_kinds,
)
from app.core.records import Item
from app.core.text import heading_words, links_elsewhere, points_elsewhere, tokens
from app.search.concepts import general_words
from app.search.decision import Coverage
from app.search.naming import naming_stems
from app.search.retrieval import Query
from app.search.tagger import TAGGER
from app.search.vocabulary import GENERIC_DOC_WORDS
from app.storage.library import Library, StoredDocument

FINDINGS = "practice_issue"  # the kind of item a review's own list of findings is
MOST_NAMED = 3  # a question naming more documents than this asks of them all, not of each one


class Listings:
    """A document's own list that answers a question whole, read from the library."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def listing(self, asked: Asked, q: Query, coverage: Coverage) -> Overview | None:
        """A document's own list that answers the question whole: the section it names, the
        review as a whole, or the kind of item it asks of one review."""
        if not coverage.grounded:
            return None
        whole = not q.sections  # a question naming a long section is about that part
        return (
            self._section(q, coverage)
            or (self._overview(asked, list(q.mentioned), coverage, q.text) if whole else None)
            or self._of_kind(q, coverage)
        )

    def _within(
        self, doc: StoredDocument, question: str, others: frozenset[str] = frozenset()
    ) -> list[str]:
        """What the question asks of the review that is too common in the library to count for
        coverage ('early help'), beyond the review's own name and the kind of document or item.
        (Not used for a kind of item asked of a review: its items that print those words were
        fewer than those that answer, on the held-out questions.)"""
        naming = naming_stems([doc.meta]) | others  # and of the other reviews it names
        return [
            w
            for w in general_words(question, self.library)
            if not set(tokens(w)) <= naming
            and w not in GENERIC_DOC_WORDS
            and not names_a_kind(w)
            and not _its_case(w, naming, question)
        ]

    def _overview(
        self, asked: Asked, mentioned: list[str], coverage: Coverage, question: str
    ) -> Overview | None:
        """'What went wrong for Child B?', 'Tell me about the Devon review': a question about one
        review as a whole (it names the review and nothing else the library holds) gets the
        review's own summary and its own list of findings, when its profile has them."""
        if asked.intent not in ("what_happened", "general") or len(mentioned) != 1:
            return None
        doc = self.library.document(mentioned[0])
        if doc is None or coverage.missing:
            return None
        # 'the findings of the Stoke review' asks for what its own list of findings gives
        findings = kinds_asked_for(question) == {FINDINGS}
        aim = kind_words(question) if findings else set()  # 'key' of 'the key findings'
        if not names_only(doc, coverage, kinds=findings, aim=aim) or self._within(doc, question):
            return None  # a topic within the review ('information sharing for Child B')
        profile = doc.profile or {}
        summary, points = profile.get("summary"), profile.get("key_points")
        if not summary or not points:
            return None
        ids = [*summary["items"], *points["items"]]
        found = {i.id: i for i in self.library.items(ids)}
        if len(found) != len(set(ids)):
            return None
        return Overview(
            summary["text"],
            tuple(found[i] for i in summary["items"]),
            points["heading"],
            tuple(found[i] for i in points["items"] if i not in summary["items"]),
        )

    def _section(self, q: Query, coverage: Coverage) -> Overview | None:
        """'What does "What to do now" say in the Child AK briefing?': a question that names one
        short section of a document it names, and no topic beyond it, gets that section's items
        in the document's order."""
        if len(q.sections) != 1 or coverage.missing:
            return None
        ((doc_id, heading),) = q.sections
        doc = self.library.document(doc_id)
        if doc is None:
            return None
        if not names_only(doc, coverage, heading):
            return None  # a topic within the section
        listed = [
            i
            for i in self.library.items_of(doc_id)
            if i.section == heading and not links_elsewhere(i)
        ]
        asked = [i for i in listed if i.kind in q.kinds]
        listed = asked or listed  # 'the questions for managers': not the table after them
        if not listed or len(listed) > MAX_LISTED:  # a longer section is only searched first
            return None
        return Overview("", (), heading_words(heading), tuple(listed), doc.meta.title)

    def _of_kind(self, q: Query, coverage: Coverage) -> Overview | None:
        """'What did the Child R review recommend?': a question that asks for a kind of item
        from the documents it names (one, or a few), and no topic beyond, gets each document's
        items of that kind in the document's order."""
        # 'for a team meeting': whom or what they are for, not a topic; nor 'main' of 'the main
        # recommendations'
        aim = purpose(q.text) | kind_words(q.text) | _asking_stems(q.text)
        lacking = [m for m in coverage.missing if not (set(tokens(m)) <= aim or _a_kind(m))]
        if not q.kinds or lacking or not 0 < len(q.mentioned) <= MOST_NAMED:
            return None
        docs = [self.library.document(d) for d in q.mentioned]
        if any(doc is None for doc in docs):
            return None
        # each document's list answers, when all the question holds names one of them
        naming = naming_stems(doc.meta for doc in docs if doc)
        if not all(doc and names_only(doc, coverage, kinds=True, aim=aim | naming) for doc in docs):
            return None  # a topic among them ('recommendations about professional curiosity')
        named = frozenset(naming)
        if len(docs) > 1 and any(doc and self._within(doc, q.text, named) for doc in docs):
            return None  # several reviews on a topic ('early help'): what each says of it
        lists = [self._kind_list(doc, q) for doc in docs if doc]
        if not all(lists):
            return None
        first, *more = [o for o in lists if o]
        return replace(first, also=tuple(more))

    def _kind_list(self, doc: StoredDocument, q: Query) -> Overview | None:
        """The document's own items of the kind asked; of a review that keeps none, its items
        of a kind that stands in for it (its learning points, asked for its recommendations),
        said to be so."""
        of_kind = self._own(doc, q.kinds)
        instead_of = ""
        if not of_kind and (standing := standing_in_for(frozenset(q.kinds))):
            of_kind = self._own(doc, standing)
            instead_of = plurals_of(frozenset(q.kinds))
        if not of_kind and (in_text := self._said_in_text(doc, q.kinds)):
            # no list of them, but its text says where one was ('Good practice was that early
            # indicators were identified …', 'The Partnership has adopted …'): those, in order
            words = frozenset(s for w in q.kinds for s in tokens(PLURALS[w]))
            says, instead_of = next(IN_TEXT[k] for k in q.kinds if k in IN_TEXT)
            return Overview("", (), "", tuple(in_text), doc.meta.title, instead_of=instead_of,
                            naming=words, saying=says)  # fmt: skip
        if not of_kind:
            return None
        # the document's own list of them (for whom the question asks, when the document keeps
        # one for leaders and one for practitioners); others are named after
        first = next((i.section for i in of_kind if _for_whom(i.section, q.text)), None)
        # of its lists, the first that is a list (a stray one under a timeline's date is not)
        sizes = Counter(i.section for i in of_kind)
        first = first or next(s for s in sizes if sizes[s] * 2 >= max(sizes.values()))
        listed = tuple(i for i in of_kind if i.section == first)
        elsewhere = tuple(dict.fromkeys(_heading_of(i) for i in of_kind if i.section != first))
        others = sum(i.section != first for i in of_kind)
        heading = _heading_of(listed[0])
        return Overview("", (), heading, listed, doc.meta.title, elsewhere, others, (), instead_of)

    def _said_in_text(self, doc: StoredDocument, kinds: Sequence[str]) -> list[Item]:
        """Asked for a kind of item the document keeps no list of (its good practice, what has
        changed since), the passages of its findings and context whose sentences say, in their
        own words, that there was one (app.answers.said)."""
        kind = next((k for k in kinds if k in IN_TEXT), None)
        if kind is None:
            return []
        says = IN_TEXT[kind][0]
        return [
            i
            for i in self.library.items_of(doc.meta.id)
            if BY_SLUG.get(i.kind, BY_SLUG[FINDINGS]).role in (FINDING, CONTEXT)
            and any(says(s) for s in i.sentences())
        ]

    def _own(self, doc: StoredDocument, kinds: Sequence[str]) -> list[Item]:
        return [i for i in self.library.items_of(doc.meta.id, kinds) if not points_elsewhere(i)]


def _asking_stems(question: str) -> set[str]:
    """The stems of the words that ask for a kind of item: 'good' of 'what good practice'."""
    return {s for w in words_asking_for_kinds(question) for s in tokens(w)}


def kind_words(question: str) -> set[str]:
    """The stems of the adjectives directly before a word that names a kind of item ('key' of
    'key findings', 'main' of 'the main recommendations'): they say which of them, not what
    about; a noun there is the topic ('health recommendations', 'school staff')."""
    tagged = [(w.lower(), pos) for w, pos in TAGGER(question)]
    return {
        s
        for (w, pos), (after, _) in itertools.pairwise(tagged)
        if pos == "ADJ" and kinds_asked_for(after)
        for s in tokens(w)
    }


def _its_case(word: str, naming: frozenset[str], question: str) -> bool:
    """'case' after the review's name calls the review by its case ('the Stoke case', 'Child
    AK's case'); elsewhere it is a topic ('why was the case closed')."""
    if word != "case":
        return False
    before = re.findall(r"\b([\w-]+?)(?:['’]s)?\s+case\b", question, re.I)
    return any(set(tokens(b)) and set(tokens(b)) <= naming for b in before)


def _a_kind(words: str) -> bool:
    """Words that name a kind of item by their last word: 'discussion questions', 'key
    recommendations'; not an audience alone ('practitioners')."""
    return len(words.split()) > 1 and bool(kinds_asked_for(words.split()[-1]))


def _for_whom(heading: str, question: str) -> bool:
    """The heading says its items are for the audience the question names, and only that one."""
    asks = [bool(a.search(question)) for a in (LEADERS, PRACTITIONERS)]
    says = [bool(a.search(heading)) for a in (LEADERS, PRACTITIONERS)]
    return sum(asks) == 1 and asks == says


def _heading_of(item: Item) -> str:
    """The heading an item is under, as a reader finds it: a one-word heading ('Practice') with
    the heading above it ('Summary and Recommendations › Practice'), never the title."""
    path = [heading_words(h) for h in item.section_path if h != item.doc_title]
    path = path or [heading_words(item.section)]
    return " › ".join(path[-2:]) if len(path) > 1 and len(path[-1].split()) == 1 else path[-1]


def names_only(
    doc: StoredDocument,
    coverage: Coverage,
    heading: str = "",
    kinds: bool = False,
    aim: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """Every concept the library holds of the question is a word of the document's own name
    (its title, subject or publisher; or of the heading it names, or of what the items are asked
    for, or, with `kinds`, a word that asks for a kind of item): the question is about the
    document, or that part of it, as a whole."""
    naming = set(tokens(f"{doc.meta.names} {heading}")) | aim
    held = (*coverage.found, *coverage.unsaid)  # 'ICB' is a topic within the Stoke review
    return all(set(tokens(w)) <= naming or (kinds and names_a_kind(w)) for w in held)
