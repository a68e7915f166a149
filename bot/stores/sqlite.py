"""The default conversation store: one SQLite file under the data directory, in WAL mode.

Every save is its own committed transaction with ``synchronous=FULL``, so a turn is on disk before its reply leaves
and a process killed between turns loses nothing. The turns of one conversation are serialised across processes
by a lock row (``locks`` table) taken with ``BEGIN IMMEDIATE``; a row left behind by a crashed process expires after
``LOCK_TIMEOUT_SECONDS``, or at once when its owner is a dead process on this host.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.store import LOCK_TIMEOUT_SECONDS, LOCK_WAIT_SECONDS, Conversation, ConversationBusy, StoreError

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    session_id TEXT PRIMARY KEY,
    data       TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_updated ON conversations(updated_at);
CREATE TABLE IF NOT EXISTS locks (
    session_id TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at REAL NOT NULL
);
"""


def _owner_alive(owner: str) -> bool:
    """Whether the process named in a lock row may still hold it (only processes of this host can be checked)."""
    host, _, rest = owner.partition("|")
    pid_text = rest.partition("|")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return True
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SQLiteStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._thread_locks: dict[str, tuple[threading.Lock, int]] = {}  # lock and how many threads want it
        with self._errors("open"):
            conn = self._conn()
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)

    @contextmanager
    def _errors(self, operation: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            logger.error("sqlite store: %s failed: %s", operation, exc)
            raise StoreError(f"conversation store unavailable ({operation})") from exc

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # One connection per thread (routes run in a thread pool); autocommit, explicit BEGIN where needed.
            conn = sqlite3.connect(self.path, timeout=LOCK_WAIT_SECONDS, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute(f"PRAGMA busy_timeout={int(LOCK_WAIT_SECONDS * 1000)}")
            self._local.conn = conn
            with self._guard:
                self._connections.append(conn)
        return conn

    def load(self, session_id: str) -> Conversation | None:
        with self._errors("load"):
            row = self._conn().execute("SELECT data FROM conversations WHERE session_id = ?", (session_id,)).fetchone()
        return None if row is None else Conversation.from_dict(json.loads(row[0]))

    def save(self, conversation: Conversation) -> None:
        data = json.dumps(conversation.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self._errors("save"):
            self._conn().execute(
                "INSERT INTO conversations (session_id, data, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(session_id) DO UPDATE SET data = excluded.data, created_at = excluded.created_at, "
                "updated_at = excluded.updated_at",
                (conversation.session_id, data, conversation.created_at, conversation.updated_at),
            )

    def delete(self, session_id: str) -> bool:
        with self._errors("delete"):
            cursor = self._conn().execute("DELETE FROM conversations WHERE session_id = ?", (session_id,))
        return cursor.rowcount > 0

    def purge(self, older_than: float) -> int:
        with self._errors("purge"):
            conn = self._conn()
            cursor = conn.execute("DELETE FROM conversations WHERE updated_at < ?", (older_than,))
            conn.execute("DELETE FROM locks WHERE expires_at < ?", (time.time(),))
        return cursor.rowcount

    def _try_lock(self, session_id: str, owner: str) -> bool:
        conn = self._conn()
        now = time.time()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM locks WHERE session_id = ? AND expires_at < ?", (session_id, now))
            row = conn.execute("SELECT owner FROM locks WHERE session_id = ?", (session_id,)).fetchone()
            if row is not None and not _owner_alive(row[0]):
                logger.warning("sqlite store: taking over a lock left by a process that died")
                conn.execute("DELETE FROM locks WHERE session_id = ?", (session_id,))
            cursor = conn.execute(
                "INSERT OR IGNORE INTO locks (session_id, owner, expires_at) VALUES (?, ?, ?)",
                (session_id, owner, now + LOCK_TIMEOUT_SECONDS),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return cursor.rowcount == 1

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        # Threads of this process queue on a plain lock; the lock row orders them against other processes.
        with self._guard:
            thread_lock, waiting = self._thread_locks.get(session_id, (threading.Lock(), 0))
            self._thread_locks[session_id] = (thread_lock, waiting + 1)
        try:
            if not thread_lock.acquire(timeout=LOCK_WAIT_SECONDS):
                raise ConversationBusy("another message of this conversation is still being answered")
            try:
                yield from self._locked(session_id)
            finally:
                thread_lock.release()
        finally:
            with self._guard:
                lock_now, waiting = self._thread_locks[session_id]
                if waiting <= 1:
                    del self._thread_locks[session_id]
                else:
                    self._thread_locks[session_id] = (lock_now, waiting - 1)

    def _locked(self, session_id: str) -> Iterator[None]:
        """Hold the lock row of ``session_id`` while the caller runs (the body of ``lock``)."""
        owner = f"{socket.gethostname()}|{os.getpid()}|{uuid.uuid4().hex}"
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        pause = 0.002
        with self._errors("lock"):
            while not self._try_lock(session_id, owner):
                if time.monotonic() > deadline:
                    raise ConversationBusy("another message of this conversation is still being answered")
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
        try:
            yield
        finally:
            with self._errors("unlock"):
                self._conn().execute("DELETE FROM locks WHERE session_id = ? AND owner = ?", (session_id, owner))

    def close(self) -> None:
        with self._guard:
            connections, self._connections = self._connections, []
        for conn in connections:
            conn.close()
        self._local = threading.local()
