"""The conversation stores: one contract, three implementations (memory, SQLite, a real Redis)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest

from bot.store import sqlite as sqlite_store
from bot.store.base import (
    KEPT_TURNS,
    Conversation,
    ConversationBusy,
    ConversationStore,
    MemoryStore,
    StoreError,
    WouldBlock,
    make_store,
    number_turn,
)
from bot.store.redis import RedisStore
from bot.store.sqlite import SQLiteStore
from tests.conftest import make_settings


@pytest.fixture(params=["memory", "sqlite", "redis", "redis-cluster"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConversationStore]:
    made: ConversationStore
    if request.param == "memory":
        made = MemoryStore()
    elif request.param == "sqlite":
        made = SQLiteStore(tmp_path / "conversations.sqlite3")
    elif request.param == "redis":
        made = RedisStore.from_url(request.getfixturevalue("redis_url"), retention_days=30)
    else:  # a real 3-primary cluster: a conversation's keys share a slot, nothing runs across slots
        url = request.getfixturevalue("redis_cluster_url")
        made = make_store(make_settings(tmp_path, store="redis", redis_url=url, redis_cluster=True))
    yield made
    made.close()


def make_conversation(session_id: str = "session-1", *, updated_at: float | None = None) -> Conversation:
    now = time.time() if updated_at is None else updated_at
    return Conversation(session_id=session_id, slots={"area": "Cybersecurity"}, created_at=now, updated_at=now)


def save_turn(store: ConversationStore, conversation: Conversation, user: str = "cybersecurity") -> None:
    turn = {"at": conversation.updated_at, "user": user, "intent": "search_credentials", "bot": [], "results": ["x"]}
    store.save(conversation, number_turn(conversation, turn))


def test_store_saves_loads_and_deletes(store: ConversationStore) -> None:
    assert store.load("session-1") is None
    conversation = make_conversation()
    save_turn(store, conversation)
    loaded = store.load("session-1")
    assert loaded is not None
    assert loaded.slots == {"area": "Cybersecurity"} and loaded.turn_count == 1
    assert [(t["seq"], t["user"]) for t in store.turns("session-1")] == [(1, "cybersecurity")]
    assert store.delete("session-1") is True
    assert store.load("session-1") is None and store.turns("session-1") == []
    assert store.delete("session-1") is False


def test_store_keeps_any_json_a_turn_can_hold(store: ConversationStore) -> None:
    """What the store writes (orjson, falling back to ``json``) reads back equal: non-ASCII text, tuples, and an
    integer past 64 bits from a payload's entities, which orjson refuses."""
    conversation = make_conversation()
    conversation.slots.update(area="Santé", huge=10**30, pair=("a", "b"))
    save_turn(store, conversation, user="j’ai perdu mon emploi 😟")
    loaded = store.load("session-1")
    assert loaded is not None and loaded.slots["area"] == "Santé" and loaded.slots["huge"] == 10**30
    assert list(loaded.slots["pair"]) == ["a", "b"]  # (the memory store keeps the tuple itself)
    assert store.turns("session-1")[0]["user"] == "j’ai perdu mon emploi 😟"


def test_store_keeps_the_last_turns_and_pages_them(store: ConversationStore) -> None:
    conversation = make_conversation()
    for number in range(1, KEPT_TURNS + 31):
        save_turn(store, conversation, f"turn {number}")
    kept = store.turns("session-1")
    assert [t["seq"] for t in kept] == list(range(31, KEPT_TURNS + 31))  # the oldest 30 were dropped
    assert kept[0]["user"] == "turn 31" and kept[-1]["user"] == f"turn {KEPT_TURNS + 30}"
    page = store.turns("session-1", after=40, limit=5)
    assert [t["seq"] for t in page] == [41, 42, 43, 44, 45]
    loaded = store.load("session-1")
    assert loaded is not None and loaded.turn_count == KEPT_TURNS + 30
    store.save(loaded)  # a save without a turn keeps the turns
    assert len(store.turns("session-1")) == KEPT_TURNS


