"""Appending events: one JSON-lines file per host, worker process and UTC day, and retention by day.

Layout: ``<dir>/events/day=YYYY-MM-DD/<host>-<pid>.jsonl``. A file has one writer, so several workers and hosts
never interleave; DuckDB reads the folders as one table (``bot.insights.report``) and ``advisor insights export``
merges them into Parquet. A day's folder older than the retention period is removed when a writer opens a new day.

An append never fails a turn: any error (a full disk, a file removed or made unwritable under us) is logged once a
minute, counted in ``advisor_insights_write_errors_total``, and the event is dropped; the next append reopens.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import TextIO

from prometheus_client import Counter

from bot.insights.events import Event

logger = logging.getLogger(__name__)

WRITE_ERRORS = Counter("advisor_insights_write_errors", "Analytics events dropped because they could not be written")
EVENTS_DIR = "events"
DAY_PREFIX = "day="


def day_of(now: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(now))


_day_cache: tuple[int, str] = (-1, "")


def _day_cached(now: float) -> str:
    global _day_cache
    number = int(now // 86400)
    if _day_cache[0] != number:
        _day_cache = (number, day_of(now))
    return _day_cache[1]


def purge_days(events_dir: Path, *, keep_days: int, now: float) -> int:
    """Remove the day folders older than ``keep_days``; returns how many went."""
    oldest = day_of(now - keep_days * 86400)
    removed = 0
    if not events_dir.is_dir():
        return 0
    for folder in events_dir.iterdir():
        if folder.name.startswith(DAY_PREFIX) and folder.name[len(DAY_PREFIX) :] < oldest:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


class EventWriter:
    def __init__(self, directory: Path, *, retention_days: int, host: str | None = None) -> None:
        self.events_dir = directory / EVENTS_DIR
        self.retention_days = retention_days
        self._name = f"{(host or socket.gethostname()).replace('/', '_')}-{os.getpid()}.jsonl"
        self._day: str | None = None
        self._file: TextIO | None = None
        self._lock = threading.Lock()
        self._last_warning = 0.0
        self.errors = 0

    def append(self, event: Event, *, now: float | None = None) -> bool:
        """Write one event; False (logged and counted) when it could not be written. Never raises."""
        try:
            line = event.to_json() + "\n"
            day = _day_cached(time.time() if now is None else now)
            with self._lock:
                handle = self._file if day == self._day and self._file is not None else self._open(day, now)
                handle.write(line)
                handle.flush()
            return True
        except Exception as exc:
            self._failed(exc)
            return False

    def _open(self, day: str, now: float | None) -> TextIO:
        self._close()
        folder = self.events_dir / f"{DAY_PREFIX}{day}"
        folder.mkdir(parents=True, exist_ok=True)
        # Once a day per worker (and after an error): retention needs no cron job.
        purge_days(self.events_dir, keep_days=self.retention_days, now=time.time() if now is None else now)
        handle = (folder / self._name).open("a", encoding="utf-8")
        self._file, self._day = handle, day
        return handle

    def _failed(self, exc: Exception) -> None:
        self.errors += 1
        WRITE_ERRORS.inc()
        with self._lock:
            self._close()  # reopened by the next append
        if time.monotonic() - self._last_warning > 60:
            self._last_warning = time.monotonic()
            logger.warning("analytics event dropped (%s: %s); the turn was answered", type(exc).__name__, exc)

    def _close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
        self._file = None
        self._day = None

    def close(self) -> None:
        with self._lock:
            self._close()
