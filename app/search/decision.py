"""What a coverage judgement is, and how the calibrated thresholds decide it: covered, partial or
none (app.search.coverage measures what the passages hold of a question; this decides)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.core.records import Item

CALIBRATION = Path(__file__).with_name("calibration.json")
MIN_PARTIAL = 0.2  # a question is partly covered when the passages hold a fifth of it or more
READS_AS_ANSWER = 0.0  # a cross-encoder logit at or above which a passage reads as an answer


@dataclass(frozen=True)
class Calibration:
    min_top_cosine: float = 0.35  # below this nothing in the library is close in meaning
    min_held: float = 0.5  # share of the question's concept weight the passages must hold
    close_cosine: float = 0.62  # passages this close may hold a paraphrase's weight
    very_close_cosine: float = 0.7  # this close, a term of art the passages lack may be a name
    min_support: float = 0.6  # a model's sentence vs the item it cites (app.answers.verify)
    min_relevance: float = -9.0  # below this logit no passage reads as an answer to the question

    @classmethod
    def load(cls, path: Path = CALIBRATION) -> Calibration:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text())
        known = {k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True)
class Coverage:
    status: str  # covered | partial | none
    held: float  # share of the concepts' weight the passages hold
    top_cosine: float
    missing: tuple[str, ...] = ()  # the question's words for what the library does not hold
    found: tuple[str, ...] = ()  # the question's words for what it does
    nearby: tuple[Item, ...] = field(default_factory=tuple)  # passages that hold `found`
    reason: str = ""
    specialist_missing: bool = False  # a term of art or a name no passage holds
    weights: dict[str, float] = field(default_factory=dict)  # item id -> share of concepts held
    relevance: float | None = None  # the best passage's cross-encoder logit, when one was read
    readings: dict[str, float] = field(default_factory=dict)  # item id -> that logit, when read
    # item id -> share held of the concepts that do not name a document the question names
    # ('hungry' of 'what does the Stoke review say about hungry children'), when it names one
    topic: dict[str, float] | None = None
    unsaid: tuple[str, ...] = ()  # what it holds that is not said back: a name, 'ICB'
    naming: frozenset[str] = frozenset()  # stems of the names of the documents the question names
    # what is lacking is a term: a term of art, a name, an abbreviation, words that name one
    # thing together ('county lines'); or the question asks the law
    term_lacking: bool = False

    def weight_of(self, item: Item) -> float:
        return self.weights.get(item.id, 0.0)

    def topic_weight_of(self, item: Item) -> float:
        """How much of what the question asks about the passage holds, beyond the name of the
        document it asks of; all of it when the question names none."""
        if self.topic is None:
            return self.weight_of(item)
        return self.topic.get(item.id, 0.0)

    @property
    def grounded(self) -> bool:
        return self.status == "covered"


def decide(measured: Coverage, cal: Calibration) -> Coverage:
    """covered, partial or none, by the calibrated thresholds."""
    if measured.status:
        return measured
    held, top = measured.held, measured.top_cosine
    # what it says nearby (the passage that holds most of what the library does hold of the
    # question) reads as something of an answer, not as one that only shares a word ('council
    # house' for 'when can a council apply for a protection order'); else there is none: the
    # next one down reads no better for being next ('First day attended but late.' for cannabis)
    near = measured.nearby
    if near and measured.readings.get(near[0].id, 0.0) < cal.min_relevance:
        measured = replace(measured, nearby=())
    if top < cal.min_top_cosine:
        return replace(measured, status="none", held=0.0, nearby=(), reason="nothing close")
    close = top >= cal.close_cosine
    if measured.relevance is not None and measured.relevance < cal.min_relevance:
        status = "partial" if measured.found and measured.nearby else "none"
        return replace(measured, status=status, reason="no passage answers it")
    if measured.specialist_missing and top < cal.very_close_cosine:
        status = "partial" if held >= MIN_PARTIAL else "none"
        return replace(measured, status=status, reason="a term the library does not hold")
    if held >= cal.min_held or (close and held >= cal.min_held / 2):
        return replace(measured, status="covered")
    if _answered_in_other_words(measured):
        return replace(measured, status="covered")
    if held >= MIN_PARTIAL:
        return replace(measured, status="partial", reason="holds part")
    return replace(measured, status="none", reason="holds none of it")


def _answered_in_other_words(measured: Coverage) -> bool:
    """A passage reads as an answer though it prints few of the question's words: the question
    is in other words than the library's ('moving between councils', where the reviews say
    'local authorities'). Never when what is lacking is a term of art, a name, or words that
    name one thing together ('county lines', 'care home'): a passage on each word apart is not
    one on the term."""
    if measured.relevance is None or measured.relevance < READS_AS_ANSWER:
        return False
    return not (measured.specialist_missing or measured.term_lacking)
