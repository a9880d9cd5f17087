"""Precision and recall of the personal-data guard on tests/data/privacy.jsonl."""

from __future__ import annotations

import json
import time

from app.web.services import Services
from bench.questions import ROOT

CASES = ROOT / "tests" / "data" / "privacy.jsonl"


def run(services: Services) -> list[str]:
    guard = services.privacy
    guard.wait()
    cases = [json.loads(line) for line in CASES.read_text().splitlines() if line.strip()]
    tp = fp = fn = tn = exact = 0
    started = time.perf_counter()
    for case in cases:
        s = guard.screen(case["text"])
        got = "refuse" if s.refused else "redact" if s.redacted else "none"
        flagged, wanted = got != "none", case["expect"] != "none"
        tp += flagged and wanted
        fp += flagged and not wanted
        fn += wanted and not flagged
        tn += not flagged and not wanted
        exact += got == case["expect"]
    ms = (time.perf_counter() - started) * 1000 / len(cases)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return [
        "## Personal-data guard",
        "",
        "| figure | value |",
        "|---|---|",
        f"| cases (with personal data / without) | {tp + fn} / {fp + tn} |",
        f"| precision (flagged that should be) | {precision:.2f} |",
        f"| recall (should be flagged, were) | {recall:.2f} |",
        f"| right action (refuse / redact / leave) | {exact}/{len(cases)} |",
        f"| mean time per text | {ms:.1f} ms |",
        "",
    ]
