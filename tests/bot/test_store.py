"""The conversation stores: one contract, three implementations (memory, SQLite, a real Redis)."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest

from bot.store import Conversation, ConversationBusy, ConversationStore, MemoryStore, StoreError, make_store
from bot.stores.redis import RedisStore
from bot.stores.sqlite import SQLiteStore
from tests.conftest import make_settings


@pytest.fixture(params=["memory", "sqlite", "redis"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConversationStore]:
    made: ConversationStore
    if request.param == "memory":
        made = MemoryStore()
    elif request.param == "sqlite":
        made = SQLiteStore(tmp_path / "conversations.sqlite3")
    else:
        made = RedisStore(request.getfixturevalue("redis_url"), retention_days=30)
    yield made
    made.close()


def make_conversation(session_id: str = "session-1", *, updated_at: float | None = None) -> Conversation:
    now = time.time() if updated_at is None else updated_at
    return Conversation(
        session_id=session_id,
        slots={"area": "Cybersecurity"},
        turns=[{"at": now, "user": "cybersecurity", "intent": "search_credentials", "bot": [], "results": ["x"]}],
        created_at=now,
        updated_at=now,
    )


def test_store_saves_loads_and_deletes(store: ConversationStore) -> None:
    assert store.load("session-1") is None
    store.save(make_conversation())
    loaded = store.load("session-1")
    assert loaded is not None
    assert loaded.slots == {"area": "Cybersecurity"} and loaded.turns[0]["user"] == "cybersecurity"
    assert store.delete("session-1") is True
    assert store.load("session-1") is None
    assert store.delete("session-1") is False


def test_store_purges_only_old_conversations(store: ConversationStore) -> None:
    now = time.time()
    store.save(make_conversation("old-one", updated_at=now - 40 * 86400))
    store.save(make_conversation("recent", updated_at=now - 86400))
    assert store.purge(now - 30 * 86400) == 1
    assert store.load("old-one") is None
    assert store.load("recent") is not None


def test_store_lock_serialises_turns_of_one_conversation(store: ConversationStore) -> None:
    """Twelve threads read-modify-write one conversation; with the lock none of their turns is lost."""
    store.save(Conversation(session_id="busy", slots={"count": 0}))
    inside = 0
    most_inside = 0
    guard = threading.Lock()

    def turn(number: int) -> None:
        nonlocal inside, most_inside
        with store.lock("busy"):
            with guard:
                inside += 1
                most_inside = max(most_inside, inside)
            conversation = store.load("busy")
            assert conversation is not None
            time.sleep(0.005)
            conversation.slots["count"] += 1
            conversation.turns.append({"user": f"turn {number}", "seen": conversation.slots["count"]})
            store.save(conversation)
            with guard:
                inside -= 1

    threads = [threading.Thread(target=turn, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = store.load("busy")
    assert final is not None
    assert most_inside == 1
    assert final.slots["count"] == 12
    assert [t["seen"] for t in final.turns] == list(range(1, 13))  # each turn saw all the turns before it


def test_store_locks_of_different_conversations_do_not_wait(store: ConversationStore) -> None:
    with store.lock("first"):
        started = time.monotonic()
        with store.lock("second"):
            pass
        assert time.monotonic() - started < 1


def test_sqlite_store_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "conversations.sqlite3"
    first = SQLiteStore(path)
    first.save(make_conversation())
    first.close()
    second = SQLiteStore(path)
    assert second.load("session-1") is not None
    assert second.path.exists()
    second.close()


def test_sqlite_lock_of_a_killed_process_is_released(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys, time; from pathlib import Path; from bot.stores.sqlite import SQLiteStore;"
            f"store = SQLiteStore(Path({str(path)!r}));"
            "lock = store.lock('stale'); lock.__enter__(); print('locked', flush=True); time.sleep(60)"
        )],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    store = SQLiteStore(path)
    with pytest.raises(ConversationBusy), patch("bot.stores.sqlite.LOCK_WAIT_SECONDS", 0.3), store.lock("stale"):
        pass  # held by the live process
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    started = time.monotonic()
    with store.lock("stale"):
        pass
    assert time.monotonic() - started < 2
    store.close()


def test_redis_store_down_raises_store_error() -> None:
    store = RedisStore("redis://127.0.0.1:1/0", retention_days=1)
    with pytest.raises(StoreError):
        store.load("anything")


def test_make_store_follows_settings(tmp_path: Path, redis_url: str) -> None:
    assert isinstance(make_store(make_settings(tmp_path, store="memory")), MemoryStore)
    sqlite = make_store(make_settings(tmp_path, store="sqlite"))
    assert isinstance(sqlite, SQLiteStore) and sqlite.path.parent == tmp_path
    assert isinstance(make_store(make_settings(tmp_path, store="redis", redis_url=redis_url)), RedisStore)
