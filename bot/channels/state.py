"""Small shared state the channels keep between webhook calls: delivery ids already seen, button tokens, menus.

Webhooks can land on any worker process, so this cannot live in process memory. With ``ADVISOR_STORE=redis`` it is
kept in the same Redis as the conversations (``SET NX EX``); otherwise in a small SQLite file
(``<data dir>/channels.sqlite3``, WAL mode) that every worker on the host shares. Nothing personal is stored here:
keys are platform delivery ids, keyed hashes and payload hashes; values are button payloads and menu shapes.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from bot.settings import Settings

logger = logging.getLogger(__name__)

STATE_FILE = "channels.sqlite3"
_PURGE_EVERY = 200  # claims between sweeps of expired rows


class ChannelState(Protocol):
    def claim(self, key: str, *, ttl: float) -> bool:
        """Record ``key``; True the first time (or after it expired), False when it was already recorded."""
        ...

    def release(self, key: str) -> None:
        """Forget ``key`` so that a redelivery is processed (used when handling it failed)."""
        ...

    def put(self, key: str, value: str, *, ttl: float) -> None: ...

    def get(self, key: str) -> str | None: ...


class SQLiteChannelState:
    """A key/value table with expiry in one SQLite file; safe across threads and processes on one host."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._claims = 0
        self._guard = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS channel_keys (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at REAL)"
            )

    def _connect(self) -> sqlite3.Connection:
        # A connection per operation: cheap for SQLite, and no connection is shared between threads.
        db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        db.execute("PRAGMA busy_timeout=5000")
        return db

    def _run(self, sql: str, params: tuple[Any, ...]) -> int:
        """Execute one statement; the number of rows it changed."""
        db = self._connect()
        try:
            return db.execute(sql, params).rowcount
        finally:
            db.close()

    def claim(self, key: str, *, ttl: float) -> bool:
        now = time.time()
        # One statement, so two workers receiving the same delivery cannot both win.
        changed = self._run(
            "INSERT INTO channel_keys (key, value, expires_at) VALUES (?, '1', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at "
            "WHERE channel_keys.expires_at < ?",
            (key, now + ttl, now),
        )
        with self._guard:
            self._claims += 1
            sweep = self._claims % _PURGE_EVERY == 0
        if sweep:
            self._run("DELETE FROM channel_keys WHERE expires_at < ?", (now,))
        return changed == 1

    def release(self, key: str) -> None:
        self._run("DELETE FROM channel_keys WHERE key = ?", (key,))

    def put(self, key: str, value: str, *, ttl: float) -> None:
        self._run(
            "INSERT OR REPLACE INTO channel_keys (key, value, expires_at) VALUES (?, ?, ?)",
            (key, value, time.time() + ttl),
        )

    def get(self, key: str) -> str | None:
        db = self._connect()
        try:
            row = db.execute(
                "SELECT value FROM channel_keys WHERE key = ? AND expires_at >= ?", (key, time.time())
            ).fetchone()
        finally:
            db.close()
        return None if row is None else str(row[0])


class RedisChannelState:
    """The same operations on Redis, shared by every worker that shares the conversation store. Each operation is
    one command on one key, so it works unchanged on Redis Cluster and through a Sentinel failover."""

    def __init__(self, client: Any, *, prefix: str = "advisor:channels:") -> None:
        self._redis = client  # a client made with decode_responses=True
        self._prefix = prefix

    @classmethod
    def from_url(cls, url: str) -> RedisChannelState:
        import redis

        return cls(redis.Redis.from_url(url, decode_responses=True))

    def claim(self, key: str, *, ttl: float) -> bool:
        return bool(self._redis.set(self._prefix + key, "1", nx=True, px=int(ttl * 1000)))

    def release(self, key: str) -> None:
        self._redis.delete(self._prefix + key)

    def put(self, key: str, value: str, *, ttl: float) -> None:
        self._redis.set(self._prefix + key, value, px=int(ttl * 1000))

    def get(self, key: str) -> str | None:
        value = self._redis.get(self._prefix + key)
        return None if value is None else str(value)


def make_channel_state(settings: Settings) -> ChannelState:
    if settings.store == "redis":
        from bot.store.redis_client import connect

        return RedisChannelState(connect(settings, decode_responses=True))
    return SQLiteChannelState(settings.data_dir / STATE_FILE)


_create_guard = threading.Lock()


def get_channel_state(app_state: Any) -> ChannelState:
    """The app's channel state, created on first use (channels that are never called cost nothing)."""
    with _create_guard:
        state: ChannelState | None = getattr(app_state, "channel_state", None)
        if state is None:
            state = make_channel_state(app_state.settings)
            app_state.channel_state = state
        return state
