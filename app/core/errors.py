"""Errors carry their HTTP status; the web layer renders them. Messages never echo user input."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"No such {what}.")


class StorageFull(ApiError):
    """The disk is full: nothing was written."""

    def __init__(self) -> None:
        super().__init__(
            507,
            "insufficient_storage",
            "The server's disk is full, so nothing was saved. Please tell your administrator.",
        )


class ReadOnly(ApiError):
    """The data dir cannot be written: the server only reads."""

    def __init__(self) -> None:
        super().__init__(
            503,
            "read_only",
            "This Reflect server is read-only at the moment: nothing can be saved.",
        )


def storage_error(exc: Exception) -> Exception:
    """What a failed write means to the user: a full disk, a read-only store, or neither."""
    message = str(exc).lower()
    if "full" in message or "no space" in message:
        return StorageFull()
    if "readonly" in message or "read-only" in message or "permission" in message:
        return ReadOnly()
    return exc


class StorageUnavailable(ApiError):
    """The database cannot be reached: nothing was read or written."""

    def __init__(self) -> None:
        super().__init__(
            503,
            "storage_unavailable",
            "Reflect cannot reach its database at the moment, so nothing was saved. Please try "
            "again in a minute.",
            headers={"Retry-After": "30"},
        )
