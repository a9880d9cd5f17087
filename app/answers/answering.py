"""Question -> cited answer: read what is asked, retrieve, decide what the library covers, keep
the passages that earn a place, compose."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np

from app.answers.compose import Answer, compose
from app.answers.documents import QUESTION_KIND, DocumentAnswers, both_notes, which_documents
from app.answers.earning import earning
from app.answers.intent import leans_on_previous, read
from app.answers.lead import Passage
from app.answers.listings import Listings
from app.answers.llm import Event, LlmComposer
from app.answers.overviews import compose_overview
from app.core.kinds import without_aims
from app.core.themes import Theme
from app.search.coverage import CoverageJudge
from app.search.naming import naming_stems
from app.search.retrieval import Hit, Query, Retriever

CANDIDATES = 8  # passages looked at for an answer


def final(events: Iterator[Event]) -> Event:
    return [e for e in events if e.kind == "done"][-1]


class Answerer:
    """Answers from the library, and only from it."""

    def __init__(
        self,
        retriever: Retriever,
        judge: CoverageJudge,
        themes: tuple[Theme, ...],
        llm: LlmComposer | None = None,
        llm_mode: str = "answer",  # answer: the model writes it all; lead: its first sentence
    ) -> None:
        self.llm_mode = llm_mode
        self.retriever = retriever
        self.library = retriever.library
        self.documents = DocumentAnswers(self.library)
        self.listings = Listings(self.library)
        self.judge = judge
        self.themes = themes
        self.llm = llm

    @property
    def calibration(self):  # type: ignore[no-untyped-def]
        return self.judge.calibration

    def covered_summary(self) -> str:
        docs = sorted(d.title for d in self.library.documents())
        themes = ", ".join(t.title.lower() for t in self.themes[:8])
        listed = "; ".join(docs[:12]) + (f"; and {len(docs) - 12} more" if len(docs) > 12 else "")
        return f"It holds {len(docs)} documents ({listed}), on themes such as {themes}."

    def prepare(
        self, question: str, history: Sequence[str] = ()
    ) -> tuple[Answer, list[Passage], Query]:
        """The extractive answer, the passages it may cite and the query they were found by."""
        asked = read(question)
        follow_up = bool(history) and leans_on_previous(question)
        searched = f"{history[-1]} {question}" if follow_up else question
        q = self.retriever.query(without_aims(searched))
        hits = self.retriever.rank(q, CANDIDATES)
        naming = self._naming(q.mentioned)
        coverage = self.judge.judge(
            searched, [h.item for h in hits], q.top_cosine, read=not q.asks_of_documents,
            naming=naming,
        )  # fmt: skip
        if QUESTION_KIND in q.kinds and not coverage.grounded:
            # questions asked for on a topic none of the library's questions is on ('questions
            # for managers on escalation'): judged on what the library says of the topic
            plain = self.retriever.rank(replace(q, kinds=()), CANDIDATES)
            on_topic = self.judge.judge(
                searched, [h.item for h in plain], q.top_cosine, False, naming
            )
            hits, coverage = (plain, on_topic) if on_topic.grounded else (hits, coverage)
        passages = earning(hits, coverage, self.calibration, q.sections, asked.story)
        mentioned = list(q.mentioned)
        profile = (
            self.documents.profile_lead(asked, mentioned, hits, coverage, searched)
            if coverage.grounded
            else None
        )
        overview = None if profile else self.listings.listing(asked, q, coverage)
        none_own = None if profile or overview else self.documents.questions_elsewhere(q, coverage)
        silent, own = "", []
        if none_own:  # the review named has none: the questions come from other documents
            own = [p for p in passages if p.item.doc_id in q.mentioned]
            passages = [p for p in passages if p.item.kind == QUESTION_KIND]
            mentioned = []
        elif not (profile or overview):  # the review named never speaks of what is asked
            silent, elsewhere = self.documents.silent_on(searched, q, coverage, self.judge)
            # … or keeps no list of the kind asked ('what went well in the Devon review?')
            silent = both_notes(self.documents.kind_not_kept(q, coverage), silent)
            if elsewhere:  # so the other documents are searched as if it were not named
                others = replace(q, mentioned=(), sections=frozenset())
                hits = [h for h in self.retriever.rank(others, CANDIDATES + 1)
                        if h.item.doc_id not in q.mentioned][:CANDIDATES]  # fmt: skip
                coverage = self.judge.judge(
                    searched, [h.item for h in hits], q.top_cosine, not others.asks_of_documents,
                    naming=naming,
                )  # fmt: skip
                passages = earning(hits, coverage, self.calibration, story=asked.story)
                mentioned = []
        answer = compose_overview(question, overview) if overview else compose(
            question, asked, passages, coverage, self.covered_summary(), mentioned, profile
        ) if passages else compose(question, asked, passages, replace(coverage, status="none"),
                                   self.covered_summary())  # fmt: skip
        if none_own and not answer.grounded and own:
            # no other document's question is on it either: what the review itself says of it
            passages, mentioned = own, list(q.mentioned)
            answer = compose(question, asked, passages, coverage, self.covered_summary(), mentioned)
        if none_own and answer.grounded:
            borrowed = any(c.doc_id not in q.mentioned for c in answer.citations)
            silent = f"{none_own}; these are from other documents." if borrowed else f"{none_own}."
        if silent and answer.grounded:
            answer = _opened(answer, silent)
        if asked.which and answer.grounded and not (q.mentioned or profile or overview):
            answer = _opened(answer, which_documents(asked.which, answer.citations))
        if follow_up:
            note = f"_Read with your earlier question: “{history[-1]}”_"
            answer = replace(_opened(answer, note), searched=searched)
        return answer, passages, q

    def _naming(self, mentioned: Sequence[str]) -> frozenset[str]:
        """The stems of the titles, subjects and publishers of the documents a question names."""
        if not mentioned:
            return frozenset()
        # the retriever's list of documents, kept until the library changes: no query a question
        metas = [m for m in self.retriever.names().documents if m.id in mentioned]
        return naming_stems(metas)

    def covers(self, topic: str) -> bool:
        """The library covers a topic (a theme typed for a discussion set or a session), as it
        would a question on it."""
        q = self.retriever.query(topic)
        hits = self.retriever.rank(q, CANDIDATES)
        read = not q.asks_of_documents
        return self.judge.judge(topic, [h.item for h in hits], q.top_cosine, read).grounded

    def search(self, text: str, k: int = 5) -> list[Hit]:
        """The passages for a search, led by the passage the answer to it would lead with (a
        recommendation for 'what should I do', a definition for 'what is'), so the search and
        the chat agree on what answers a question first."""
        answer, _, q = self.prepare(text)
        hits = self._found(text, q, k)  # the query the answer was found by, not a second one
        lead = answer.lead or (answer.citations[0] if answer.citations else None)
        if not answer.grounded or lead is None or (hits and hits[0].item.id == lead.id):
            return hits
        vector = self.library.vectors([lead.id])[0]
        top = max((h.score for h in hits), default=1.0)
        first = Hit(lead, top, float(vector @ q.vector), vector)
        return [first, *(h for h in hits if h.item.id != lead.id)][:k]

    def _found(self, text: str, q: Query, k: int) -> list[Hit]:
        """The passages that match a search; when it asks a fact about a review itself ('who
        wrote the Devon review?'), the item of the review that states it comes first, and when it
        asks about one review as a whole ('what went wrong for Child B?'), the review's own list."""
        hits = self.retriever.rank(q, k)
        asked, mentioned = read(text), list(q.mentioned)
        profile = self.documents.profile_lead(asked, mentioned, hits)
        facts = list(profile.sources) if profile else []
        if not facts and mentioned:
            coverage = self.judge.judge(
                text, [h.item for h in hits], q.top_cosine, read=not q.asks_of_documents,
                naming=self._naming(q.mentioned),
            )  # fmt: skip
            overview = self.listings.listing(asked, q, coverage)
            facts = [*overview.every_listed] if overview else []
        if not facts:
            return hits
        vectors = self.library.vectors([i.id for i in facts])
        top = max((h.score for h in hits), default=1.0)
        first = [Hit(i, top, float(v @ q.vector), v) for i, v in zip(facts, vectors, strict=True)]
        rest = [h for h in hits if h.item.id not in {i.id for i in facts}]
        return [*first, *rest][:k]

    def events(self, question: str, history: Sequence[str] = ()) -> tuple[Answer, Iterator[Event]]:
        """(the extractive answer, whose citations are the sources any answer may cite; the
        answer's events: deltas, maybe a reset, done).

        Extractive unless a model is configured and the library covers the question; a model's
        sentences arrive only once verified, and any failure falls back to the extractive
        answer."""
        extractive, passages, q = self.prepare(question, history)
        if self.llm is None or not extractive.grounded or not extractive.citations:
            return extractive, _lines(extractive)
        if self.llm_mode == "lead":
            return extractive, self._with_lead(question, extractive)
        items = list(extractive.citations)
        vectors = self.library.vectors([i.id for i in items])
        hits = [Hit(i, 0.0, float(v @ q.vector), v) for i, v in zip(items, vectors, strict=True)]
        return extractive, self.llm.stream(question, hits, np.asarray(vectors), extractive)

    def _with_lead(self, question: str, extractive: Answer) -> Iterator[Event]:
        """The extractive answer with its first line in the model's words, when they pass the
        checks against the leading passage [1]; else the extractive answer as it is."""
        assert self.llm is not None
        lead = extractive.citations[0] if extractive.citations else None
        # the line that cites the lead, after any note that opens the answer ('That is *…*.')
        first = next((line for line in extractive.lines if line.endswith("[1]")), "")
        if lead is None or not first:
            yield from _lines(extractive)
            return
        vector = self.library.vectors([lead.id])[0]
        written = self.llm.lead(question, lead, vector)
        if written is None:
            yield from _lines(extractive, fallback="lead_not_verified")
            return
        line = f"{written} [1]"
        at = extractive.lines.index(first)
        answer = replace(
            extractive,
            text=extractive.text.replace(first, line, 1),
            lines=(*extractive.lines[:at], line, *extractive.lines[at + 1 :]),
        )
        yield from _lines(answer, composer="llm_lead")

    def answer(self, question: str, history: Sequence[str] = ()) -> Answer:
        answer = final(self.events(question, history)[1]).answer
        assert answer is not None
        return answer


def _opened(answer: Answer, note: str) -> Answer:
    """The answer with a note before it ('… has no list of examples of good practice.')."""
    lines = (note, "", *answer.lines)
    return replace(answer, text="\n".join(lines), lines=lines)


def _lines(
    answer: Answer, composer: str = "extractive", fallback: str | None = None
) -> Iterator[Event]:
    last = len(answer.lines) - 1
    for k, line in enumerate(answer.lines):
        yield Event("delta", text=line + ("\n" if k < last else ""))
    yield Event("done", answer=answer, composer=composer, fallback_reason=fallback)
