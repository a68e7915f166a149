"""Real servers: uvicorn worker processes sharing Redis, SIGKILL between turns with SQLite, the real model."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bot.runtime import Runtime
from tests.bot.conftest import LiveServer

pytestmark = pytest.mark.real

StartServer = Callable[..., LiveServer]
PROVIDER = '/search_credentials{"provider":"Durham College"}'  # a button payload: adds a slot, keeps the area
LIMITS = {"rate_limit_session": "10000/minute", "rate_limit_client": "10000/minute"}


def chat(server: LiveServer, message: str, session_id: str | None = None) -> dict[str, object]:
    body: dict[str, object] = {"message": message}
    if session_id:
        body["session_id"] = session_id
    response = httpx.post(f"{server.url}/chat", json=body, timeout=30)
    assert response.status_code == 200, response.text
    reply: dict[str, object] = response.json()
    return reply


def transcript(server: LiveServer, session_id: str) -> dict[str, object]:
    response = httpx.get(f"{server.url}/conversations/{session_id}", timeout=30)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_two_workers_share_one_conversation_through_redis(
    live_server: StartServer, fake_runtime: Runtime, redis_url: str, tmp_path: Path
) -> None:
    # The index under the fake runtime's data directory is already built: both processes only load it.
    common = {"store": "redis", "redis_url": redis_url, "embedder": "fake", **LIMITS,
              "data_dir": str(fake_runtime.settings.data_dir)}  # fmt: skip
    metrics_dir = tmp_path / "metrics"  # prometheus multiprocess mode: /metrics adds up both processes
    metrics_dir.mkdir()
    env = {"PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    first, second = live_server(env, **common), live_server(env, **common)
    assert first.port != second.port

    reply = chat(first, "cybersecurity")
    session_id = str(reply["session_id"])
    assert reply["slots"]["area"] == "Cybersecurity"  # type: ignore[index]
    reply = chat(second, "more", session_id)
    assert reply["slots"]["area"] == "Cybersecurity"  # type: ignore[index]
    reply = chat(first, PROVIDER, session_id)
    assert reply["slots"]["area"] == "Cybersecurity"  # type: ignore[index]
    assert reply["slots"]["provider"] == "durham-college"  # type: ignore[index]  # the name, read as the provider id
    turns = transcript(second, session_id)["turns"]
    assert [t["user"] for t in turns] == ["cybersecurity", "more", PROVIDER]  # type: ignore[attr-defined]

    # Concurrent turns of that conversation, half to each process, are applied one at a time: none is lost.
    errors: list[str] = []

    def send(number: int) -> None:
        server = first if number % 2 else second
        response = httpx.post(
            f"{server.url}/chat", json={"message": f"health sciences {number}", "session_id": session_id}, timeout=60
        )
        if response.status_code != 200:
            errors.append(response.text)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    users = [t["user"] for t in transcript(first, session_id)["turns"]]  # type: ignore[attr-defined]
    assert users[:3] == ["cybersecurity", "more", PROVIDER]
    assert sorted(users[3:]) == sorted(f"health sciences {n}" for n in range(16))

    metrics = httpx.get(f"{first.url}/metrics", timeout=10).text
    turns_counted = sum(
        float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines() if line.startswith("advisor_turns_total{")
    )
    assert turns_counted == 19  # both processes' turns, whichever one is asked


def test_sigkill_between_turns_loses_no_turn_with_sqlite(live_server: StartServer, fake_runtime: Runtime) -> None:
    """Every answered turn is on disk (SQLite, WAL, synchronous=FULL) before its reply leaves the process."""
    settings = {"store": "sqlite", "embedder": "fake", **LIMITS, "data_dir": str(fake_runtime.settings.data_dir)}
    server = live_server(**settings)
    reply = chat(server, "free courses in health sciences")
    session_id = str(reply["session_id"])
    chat(server, "cybersecurity", session_id)
    server.kill()

    restarted = live_server(**settings)
    turns = transcript(restarted, session_id)["turns"]
    assert [t["user"] for t in turns] == ["free courses in health sciences", "cybersecurity"]  # type: ignore[attr-defined]
    reply = chat(restarted, "more", session_id)
    assert reply["slots"]["area"] == "Cybersecurity"  # type: ignore[index]
    restarted.kill()
    again = live_server(**settings)
    assert len(transcript(again, session_id)["turns"]) == 3  # type: ignore[arg-type]


def test_real_model_server_with_redis_answers_and_keeps_the_conversation(
    live_server: StartServer, real_runtime: Runtime, redis_url: str
) -> None:
    """The production configuration: the packaged model and FAISS index in a uvicorn process, Redis store."""
    server = live_server(store="redis", redis_url=redis_url, embedder="sentence-transformers", **LIMITS,
                         data_dir=str(real_runtime.settings.data_dir))  # fmt: skip
    reply = chat(server, "free courses in health sciences")
    texts = " ".join(m["text"] for m in reply["messages"])  # type: ignore[attr-defined]
    assert "Health Sciences" in texts
    session_id = str(reply["session_id"])
    rest = httpx.post(f"{server.url}/webhooks/rest/webhook", json={"sender": "r" * 20, "message": "cybersecurity"})
    assert rest.status_code == 200 and rest.json()[0]["recipient_id"] == "r" * 20
    chat(server, "more", session_id)
    assert len(transcript(server, session_id)["turns"]) == 2  # type: ignore[arg-type]
