"""POST /admin/reload and the between-turns swap: in one worker, in a second worker sharing the data directory,
refused bad knowledge, and a conversation that points at a record the new knowledge no longer has."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from actions.details import NO_LONGER_LISTED
from bot.runtime import load_runtime
from bot.web.app import create_app
from index.embedder import FakeEmbedder
from index.generation import read_current
from knowledge.loader import DEFAULT_PATH, load_knowledge
from tests.conftest import make_settings

TOKEN = "test-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MakeWorker = Callable[..., TestClient]


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_PATH, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


@pytest.fixture
def worker(tmp_path: Path, knowledge: Path) -> Iterator[MakeWorker]:
    """A worker process's app (fake model) on the shared data directory; several may run side by side."""
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        values: dict[str, object] = {"knowledge_path": knowledge, "admin_token": TOKEN}
        values.update(overrides)
        runtime = load_runtime(make_settings(tmp_path / "data", **values), embedder=FakeEmbedder())
        client = TestClient(create_app(runtime.settings, runtime=runtime))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def kb_hash(client: TestClient) -> str:
    value: str = client.get("/readyz").json()["kb_hash"]
    return value


def answer_text(client: TestClient, message: str = "free courses in health sciences") -> str:
    reply = client.post("/chat", json={"message": message}).json()
    return " ".join([m["text"] for m in reply["messages"]] + [c["title"] for c in reply["results"]])


def rename(knowledge: Path, old: str, new: str) -> None:
    file = knowledge / "providers" / "ontario-tech.yaml"
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new))


def test_reload_is_404_without_a_token_and_401_with_a_wrong_one(worker: MakeWorker) -> None:
    assert worker(admin_token=None).post("/admin/reload", headers=AUTH).status_code == 404
    client = worker()
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": TOKEN}):
        response = client.post("/admin/reload", headers=headers)
        assert response.status_code == 401 and "Bearer" in response.json()["error"]


def test_reload_publishes_the_edited_knowledge_and_serves_it(worker: MakeWorker, knowledge: Path) -> None:
    client = worker()
    before = kb_hash(client)
    rename(knowledge, "Feeding", "Feeding and Nutrition Support")
    response = client.post("/admin/reload", headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["kb_hash"] == load_knowledge(knowledge).content_hash[:12] != before
    assert kb_hash(client) == body["kb_hash"]
    assert "Feeding and Nutrition Support" in answer_text(client)


def test_bad_knowledge_is_refused_and_the_old_keeps_serving(worker: MakeWorker, knowledge: Path) -> None:
    client = worker()
    assert client.post("/admin/reload", headers=AUTH).status_code == 200
    published = read_current(client.app.state.settings.data_dir)  # type: ignore[attr-defined]
    before = kb_hash(client)
    rename(knowledge, "status: upcoming", "status: someday")
    response = client.post("/admin/reload", headers=AUTH)
    assert response.status_code == 422
    body = response.json()
    assert "previous knowledge keeps serving" in body["error"]
    assert {"file": "providers/ontario-tech.yaml", "field": "status"}.items() <= body["detail"][0].items()
    assert kb_hash(client) == before
    assert read_current(client.app.state.settings.data_dir) == published  # type: ignore[attr-defined]
    assert client.post("/chat", json={"message": "health care"}).status_code == 200


def test_a_second_worker_swaps_between_turns(worker: MakeWorker, knowledge: Path) -> None:
    first, second = worker(), worker()
    assert "Feeding and Nutrition Support" not in answer_text(second)
    rename(knowledge, "Feeding", "Feeding and Nutrition Support")
    new = first.post("/admin/reload", headers=AUTH).json()["kb_hash"]
    deadline = time.monotonic() + 10
    while kb_hash(second) != new:  # each request polls; the load runs beside the turns
        assert time.monotonic() < deadline, "the second worker never picked up the new generation"
        time.sleep(0.02)
    assert "Feeding and Nutrition Support" in answer_text(second)


def test_a_record_gone_after_a_reload_is_said_to_be_no_longer_listed(worker: MakeWorker, knowledge: Path) -> None:
    client = worker()
    reply = client.post("/chat", json={"message": "health sciences"}).json()
    session, second = reply["session_id"], reply["results"][1]
    file = knowledge / "providers" / "ontario-tech.yaml"
    data = __import__("yaml").safe_load(file.read_text())
    count = len(data["credentials"])
    data["credentials"] = [c for c in data["credentials"] if c["id"] != second["id"]]
    assert len(data["credentials"]) == count - 1
    file.write_text(__import__("yaml").safe_dump(data, sort_keys=False))
    assert client.post("/admin/reload", headers=AUTH).status_code == 200
    reply = client.post("/chat", json={"message": "tell me about the second one", "session_id": session}).json()
    assert reply["messages"][0]["text"] == NO_LONGER_LISTED
    assert not reply["results"]