def test_store_first_turn_of_a_restarted_conversation_starts_the_history_afresh(store: ConversationStore) -> None:
    conversation = make_conversation()
    for number in range(5):
        save_turn(store, conversation, f"before {number}")
    restarted = make_conversation()  # idle too long: same id, empty slots, numbering from 1
    save_turn(store, restarted, "after")
    assert [(t["seq"], t["user"]) for t in store.turns("session-1")] == [(1, "after")]


def test_store_claims_one_purge_at_a_time_and_one_per_period(store: ConversationStore) -> None:
    with store.claim_purge(3600) as first:
        assert first is True
        with store.claim_purge(0) as meanwhile:
            assert meanwhile is False  # a purge is running
    with store.claim_purge(3600) as again:
        assert again is False  # one purged less than an hour ago


def test_store_purges_only_old_conversations(store: ConversationStore) -> None:
    now = time.time()
    save_turn(store, make_conversation("old-one", updated_at=now - 40 * 86400))
    save_turn(store, make_conversation("recent", updated_at=now - 86400))
    assert store.purge(now - 30 * 86400) == 1
    assert store.load("old-one") is None and store.turns("old-one") == []
    assert store.load("recent") is not None and len(store.turns("recent")) == 1


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
            store.save(
                conversation, number_turn(conversation, {"user": f"turn {number}", "seen": conversation.slots["count"]})
            )
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
    assert [t["seen"] for t in store.turns("busy")] == list(range(1, 13))  # each turn saw all the turns before it


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


