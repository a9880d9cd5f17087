"""The personal-data guard: precision and recall by kind on our own cases and on the held-out
cases (the `tune` half may be used to adjust the guard, the `report` half only to report), and
whether any personal value survives in text the guard lets through."""

from __future__ import annotations

import json
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

from app.privacy.guard import PrivacyGuard
from app.web.services import Services
from bench.questions import ROOT

OWN = ROOT / "tests" / "data" / "privacy.jsonl"
HELDOUT = ROOT / "tests" / "data" / "heldout" / "privacy.jsonl"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def verdict(guard: PrivacyGuard, case: dict) -> tuple[str, str]:
    screened = guard.screen(case["text"])
    got = "refuse" if screened.refused else "redact" if screened.redacted else "none"
    return got, screened.text


def survives(case: dict, got: str, text: str) -> bool:
    """A value the case holds is still in the text the guard passed on."""
    if got == "refuse":
        return False
    plain = unicodedata.normalize("NFKC", text).lower()
    return any(unicodedata.normalize("NFKC", v).lower() in plain for v in case.get("values", []))


def figures(guard: PrivacyGuard, cases: list[dict]) -> list[str]:
    by_kind: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    exact = leaked = 0
    started = time.perf_counter()
    for case in cases:
        got, text = verdict(guard, case)
        flagged, wanted = got != "none", case["expect"] != "none"
        by_kind[case.get("kind") or ("none" if not wanted else case["expect"])].append(
            (flagged, wanted)
        )
        exact += got == case["expect"]
        leaked += wanted and survives(case, got, text)
    ms = (time.perf_counter() - started) * 1000 / max(len(cases), 1)
    rows = []
    tp = fp = fn = 0
    for kind, pairs in sorted(by_kind.items()):
        k_tp = sum(f and w for f, w in pairs)
        k_fp = sum(f and not w for f, w in pairs)
        k_fn = sum(w and not f for f, w in pairs)
        tp, fp, fn = tp + k_tp, fp + k_fp, fn + k_fn
        if kind == "none":
            rows.append(f"| {kind} (no personal data) | {len(pairs)} | {k_fp} flagged | |")
        else:
            recall = k_tp / (k_tp + k_fn) if k_tp + k_fn else 1.0
            rows.append(f"| {kind} | {len(pairs)} | recall {recall:.2f} | |")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return [
        "| kind | cases | figure | |",
        "|---|---|---|---|",
        *rows,
        f"| **all** | {len(cases)} | precision {precision:.2f}, recall {recall:.2f} | |",
        f"| right action (refuse / redact / leave) | | {exact}/{len(cases)} | |",
        f"| a personal value still in the text passed on | | {leaked} | |",
        f"| mean time per text | | {ms:.1f} ms | |",
        "",
    ]


def run(services: Services) -> list[str]:
    guard = services.privacy
    guard.wait()
    lines = ["## Personal-data guard", ""]
    if HELDOUT.exists():
        heldout = load(HELDOUT)
        for half, label in (("report", "nothing tuned on these"), ("tune", "tuned on these")):
            chosen = [c for c in heldout if c["half"] == half]
            lines += [f"### Held-out cases, {half} half ({label})", "", *figures(guard, chosen)]
    lines += ["### Our own cases", "", *figures(guard, load(OWN))]
    return lines
