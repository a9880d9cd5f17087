"""Which storage a deployment runs on, chosen by one `match` on the settings: embedded (Chroma
and SQLite under the data dir) or Postgres with pgvector (`REFLECT_DATABASE_URL`). A data dir
that cannot be written is opened read-only: the server still answers, and says so."""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from pathlib import Path

from limits.storage import Storage

from app.core.settings import Settings
from app.storage.library import LibraryStore
from app.storage.sqlite import SqliteStore

log = logging.getLogger("reflect")


def writable(folder: Path) -> bool:
    """Can files be created here? (Asked by trying: permissions alone say nothing of a
    read-only file system, and nothing at all to root.)"""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def open_library(settings: Settings, model_name: str) -> LibraryStore:
    match settings.storage:
        case "embedded":
            from app.storage.embedded import EmbeddedLibrary

            if writable(settings.index_dir):
                try:
                    return EmbeddedLibrary(settings.index_dir, model_name)
                except sqlite3.OperationalError:  # a full disk: the write-ahead log cannot grow
                    log.warning("the library cannot be written: serving it read-only")
            return EmbeddedLibrary(settings.index_dir, model_name, read_only=True)
        case "postgres":
            from app.storage.postgres.library import PostgresLibrary

            assert settings.database_url is not None
            return PostgresLibrary(settings.database_url, model_name)
    raise ValueError(f"unknown storage backend {settings.storage!r}")


def open_records(settings: Settings) -> SqliteStore:
    """Reflection sessions and discussion sets."""
    match settings.storage:
        case "embedded":
            path = settings.data_dir / "reflect.db"
            if writable(settings.data_dir):
                try:
                    return SqliteStore(path)
                except sqlite3.OperationalError:
                    log.warning("sessions and sets cannot be written: serving them read-only")
            return SqliteStore(path, read_only=True)
        case "postgres":
            from app.storage.postgres.records import PostgresStore

            assert settings.database_url is not None
            return PostgresStore(settings.database_url)
    raise ValueError(f"unknown storage backend {settings.storage!r}")


def open_counters(settings: Settings) -> Storage | None:
    """Where rate limits count: shared through the database when there is one (every worker
    and server counts the same requests), else in each process's memory (None)."""
    match settings.storage:
        case "postgres":
            from app.storage.postgres.rate_limits import PostgresCounters

            assert settings.database_url is not None
            return PostgresCounters(settings.database_url)
    return None
