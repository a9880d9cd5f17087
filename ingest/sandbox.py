"""Parsing in a bounded sandbox: documents are read in a separate worker process with limits on
memory (address space), CPU time and wall-clock time, after a check of how large an archive
unpacks to. A file that exceeds them is refused with its reason; the server's own process, its
memory and its interpreter lock are untouched meanwhile, so it keeps answering.

The worker is started once (forkserver: never a fork of the threaded server) and reused; a
worker that hit a limit is replaced."""

from __future__ import annotations

import io
import multiprocessing
import zipfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from ingest.readers import UnreadableDocument


class TooDemanding(UnreadableDocument):
    """The file would take more memory, time or unpacked space than a document may."""


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 2048  # the worker's address space
    seconds: float = 60.0  # wall-clock time for one document
    cpu_seconds: int = 600  # the worker's CPU time over its life (it is replaced before)
    unpacked_mb: int = 200  # what an archive (DOCX) may unpack to
    ratio: int = 200  # and how many times its packed size


def check_archive(name: str, data: bytes, limits: Limits) -> None:
    """Refuse a zip-based file (DOCX) whose members unpack to more than the limits, from its
    directory alone (nothing is unpacked)."""
    if not data.startswith(b"PK"):
        return
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableDocument("the file is not a valid DOCX archive") from exc
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.unpacked_mb * 1024 * 1024 or unpacked > limits.ratio * max(
        len(data), 64 * 1024
    ):
        raise TooDemanding(
            f"{Path(name).suffix.lstrip('.').upper() or 'The'} file unpacks to "
            f"{unpacked // (1024 * 1024)} MB, more than a document may "
            f"({limits.unpacked_mb} MB): it cannot be read safely"
        )


# -- inside the worker ------------------------------------------------------------------------

_parser: Any = None


def _start(themes_path: str, memory_mb: int, cpu_seconds: int) -> None:
    import resource

    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    global _parser
    from app.core.themes import load_themes

    _parser = load_themes(Path(themes_path))


def _parse(args: tuple) -> Any:
    from ingest.pipeline import parse_document

    try:
        return parse_document(*args, themes=_parser)  # type: ignore[misc]
    except MemoryError:
        raise TooDemanding("the file needs more memory to read than a document may") from None


# -- in the server ----------------------------------------------------------------------------


class Sandbox:
    def __init__(self, themes_path: Path, limits: Limits | None = None) -> None:
        self.themes_path = themes_path
        self.limits = limits or Limits()
        self._pool: ProcessPoolExecutor | None = None
        self._lock = Lock()

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["ingest.pipeline"])
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=context,
                initializer=_start,
                initargs=(str(self.themes_path), self.limits.memory_mb, self.limits.cpu_seconds),
                max_tasks_per_child=50,
            )
        return self._pool

    def _replace(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            pool.shutdown(wait=False, cancel_futures=True)

    def parse(self, name: str, data: bytes, *args: Any) -> Any:
        """`parse_document(name, data, *args)` in the worker, within the limits."""
        check_archive(name, data, self.limits)
        with self._lock:  # one document at a time: the limits are per document
            future = self._executor().submit(_parse, (name, data, *args))
            try:
                return future.result(timeout=self.limits.seconds)
            except FutureTimeout:
                self._replace()
                raise TooDemanding(
                    f"reading the file took longer than {self.limits.seconds:.0f} s, the most "
                    "a document may take"
                ) from None
            except BrokenProcessPool:
                self._replace()
                raise TooDemanding(
                    f"reading the file needed more than {self.limits.memory_mb} MB of memory or "
                    "too much time, more than a document may"
                ) from None

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
