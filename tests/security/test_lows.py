"""The review's low findings that are fixed in code: L1 (bounded rule and typo work), L2 (bounded per-word and
embedding caches), L4 (nested payloads), L12 (message length setting, MemoryStore, https links)."""

from __future__ import annotations

import json
import random
import string
import time
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

import index.vocabulary as vocabulary_module
from bot.dialogue.intents import match_rules
from bot.runtime import Runtime
from bot.store.base import Conversation, MemoryStore
from bot.web.app import create_app
from index import text as text_module
from index.cache import MAX_CACHED_CHARS, CachedEmbedder
from index.embedder import FakeEmbedder
from index.vocabulary import MAX_CORRECTIONS_PER_TEXT, vocabulary_for
from knowledge.schema import ContactRoute, KnowledgeBase
from tests.conftest import make_settings


# ---- L1 ----
@pytest.mark.parametrize("text", ["talk " * 399, "call me " * 250, "speak " * 300 + "person"])
def test_handoff_rule_is_linear(text: str) -> None:
    started = time.perf_counter()
    match_rules(text)
    assert time.perf_counter() - started < 0.01  # 45-53 ms with ".*" (review P8)


@pytest.mark.parametrize(
    "text", ["can I talk to a real person", "I want to speak with a counsellor please", "call someone", "talk to human"]
)
def test_handoff_rule_still_matches(text: str) -> None:
    found = match_rules(text)
    assert found is not None and found.name == "human_handoff"


def test_typo_correction_work_is_bounded_per_message(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    vocabulary = vocabulary_for(kb)
    calls: list[str] = []
    original = vocabulary._correct_word
    monkeypatch.setattr(vocabulary, "_correct_word", lambda word: calls.append(word) or original(word))
    rng = random.Random(7)
    made_up = " ".join("s" + "".join(rng.choices(string.ascii_lowercase, k=5)) for _ in range(330))  # review P8
    vocabulary.analyse(made_up)
    assert len(calls) <= MAX_CORRECTIONS_PER_TEXT
    assert vocabulary.analyse("helth sciense courses").corrected == "health science courses"


# ---- L2 ----
def test_long_words_are_not_remembered(kb: KnowledgeBase) -> None:
    before = text_module._stem_cached.cache_info().currsize
    for n in range(50):
        text_module.stem("q" * 1990 + str(n) + "s")
    assert text_module._stem_cached.cache_info().currsize == before
    vocabulary = vocabulary_for(kb)
    size = len(vocabulary._corrections)
    vocabulary.correct_word("x" * 1990)
    assert len(vocabulary._corrections) == size


def test_the_correction_cache_is_an_lru(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vocabulary_module, "CORRECTION_CACHE", 50)
    vocabulary = vocabulary_for(kb)
    rng = random.Random(3)
    for _ in range(120):
        vocabulary.correct_word("q" + "".join(rng.choices(string.ascii_lowercase, k=7)))
    assert len(vocabulary._corrections) <= 50
    vocabulary.correct_word("qnewword")
    assert "qnewword" in vocabulary._corrections  # still caching once full (it stopped before)


def test_the_embedding_cache_keeps_only_short_texts() -> None:
    cached = CachedEmbedder(FakeEmbedder(), capacity=8)
    cached.encode(["cybersecurity", "x" * (MAX_CACHED_CHARS + 1)])
    assert cached.stats().size == 1


# ---- L4 ----
def test_a_deeply_nested_payload_is_a_4xx_or_an_answer_not_a_500(client: TestClient) -> None:
    message = '/greet{"a":' + "[" * 990 + "]" * 990 + "}"  # review P11
    response = client.post("/chat", json={"message": message})
    assert response.status_code == 200, response.text
    assert json.loads(response.text)["intent"]["name"] != "greet"  # not taken as a payload


# ---- L6 ----
def test_a_malformed_secret_is_not_echoed_and_a_short_one_is_refused() -> None:
    from bot.settings import Settings

    with pytest.raises(ValidationError) as caught:
        Settings(telegram_secret_token="Sup3r=secret")  # type: ignore[arg-type]  # review P12
    assert "Sup3r=secret" not in str(caught.value)
    with pytest.raises(ValidationError, match="32-256 characters"):
        Settings(telegram_secret_token="a")  # type: ignore[arg-type]
    settings = Settings(telegram_bot_token="123:secret-bot-token", twilio_auth_token="t" * 32)  # type: ignore[arg-type]
    assert "secret-bot-token" not in repr(settings) and "t" * 32 not in repr(settings)


# ---- L11 ----
def test_docs_are_off_by_default_and_under_a_policy_when_on(fake_runtime: Runtime, tmp_path: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path), runtime=fake_runtime)) as client:
        assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
        assert client.get("/openapi.json").status_code == 200
    with TestClient(create_app(make_settings(tmp_path, docs=True), runtime=fake_runtime)) as client:
        docs = client.get("/docs")  # review P17: no CSP at all
        assert docs.status_code == 200
        policy = docs.headers["content-security-policy"]
        assert "script-src https://cdn.jsdelivr.net" in policy and "frame-ancestors 'none'" in policy


def test_metrics_need_the_token_when_one_is_set(fake_runtime: Runtime, tmp_path: Path) -> None:
    token = "m" * 32
    with TestClient(create_app(make_settings(tmp_path, metrics_token=token), runtime=fake_runtime)) as client:
        refused = client.get("/metrics")
        assert refused.status_code == 401 and "ADVISOR_METRICS_TOKEN" in refused.json()["error"]
        assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/metrics", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert client.get("/healthz").status_code == 200


# ---- L12 ----
def test_the_message_length_setting_is_honoured_by_chat_and_rest(fake_runtime: Runtime, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_message_chars=50)
    with TestClient(create_app(settings, runtime=fake_runtime)) as client:
        long = "free courses in health sciences " * 2  # 64 characters, under the schema's 2,000
        for path, body in (("/chat", {}), ("/webhooks/rest/webhook", {"sender": str(uuid.uuid4())})):
            response = client.post(path, json={**body, "message": long})
            assert response.status_code == 422 and "keep it to 50" in response.json()["error"], response.text
            assert client.post(path, json={**body, "message": "cybersecurity"}).status_code == 200


def test_memory_store_is_bounded() -> None:
    store = MemoryStore(max_conversations=3)
    for n in range(5):
        with store.lock(f"s{n}"):
            store.save(Conversation(f"s{n}", {}, [], 0.0, float(n)))
    assert store.load("s0") is None and store.load("s4") is not None
    assert len(store._data) == 3 and len(store._locks) <= 3
    with store.lock("never-saved"):
        pass
    assert "never-saved" not in store._locks


def test_course_links_must_be_https() -> None:
    with pytest.raises(ValidationError, match="not https"):
        ContactRoute(label="Contact", url="http://durhamcollege.ca/contact")  # type: ignore[arg-type]
    assert ContactRoute(label="Contact", url="https://durhamcollege.ca/contact")  # type: ignore[arg-type]
