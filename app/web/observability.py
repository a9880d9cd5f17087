"""Structured request logs: method, the route's template (`/api/reflections/{rid}`, never the
path as typed, nor the query string), status, latency and a request id. Bodies, queries and
typed paths are never logged: they may hold personal data."""

from __future__ import annotations

import logging
import secrets
import time

from pythonjsonlogger.json import JsonFormatter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

access = logging.getLogger("reflect.access")


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("uvicorn.access",):
        logging.getLogger(noisy).disabled = True


def route_of(scope: Scope) -> str:
    """The template of the route that answered; a path no route matched is not repeated."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    return "/static/*" if scope.get("path", "").startswith("/static/") else "(no route)"


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = secrets.token_hex(8)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": route_of(scope),
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
