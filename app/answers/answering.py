"""Question -> cited answer: retrieve, decide whether the library covers it, compose."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from app.answers.compose import Answer, compose
from app.answers.llm import Event
from app.core.records import Item
from app.core.text import tokens
from app.search.coverage import is_grounded
from app.search.retrieval import Hit, rank
from app.web.services import Services

ANSWER_ITEMS = 6
MIN_ITEMS = 3
RELATIVE_FLOOR = 0.8  # leave out passages much less similar to the question than the best one


def covered_summary(services: Services) -> str:
    docs = sorted(d.meta.title for d in services.index.snapshot.documents.values())
    themes = ", ".join(t.title.lower() for t in services.themes[:8])
    return (
        f"The library holds {len(docs)} documents ({'; '.join(docs)}). They cover themes such as "
        f"{themes}."
    )


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


def answer_events(
    services: Services, question: str, history: Sequence[str] = ()
) -> tuple[tuple[Item, ...], Iterator[Event]]:
    """(the sources the answer may cite, the answer's events: deltas, maybe a reset, done).

    Extractive unless a model is configured and the library covers the question; a model's
    sentences arrive only once verified, and any failure falls back to the extractive answer."""
    q, prepared = services.retriever.query(retrieval_text(question, history))
    hits = focus(rank(q, prepared, ANSWER_ITEMS))
    grounded = bool(hits) and is_grounded(q, services.calibration, prepared.child_names)
    extractive = compose(question, hits, grounded, covered_summary(services))
    if services.llm is None or not extractive.grounded:
        return extractive.citations, _lines(extractive)
    vectors = prepared.snapshot.vectors[[prepared.snapshot.rows[h.item.id] for h in hits]]
    return tuple(h.item for h in hits), services.llm.stream(question, hits, vectors, extractive)


def _lines(answer: Answer) -> Iterator[Event]:
    last = len(answer.lines) - 1
    for k, line in enumerate(answer.lines):
        yield Event("delta", text=line + ("\n" if k < last else ""))
    yield Event("done", answer=answer, composer="extractive")


def final(events: Iterator[Event]) -> Event:
    return [e for e in events if e.kind == "done"][-1]


def answer_question(services: Services, question: str, history: Sequence[str] = ()) -> Answer:
    answer = final(answer_events(services, question, history)[1]).answer
    assert answer is not None
    return answer
