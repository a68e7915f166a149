"""Reload under load: two real uvicorn workers (real model) share a data directory; a reload published through
one is served by both, with no failed request and no answer mixing old and new knowledge."""

from __future__ import annotations

import itertools
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import yaml

from knowledge.loader import DEFAULT_PATH, load_knowledge
from tests.bot.conftest import LiveServer

pytestmark = pytest.mark.real

TOKEN = "reload-under-load"
MARK = " (2027 edition)"
QUESTIONS = ("health sciences", "cybersecurity courses", "free courses in trades", "manufacturing", "more")


def mark_every_title(knowledge: Path) -> None:
    """The new knowledge: every record's title changed, so each answer shows which knowledge it came from."""
    for file in (knowledge / "providers").glob("*.yaml"):
        data = yaml.safe_load(file.read_text())
        for credential in data["credentials"]:
            credential["title"] += MARK
        file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_reload_under_concurrent_load_with_two_workers(live_server: Callable[..., LiveServer], tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_PATH, knowledge, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    common = {"knowledge_path": str(knowledge), "data_dir": str(tmp_path / "data"), "admin_token": TOKEN,
              "embedder": "sentence-transformers", "embedder_backend": "torch", "store": "memory",
              "rate_limit_session": "100000/minute", "rate_limit_client": "100000/minute",
              "rate_limit_new_conversations": "100000/minute"}  # fmt: skip
    servers = [live_server(**common), live_server(**common)]  # one after the other: the second only loads
    old_hash = {httpx.get(f"{s.url}/readyz").json()["kb_hash"] for s in servers}
    assert len(old_hash) == 1

    answers: list[tuple[str, list[str]]] = []
    failures: list[str] = []
    stop = threading.Event()

    def load(number: int) -> None:
        with httpx.Client(timeout=30) as client:
            for turn in itertools.count():
                if stop.is_set():
                    return
                server = servers[(number + turn) % 2]
                session = None
                for question in QUESTIONS[turn % 3 : turn % 3 + 2]:
                    body = {"message": question} | ({"session_id": session} if session else {})
                    try:
                        response = client.post(f"{server.url}/chat", json=body)
                    except httpx.HTTPError as exc:
                        failures.append(f"{question}: {exc!r}")
                        continue
                    if response.status_code != 200:
                        failures.append(f"{question}: {response.status_code} {response.text[:200]}")
                        continue
                    reply = response.json()
                    session = reply["session_id"]
                    answers.append((question, [card["title"] for card in reply["results"]]))

    threads = [threading.Thread(target=load, args=(n,)) for n in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(2)
    mark_every_title(knowledge)
    new_hash = load_knowledge(knowledge).content_hash[:12]
    response = httpx.post(f"{servers[0].url}/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json()["kb_hash"] == new_hash
    deadline = time.monotonic() + 30
    while {httpx.get(f"{s.url}/readyz").json()["kb_hash"] for s in servers} != {new_hash}:
        assert time.monotonic() < deadline, "not every worker serves the new knowledge"
        time.sleep(0.1)
    served_new_at = len(answers)
    time.sleep(2)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert time.monotonic() - started < 60

    assert not failures, failures[:5]
    with_cards = [(q, titles) for q, titles in answers if titles]
    mixed = [(q, t) for q, t in with_cards if len({title.endswith(MARK) for title in t}) > 1]
    assert not mixed, mixed[:3]  # every answer wholly old or wholly new
    assert any(not t[0].endswith(MARK) for _, t in with_cards), "no answer from the old knowledge"
    assert any(t[0].endswith(MARK) for _, t in with_cards), "no answer from the new knowledge"
    late = [t for _, t in answers[served_new_at + len(threads) :] if t]  # past the turns then in flight
    assert late and all(title.endswith(MARK) for t in late for title in t)  # once both serve it, only the new
