"""Postgres + pgvector: the shared backend, for a partnership that runs Reflect on more than
one worker or server (`REFLECT_DATABASE_URL=postgresql://…`). Every worker reads and writes the
same database, so an upload through one is searchable through all at once.

psycopg is imported in this package only. Each store keeps a small connection pool; writes run
in transactions that take an advisory lock, so writers queue as they do on SQLite and a reader
sees a document's old version or its new one, never a mix. Schemas are versioned: numbered
migrations run once, at start, under a lock (two workers starting together do not race).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from app.core.errors import StorageUnavailable, storage_error

POOL_WAIT = 10.0  # seconds a request waits for a connection before it is told to come back
MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS public.schema_migrations (
    component TEXT PRIMARY KEY,
    version INTEGER NOT NULL
)
"""


class Row(tuple):
    """A row read by position or by column name (as sqlite3.Row is)."""

    names: dict[str, int]

    def __getitem__(self, key):  # type: ignore[no-untyped-def, override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def row_factory(cursor: psycopg.Cursor) -> Callable[[Sequence[Any]], Row]:
    names = {c.name: n for n, c in enumerate(cursor.description or ())}

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row.names = names
        return row

    return make


def lock_key(name: str) -> int:
    """A stable advisory-lock key for a name (a signed 32-bit number)."""
    return zlib.crc32(name.encode()) - 2**31


def create_extension(url: str) -> None:
    """pgvector must be installed in the database (a managed Postgres: ask for it once)."""
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone()
        if not found:
            conn.execute("SELECT pg_advisory_lock(%s)", (lock_key("reflect.extension"),))
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")


class Database:
    """A pool of connections to one database, with `search_path` set to a schema."""

    def __init__(
        self,
        url: str,
        schema: str = "public",
        size: int = 4,
        configure: Callable[[psycopg.Connection], None] | None = None,
    ) -> None:
        self.url = url
        self.schema = schema
        options = f"-c search_path={schema},public -c hnsw.ef_search=200"
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=size,
            kwargs={"autocommit": True, "options": options, "row_factory": row_factory},
            configure=configure,
            check=ConnectionPool.check_connection,  # a connection the server dropped is replaced
            open=False,
            name=f"reflect-{schema}",
        )
        try:
            self._pool.open(wait=True, timeout=30)
        except Exception as exc:
            self._pool.close()
            raise ConnectionError(f"cannot reach the database: {type(exc).__name__}") from None
        self._lock = threading.Lock()

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        try:
            with self._pool.connection(timeout=POOL_WAIT) as conn:
                yield conn
        except (psycopg.OperationalError, PoolTimeout) as exc:  # the database is unreachable
            raise StorageUnavailable() from exc

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = (), binary: bool = False
    ) -> list[Row]:
        with self.connection() as conn:
            return conn.execute(sql, params, binary=binary).fetchall()  # type: ignore[arg-type, return-value]

    @contextmanager
    def transaction(self, lock: str) -> Iterator[psycopg.Connection]:
        """All or nothing, one writer of `lock` at a time across every worker and server."""
        try:
            with self._pool.connection(timeout=POOL_WAIT) as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(lock),))
                yield conn
        except PoolTimeout as exc:
            raise StorageUnavailable() from exc
        except psycopg.OperationalError as exc:  # a full disk, a database gone away
            error = storage_error(exc)
            raise (error if error is not exc else StorageUnavailable()) from exc

    def migrate(self, component: str, migrations: Sequence[str]) -> None:
        """Run the migrations this schema has not had yet, each in its own transaction."""
        for number, script in enumerate(migrations, 1):
            with self.transaction(f"reflect.migrate.{self.schema}") as conn:
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS {self.schema}")  # type: ignore[arg-type]
                conn.execute(MIGRATIONS_TABLE.replace("public.", f"{self.schema}."))  # type: ignore[arg-type]
                row = conn.execute(
                    "SELECT version FROM schema_migrations WHERE component = %s", (component,)
                ).fetchone()
                if row is not None and row[0] >= number:
                    continue
                conn.execute(script)  # type: ignore[arg-type]
                conn.execute(
                    "INSERT INTO schema_migrations (component, version) VALUES (%s, %s)"
                    " ON CONFLICT (component) DO UPDATE SET version = excluded.version",
                    (component, number),
                )

    def close(self) -> None:
        self._pool.close()
