"""Follow-ups after a note, on held-out notes written as a team would talk
(tests/data/heldout/notes.jsonl): for related notes, how often one is offered and its learning is
about what was said; for unrelated notes, how often none is offered. Halves by line: even lines
tune the floor, odd lines report.

    .venv/bin/python -m bench.follow_up_bench
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from app.core.settings import Settings
from app.web.services import build_services

NOTES = Path(__file__).resolve().parent.parent / "tests" / "data" / "heldout" / "notes.jsonl"


def main() -> None:
    services = build_services(Settings())
    r = services.reflections
    cases = [json.loads(line) for line in NOTES.read_text().splitlines() if line.strip()]
    sessions: dict[str, object] = {}
    rows: dict[str, list[tuple[bool, bool]]] = {"tune": [], "report": []}
    for n, case in enumerate(cases):
        doc = case["doc"]
        if doc not in sessions:
            plan = r.plan_for_document(doc, "practitioners")
            sessions[doc] = r.create(plan, "practitioners", doc, None, 7, None)
        record = sessions[doc]
        prompt = record.in_order()[0]  # type: ignore[attr-defined]
        f = r.follow_up(record, prompt, case["note"])  # type: ignore[arg-type]
        if case["related"]:
            good = f is not None and bool(re.search(case["about"], f.citations[0].text, re.I))
        else:
            good = f is None
        half = "tune" if n % 2 == 0 else "report"
        rows[half].append((case["related"], good))
        shown = f.text if f else "(no follow-up)"
        print(f"{half:6} {'ok ' if good else 'BAD'} {case['note'][:60]!r}\n        {shown[:160]}")
    for half, got in rows.items():
        related = [g for rel, g in got if rel]
        other = [g for rel, g in got if not rel]
        print(
            f"{half}: related notes with an on-point follow-up {sum(related)}/{len(related)}; "
            f"unrelated notes with none {sum(other)}/{len(other)}"
        )


if __name__ == "__main__":
    main()
