"""`reflect`: ingest the corpus, serve the app, ask from the terminal.

This is the composition root: it wires the write side (ingest) into the app, which never
imports ingest itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from app.core.settings import Settings

cli = typer.Typer(add_completion=False, no_args_is_help=True, help="Reflect: learning from CSPRs.")


def _ingestor(settings: Settings, library=None, embedder=None):  # type: ignore[no-untyped-def]
    from app.core.embeddings import embedder_name, make_embedder
    from app.core.themes import load_themes
    from app.storage.backends import open_library
    from ingest.model_export import ensure_onnx_model
    from ingest.pipeline import Ingestor, load_catalogue
    from ingest.sandbox import Limits, Sandbox

    def make():  # type: ignore[no-untyped-def]
        if embedder is not None:
            return embedder
        if settings.embedder == "onnx":
            ensure_onnx_model(settings.model_dir / "minilm-l6-int8")
        return make_embedder(settings.embedder, settings.model_dir, max(settings.embed_threads, 2))

    name = embedder.name if embedder is not None else embedder_name(settings.embedder)
    library = library or open_library(settings, name)
    themes = load_themes(settings.corpus_dir / "themes.toml")
    catalogue = load_catalogue(settings.corpus_dir)
    sandbox = None
    if settings.parse_sandbox:
        limits = Limits(
            memory_mb=settings.parse_memory_mb,
            seconds=settings.parse_seconds,
            unpacked_mb=settings.parse_unpacked_mb,
        )
        sandbox = Sandbox(settings.corpus_dir / "themes.toml", limits)
    return Ingestor(library, make, themes, catalogue, settings.corpus_dir, sandbox)


def writer_factory(services):  # type: ignore[no-untyped-def]
    return _ingestor(services.settings, services.library, services.embedder)


def _outdated(settings: Settings) -> bool:
    from app.core.embeddings import embedder_name
    from app.storage.backends import open_library
    from app.storage.library import LibraryOutdated

    if settings.storage == "embedded":
        if (settings.index_dir / "documents").is_dir():  # the first layout: JSON files
            return True
        if not (settings.index_dir / "library.db").exists():
            return False
    try:
        open_library(settings, embedder_name(settings.embedder)).close()
    except LibraryOutdated:
        return True
    return False


def _beside(settings: Settings):  # type: ignore[no-untyped-def]
    """A new, empty library beside the one in use, and how to swap it in when it is whole:
    interrupted, the old library keeps serving."""
    from app.core.embeddings import embedder_name

    name = embedder_name(settings.embedder)
    match settings.storage:
        case "postgres":
            from app.storage.postgres import library as pg

            url = settings.database_url
            assert url is not None
            schema = pg.rebuild_schema(url)
            return pg.PostgresLibrary(url, name, schema=schema), lambda: pg.swap_in(url, schema)
    from app.storage.embedded import EmbeddedLibrary
    from app.storage.swap import rebuild_path, swap_in

    target = rebuild_path(settings.index_dir)
    return EmbeddedLibrary(target, name), lambda: swap_in(settings.index_dir, target)


@cli.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files to add (default: the corpus)")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option(help="Embed everything again, beside the library in use")
    ] = False,
) -> None:
    """Ingest documents into the library (idempotent: unchanged files cost nothing).

    With --rebuild the new library is built beside the one in use and swapped in only when it
    is complete: interrupted, the old library keeps serving."""
    from tqdm import tqdm

    from ingest.model_export import ensure_onnx_model
    from ingest.pipeline import corpus_files, keep_upload

    settings = Settings()
    if settings.embedder == "onnx":
        ensure_onnx_model(settings.model_dir / "minilm-l6-int8")
    outdated = _outdated(settings)
    if outdated:
        typer.echo("The library is in an older layout: building it again.")
    library, swap = _beside(settings) if rebuild or outdated else (None, None)
    ingestor = _ingestor(settings, library)
    health = ingestor.library.check(repair=True)
    for problem in health.problems:
        typer.echo(f"warning: {problem}", err=True)
    files = corpus_files(settings.corpus_dir, settings.uploads_dir)
    if paths:  # kept in the library's own uploads, so a later ingest keeps them
        files = [keep_upload(p, settings.corpus_dir, settings.uploads_dir) for p in paths]
    summary = ingestor.run(
        files,
        sync=not paths,
        progress=lambda fs: tqdm(fs, desc="ingest", unit="doc"),
        local_uploads=settings.storage == "embedded",
    )
    ingestor.library.close()
    if swap is not None:
        swap()
    typer.echo(
        f"{summary.documents} documents "
        f"({summary.unchanged} unchanged, {summary.removed} removed), "
        f"{summary.embedded} items embedded, {summary.seconds:.1f} s"
    )
    for kind, n in sorted(summary.kinds.items()):
        typer.echo(f"  {kind:20} {n}")
    for name, error in summary.errors.items():
        typer.echo(f"error: {name}: {error}", err=True)
    if summary.errors and not summary.documents:
        raise typer.Exit(1)


def make_app():  # type: ignore[no-untyped-def]
    """The app as each server process builds it (uvicorn imports this by name)."""
    from app.web.app import create_app
    from app.web.observability import configure_logging

    settings = Settings()
    configure_logging(settings.log_level)
    return create_app(settings, writer=writer_factory)


@cli.command()
def serve() -> None:
    """Serve the web app and API: one process on the embedded library (embedded Chroma is not
    process-safe), REFLECT_WORKERS processes on Postgres."""
    import uvicorn

    settings = Settings()
    if settings.workers < 1:
        typer.echo("REFLECT_WORKERS must be 1 or more.", err=True)
        raise typer.Exit(2)
    if settings.workers > 1 and settings.storage == "embedded":
        typer.echo(
            "The embedded library can be written by one process only, so Reflect serves it "
            "with one worker. Set REFLECT_WORKERS=1, or set REFLECT_DATABASE_URL to a Postgres "
            "database with pgvector to run more workers (see the README).",
            err=True,
        )
        raise typer.Exit(2)
    uvicorn.run(
        "app.cli:make_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        access_log=False,  # uvicorn's access log prints query strings; ours never does
        log_config=None,
    )


@cli.command()
def migrate(
    to: Annotated[str, typer.Option(help="The backend to copy into: postgres")] = "postgres",
    database_url: Annotated[
        str | None, typer.Option(help="postgresql://… (default: REFLECT_DATABASE_URL)")
    ] = None,
) -> None:
    """Copy the embedded library (vectors as they are) and its sessions, notes, actions and
    discussion sets into Postgres. Safe to run again: what is there already is kept."""
    from app.core.embeddings import embedder_name
    from app.storage.embedded import EmbeddedLibrary
    from app.storage.migrate import Copied, copy_library, read_records
    from app.storage.postgres.library import PostgresLibrary
    from app.storage.postgres.records import PostgresStore

    settings = Settings()
    url = database_url or settings.database_url
    if to != "postgres" or not url:
        typer.echo("Give --to postgres and a database (--database-url or REFLECT_DATABASE_URL).")
        raise typer.Exit(2)
    if not (settings.index_dir / "library.db").exists():
        typer.echo(f"There is no embedded library under {settings.data_dir} to copy.", err=True)
        raise typer.Exit(1)
    name = embedder_name(settings.embedder)
    copied = Copied()
    source = EmbeddedLibrary(settings.index_dir, name, read_only=True)
    target = PostgresLibrary(url, name)
    try:
        copy_library(source, target, copied)
    finally:
        source.close()
        target.close()
    records = PostgresStore(url)
    try:
        copied.records = records.copy_in(read_records(settings.data_dir / "reflect.db"))
    finally:
        records.close()
    r = copied.records
    typer.echo(
        f"Copied to Postgres: {copied.documents} documents ({copied.items} items with their "
        f"vectors; {copied.unchanged} already there), {copied.words} word vectors, "
        f"{r.get('reflections', 0)} sessions ({r.get('notes', 0)} notes, "
        f"{r.get('actions', 0)} actions), {r.get('discussion_sets', 0)} discussion sets "
        f"({r.get('discussion_set_versions', 0)} versions)."
    )


@cli.command()
def search(question: str, k: int = 5) -> None:
    """Print the learning items that best match a question."""
    from app.web.services import build_services

    services = build_services(Settings())
    for n, hit in enumerate(services.answerer.search(question, k), 1):
        i = hit.item
        typer.echo(f"[{n}] {i.doc_title} › {i.section} › {i.label} ({i.kind}, {hit.score:.4f})")
        typer.echo(f"    {i.text[:300]}")


@cli.command()
def ask(question: str) -> None:
    """Answer a question from the reviews, with numbered sources."""
    from app.web.services import build_services

    answer = build_services(Settings()).answerer.answer(question)
    typer.echo(answer.text)
    if answer.citations:
        typer.echo("\nSources:")
    for n, i in enumerate(answer.citations, 1):
        typer.echo(f"[{n}] {i.doc_title} › {i.section} › {i.label}  ({i.url})")


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    cli(prog_name="reflect")


if __name__ == "__main__":
    main()
