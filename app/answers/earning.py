"""Which of the passages found earn a place in an answer: relevant on their own merits (what they
hold of the question, how they read as its answer, how close they are in meaning), never to fill
a count."""

from __future__ import annotations

from app.answers.lead import Passage
from app.core.text import links_elsewhere, points_elsewhere
from app.search.decision import READS_AS_ANSWER, Calibration, Coverage
from app.search.retrieval import Hit

HOLDING_SHARE = 0.5  # a cited passage holds at least this share of what the best one holds
CLOSE_FLOOR = 0.85  # … or is this close in meaning as the closest passage
MEANING_SHARE = 0.75  # … and, either way, is this close in meaning as the closest passage
# a passage of context: the case's background, a line of its timeline, the review's method
CONTEXT_KIND = "context"
MIN_WORDS = 5  # a passage shorter than this is a heading or a timeline entry ('Case closure.')


def earning(
    hits: list[Hit],
    coverage: Coverage,
    calibration: Calibration,
    sections: frozenset[tuple[str, str]] = frozenset(),
    story: bool = False,
) -> list[Passage]:
    """Passages relevant on their own merits, in ranked order: the one passage that holds the
    most of the question's own concepts; the one the cross-encoder reads best as its answer,
    in whatever words; those holding half as much that are not far from it in meaning, or
    that the cross-encoder reads as an answer too ('Recognising specific concerns such as
    severe obesity as a safeguarding concern', beside a case's obese child); those very close
    to it in meaning (relative to the closest passage); a passage of context only holding as
    much as the best, unless the case's `story` is what is asked. Never a heading or a
    timeline entry of a few words, nor a link ('can be accessed here'), nor an instruction
    about the document ('Share the key messages with colleagues') unless the question names
    the section it is under ('What to do now'). One passage is a fine answer."""
    if not hits:
        return []
    best = max(h.dense for h in hits)
    # a passage earns its place by what it holds of the question beyond the name of the
    # document asked of (every passage of the Stoke review holds 'Stoke'), when there is more
    weight = coverage.topic_weight_of
    if not any(weight(h.item) for h in hits):
        weight = coverage.weight_of
    most = max((weight(h.item) for h in hits), default=0.0)
    holding_most = [h.item.id for h in hits if weight(h.item) >= most]
    sole = holding_most[0] if len(holding_most) == 1 else None
    readings = coverage.readings
    best_read = max(readings, key=readings.__getitem__) if readings else None

    def earns(h: Hit) -> bool:
        held = weight(h.item)
        if h.item.id == best_read:
            return True  # the passage that reads best as an answer, in whatever words
        if most > 0 and h.item.id == sole:
            return True  # the one passage that holds the most of the question
        if h.item.kind == CONTEXT_KIND and held < most and not story:
            return False  # a line of the case's story is cited only holding all it can
        if most > 0 and held >= HOLDING_SHARE * most:
            if h.dense >= MEANING_SHARE * best:
                return True  # holds much of it, and is not far from it in meaning
            if readings.get(h.item.id, READS_AS_ANSWER - 1) >= READS_AS_ANSWER:
                return True  # holds much of it, and reads as an answer too, in other words
        close = h.dense >= max(CLOSE_FLOOR * best, calibration.min_top_cosine)
        return close and (held > 0 or most == 0)

    keep = [h for k, h in enumerate(hits) if k == 0 or earns(h)]
    says = [
        h
        for h in keep
        if len(h.item.text.split()) >= MIN_WORDS
        and not links_elsewhere(h.item)
        and ((h.item.doc_id, h.item.section) in sections or not points_elsewhere(h.item))
    ]
    return [Passage(h.item, h.dense) for h in says or keep[:1]]
