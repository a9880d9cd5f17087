"""Reflect answering a team back: after a note, the learning that holds most of what was said
(the session's document first, then the library), offered as one follow-up when it holds
enough, cited in the document's own label, with a question that connects it to the note."""

from __future__ import annotations

import numpy as np

from app.core.records import Item
from app.core.text import substantive
from app.reflection.plan import BACKING_KINDS
from app.search.coverage import CoverageJudge
from app.search.retrieval import Hit, Retriever
from app.storage.library import Library
from app.storage.sessions import CitedItem, FollowUp, PromptRecord, SessionRecord

# A follow-up is offered only when the learning holds this share of what the note is about (its
# concepts, weighed as coverage weighs a question's) and is this close in meaning (both read on
# the tune half of tests/data/heldout/notes.jsonl with bench/follow_up_bench.py)
FOLLOW_UP_HELD = 0.25
FOLLOW_UP_FLOOR = 0.15
FOLLOW_UP_CANDIDATES = 8
SAME_DOCUMENT_LEAD = 0.05  # the session's own document is looked at first
_QUESTION = {
    "recommendation": "What would it take for us to do that here?",
    "good_practice": "What would it take for that to happen every time here?",
    "action": "Have we seen that change in our own work?",
}
_DEFAULT_QUESTION = "How does that compare with what you have just described?"
_VERB = {
    "recommendation": "recommends",
    "good_practice": "saw good practice",
    "action": "reports",
    "learning_point": "draws this learning",
}


class FollowUps:
    def __init__(self, library: Library, retriever: Retriever, judge: CoverageJudge) -> None:
        self.library = library
        self.retriever = retriever
        self.judge = judge

    def offer(self, record: SessionRecord, prompt: PromptRecord, text: str) -> FollowUp | None:
        """The learning that holds most of what the team said, if it holds enough and is not
        already in front of them (on the screen now, or offered before)."""
        shown = {c.id for c in prompt.citations}
        shown |= {c.id for n in record.notes if n.follow_up for c in n.follow_up.citations}
        scopes: list[list[str] | None] = [[record.document_id]] if record.document_id else []
        hits: dict[str, Hit] = {}
        vector = None
        for scope in [*scopes, None]:
            query = self.retriever.query(text, scope, BACKING_KINDS)
            vector = query.vector
            for hit in self.retriever.rank(query, FOLLOW_UP_CANDIDATES):
                if hit.item.id not in shown and substantive(hit.item):
                    hits.setdefault(hit.item.id, hit)
        if not hits or vector is None:
            return None
        items = [h.item for h in hits.values()]
        top = max(h.dense for h in hits.values())
        held = self.judge.measure(text, items, top, read=False).weights  # weights alone

        def strength(h: Hit) -> float:
            lead = SAME_DOCUMENT_LEAD if h.item.doc_id == record.document_id else 0.0
            return held.get(h.item.id, 0.0) + lead + h.dense / 10

        best = max(hits.values(), key=strength)
        if held.get(best.item.id, 0.0) < FOLLOW_UP_HELD or best.dense < FOLLOW_UP_FLOOR:
            return None
        return FollowUp(self._wording(best.item, vector), (CitedItem.of(best.item),))

    def _wording(self, item: Item, vector: np.ndarray) -> str:
        said = self._closest_sentences(item, vector)
        label = "" if said.startswith(item.label) else f" ({item.label})"
        verb = _VERB.get(item.kind, "found")
        question = _QUESTION.get(item.kind, _DEFAULT_QUESTION)
        return f"{self._source_name(item)} {verb}{label}: “{said}” [1] {question}"

    def _source_name(self, item: Item) -> str:
        """'The Child AK review'; a document about a subject rather than a case by its title."""
        doc = self.library.document(item.doc_id)
        subject = doc.meta.short_subject if doc else ""
        if len(subject.split()) >= 2:
            return f"The {subject} review" if "review" not in subject.lower() else f"The {subject}"
        return f"“{item.doc_title}”"

    def _closest_sentences(self, item: Item, vector: np.ndarray) -> str:
        """The whole item when it is short; else its two sentences closest to what was said,
        whole and in the item's order."""
        sentences = item.sentences()
        if len(item.text.split()) <= 60 or len(sentences) <= 2:
            return item.text.strip()
        scores = self.retriever.embedder.embed(sentences) @ vector
        keep = sorted(int(i) for i in np.argsort(-scores)[:2])
        return " ".join(sentences[i] for i in keep)
