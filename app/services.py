"""The expensive things, built once from settings and shared by every route."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request

from app.db import Database
from app.discussion_sets import DiscussionSets
from app.embeddings import Embedder, embedder_name, make_embedder
from app.grounding import Calibration
from app.reflections import Reflections
from app.retrieval import Retriever
from app.settings import Settings
from app.store import Index
from app.themes import Theme, load_themes
from app.vocabulary import Vocabulary


class DocumentWriter(Protocol):
    """The write side as the app sees it (ingest.pipeline.Ingestor implements it)."""

    def add(self, name: str, data: bytes) -> tuple[Any, bool]: ...


@dataclass
class Services:
    settings: Settings
    index: Index
    embedder: Embedder
    retriever: Retriever
    themes: tuple[Theme, ...]
    calibration: Calibration
    db: Database
    reflections: Reflections
    discussion_sets: DiscussionSets
    writer: DocumentWriter | None = None

    def close(self) -> None:
        self.db.close()


def build_services(settings: Settings, embedder: Embedder | None = None) -> Services:
    themes = load_themes(settings.corpus_dir / "themes.toml")
    embedder = embedder or make_embedder(
        settings.embedder, settings.model_dir, settings.embed_threads
    )
    index = Index(
        settings.index_dir, embedder.name if embedder else embedder_name(settings.embedder)
    )
    vocabulary = Vocabulary.load(settings.corpus_dir / "synonyms.toml", themes)
    retriever = Retriever(index, embedder, vocabulary)
    db = Database(settings.data_dir / "reflect.db")
    return Services(
        settings,
        index,
        embedder,
        retriever,
        themes,
        Calibration.load(),
        db,
        Reflections(db),
        DiscussionSets(db),
    )


def _services(request: Request) -> Services:
    return request.app.state.services


Deps = Annotated[Services, Depends(_services)]
