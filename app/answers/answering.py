"""Question -> cited answer: retrieve, decide whether the library covers it, compose."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from app.answers.compose import Answer, compose
from app.answers.llm import Event, LlmComposer
from app.core.records import Item
from app.core.text import tokens
from app.core.themes import Theme
from app.search.coverage import Calibration, is_grounded
from app.search.retrieval import Hit, Retriever

ANSWER_ITEMS = 6
MIN_ITEMS = 3
RELATIVE_FLOOR = 0.8  # leave out passages much less similar to the question than the best one
FOLLOW_UP_WORDS = 4  # a question with fewer content words leans on the one before it


def retrieval_text(question: str, history: Sequence[str]) -> str:
    """'What about leaders?' means little alone: retrieve with the previous question too."""
    if history and len(tokens(question)) < FOLLOW_UP_WORDS:
        return f"{history[-1]} {question}"
    return question


def focus(hits: list[Hit]) -> list[Hit]:
    """Keep the passages that bear on the question: an answer padded with weak matches reads
    as if the reviews said more about it than they do."""
    if not hits:
        return hits
    best = max(h.dense for h in hits)
    return [h for k, h in enumerate(hits) if k < MIN_ITEMS or h.dense >= RELATIVE_FLOOR * best]


def final(events: Iterator[Event]) -> Event:
    return [e for e in events if e.kind == "done"][-1]


class Answerer:
    """Answers from the library, and only from it."""

    def __init__(
        self,
        retriever: Retriever,
        calibration: Calibration,
        themes: tuple[Theme, ...],
        llm: LlmComposer | None = None,
    ) -> None:
        self.retriever = retriever
        self.calibration = calibration
        self.themes = themes
        self.llm = llm

    def covered_summary(self) -> str:
        docs = sorted(d.title for d in self.retriever.library.documents())
        themes = ", ".join(t.title.lower() for t in self.themes[:8])
        listed = "; ".join(docs[:12]) + (f"; and {len(docs) - 12} more" if len(docs) > 12 else "")
        return (
            f"The library holds {len(docs)} documents ({listed}). They cover themes such as "
            f"{themes}."
        )

    def events(
        self, question: str, history: Sequence[str] = ()
    ) -> tuple[tuple[Item, ...], Iterator[Event]]:
        """(the sources the answer may cite, the answer's events: deltas, maybe a reset, done).

        Extractive unless a model is configured and the library covers the question; a model's
        sentences arrive only once verified, and any failure falls back to the extractive
        answer."""
        q = self.retriever.query(retrieval_text(question, history))
        hits = focus(self.retriever.rank(q, ANSWER_ITEMS))
        known = self.retriever.library.lexicon().child_names
        grounded = bool(hits) and is_grounded(q, self.calibration, known)
        extractive = compose(question, hits, grounded, self.covered_summary())
        if self.llm is None or not extractive.grounded:
            return extractive.citations, _lines(extractive)
        vectors = np.vstack([h.vector for h in hits if h.vector is not None])
        return tuple(h.item for h in hits), self.llm.stream(question, hits, vectors, extractive)

    def answer(self, question: str, history: Sequence[str] = ()) -> Answer:
        answer = final(self.events(question, history)[1]).answer
        assert answer is not None
        return answer


def _lines(answer: Answer) -> Iterator[Event]:
    last = len(answer.lines) - 1
    for k, line in enumerate(answer.lines):
        yield Event("delta", text=line + ("\n" if k < last else ""))
    yield Event("done", answer=answer, composer="extractive")
