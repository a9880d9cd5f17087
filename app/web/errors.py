"""One handler renders every error as JSON for the API and a page for HTML. Bodies never echo
user input."""

from __future__ import annotations

import html
import json
import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.errors import ApiError, not_found

__all__ = ["ApiError", "install", "not_found", "send_error"]

log = logging.getLogger("reflect")


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
}


def _render(request: Request, status: int, code: str, message: str) -> JSONResponse | HTMLResponse:
    if request.url.path.startswith(("/api", "/v1", "/healthz")):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Reflect</title>"
        "<link rel='stylesheet' href='/static/app.css'></head><body><main class='error'>"
        f"<h1>{status}</h1><p>{html.escape(message)}</p>"
        "<p><a href='/'>Back to Reflect</a></p></main></body></html>"
    )
    return HTMLResponse(page, status_code=status)


async def send_error(send, status: int, code: str, message: str, headers: tuple = ()) -> None:  # type: ignore[no-untyped-def]
    """The JSON error body, for ASGI middleware that answers before the app is reached."""
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


_FIELD = re.compile(r"[a-z_]{1,40}|\d{1,4}")  # our field names and list positions only


def _describe(exc: RequestValidationError) -> str:
    """Say which fields are wrong and how, never what was sent."""
    parts = []
    for err in exc.errors()[:5]:
        if err.get("type") == "extra_forbidden":  # the name was typed by the caller: not repeated
            parts.append("a field this endpoint does not take")
            continue
        where = ".".join(
            str(p)
            for p in err.get("loc", ())
            if p not in ("body", "query", "path") and _FIELD.fullmatch(str(p))
        )
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "Invalid request. " + "; ".join(parts)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):  # type: ignore[no-untyped-def]
        response = _render(request, exc.status, exc.code, exc.message)
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):  # type: ignore[no-untyped-def]
        return _render(request, 422, "invalid_request", _describe(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # type: ignore[no-untyped-def]
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = {
            404: "Not found.",
            405: "Method not allowed.",
            413: "The request body is too large.",
        }.get(exc.status_code, code.replace("_", " ").capitalize() + ".")
        return _render(request, exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):  # type: ignore[no-untyped-def]
        log.exception("unhandled error", extra={"path": request.url.path})
        return _render(request, 500, "internal", "Something went wrong on our side.")
