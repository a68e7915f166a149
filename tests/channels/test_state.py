"""Channel state shared by worker processes: dedupe claims, expiry, values; SQLite and (real tier) Redis."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.channels.state import (
    STATE_FILE,
    ChannelState,
    RedisChannelState,
    SQLiteChannelState,
    make_channel_state,
)
from tests.conftest import make_settings


def exercise(state: ChannelState) -> None:
    assert state.claim("update:1", ttl=60) is True
    assert state.claim("update:1", ttl=60) is False
    state.release("update:1")
    assert state.claim("update:1", ttl=60) is True
    assert state.claim("short", ttl=0.05) is True
    time.sleep(0.1)
    assert state.claim("short", ttl=60) is True  # an expired claim can be taken again
    assert state.get("menu:x") is None
    state.put("menu:x", '{"results": 3}', ttl=60)
    assert state.get("menu:x") == '{"results": 3}'
    state.put("gone", "v", ttl=0.05)
    time.sleep(0.1)
    assert state.get("gone") is None


def test_sqlite_state_claims_expire_and_values(tmp_path: Path) -> None:
    exercise(SQLiteChannelState(tmp_path / STATE_FILE))


def test_sqlite_state_one_winner_among_concurrent_workers(tmp_path: Path) -> None:
    """Separate instances on one file, as separate worker processes would have: exactly one claim succeeds."""
    instances = [SQLiteChannelState(tmp_path / STATE_FILE) for _ in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        wins = list(pool.map(lambda s: s.claim("tg-update:42", ttl=60), instances))
    assert wins.count(True) == 1


def test_state_follows_the_conversation_store_setting(tmp_path: Path) -> None:
    assert isinstance(make_channel_state(make_settings(tmp_path)), SQLiteChannelState)
    redis_settings = make_settings(tmp_path, store="redis", redis_url="redis://127.0.0.1:1/0")
    assert isinstance(make_channel_state(redis_settings), RedisChannelState)


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (make test installs it with make system-deps)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    options = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]
    process = subprocess.Popen(
        [server, *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.real
def test_redis_state_claims_expire_and_values(redis_url: str) -> None:
    state = RedisChannelState.from_url(redis_url)
    exercise(state)
    assert RedisChannelState.from_url(redis_url).claim("update:1", ttl=60) is False  # another worker sees the claim
