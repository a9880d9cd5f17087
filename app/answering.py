"""Question -> cited answer: retrieve, decide whether the library covers it, compose."""

from __future__ import annotations

from collections.abc import Sequence

from app.compose import Answer, compose
from app.grounding import is_grounded
from app.keyword import tokens
from app.retrieval import Hit, rank
from app.services import Services

ANSWER_ITEMS = 6
MIN_ITEMS = 3
RELATIVE_FLOOR = 0.85  # leave out passages much less similar to the question than the best one


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


def answer_question(services: Services, question: str, history: Sequence[str] = ()) -> Answer:
    q, prepared = services.retriever.query(retrieval_text(question, history))
    hits = focus(rank(q, prepared, ANSWER_ITEMS))
    grounded = bool(hits) and is_grounded(q, services.calibration, prepared.child_names)
    return compose(question, hits, grounded, covered_summary(services))