def lock_in_another_process(path: Path, session_id: str) -> subprocess.Popen[str]:
    """A process holding ``session_id``'s lock of the SQLite store at ``path`` (returns once it holds it)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import time; from pathlib import Path; from bot.store.sqlite import SQLiteStore;"
            f"store = SQLiteStore(Path({str(path)!r}));"
            f"lock = store.lock({session_id!r}); lock.__enter__(); print('locked', flush=True); time.sleep(60)"
        )],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_sqlite_lock_of_a_killed_process_is_released(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    holder = lock_in_another_process(path, "stale")
    assert holder.stdout is not None
    store = SQLiteStore(path)
    with pytest.raises(ConversationBusy), patch("bot.store.sqlite.LOCK_WAIT_SECONDS", 0.3), store.lock("stale"):
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
    store = RedisStore.from_url("redis://127.0.0.1:1/0", retention_days=1)
    with pytest.raises(StoreError):
        store.load("anything")


def test_make_store_follows_settings(tmp_path: Path, redis_url: str) -> None:
    assert isinstance(make_store(make_settings(tmp_path, store="memory")), MemoryStore)
    sqlite = make_store(make_settings(tmp_path, store="sqlite"))
    assert isinstance(sqlite, SQLiteStore) and sqlite.path.parent == tmp_path
    assert isinstance(make_store(make_settings(tmp_path, store="redis", redis_url=redis_url)), RedisStore)


# --- nonblocking(): calls the event loop may make ---------------------------------------------------------------
@pytest.fixture(params=["memory", "sqlite"])
def local_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MemoryStore | SQLiteStore]:
    made = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "conversations.sqlite3")
    yield made
    made.close()


def test_nonblocking_lock_held_by_another_thread_raises_at_once(local_store: MemoryStore | SQLiteStore) -> None:
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with local_store.lock("s1"):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(5)
    started = time.monotonic()
    with pytest.raises(WouldBlock), local_store.nonblocking(), local_store.lock("s1"):
        pass
    assert time.monotonic() - started < 0.5
    with local_store.nonblocking(), local_store.lock("s2"):  # another conversation: free
        local_store.save(make_conversation("s2"))
    release.set()
    thread.join()
    with local_store.nonblocking(), local_store.lock("s1"):  # released: taken at once
        pass
    assert local_store.load("s2") is not None


def test_nonblocking_sqlite_lock_held_by_another_process_raises(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    holder = lock_in_another_process(path, "busy")
    try:
        store = SQLiteStore(path)
        with pytest.raises(WouldBlock), store.nonblocking(), store.lock("busy"):
            pass
        with pytest.raises(ConversationBusy), patch("bot.store.sqlite.LOCK_WAIT_SECONDS", 0.2), store.lock("busy"):
            pass  # outside nonblocking() the store waits, as before
        store.close()
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()


def test_nonblocking_sqlite_save_never_waits_for_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = SQLiteStore(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's write transaction holds the database's write lock
    started = time.monotonic()
    with pytest.raises(WouldBlock), store.nonblocking():
        store.save(make_conversation("s1"))
    assert time.monotonic() - started < 0.5
    assert store.load("s1") is None  # nothing was written

    saved = threading.Thread(target=store.save, args=(make_conversation("s1"),))
    saved.start()  # a worker thread waits for the writer instead
    time.sleep(0.2)
    assert saved.is_alive()
    other.execute("COMMIT")
    saved.join(5)
    assert not saved.is_alive() and store.load("s1") is not None
    other.close()
    store.close()


def test_nonblocking_sqlite_saves_checkpoint_the_wal_in_the_background(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = SQLiteStore(path)
    with (
        patch("bot.store.sqlite.CHECKPOINT_EVERY", 50),
        patch.object(SQLiteStore, "checkpoint", autospec=True, side_effect=SQLiteStore.checkpoint) as checkpoint,
    ):
        for i in range(120):
            try:
                with store.nonblocking():
                    store.save(make_conversation(f"s{i}"))
            except WouldBlock:  # a checkpoint holds the write lock: the service saves in a thread instead
                store.save(make_conversation(f"s{i}"))
        store.close()  # waits for the queued checkpoints
    assert checkpoint.call_count == 2
    assert all(call.args[0] is store for call in checkpoint.call_args_list)
    reopened = SQLiteStore(path)
    assert reopened.load("s119") is not None
    reopened.close()


# --- conversations stored by earlier versions (every turn inside one JSON value) are kept ---------------------------
def legacy_value(session_id: str, turns: int) -> str:
    every_turn = [{"at": 1.0, "user": f"turn {n}"} for n in range(1, turns + 1)]
    slots = {"area": "Cybersecurity"}
    return json.dumps(
        {"session_id": session_id, "slots": slots, "created_at": 1.0, "updated_at": time.time(), "turns": every_turn}
    )


def test_sqlite_moves_the_turns_of_earlier_versions_into_rows(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    old = sqlite3.connect(path)  # the schema and a row as the previous version wrote them
    old.execute("CREATE TABLE conversations (session_id TEXT PRIMARY KEY, data TEXT NOT NULL, "
                "created_at REAL NOT NULL, updated_at REAL NOT NULL)")  # fmt: skip
    old.execute(
        "INSERT INTO conversations VALUES (?, ?, 1.0, ?)", ("old-one", legacy_value("old-one", 130), time.time())
    )
    old.commit()
    old.close()
    store = SQLiteStore(path)
    loaded = store.load("old-one")
    assert loaded is not None and loaded.slots == {"area": "Cybersecurity"} and loaded.turn_count == 130
    assert [t["seq"] for t in store.turns("old-one")] == list(range(31, 131))
    assert store.turns("old-one")[-1]["user"] == "turn 130"
    save_turn(store, loaded, "next")
    assert store.turns("old-one")[-1] == {**store.turns("old-one")[-1], "seq": 131, "user": "next"}
    store.close()


def test_sqlite_moves_turns_kept_without_rowid_into_the_rowid_table(tmp_path: Path) -> None:
    """A file of version 2 (turns keyed by (session_id, seq), WITHOUT ROWID) keeps its turns, and saves go on."""
    path = tmp_path / "c.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE conversations (session_id TEXT PRIMARY KEY, data TEXT NOT NULL, created_at REAL NOT NULL,"
        " updated_at REAL NOT NULL);"
        "CREATE TABLE turns (session_id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,"
        " PRIMARY KEY (session_id, seq)) WITHOUT ROWID;"
    )
    data = {"session_id": "v2", "slots": {"area": "Trades"}, "created_at": 1.0, "updated_at": 2.0, "turn_count": 2}
    old.execute("INSERT INTO conversations VALUES ('v2', ?, 1.0, ?)", (json.dumps(data), time.time()))
    old.executemany("INSERT INTO turns VALUES ('v2', ?, ?)", [(n, json.dumps({"user": f"turn {n}"})) for n in (1, 2)])
    old.execute("PRAGMA user_version=2")
    old.commit()
    old.close()
    store = SQLiteStore(path)
    loaded = store.load("v2")
    assert loaded is not None and loaded.turn_count == 2
    assert [(t["seq"], t["user"]) for t in store.turns("v2")] == [(1, "turn 1"), (2, "turn 2")]
    save_turn(store, loaded, "third")
    assert [t["seq"] for t in store.turns("v2")] == [1, 2, 3]
    store.close()
    check = sqlite3.connect(path)
    made = check.execute("SELECT sql FROM sqlite_master WHERE name = 'turns'").fetchone()[0]
    assert "WITHOUT ROWID" not in made.upper()
    assert check.execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION == 3
    check.close()


def test_redis_moves_a_conversation_of_earlier_versions_when_first_read(redis_url: str) -> None:
    store = RedisStore.from_url(redis_url, retention_days=30)
    store.client.set("advisor:conv:old-one", legacy_value("old-one", 3))
    store.client.zadd("advisor:active", {"old-one": time.time()})
    loaded = store.load("old-one")
    assert loaded is not None and loaded.turn_count == 3 and loaded.slots == {"area": "Cybersecurity"}
    assert [(t["seq"], t["user"]) for t in store.turns("old-one")] == [(1, "turn 1"), (2, "turn 2"), (3, "turn 3")]
    assert store.client.exists("advisor:conv:old-one") == 0
    store.client.set("advisor:conv:older", legacy_value("older", 1))
    store.client.zadd("advisor:active", {"older": time.time() - 90 * 86400})
    assert store.purge(time.time() - 30 * 86400) == 1  # never read since: purged where it lies
    assert store.client.exists("advisor:conv:older") == 0
    store.close()


def _held_write_lock(path: Path) -> sqlite3.Connection:
    """Another process's writer, mid-save: SQLite's write lock taken and not yet released."""
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_nonblocking_save_waits_briefly_for_another_writer(tmp_path: Path) -> None:
    """The loop's save meets another writer's lock: it pauses (the other save ends meanwhile) and saves."""
    path = tmp_path / "c.sqlite3"
    store = SQLiteStore(path)
    other = _held_write_lock(path)
    release = patch("bot.store.sqlite.time.sleep", side_effect=lambda _: other.execute("COMMIT"))
    with release as pause, store.nonblocking():
        store.save(make_conversation("s1"), {"seq": 1, "at": 1.0, "user": "hi"})
    assert pause.call_count == 1
    assert store.load("s1") is not None and len(store.turns("s1")) == 1
    other.close()
    store.close()


def test_a_nonblocking_save_gives_up_on_a_long_held_lock_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = SQLiteStore(path)
    other = _held_write_lock(path)
    with patch("bot.store.sqlite.time.sleep") as pause, pytest.raises(WouldBlock), store.nonblocking():
        store.save(make_conversation("s1"), {"seq": 1, "at": 1.0, "user": "hi"})
    assert pause.call_count == sqlite_store.BUSY_RETRIES
    other.execute("COMMIT")
    assert store.load("s1") is None and store.turns("s1") == []
    other.close()
    store.close()
