"""The default conversation store: one SQLite file under the data directory, in WAL mode.

A conversation is a small row (its slots) plus its turns, one row each in ``turns``: a turn inserts one row and
deletes the one that fell out of the last ``KEPT_TURNS``, so its cost does not grow with the conversation's age. All
of that is one ``INSERT`` into the view ``turn_saves``, whose trigger does the three writes: one statement, so
SQLite's write lock is held only while SQLite runs it (an explicit BEGIN ... COMMIT held it across Python code, and a
GIL switch there kept other processes' saves waiting; two workers went from 583 to 382 turns/s). The WAL is bounded:
a PASSIVE checkpoint runs in the background every ``CHECKPOINT_EVERY`` saves, and a TRUNCATE one when the WAL has
grown past ``WAL_LIMIT_BYTES`` (see ``checkpoint``).

Every save is its own committed transaction before the reply leaves, so a process killed between turns (even by
SIGKILL) loses nothing. WAL with ``synchronous=NORMAL`` gives exactly that guarantee without an fsync per commit;
only a power cut or kernel crash could drop the last commits (``synchronous=FULL`` would cost ~3 fsyncs per turn).

The turns of one conversation are serialised across processes by an advisory ``flock`` on one of
``LOCK_STRIPES`` lock files beside the database (chosen by a hash of the id). The kernel releases it when its
holder dies, even by SIGKILL, and taking it writes nothing to the database, so turns of different conversations
never queue on SQLite's single writer. The writes of one process's threads go through one at a time (the event
loop's do not queue behind them: see below).

``nonblocking()`` lets the event loop call the store: inside it this thread uses a second connection that never
waits (busy timeout 0), the locks are tried once, and anything that would wait raises ``WouldBlock`` before a
write. The one wait it allows: a save that meets another writer's lock (a save takes a tenth of a millisecond) is tried
again after a few pauses of 0.3 ms (``BUSY_RETRIES``) rather than sending the whole turn to a thread, which costs more
and, under load, cascaded (59% of the turns of one worker ran twice before; 1-5% now). That
connection does not checkpoint the WAL itself (a checkpoint can fsync); every ``CHECKPOINT_EVERY`` of its saves a
background thread does.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from bot.store.base import (
    KEPT_TURNS,
    LOCK_WAIT_SECONDS,
    Conversation,
    ConversationBusy,
    StoreError,
    ThreadFlag,
    WouldBlock,
    dumps,
    flag_on,
)

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    session_id TEXT PRIMARY KEY,
    data       TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_updated ON conversations(updated_at);
-- A rowid table: each turn is appended at its end, and only the small (session_id, seq) key goes into the middle of
-- a b-tree. Keyed by (session_id, seq) itself (WITHOUT ROWID), the ~1 KB turns went in among those of other
-- conversations, splitting pages: a save took 40-45 µs more.
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    data       TEXT NOT NULL,
    UNIQUE (session_id, seq)
);
DROP TABLE IF EXISTS locks;
-- A turn is saved by one INSERT into this (empty) view: the trigger upserts the slots, drops the turn that fell out
-- of the last ``keep`` (all of them on a first turn) and adds the new one, as one statement. One statement holds
-- SQLite's write lock only while SQLite runs it, never across Python code (a GIL switch between the statements of
-- an explicit transaction kept the lock for milliseconds, and other processes' saves had to wait).
CREATE VIEW IF NOT EXISTS turn_saves AS
    SELECT NULL AS session_id, NULL AS data, NULL AS created_at, NULL AS updated_at,
           NULL AS seq, NULL AS turn, NULL AS keep WHERE 0;
"""
_SAVE_TURN = """
CREATE TRIGGER IF NOT EXISTS save_turn INSTEAD OF INSERT ON turn_saves BEGIN
    INSERT INTO conversations (session_id, data, created_at, updated_at)
        VALUES (NEW.session_id, NEW.data, NEW.created_at, NEW.updated_at)
        ON CONFLICT(session_id) DO UPDATE SET data = excluded.data, created_at = excluded.created_at,
            updated_at = excluded.updated_at;
    DELETE FROM turns WHERE session_id = NEW.session_id AND (NEW.seq = 1 OR seq <= NEW.seq - NEW.keep);
    INSERT OR REPLACE INTO turns (session_id, seq, data) VALUES (NEW.session_id, NEW.seq, NEW.turn);
END
"""
# 1 (or 0): turns inside the conversation's JSON; 2: turns as rows of their own, keyed by (session_id, seq); 3: the
# same rows in a rowid table
SCHEMA_VERSION = 3
LOCK_STRIPES = 1024  # lock files; two conversations share one with probability 1/1024 (they then take turns)
MMAP_BYTES = 256 * 2**20
CHECKPOINT_EVERY = 100  # saves made with nonblocking() between two WAL checkpoints (run in a background thread)
# (Saves made in threads use SQLite's own checkpoint after a commit, which runs inside this process's write lock.)
# A TRUNCATE checkpoint empties the WAL once it is past this (and journal_size_limit cuts it back to this when it
# restarts). 4 MB meant a TRUNCATE, which stops the saves and syncs twice, every ~150 turns: each turn adds ~27 KB of
# frames (6-7 pages); at 16 MB it is every ~600 turns, and two workers answered 4% more turns a second.
WAL_LIMIT_BYTES = 16 * 2**20
BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
BUSY_RETRIES = 3  # in nonblocking(): a save meeting another process's write lock tries again this often...
BUSY_PAUSE_SECONDS = 0.0003  # ...after this pause each (at most ~1 ms of the event loop, against a turn run twice)


class SQLiteStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._thread_locks: dict[str, tuple[threading.Lock, int]] = {}  # lock and how many threads want it
        self._write = threading.Lock()
        self._truncating = False  # a TRUNCATE checkpoint is waiting or running: the event loop's saves step aside
        self._nowait = ThreadFlag()
        self._nowait_writes = 0
        self._checkpoints: ThreadPoolExecutor | None = None
        self._lock_dir = path.parent / f"{path.name}.locks"
        self._lock_dir.mkdir(exist_ok=True)
        self._lock_prefix = os.path.join(self._lock_dir, "")  # lock paths are built on every turn: plain strings
        self._purge_file = path.parent / f"{path.name}.purge"
        with self._errors("open"):
            conn = self._conn()
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            self._migrate(conn)
            conn.execute(_SAVE_TURN)  # (after the migration, which may rebuild the table it writes to)
            self._page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Bring a file written by an earlier version up to date: move turns stored inside the JSON (version 1) into
        rows of their own, keeping the last ``KEPT_TURNS``, and turns kept WITHOUT ROWID (version 2) into the rowid
        table. Once per file: the schema version is checked again inside the write transaction."""
        if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                self._rowid_turns(conn)
            if version < 2:
                rows = conn.execute("SELECT session_id, data FROM conversations").fetchall()
                for session_id, raw in rows:
                    data = json.loads(raw)
                    turns = data.pop("turns", None)
                    if turns is None:
                        continue
                    data["turn_count"] = len(turns)
                    first = len(turns) - min(len(turns), KEPT_TURNS) + 1
                    conn.executemany(
                        "INSERT OR REPLACE INTO turns (session_id, seq, data) VALUES (?, ?, ?)",
                        [(session_id, first + i, dumps(t)) for i, t in enumerate(turns[-KEPT_TURNS:])],
                    )
                    conn.execute("UPDATE conversations SET data = ? WHERE session_id = ?", (dumps(data), session_id))
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _rowid_turns(conn: sqlite3.Connection) -> None:
        """A ``turns`` table made WITHOUT ROWID (version 2) rebuilt as the rowid table ``_SCHEMA`` makes today, its
        rows kept (inside the caller's transaction)."""
        made = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'turns'").fetchone()
        if made is None or "WITHOUT ROWID" not in made[0].upper():
            return
        conn.execute("CREATE TABLE turns_v3 (session_id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, "
                     "UNIQUE (session_id, seq))")  # fmt: skip
        conn.execute("INSERT INTO turns_v3 (session_id, seq, data) SELECT session_id, seq, data FROM turns")
        conn.execute("DROP TRIGGER IF EXISTS save_turn")  # (it names the table; made again once the table is back)
        conn.execute("DROP TABLE turns")
        conn.execute("ALTER TABLE turns_v3 RENAME TO turns")

    def nonblocking(self) -> AbstractContextManager[None]:
        return flag_on(self._nowait)

    @contextmanager
    def _errors(self, operation: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            if self._nowait.on and getattr(exc, "sqlite_errorcode", None) in BUSY:
                raise WouldBlock(operation) from exc  # another writer holds the file: the caller waits elsewhere
            logger.error("sqlite store: %s failed: %s", operation, exc)
            raise StoreError(f"conversation store unavailable ({operation})") from exc

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """This process's threads write one at a time (so they never sleep in SQLite's busy handler for each other).
        The event loop (``nonblocking()``) does not queue here: SQLite's own lock decides, and a busy lock is tried
        again briefly (``_execute_write``) before ``WouldBlock``; a loop waiting on a thread that sleeps in the busy
        handler had sent 4% of the turns to threads, and each such turn runs twice."""
        if self._nowait.on:
            if self._truncating:  # the checkpoint goes first, or the loop's saves would starve it
                raise WouldBlock("write")
            yield
            return
        with self._write:
            yield

    def _conn(self) -> sqlite3.Connection:
        nowait = self._nowait.on
        name = "nowait_conn" if nowait else "conn"
        conn: sqlite3.Connection | None = getattr(self._local, name, None)
        if conn is None:
            # One connection per thread (routes run in a thread pool); autocommit, explicit BEGIN where needed.
            wait = 0.0 if nowait else LOCK_WAIT_SECONDS
            conn = sqlite3.connect(self.path, timeout=wait, isolation_level=None, check_same_thread=False)
            if nowait:
                conn.execute("PRAGMA wal_autocheckpoint=0")  # see CHECKPOINT_EVERY
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
            # Reads through a memory map rather than a read() per page: a store of many conversations stays as
            # fast as a small one (a save on a 145k-conversation file: 0.12 -> 0.07 ms here). Address space only.
            conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            conn.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
            setattr(self._local, name, conn)
            with self._guard:
                self._connections.append(conn)
        return conn

    def load(self, session_id: str) -> Conversation | None:
        with self._errors("load"):
            row = self._conn().execute("SELECT data FROM conversations WHERE session_id = ?", (session_id,)).fetchone()
        return None if row is None else Conversation.from_dict(json.loads(row[0]))

    def save(self, conversation: Conversation, turn: dict[str, Any] | None = None) -> None:
        data = dumps(conversation.to_dict())
        if turn is None:
            sql = (
                "INSERT INTO conversations (session_id, data, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(session_id) DO UPDATE SET data = excluded.data, created_at = excluded.created_at, "
                "updated_at = excluded.updated_at"
            )
            row: tuple[Any, ...] = (conversation.session_id, data, conversation.created_at, conversation.updated_at)
        else:  # one statement, atomic (see the save_turn trigger)
            sql = (
                "INSERT INTO turn_saves (session_id, data, created_at, updated_at, seq, turn, keep) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)"
            )
            body = dumps({k: v for k, v in turn.items() if k != "seq"})
            row = (conversation.session_id, data, conversation.created_at, conversation.updated_at,
                   int(turn["seq"]), body, KEPT_TURNS)  # fmt: skip
        with self._errors("save"), self._writing():
            self._execute_write(sql, row)
        if self._nowait.on:
            self._nowait_writes += 1
            if self._nowait_writes % CHECKPOINT_EVERY == 0:
                self._checkpoint_later()

    def _execute_write(self, sql: str, row: tuple[Any, ...]) -> None:
        """One write statement. In ``nonblocking()``, when another process holds SQLite's write lock (its save takes
        a tenth of a millisecond), it is tried again after short sleeps, ``BUSY_RETRIES`` times, before the caller
        hears ``WouldBlock``: with two workers 7% of turns met a busy lock, and each then ran again in a thread."""
        conn = self._conn()
        for attempt in range(BUSY_RETRIES + 1):
            try:
                conn.execute(sql, row)
                return
            except sqlite3.OperationalError as exc:
                busy = getattr(exc, "sqlite_errorcode", None) in BUSY
                if not (busy and self._nowait.on) or attempt == BUSY_RETRIES:
                    raise
            time.sleep(BUSY_PAUSE_SECONDS)  # nothing was written; the GIL is free for the other threads meanwhile

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")  # takes the write lock now (or raises busy at once in nonblocking())
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def turns(self, session_id: str, *, after: int = 0, limit: int = KEPT_TURNS) -> list[dict[str, Any]]:
        with self._errors("turns"):
            rows = (
                self._conn()
                .execute(
                    "SELECT seq, data FROM turns WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                    (session_id, after, limit),
                )
                .fetchall()
            )
        return [{**json.loads(raw), "seq": seq} for seq, raw in rows]

    def _checkpoint_later(self) -> None:
        if self._checkpoints is None:
            self._checkpoints = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-checkpoint")
        self._checkpoints.submit(self.checkpoint)

    def checkpoint(self) -> None:
        """Copy the WAL's pages into the database file, in a background thread, without stopping the saves.

        A PASSIVE checkpoint takes no write lock: saves (this process's on the event loop, other processes') go on
        beside it. Beside a steady stream of saves it never catches up with the last frame, though, so SQLite would
        never restart the WAL and the file would grow without end (20 MB after 2,000 turns of 2 KB here). So when
        the WAL is past ``WAL_LIMIT_BYTES`` a TRUNCATE checkpoint follows under this process's write lock: it has
        only the frames written since the PASSIVE one left to copy, and it empties the file."""
        try:
            with self._errors("checkpoint"):
                conn = self._conn()
                _, frames, _ = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                if frames * self._page_size > WAL_LIMIT_BYTES:
                    self._truncating = True
                    try:
                        with self._write:
                            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    finally:
                        self._truncating = False
        except StoreError:
            pass  # logged; the next checkpoint catches up

    def delete(self, session_id: str) -> bool:
        with self._errors("delete"), self._writing(), self._transaction() as conn:
            conn.execute("DELETE FROM turns WHERE session_id = ?", (session_id,))
            cursor = conn.execute("DELETE FROM conversations WHERE session_id = ?", (session_id,))
        return cursor.rowcount > 0

    def purge(self, older_than: float) -> int:
        with self._errors("purge"), self._writing(), self._transaction() as conn:
            conn.execute(
                "DELETE FROM turns WHERE session_id IN (SELECT session_id FROM conversations WHERE updated_at < ?)",
                (older_than,),
            )
            cursor = conn.execute("DELETE FROM conversations WHERE updated_at < ?", (older_than,))
        removed = cursor.rowcount
        if removed:
            self.checkpoint()
        return removed

    @contextmanager
    def claim_purge(self, every: float) -> Iterator[bool]:
        """A ``flock`` on a file beside the database (released by the kernel if the holder dies), which also
        records when the last purge finished: one purge at a time, at most one per ``every`` seconds, per host."""
        fd = os.open(self._purge_file, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False  # another worker is purging
                return
            try:
                last = os.read(fd, 64).decode(errors="replace").strip()
                due = time.time() - _float_or_zero(last) >= every
                yield due
                if due:
                    os.ftruncate(fd, 0)
                    os.pwrite(fd, f"{time.time():.3f}".encode(), 0)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        # Threads of this process queue on a plain lock; the file lock orders them against other processes.
        with self._guard:
            thread_lock, waiting = self._thread_locks.get(session_id, (threading.Lock(), 0))
            self._thread_locks[session_id] = (thread_lock, waiting + 1)
        try:
            if self._nowait.on:
                if not thread_lock.acquire(blocking=False):
                    raise WouldBlock("lock")
            elif not thread_lock.acquire(timeout=LOCK_WAIT_SECONDS):
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

    def _lock_file(self, session_id: str) -> str:
        stripe = int.from_bytes(hashlib.blake2b(session_id.encode(), digest_size=4).digest(), "big") % LOCK_STRIPES
        return f"{self._lock_prefix}{stripe:04d}.lock"

    def _locked(self, session_id: str) -> Iterator[None]:
        """Hold the conversation's file lock while the caller runs (the body of ``lock``)."""
        try:
            fd = os.open(self._lock_file(session_id), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError("conversation store unavailable (lock)") from exc
        try:
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            pause = 0.0005
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    # Only another process's turn of this conversation (or a rare stripe-mate) holds it.
                    if self._nowait.on:
                        raise WouldBlock("lock") from None
                    if time.monotonic() > deadline:
                        raise ConversationBusy("another message of this conversation is still being answered") from None
                    time.sleep(pause)
                    pause = min(pause * 2, 0.02)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def close(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.shutdown(wait=True)
            self._checkpoints = None
        with self._guard:
            connections, self._connections = self._connections, []
        for conn in connections:
            conn.close()
        self._local = threading.local()


def _float_or_zero(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0
