"""With a model configured (REFLECT_LLM_BASE_URL): the share of its sentences that survive
verification and how often the answer falls back to the extractive composer."""

from __future__ import annotations

import time
from collections import Counter

from app.answers.answering import final
from app.web.services import Services
from bench.questions import DEV, load


def run(services: Services) -> list[str]:
    lines = ["## Generative answers (optional LLM)", ""]
    if services.llm is None:
        return lines + [
            "Skipped: no model configured (set REFLECT_LLM_BASE_URL and "
            "REFLECT_LLM_MODEL to measure one).",
            "",
        ]
    kept = total = 0
    reasons: Counter[str] = Counter()
    questions = [q for q in load(DEV) if q.get("expect") != "no_answer"]
    started = time.perf_counter()
    for q in questions:
        done = final(services.answerer.events(q["question"])[1])
        total += len(done.verdicts)
        kept += sum(v.kept for v in done.verdicts)
        reasons[done.fallback_reason or "none"] += 1
    fallbacks = sum(n for r, n in reasons.items() if r != "none")
    return lines + [
        "| figure | value |",
        "|---|---|",
        f"| model | {services.settings.llm_model} at {services.settings.llm_base_url} |",
        f"| sentences kept after verification | {kept}/{total} ({kept / max(total, 1):.0%}) |",
        f"| answers that fell back to extractive | {fallbacks}/{len(questions)} |",
        f"| fallback reasons | {dict(reasons)} |",
        f"| mean seconds per answer | {(time.perf_counter() - started) / len(questions):.1f} |",
        "",
    ]
