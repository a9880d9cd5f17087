"""Ingest time for the corpus: cold (empty index), and re-run unchanged."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from app.cli import _ingestor
from app.core.settings import Settings
from ingest.model_export import ensure_onnx_model
from ingest.pipeline import corpus_files


def run(settings: Settings) -> list[str]:
    started = time.perf_counter()
    ensure_onnx_model(settings.model_dir / "minilm-l6-int8")
    export = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        cold_settings = Settings(
            data_dir=Path(tmp), corpus_dir=settings.corpus_dir, models_dir=settings.model_dir
        )
        files = corpus_files(settings.corpus_dir)
        cold = _ingestor(cold_settings).run(files, sync=True)
        warm = _ingestor(cold_settings).run(files, sync=True)
    rate = cold.embedded / cold.seconds if cold.seconds else 0.0
    return [
        "## Ingest",
        "",
        "| figure | value |",
        "|---|---|",
        f"| ONNX model ready (export if missing) | {export:.1f} s |",
        f"| documents / items | {cold.documents} / {cold.embedded} |",
        f"| cold ingest (parse, embed, store) | {cold.seconds:.1f} s |",
        f"| items per second (cold) | {rate:.0f} |",
        f"| re-run, unchanged | {warm.seconds:.2f} s ({warm.embedded} items embedded) |",
        "",
        "Items by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(cold.kinds.items())),
        "",
    ]
