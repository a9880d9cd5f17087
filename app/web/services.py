"""The expensive things, built once from settings and shared by every route."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request

from app.answers.answering import Answerer
from app.answers.llm import LlmComposer, LlmSettings
from app.core.embeddings import Embedder, make_embedder
from app.core.relevance import CrossEncoder
from app.core.settings import Settings
from app.core.themes import Theme, load_themes, typed_theme
from app.discussion.sets import DiscussionSets
from app.privacy.guard import PrivacyGuard, Screened
from app.reflection.sessions import Reflections
from app.search.coverage import CoverageJudge
from app.search.decision import Calibration
from app.search.on_theme import OnTheme
from app.search.retrieval import Retriever
from app.search.vocabulary import Vocabulary
from app.storage.backends import open_counters, open_library, open_records
from app.storage.library import LibraryStore
from app.storage.sqlite import SqliteStore
from app.web.callers import Caller, caller
from app.web.errors import ApiError
from app.web.rate_limits import RateLimits


class DocumentWriter(Protocol):
    """The write side as the app sees it (ingest.pipeline.Ingestor implements it)."""

    def add(self, name: str, data: bytes) -> Any: ...

    def index_words(self) -> int: ...


@dataclass
class Services:
    """The web layer's components. Routes take what they need from here; features are given
    only the components they use."""

    settings: Settings
    library: LibraryStore
    records: SqliteStore
    embedder: Embedder
    retriever: Retriever
    answerer: Answerer
    themes: tuple[Theme, ...]
    reflections: Reflections
    discussion_sets: DiscussionSets
    privacy: PrivacyGuard
    rate_limits: RateLimits
    llm: LlmComposer | None = None
    writer: DocumentWriter | None = None

    def close(self) -> None:
        self.rate_limits.close()
        self.records.close()
        self.library.close()


def build_services(settings: Settings, embedder: Embedder | None = None) -> Services:
    themes = load_themes(settings.corpus_dir / "themes.toml")
    embedder = embedder or make_embedder(
        settings.embedder, settings.model_dir, settings.embed_threads
    )
    library = open_library(settings, embedder.name)
    library.check(repair=True)  # put right what an interrupted write left
    records = open_records(settings)
    vocabulary = Vocabulary.load(settings.corpus_dir / "synonyms.toml", themes)
    retriever = Retriever(library, embedder, vocabulary)
    calibration = Calibration.load()
    judge = CoverageJudge(
        library, vocabulary, embedder, calibration, CrossEncoder(threads=settings.embed_threads)
    )
    on_theme = OnTheme(library, embedder)
    llm = None
    if settings.llm_base_url:
        llm = LlmComposer(
            LlmSettings(
                settings.llm_base_url,
                settings.llm_model,
                settings.llm_api_key or "",
                settings.llm_timeout,
                calibration.min_support,
            ),
            embedder,
        )
    return Services(
        settings,
        library,
        records,
        embedder,
        retriever,
        Answerer(retriever, judge, themes, llm, settings.llm_mode),
        themes,
        Reflections(library, records, retriever, judge, on_theme),
        DiscussionSets(library, records, on_theme),
        PrivacyGuard(set(library.lexicon().words)),
        RateLimits(
            {
                "ask": settings.rate_limit_ask,
                "upload": settings.rate_limit_upload,
                "write": settings.rate_limit_write,
                "search": settings.rate_limit_search,
            },
            open_counters(settings),
        ),
        llm,
    )


def screen(services: Services, text: str, names: bool = True) -> Screened:
    """The personal-data guard, as the routes use it: refuse strong identifiers with a 422
    that names their kinds (never their values); otherwise the text with names redacted."""
    result = services.privacy.screen(text, names=names)
    if result.refused:
        kinds = " and ".join(result.refused)
        raise ApiError(
            422,
            "personal_data",
            f"This looks like it contains personal data ({kinds}). Please remove it and try "
            "again: Reflect must not receive details that could identify a child or family.",
        )
    return result


def theme_for(services: Services, screened: str) -> Theme:
    """A theme on the library's list, by its slug or title; else the theme as typed ('fathers
    and male carers'), when the library covers it as it would a question. `screened` has been
    through the personal-data guard (`screen`), as every input is, once. Never the typed words
    back in an error."""
    typed = " ".join(screened.split())
    for theme in services.themes:
        if typed.lower() in (theme.slug, theme.title.lower()):
            return theme
    if len(typed) < 3 or not services.answerer.covers(typed):
        raise ApiError(
            422,
            "unknown_theme",
            "The library does not hold learning on that theme; GET /api/starters lists the "
            "themes it does.",
        )
    return typed_theme(typed)


def client_id(request: Request) -> str:
    """Whom a rate limit counts: a verified API key, a user vouched for by the trusted proxy,
    else the network address (never a header a client can vary at will)."""
    return caller(request, request.app.state.services.settings).bucket


def _caller(request: Request) -> Caller:
    return caller(request, request.app.state.services.settings)


Who = Annotated[Caller, Depends(_caller)]


def _services(request: Request) -> Services:
    return request.app.state.services


Deps = Annotated[Services, Depends(_services)]
