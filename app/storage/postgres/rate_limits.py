"""Rate-limit counters in Postgres, so every worker and server counts the same requests: a
storage for the `limits` library (its fixed-window strategy), one row per client and rule."""

from __future__ import annotations

import psycopg
from limits.storage import Storage

from app.storage.postgres import Database

MIGRATIONS = (
    """
    CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        hits INTEGER NOT NULL,
        expires DOUBLE PRECISION NOT NULL
    );
    """,
)
NOW = "extract(epoch from clock_timestamp())"  # the database's clock: one for every server


class PostgresCounters(Storage):
    STORAGE_SCHEME = ["reflect+postgresql"]

    def __init__(self, url: str, **options: float | str | bool) -> None:
        super().__init__(url, wrap_exceptions=False, **options)
        self._db = Database(url, "public", size=4)
        self._db.migrate("rate_limits", MIGRATIONS)

    @property
    def base_exceptions(self) -> type[Exception]:
        return psycopg.Error

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count `amount` more hits in the key's window; a window that has ended starts again."""
        rows = self._db.query(
            f"INSERT INTO rate_limits (key, hits, expires) VALUES (%s, %s, {NOW} + %s)"
            " ON CONFLICT (key) DO UPDATE SET"
            f" hits = CASE WHEN rate_limits.expires <= {NOW} THEN excluded.hits"
            " ELSE rate_limits.hits + excluded.hits END,"
            f" expires = CASE WHEN rate_limits.expires <= {NOW} THEN excluded.expires"
            " ELSE rate_limits.expires END"
            " RETURNING hits",
            (key, amount, expiry),
        )
        return int(rows[0][0])

    def get(self, key: str) -> int:
        rows = self._db.query(
            f"SELECT hits FROM rate_limits WHERE key = %s AND expires > {NOW}", (key,)
        )
        return int(rows[0][0]) if rows else 0

    def get_expiry(self, key: str) -> float:
        rows = self._db.query(f"SELECT expires, {NOW} FROM rate_limits WHERE key = %s", (key,))
        if not rows or rows[0][0] <= rows[0][1]:
            import time

            return time.time()
        return float(rows[0][0])

    def check(self) -> bool:
        try:
            return bool(self._db.query("SELECT 1"))
        except psycopg.Error:
            return False

    def reset(self) -> int | None:
        rows = self._db.query(
            "WITH gone AS (DELETE FROM rate_limits RETURNING 1) SELECT COUNT(*) FROM gone"
        )
        return int(rows[0][0])

    def clear(self, key: str) -> None:
        self._db.query("DELETE FROM rate_limits WHERE key = %s RETURNING key", (key,))

    def close(self) -> None:
        self._db.close()
