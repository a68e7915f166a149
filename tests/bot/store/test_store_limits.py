"""The security review's storage probes against a real server (uvicorn, SQLite): H2 (a turn's cost and the files'
size do not grow with a conversation's age) and L3 (health, readiness and metrics never wait behind turns)."""

from __future__ import annotations

import shutil
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bot.runtime import Runtime
from bot.store.sqlite import WAL_LIMIT_BYTES
from tests.bot.conftest import LiveServer
from tests.bot.store.test_store import lock_in_another_process

pytestmark = pytest.mark.real

StartServer = Callable[..., LiveServer]
RELAXED = {"rate_limit_session": "1000000/minute", "rate_limit_client": "1000000/minute"}
THANKS = "thanks" + "!" * 1990  # matches a rule (no model), and stores about 2 KB of text per turn


def own_data_dir(fake_runtime: Runtime, tmp_path: Path) -> Path:
    """The fake runtime's index in a data directory of this test's own (so the database holds only its turns)."""
    data_dir = tmp_path / "data"
    shutil.copytree(fake_runtime.settings.data_dir, data_dir, ignore=shutil.ignore_patterns("*.sqlite3*"))
    return data_dir


def files_bytes(data_dir: Path) -> dict[str, int]:
    files = data_dir.glob("conversations.sqlite3*")
    return {p.name: p.stat().st_size for p in files if p.is_file() and p.suffix != ".purge"}


def test_h2_two_thousand_turns_cost_the_same_and_the_files_stay_small(
    live_server: StartServer, fake_runtime: Runtime, tmp_path: Path
) -> None:
    data_dir = own_data_dir(fake_runtime, tmp_path)
    server = live_server(store="sqlite", embedder="fake", data_dir=str(data_dir), **RELAXED)
    latencies: list[float] = []
    controls: list[float] = []  # a young conversation's turns, each right after one of the measured window's
    with httpx.Client(base_url=server.url, timeout=30) as http:

        def timed(session_id: str) -> float:
            started = time.perf_counter()
            response = http.post("/chat", json={"session_id": session_id, "message": THANKS})
            assert response.status_code == 200, response.text
            return time.perf_counter() - started

        session_id = http.post("/chat", json={"message": "hi"}).json()["session_id"]
        for number in range(2000):
            if number in (0, 1750):
                control = http.post("/chat", json={"message": "hi"}).json()["session_id"]
            latencies.append(timed(session_id))
            if number < 250 or number >= 1750:
                controls.append(timed(control))
        first, last = statistics.median(latencies[:250]), statistics.median(latencies[-250:])
        young_first, young_last = statistics.median(controls[:250]), statistics.median(controls[250:])
        sizes = files_bytes(data_dir)
        print(f"H2: p50 first 250 {first * 1000:.2f} ms, last 250 {last * 1000:.2f} ms (a young conversation meanwhile:"
              f" {young_first * 1000:.2f}, {young_last * 1000:.2f} ms); files {sizes}")  # fmt: skip
        # Against a young conversation timed in the same moments: other work on a shared machine slows both alike.
        growth = (last / young_last) / (first / young_first)
        assert growth <= 1.5, f"the last 250 turns cost {growth:.2f} x the first 250 (raw p50 {first=:.4f} {last=:.4f})"
        # The WAL is emptied past its limit (checked every CHECKPOINT_EVERY saves); the database stays small.
        assert sum(sizes.values()) < WAL_LIMIT_BYTES + 8 * 2**20, f"database and WAL reached {sizes}"

        # The transcript keeps the last 100 turns and serves them a page at a time.
        pages, cursor = [], None
        while True:
            params = {"cursor": cursor} if cursor else {}
            page = http.get("/conversations", headers={"X-Session-Id": session_id}, params=params).json()
            pages.append(page["turns"])
            cursor = page["next_cursor"]
            if cursor is None:
                break
    assert [len(p) for p in pages] == [50, 50]
    seqs = [t["seq"] for page in pages for t in page]
    assert seqs == list(range(1902, 2002))  # "hi" was turn 1: the last 100 of 2,001
    assert all(t["user"] == THANKS for page in pages for t in page)


def test_l3_probes_answer_at_once_while_turns_wait_for_a_held_lock(
    live_server: StartServer, fake_runtime: Runtime, tmp_path: Path
) -> None:
    """Another process holds a conversation's lock; 30 turns of it wait in the turn threads (more than there are).
    Meanwhile every /healthz, /readyz and /metrics answers in milliseconds; once released, every turn is stored."""
    data_dir = own_data_dir(fake_runtime, tmp_path)
    server = live_server(store="sqlite", embedder="fake", data_dir=str(data_dir), turn_threads="2", **RELAXED)
    session_id = httpx.post(f"{server.url}/chat", json={"message": "hello"}).json()["session_id"]
    holder = lock_in_another_process(data_dir / "conversations.sqlite3", session_id)
    statuses: list[int] = []

    def send(number: int) -> None:
        body = {"session_id": session_id, "message": f"thanks {number}"}
        statuses.append(httpx.post(f"{server.url}/chat", json=body, timeout=60).status_code)

    senders = [threading.Thread(target=send, args=(n,)) for n in range(30)]
    try:
        for sender in senders:
            sender.start()
        time.sleep(0.5)  # the turns have reached the server and wait for the lock
        slowest: dict[str, float] = {}
        with httpx.Client(base_url=server.url, timeout=10) as http:
            for _ in range(20):
                for path in ("/healthz", "/readyz", "/metrics"):
                    started = time.perf_counter()
                    assert http.get(path).status_code == 200
                    slowest[path] = max(slowest.get(path, 0.0), time.perf_counter() - started)
        assert not statuses, "the turns should still be waiting for the lock"
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    for sender in senders:
        sender.join(30)
    print("L3: slowest probe ms", {k: round(v * 1000, 1) for k, v in slowest.items()})
    assert max(slowest.values()) < 0.25, f"a probe waited: {slowest}"  # before: past a 10 s timeout
    assert statuses == [200] * 30
    turns = httpx.get(f"{server.url}/conversations/{session_id}", params={"limit": 100}).json()["turns"]
    assert sorted(t["user"] for t in turns[1:]) == sorted(f"thanks {n}" for n in range(30))
