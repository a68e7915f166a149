"""The conversation-store seam: where a conversation's slots and turns live between messages.

Implementations: ``MemoryStore`` here (tests, one process), ``bot.store.sqlite.SQLiteStore`` (the default, a file
under the data directory) and ``bot.store.redis.RedisStore`` (several workers or hosts). ``make_store`` picks one
from the settings. Every store serialises the turns of one conversation with ``lock(session_id)`` - across
processes for SQLite and Redis - so turns are applied one at a time, each seeing the one before.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import orjson

if TYPE_CHECKING:
    from bot.settings import Settings

KEPT_TURNS = 100  # a conversation keeps its last 100 turns: a turn's cost never grows with the conversation's age
LOCK_TIMEOUT_SECONDS = 30.0  # a lock outlives a crashed holder by at most this long
LOCK_WAIT_SECONDS = 10.0  # a turn waits this long for the conversation's previous turn, then gets 503


def dumps(value: Any) -> str:
    """``value`` as compact JSON, non-ASCII kept as is: what every store writes. orjson, not ``json``: a turn writes
    two documents (the slots, the turn), 25-30 µs of the event loop with ``json.dumps`` and ~2 µs with orjson. What
    orjson refuses (an integer past 64 bits from a payload's entities) is written by ``json``, as before."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class StoreError(Exception):
    """The conversation store cannot serve now (down, locked too long); the request may be retried."""

    def __init__(self, reason: str, *, retry_after: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class WouldBlock(Exception):
    """Raised inside ``nonblocking()`` by a store call that would have to wait (a lock held elsewhere, another
    writer). Nothing was written; the caller runs the turn again where waiting is allowed (a worker thread)."""


class ConversationBusy(StoreError):
    """Another turn of the same conversation held its lock longer than ``LOCK_WAIT_SECONDS``."""


@dataclass
class Conversation:
    """What a turn reads and writes: the slots and a little bookkeeping. The turns themselves are rows of their own
    (``ConversationStore.turns``), appended one at a time by ``save(conversation, turn)``: a turn never loads or
    rewrites the history."""

    session_id: str
    slots: dict[str, Any] = field(default_factory=dict)
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)
    turn_count: int = 0  # turns ever appended; the last one's ``seq`` (the oldest kept is ``turn_count - 99``)

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "slots": dict(self.slots),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "turn_count": self.turn_count,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conversation:
        return cls(
            session_id=str(data["session_id"]),
            slots=dict(data.get("slots") or {}),
            created_at=float(data.get("created_at", 0.0)),
            updated_at=float(data.get("updated_at", 0.0)),
            turn_count=int(data.get("turn_count", 0)),
        )

    def copy(self) -> Conversation:
        return replace(self, slots=dict(self.slots))


def number_turn(conversation: Conversation, turn: dict[str, Any]) -> dict[str, Any]:
    """Count ``turn`` in ``conversation`` and return it with its ``seq`` (1, 2, ...: the paging cursor)."""
    conversation.turn_count += 1
    return {**turn, "seq": conversation.turn_count}


class ConversationStore(Protocol):
    def load(self, session_id: str) -> Conversation | None:
        """The conversation's slots and bookkeeping (not its turns), or None."""
        ...

    def save(self, conversation: Conversation, turn: dict[str, Any] | None = None) -> None:
        """Store the conversation and, when given, append ``turn`` (numbered by ``number_turn``), dropping turns
        older than the last ``KEPT_TURNS``; one atomic write whose cost does not depend on the history's length.
        A turn numbered 1 starts the history afresh (a conversation restarted after idling keeps no old turns)."""
        ...

    def turns(self, session_id: str, *, after: int = 0, limit: int = KEPT_TURNS) -> list[dict[str, Any]]:
        """Up to ``limit`` kept turns with ``seq`` greater than ``after``, oldest first."""
        ...

    def delete(self, session_id: str) -> bool: ...

    def lock(self, session_id: str) -> Any:
        """A context manager serialising the turns of one conversation."""
        ...

    def purge(self, older_than: float) -> int:
        """Delete conversations last active before ``older_than`` (epoch seconds); return how many."""
        ...

    def claim_purge(self, every: float) -> Any:
        """A context manager yielding True when this caller should purge now: no other purge is running (in any
        worker or host sharing the store) and none finished in the last ``every`` seconds. Never waits."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class NonBlockingStore(Protocol):
    """A store on this machine whose calls can be made from the event loop: within ``nonblocking()`` (this thread
    only) a call that would wait raises ``WouldBlock`` instead. SQLite and memory stores have it; Redis, a network
    round trip per call, does not."""

    def nonblocking(self) -> Any:
        """A context manager."""
        ...


class ThreadFlag(threading.local):
    """A per-thread switch: ``nonblocking()`` turns it on for the calls made inside it."""

    on = False


@contextmanager
def flag_on(flag: ThreadFlag) -> Iterator[None]:
    before, flag.on = flag.on, True
    try:
        yield
    finally:
        flag.on = before


class MemoryStore:
    """In-process store for tests and single-process runs. Conversations are lost when the process ends.

    Bounded (review L12): at most ``max_conversations``, the least recently saved dropped first, and a conversation's
    turns and lock are forgotten with it."""

    def __init__(self, *, max_conversations: int = 10_000) -> None:
        self.max_conversations = max_conversations
        self._data: OrderedDict[str, Conversation] = OrderedDict()
        self._turns: dict[str, deque[dict[str, Any]]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._purging = threading.Lock()
        self._last_purge = 0.0
        self._nowait = ThreadFlag()

    def nonblocking(self) -> AbstractContextManager[None]:
        return flag_on(self._nowait)

    def load(self, session_id: str) -> Conversation | None:
        found = self._data.get(session_id)
        return None if found is None else found.copy()

    def save(self, conversation: Conversation, turn: dict[str, Any] | None = None) -> None:
        with self._guard:
            self._data[conversation.session_id] = conversation.copy()
            self._data.move_to_end(conversation.session_id)
            if turn is not None:
                if turn["seq"] == 1:
                    self._turns.pop(conversation.session_id, None)
                self._turns.setdefault(conversation.session_id, deque(maxlen=KEPT_TURNS)).append(turn)
            while len(self._data) > self.max_conversations:
                self._forget(next(iter(self._data)))

    def turns(self, session_id: str, *, after: int = 0, limit: int = KEPT_TURNS) -> list[dict[str, Any]]:
        kept = list(self._turns.get(session_id, ()))
        return [t for t in kept if t.get("seq", 0) > after][:limit]

    def _forget(self, session_id: str) -> bool:
        """Drop a conversation, its turns and its lock unless someone holds it (callers hold ``_guard``)."""
        self._turns.pop(session_id, None)
        found = self._data.pop(session_id, None) is not None
        lock = self._locks.get(session_id)
        if lock is not None and not lock.locked():
            del self._locks[session_id]
        return found

    def delete(self, session_id: str) -> bool:
        with self._guard:
            return self._forget(session_id)

    def purge(self, older_than: float) -> int:
        with self._guard:
            old = [sid for sid, c in self._data.items() if c.updated_at < older_than]
            for sid in old:
                self._forget(sid)
        return len(old)

    @contextmanager
    def claim_purge(self, every: float) -> Iterator[bool]:
        if not self._purging.acquire(blocking=False):
            yield False
            return
        try:
            due = time.time() - self._last_purge >= every
            yield due
            if due:
                self._last_purge = time.time()
        finally:
            self._purging.release()

    def close(self) -> None:
        pass

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(session_id, threading.Lock())
        if not lock.acquire(blocking=not self._nowait.on):
            raise WouldBlock(session_id)
        try:
            yield
        finally:
            lock.release()
            with self._guard:  # no lock kept for a conversation that is not (or no longer) stored
                if session_id not in self._data and self._locks.get(session_id) is lock and not lock.locked():
                    del self._locks[session_id]


def make_store(settings: Settings) -> ConversationStore:
    """The store the settings ask for: ``sqlite`` (default), ``redis`` or ``memory``."""
    if settings.store == "memory":
        return MemoryStore()
    if settings.store == "redis":
        from bot.store.redis import RedisStore

        return RedisStore.from_settings(settings)
    from bot.store.sqlite import SQLiteStore

    return SQLiteStore(settings.data_dir / "conversations.sqlite3")
