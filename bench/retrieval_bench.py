"""Retrieval quality on the shared dev questions: ours (search and ask citations) vs baseline."""

from __future__ import annotations

from app.web.services import Services
from bench.baseline import Baseline
from bench.questions import DEV, OWN, hit_rank, load, score
from ingest.pipeline import corpus_files


def _row(name: str, figures: dict[str, float], extra: str = "") -> str:
    cells = " | ".join(f"{figures[k]:.2f}" for k in ("hit@1", "hit@3", "hit@5", "mrr@5"))
    return f"| {name} | {cells} | {extra} |"


def evaluate(services: Services, path, baseline: Baseline) -> list[str]:
    questions = load(path)
    answerable = [q for q in questions if q.get("expect") != "no_answer"]
    unanswerable = [q for q in questions if q.get("expect") == "no_answer"]
    search_ranks, ask_ranks, base_ranks = [], [], []
    for q in answerable:
        hits = services.retriever.search(q["question"], 5)
        search_ranks.append(hit_rank([h.item.text for h in hits], q["evidence"]))
        answer = services.answerer.answer(q["question"])
        ask_ranks.append(hit_rank([c.text for c in answer.citations[:5]], q["evidence"]))
        base_ranks.append(hit_rank(baseline.search(q["question"]), q["evidence"]))
    handled = sum(
        not (a := services.answerer.answer(q["question"])).grounded and not a.citations
        for q in unanswerable
    )
    refused = sum(not services.answerer.answer(q["question"]).grounded for q in answerable)
    no_answer = f"{handled}/{len(unanswerable)} no-answer handled"
    return [
        f"### {path.name}: {len(answerable)} answerable, {len(unanswerable)} not",
        "",
        "| system | hit@1 | hit@3 | hit@5 | MRR@5 | notes |",
        "|---|---|---|---|---|---|",
        _row("Reflect `/api/search`", score(search_ranks), no_answer),
        _row(
            "Reflect `/api/ask` citations",
            score(ask_ranks),
            f"{refused} answerable wrongly refused",
        ),
        _row(
            "LangChain baseline (1000/200, k=5)",
            score(base_ranks),
            f"{baseline.chunks} chunks, no refusals",
        ),
        "",
    ]


def run(services: Services) -> list[str]:
    baseline = Baseline(corpus_files(services.settings.corpus_dir), services.embedder)
    lines = ["## Retrieval quality", ""]
    for path in (DEV, OWN):
        if path.exists():
            lines += evaluate(services, path, baseline)
    return lines
