"""The meeting's clock, kept on the server so every screen (and a resumed session) shows the
same time: a start time while running, and the seconds counted before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.storage.sessions import SessionRecord, Timer


@dataclass(frozen=True)
class Clock:
    """The meeting's clock as every screen shows it."""

    running: bool
    elapsed: float
    remaining: float


def clock(record: SessionRecord, at: datetime | None = None) -> Clock:
    t = record.timer
    elapsed = t.elapsed
    if t.started:
        since = (at or datetime.now(UTC)) - datetime.fromisoformat(t.started)
        elapsed += max(since.total_seconds(), 0.0)
    return Clock(t.started is not None, elapsed, record.timer_minutes * 60 - elapsed)


def after(record: SessionRecord, action: str) -> Timer:
    """The stored timer after `start`, `pause` or `reset`."""
    now = clock(record)
    if action == "start":
        started = datetime.now(UTC).isoformat(timespec="seconds")
        return record.timer if now.running else Timer(started, record.timer.elapsed)
    if action == "pause":
        return Timer(None, now.elapsed)
    return Timer(None, 0.0)  # reset
