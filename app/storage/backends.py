"""Which storage a deployment runs on, chosen by one `match` on the settings."""

from __future__ import annotations

from app.core.settings import Settings
from app.storage.library import LibraryStore
from app.storage.sqlite import SqliteStore


def open_library(settings: Settings, model_name: str) -> LibraryStore:
    match settings.storage:
        case "embedded":
            from app.storage.embedded import EmbeddedLibrary

            return EmbeddedLibrary(settings.index_dir, model_name)
    raise ValueError(f"unknown storage backend {settings.storage!r}")


def open_records(settings: Settings) -> SqliteStore:
    """Reflection sessions and discussion sets."""
    match settings.storage:
        case "embedded":
            return SqliteStore(settings.data_dir / "reflect.db")
    raise ValueError(f"unknown storage backend {settings.storage!r}")
