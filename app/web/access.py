"""API keys: when REFLECT_API_KEYS is set, /api and /v1 need one (Authorization: Bearer KEY
or X-API-Key), and so do the API's own description (/docs, /openapi.json). Pages stay open:
deployments put single sign-on in front of them."""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Receive, Scope, Send

from app.web.errors import send_error

PROTECTED = ("/api/", "/v1/", "/docs", "/openapi.json", "/redoc")


class ApiKeys:
    def __init__(self, app: ASGIApp, keys: list[str], admin_token: str | None) -> None:
        self.app = app
        self.keys = [k.encode() for k in keys if k] + (
            [admin_token.encode()] if admin_token else []
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(PROTECTED) and not self._ok(scope):
            await send_error(
                send,
                401,
                "unauthorized",
                "An API key is required.",
                ((b"www-authenticate", b"Bearer"),),
            )
            return
        await self.app(scope, receive, send)

    def _ok(self, scope: Scope) -> bool:
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-api-key") or headers.get(b"authorization", b"").removeprefix(
            b"Bearer "
        )
        return any(hmac.compare_digest(given.strip(), k) for k in self.keys)
