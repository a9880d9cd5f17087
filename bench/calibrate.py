"""Fit the 'does the library cover this?' threshold on labelled questions.

Writes app/calibration.json.

Run: `.venv/bin/python -m bench.calibrate` (after `make ingest`). Uses tests/data/questions.jsonl
(our own questions, answerable and not), never the shared dev set, which stays for evaluation.
"""

from __future__ import annotations

import json

from app.core.settings import Settings
from app.search.coverage import CALIBRATION, out_of_scope
from app.web.services import build_services
from bench.questions import OWN, load


def fit(positives: list[float], negatives: list[float]) -> float:
    """The threshold with the best balanced accuracy; ties go to the middle of the gap."""
    candidates = sorted(set(positives + negatives))
    best, best_score = 0.0, -1.0
    for lo, hi in zip(candidates, candidates[1:], strict=False):
        t = (lo + hi) / 2
        score = sum(p >= t for p in positives) / len(positives) + sum(
            n < t for n in negatives
        ) / len(negatives)
        if score > best_score + 1e-9:
            best, best_score = t, score
    return best


def support_threshold(services) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    """A model sentence vs the item it cites. Positives: an item's first sentence cut to 70% of
    its words (a terse paraphrase) against its own item; negatives: the same sentence against
    the closest item of another document (a plausible but wrong citation)."""
    import random

    from app.answers.verify import support

    library = services.library
    everything = [i for m in library.documents() for i in library.items_of(m.id)]
    items = [i for i in everything if i.kind != "reference" and len(i.text.split()) > 8]
    positives, negatives = [], []
    for item in random.Random(0).sample(items, min(150, len(items))):
        words = item.sentences()[0].split()
        sentence = " ".join(words[: max(5, int(len(words) * 0.7))])
        vector = services.embedder.embed([sentence])[0]
        positives.append(support(sentence, vector, item, library.vectors([item.id])[0]))
        near = library.items([c.item_id for c in library.dense(vector, 50)])
        other = next(i for i in near if i.doc_id != item.doc_id)
        negatives.append(support(sentence, vector, other, library.vectors([other.id])[0]))
    return fit(positives, negatives), f"{len(positives)} sentence/item pairs each way"


def main() -> None:
    services = build_services(Settings())
    positives, negatives = [], []
    for q in load(OWN):
        query = services.retriever.query(q["question"])
        if out_of_scope(q["question"], services.library.lexicon().child_names):
            continue  # decided by rule, not by score
        top = query.top_cosine
        (negatives if q.get("expect") == "no_answer" else positives).append(top)
    threshold = fit(positives, negatives)
    min_support, support_data = support_threshold(services)
    data = {
        "min_top_cosine": round(threshold, 4),
        "min_known_terms": 1,
        "fitted_on": f"{len(positives)} answerable and {len(negatives)} unanswerable questions",
        "min_support": round(min_support, 4),
        "support_fitted_on": support_data,
        "embedding_model": services.embedder.name,
    }
    CALIBRATION.write_text(json.dumps(data, indent=2) + "\n")
    print(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
