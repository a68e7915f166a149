"""The conversation-store seam: where a conversation's slots and turns live between messages."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass
class Conversation:
    session_id: str
    slots: dict[str, Any] = field(default_factory=dict)
    turns: list[dict[str, Any]] = field(default_factory=list)
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)


class ConversationStore(Protocol):
    def load(self, session_id: str) -> Conversation | None: ...

    def save(self, conversation: Conversation) -> None: ...

    def delete(self, session_id: str) -> bool: ...

    def lock(self, session_id: str) -> Any:
        """A context manager serialising the turns of one conversation."""
        ...


class MemoryStore:
    """In-process store for tests and single-process runs. Conversations are lost when the process ends."""

    def __init__(self) -> None:
        self._data: dict[str, Conversation] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def load(self, session_id: str) -> Conversation | None:
        found = self._data.get(session_id)
        if found is None:
            return None
        return Conversation(found.session_id, dict(found.slots), list(found.turns), found.created_at, found.updated_at)

    def save(self, conversation: Conversation) -> None:
        self._data[conversation.session_id] = conversation

    def delete(self, session_id: str) -> bool:
        return self._data.pop(session_id, None) is not None

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(session_id, threading.Lock())
        with lock:
            yield
