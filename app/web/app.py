"""The app factory: `create_app(settings)` builds everything from one settings object."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from app.core.embeddings import Embedder
from app.core.settings import Settings
from app.web import errors, security
from app.web.access import ApiKeys
from app.web.observability import RequestLog
from app.web.rate_limits import BodySizeLimit
from app.web.routes import (
    ask,
    discussion,
    documents,
    health,
    items,
    openai_compat,
    pages,
    reflections,
    search,
)
from app.web.services import DocumentWriter, Services, build_services

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
        services.retriever.names()  # warm what questions can name before the first request
        app.state.services = services
        yield
        services.close()

    app = FastAPI(title="Reflect", version="0.1.0", lifespan=lifespan)
    errors.install(app)
    security.install(app)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"])
    if settings.api_keys:
        keys = [k.strip() for k in settings.api_keys.split(",")]
        app.add_middleware(ApiKeys, keys=keys, admin_token=settings.admin_token)
    app.add_middleware(
        BodySizeLimit,
        limit=settings.max_body_bytes,
        upload_limit=settings.max_upload_bytes + 64 * 1024,  # multipart framing
    )
    app.add_middleware(RequestLog)
    for module in (
        health,
        documents,
        search,
        ask,
        items,
        reflections,
        discussion,
        openai_compat,
        pages,
    ):
        app.include_router(module.router)
    static = Path(__file__).resolve().parent / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")
    return app
