"""Input limits that protect the service: request bodies capped while they are read (chunked
uploads included), and per-client rate limits (the `limits` library: in memory, or shared
through the database)."""

from __future__ import annotations

import math

from limits import parse
from limits.storage import MemoryStorage, Storage
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter, RateLimiter
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web.errors import ApiError, send_error


class BodyTooLarge(HTTPException):
    """An HTTPException, so the framework's body parsing passes it on as a 413."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


class BodySizeLimit:
    """Refuse a body over `limit` bytes (uploads: `upload_limit`) as soon as it is seen,
    whether announced by Content-Length or streamed in chunks."""

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_upload = scope["path"].rstrip("/") == "/api/documents" and scope["method"] == "POST"
        limit = self.upload_limit if is_upload else self.limit
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _too_large(send, limit)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, limit)


async def _too_large(send: Send, limit: int) -> None:
    await send_error(send, 413, "too_large", f"The request body is over {limit} bytes.")


class RateLimits:
    """Per-client limits: counted in this process's memory (a moving window), or, given a
    shared storage, in one place for every worker and server (a fixed window)."""

    def __init__(self, rules: dict[str, str], shared: Storage | None = None) -> None:
        self._limiter: RateLimiter = (
            MovingWindowRateLimiter(MemoryStorage())
            if shared is None
            else FixedWindowRateLimiter(shared)
        )
        self._shared = shared
        self._rules = {name: parse(rule) for name, rule in rules.items() if rule}

    def close(self) -> None:
        close = getattr(self._shared, "close", None)
        if close is not None:
            close()

    def hit(self, name: str, client: str) -> None:
        """Count one request; 429 with Retry-After when the client is over its limit."""
        rule = self._rules.get(name)
        if rule is None or self._limiter.hit(rule, name, client):
            return
        reset = self._limiter.get_window_stats(rule, name, client).reset_time
        import time

        retry = max(1, math.ceil(reset - time.time()))
        raise ApiError(
            429,
            "rate_limited",
            f"Too many requests; try again in {retry} s.",
            headers={"Retry-After": str(retry)},
        )
