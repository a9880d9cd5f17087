"""The app factory: `create_app(settings)` builds everything from one settings object."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from app import errors, security
from app.embeddings import Embedder
from app.routes import (
    ask,
    discussion,
    documents,
    health,
    items,
    pages,
    reflections,
    search,
)
from app.services import DocumentWriter, Services, build_services
from app.settings import Settings

WriterFactory = Callable[[Services], DocumentWriter]


def create_app(
    settings: Settings | None = None,
    writer: WriterFactory | None = None,
    embedder: Embedder | None = None,
) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = build_services(settings, embedder)
        if writer is not None:
            services.writer = writer(services)
        services.retriever.prepared()  # warm the keyword index before the first request
        app.state.services = services
        yield
        services.close()

    app = FastAPI(title="Reflect", version="0.1.0", lifespan=lifespan)
    errors.install(app)
    security.install(app)
    for module in (health, documents, search, ask, items, reflections, discussion, pages):
        app.include_router(module.router)
    static = Path(__file__).resolve().parent / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")
    return app
