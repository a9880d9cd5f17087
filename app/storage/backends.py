"""Which storage a deployment runs on, chosen by one `match` on the settings. A data dir that
cannot be written is opened read-only: the server still answers, and says so."""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from pathlib import Path

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
    raise ValueError(f"unknown storage backend {settings.storage!r}")
