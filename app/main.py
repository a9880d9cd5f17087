"""The app factory: `create_app(settings)` builds everything from one settings object."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import errors
from app.embeddings import Embedder
from app.routes import ask, documents, health, search
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

    app = FastAPI(title="Reflect", version="0.1.0", lifespan=lifespan)
    errors.install(app)
    for module in (health, documents, search, ask):
        app.include_router(module.router)
    return app
