"""Who is asking, as far as the request proves it: the admin token, a verified API key, a user
and team vouched for by a trusted single-sign-on proxy, the access keys of sessions and sets
they hold, and their network address (the proxy's `X-Forwarded-For` only when it is a trusted
proxy). Rate limits count these people, never a header anyone can vary; sessions and sets open
only to their owners.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from functools import lru_cache

from fastapi import Request, Response

from app.core.settings import Settings
from app.storage.sessions import Ownership

KEY_HEADER = "x-access-key"


def new_access_key() -> str:
    return secrets.token_urlsafe(24)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.strip().encode()).hexdigest()


@dataclass(frozen=True)
class Caller:
    admin: bool = False
    api_key: str | None = None  # a digest of the verified API key, never the key
    user: str | None = None  # from the trusted proxy
    team: str | None = None
    key_hashes: frozenset[str] = frozenset()
    address: str = "-"

    @property
    def bucket(self) -> str:
        """Whom a rate limit counts."""
        if self.api_key:
            return f"key:{self.api_key}"
        if self.user:
            return f"user:{self.user}"
        return f"ip:{self.address}"

    def owns(self, key_hash_: str | None, owner: str | None, team: str | None) -> bool:
        """May this caller open a session or set with this key, owner and team?"""
        if self.admin:
            return True
        if key_hash_ and any(hmac.compare_digest(key_hash_, h) for h in self.key_hashes):
            return True
        if owner and self.user and owner == self.user:
            return True
        return bool(team and self.team and team == self.team)


@lru_cache(maxsize=8)
def _networks(spec: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    out = []
    for part in spec.split(","):
        if part.strip():
            out.append(ipaddress.ip_network(part.strip(), strict=False))
    return tuple(out)


def _trusted(address: str, settings: Settings) -> bool:
    if not settings.trusted_proxies:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(settings.trusted_proxies))


def _bearer(request: Request) -> str:
    return request.headers.get("authorization", "").removeprefix("Bearer ").strip()


def caller(request: Request, settings: Settings) -> Caller:
    peer = request.client.host if request.client else "-"
    trusted = _trusted(peer, settings)
    address = peer
    if trusted and (forwarded := request.headers.get("x-forwarded-for")):
        address = forwarded.split(",")[-1].strip() or peer  # the hop the proxy saw
    given = _bearer(request) or request.headers.get("x-api-key", "").strip()
    admin = (
        bool(settings.admin_token)
        and bool(given)
        and hmac.compare_digest(given.encode(), (settings.admin_token or "").encode())
    )
    api_key = None
    if given and settings.api_keys:
        for key in (k.strip() for k in settings.api_keys.split(",")):
            if key and hmac.compare_digest(given.encode(), key.encode()):
                api_key = key_hash(key)[:16]
    user = team = None
    if trusted and settings.trusted_user_header:
        user = request.headers.get(settings.trusted_user_header) or None
        if settings.trusted_team_header:
            team = request.headers.get(settings.trusted_team_header) or None
    given_keys = [*request.headers.get(KEY_HEADER, "").split(","), *cookie_keys(request)]
    keys = frozenset(key_hash(k) for k in given_keys if k.strip())
    return Caller(admin, api_key, user, team, keys, address)


COOKIE = "reflect_access"
COOKIE_KEYS = 60  # the most recent keys a browser holds (a cookie holds about 4 KB)


def cookie_keys(request: Request) -> list[str]:
    return [k for k in request.cookies.get(COOKIE, "").split(".") if k][-COOKIE_KEYS:]


def remember_key(request: Request, response: Response, key: str) -> None:
    """The creator's browser keeps the key in a same-site, script-proof cookie; a share link
    (`#key=…`) gives it to another browser."""
    keys = [k for k in cookie_keys(request) if k != key] + [key]
    response.set_cookie(
        COOKIE,
        ".".join(keys[-COOKIE_KEYS:]),
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def may_open(who: Caller, ownership: Ownership) -> bool:
    """A session or set opens to whoever holds its key, its owner and their team, and the
    admin. One made before ownership existed opens to the admin only."""
    return who.owns(ownership.key_hash, ownership.owner, ownership.team)
