"""Is a question covered by the library? A calibrated rule, not a hand-picked number.

`bench/calibrate.py` fits the threshold on labelled questions (tests/data/questions.jsonl) and
writes app/calibration.json; the app only reads it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.search.retrieval import Query

CALIBRATION = Path(__file__).with_name("calibration.json")
_NAMED_CHILD = re.compile(r"\bChild ([A-Z]{1,3})\b")
# Clinical dosing is never in a practice review: answering from near matches would be unsafe.
_DOSING = re.compile(
    r"\b(dose|doses|dosage|dosing|mg|milligrams?|ml)\b|how much \w+ (can|should) (i|we) give", re.I
)


@dataclass(frozen=True)
class Calibration:
    min_top_cosine: float
    min_known_terms: int = 1
    min_support: float = 0.6  # a model's sentence vs the item it cites (app.answers.verify)

    @classmethod
    def load(cls, path: Path = CALIBRATION) -> Calibration:
        if not path.exists():
            return cls(min_top_cosine=0.35)
        data = json.loads(path.read_text())
        return cls(
            data["min_top_cosine"], data.get("min_known_terms", 1), data.get("min_support", 0.6)
        )


def unknown_review(question: str, known: frozenset[str]) -> bool:
    """The question names a review ('Child Q') that no document in the library is about."""
    return any(n not in known for n in _NAMED_CHILD.findall(question))


def out_of_scope(question: str, known_children: frozenset[str]) -> bool:
    """Questions the library cannot answer whatever the similarity scores say."""
    return unknown_review(question, known_children) or bool(_DOSING.search(question))


def is_grounded(q: Query, calibration: Calibration, known_children: frozenset[str]) -> bool:
    if out_of_scope(q.text, known_children):
        return False
    return (
        q.top_cosine >= calibration.min_top_cosine and q.known_terms >= calibration.min_known_terms
    )
