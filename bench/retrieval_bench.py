"""Retrieval and coverage quality: search and the answers' citations against a plain LangChain
baseline, on the shared dev questions, our own questions, and the held-out questions (the `tune`
half, which calibration may use, and the `report` half, which nothing was fitted on), the
scenario questions written later for tuning, and a cold reviewer's questions (only what is
answered and what refused: they have no evidence phrases)."""

from __future__ import annotations

from pathlib import Path

from app.core.settings import Settings
from app.web.services import Services, build_services
from bench.baseline import Baseline
from bench.questions import (
    COLD,
    COLD2,
    DEV,
    FOURTH,
    FRESH,
    HELDOUT,
    OWN,
    SCENARIOS,
    hit_rank,
    load,
    score,
)
from ingest.pipeline import corpus_files

OUTSIDE = ("no_answer", "partial")


def _row(name: str, figures: dict[str, float], extra: str = "") -> str:
    cells = " | ".join(f"{figures[k]:.2f}" for k in ("hit@1", "hit@3", "hit@5", "mrr@5"))
    return f"| {name} | {cells} | {extra} |"


def evaluate(services: Services, name: str, questions: list[dict], baseline: Baseline) -> list[str]:
    answerable = [q for q in questions if q.get("expect") not in OUTSIDE]
    outside = [q for q in questions if q.get("expect") in OUTSIDE]
    search_ranks, ask_ranks, base_ranks, cited = [], [], [], []
    wrongly_refused = 0
    for q in answerable:
        hits = services.answerer.search(q["question"], 5)  # as `/api/search` serves it
        search_ranks.append(hit_rank([h.item.text for h in hits], q["evidence"]))
        answer = services.answerer.answer(q["question"])
        wrongly_refused += not answer.grounded
        ask_ranks.append(hit_rank([c.text for c in answer.citations[:5]], q["evidence"]))
        cited.append(len(answer.citations))
        base_ranks.append(hit_rank(baseline.search(q["question"]), q["evidence"]))
    refused = sum(not services.answerer.answer(q["question"]).grounded for q in outside)
    mean_cited = sum(cited) / max(len(cited), 1)
    refusals = (
        f"{refused}/{len(outside)} out-of-scope refused" if outside else "no out-of-scope questions"
    )
    return [
        f"### {name}: {len(answerable)} answerable, {len(outside)} out of scope",
        "",
        "| system | hit@1 | hit@3 | hit@5 | MRR@5 | notes |",
        "|---|---|---|---|---|---|",
        _row("Reflect `/api/search`", score(search_ranks)),
        _row(
            "Reflect `/api/ask` citations",
            score(ask_ranks),
            f"{refusals}; {wrongly_refused} answerable wrongly refused; "
            f"{mean_cited:.1f} citations per answer",
        ),
        _row(
            "LangChain baseline (1000/200, k=5)",
            score(base_ranks),
            f"{baseline.chunks} chunks, no refusals",
        ),
        "",
    ]


def refusals(services: Services, name: str, questions: list[dict]) -> list[str]:
    """For a set without evidence phrases: what is answered and what refused."""
    answerable = [q for q in questions if q.get("expect") not in OUTSIDE]
    outside = [q for q in questions if q.get("expect") in OUTSIDE]
    refused = sum(not services.answerer.answer(q["question"]).grounded for q in outside)
    wrongly = sum(not services.answerer.answer(q["question"]).grounded for q in answerable)
    return [
        f"### {name}: {len(answerable)} answerable, {len(outside)} out of scope",
        "",
        f"{refused}/{len(outside)} out-of-scope refused; "
        f"{wrongly}/{len(answerable)} answerable wrongly refused",
        "",
    ]


def halves(path: Path, name: str, fitted: str) -> list[tuple[str, list[dict]]]:
    """A set's `report` half, which nothing was fitted on, then its `tune` half."""
    if not path.exists():
        return []
    questions = load(path)
    return [
        (f"{name}, report half (nothing fitted on these)",
         [q for q in questions if q["half"] == "report"]),
        (f"{name}, tune half ({fitted} fitted on these)",
         [q for q in questions if q["half"] == "tune"]),
    ]  # fmt: skip


def question_sets() -> list[tuple[str, list[dict]]]:
    sets = halves(HELDOUT, "held-out questions", "coverage thresholds")
    if COLD2.exists():
        sets.insert(1, ("a second cold reviewer's questions (nothing fitted on these)",
                        load(COLD2)))  # fmt: skip
    sets += halves(FRESH, "third writer's questions", "the relevance floor")
    sets += halves(FOURTH, "fourth writer's questions", "the figure rule partly")
    if SCENARIOS.exists():
        sets.append(("scenario questions (tuning: coverage thresholds fitted on these too)",
                     load(SCENARIOS)))  # fmt: skip
    for path in (DEV, OWN):
        if Path(path).exists():
            sets.append((path.name, load(path)))
    return sets


def run(services: Services) -> list[str]:
    baseline = Baseline(corpus_files(services.settings.corpus_dir), services.embedder)
    lines = ["## Retrieval quality", ""]
    for name, questions in question_sets():
        lines += evaluate(services, name, questions, baseline)
    if COLD.exists():
        lines += refusals(services, "a cold reviewer's questions (nothing fitted on these)",
                          load(COLD))  # fmt: skip
    return lines


def main() -> None:
    """The retrieval and coverage tables alone: `.venv/bin/python -m bench.retrieval_bench`."""
    services = build_services(Settings())
    try:
        print("\n".join(run(services)))
    finally:
        services.close()


if __name__ == "__main__":
    main()
