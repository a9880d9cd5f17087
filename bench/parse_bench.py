"""Parse time per MB for each format, in the sandbox as ingest runs it, and the worst of the
adversarial inputs (the cleaners on 40,000 characters of each hostile pattern).

    .venv/bin/python -m bench.parse_bench
"""

from __future__ import annotations

import time

from app.cli import _ingestor
from app.core.settings import Settings
from ingest import clean
from tests.test_formats import as_docx, as_html, as_markdown, as_pdf
from tests.test_parse_limits import ADVERSARIAL

FORMATS = {"md": as_markdown, "html": as_html, "docx": as_docx, "pdf": as_pdf}
LONGEST = "003_a9f449d4e917b1ec.txt"  # the corpus's full review report, as a text document


def run(settings: Settings) -> list[str]:
    ingestor = _ingestor(settings)
    lines = ["## Parsing", "", "| format | size | parse (sandbox) | per MB |", "|---|---|---|---|"]
    ingestor.parse("warm.md", as_markdown())  # the worker's start is not a document's cost
    longest = (settings.corpus_dir / LONGEST).read_bytes()
    for name, make in [*FORMATS.items(), ("txt (full review)", lambda: longest)]:
        data = make()
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            ingestor.parse(f"bench.{name.split()[0]}", data)
            best = min(best, time.perf_counter() - started)
        mb = len(data) / 1024 / 1024
        lines.append(f"| {name} | {len(data) / 1024:.0f} KB | {best * 1000:.0f} ms | "
                     f"{best / mb:.1f} s/MB |")  # fmt: skip
    worst = ("", 0.0)
    for case, make_text in ADVERSARIAL.items():
        text = make_text(40_000)
        started = time.perf_counter()
        clean.strip_inline(text)
        clean.join_bold_breaks(text)
        took = time.perf_counter() - started
        worst = max(worst, (case, took), key=lambda w: w[1])
    lines += [
        "",
        f"Worst adversarial input (40,000 characters): {worst[0]}, {worst[1] * 1000:.1f} ms",
    ]
    if ingestor.sandbox is not None:
        ingestor.sandbox.close()
    return lines


if __name__ == "__main__":
    print("\n".join(run(Settings())))
