"""The service over HTTP: REST channel, conversation API, privacy, limits, CORS, headers, metrics, logs."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.store.base import Conversation, MemoryStore, StoreError
from bot.store.sqlite import SQLiteStore
from tests.bot.conftest import MakeClient

CYBER = '/search_credentials{"area":"Cybersecurity"}'
SENDER = "3f1c2b9a-7d4e-4c1a-9b2e-5a6f7e8d9c0b"  # what Rasa front ends send: a random UUID


@pytest.fixture
def api(make_client: MakeClient) -> TestClient:
    return make_client()


# --- Rasa REST channel ---


def test_rest_channel_status(api: TestClient) -> None:
    response = api.get("/webhooks/rest/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_rest_channel_answers_the_same_content_as_chat(make_client: MakeClient) -> None:
    chat_api, rest_api = make_client(), make_client()
    session_id: str | None = None
    for message in ["cybersecurity", "more", CYBER, "is it free?"]:
        body: dict[str, object] = {"message": message}
        if session_id:
            body["session_id"] = session_id
        chat = chat_api.post("/chat", json=body).json()
        session_id = chat["session_id"]
        rasa = rest_api.post("/webhooks/rest/webhook", json={"sender": SENDER, "message": message}).json()
        assert [m["recipient_id"] for m in rasa] == [SENDER] * len(rasa)
        assert [m["text"] for m in rasa] == [m["text"] for m in chat["messages"]]
        assert [m.get("buttons", []) for m in rasa] == [m["buttons"] for m in chat["messages"]]
        rasa_results = [r for m in rasa for r in m.get("custom", {}).get("results", [])]
        assert rasa_results == chat["results"]
    # the REST conversation is stored under its namespaced id and readable by a long (UUID) sender
    transcript = rest_api.get(f"/conversations/rest:{SENDER}").json()
    assert [t["user"] for t in transcript["turns"]] == ["cybersecurity", "more", CYBER, "is it free?"]


def test_rest_channel_button_payload_sets_slots(api: TestClient) -> None:
    reply = api.post("/webhooks/rest/webhook", json={"sender": SENDER, "message": CYBER}).json()
    assert reply and reply[-1]["custom"]["results"]
    assert all(r["area"] == "Cybersecurity" for r in reply[-1]["custom"]["results"])
    transcript = api.get(f"/conversations/rest:{SENDER}").json()
    assert transcript["slots"]["area"] == "Cybersecurity"


def test_rest_sender_cannot_reach_another_channels_conversation(api: TestClient) -> None:
    chat = api.post("/chat", json={"message": "cybersecurity"}).json()
    # the same id as a REST sender is a different conversation
    api.post("/webhooks/rest/webhook", json={"sender": chat["session_id"], "message": "hello"})
    assert len(api.get(f"/conversations/{chat['session_id']}").json()["turns"]) == 1
    # /chat cannot name a namespaced id, and guessable channel ids are never served
    assert api.post("/chat", json={"message": "hi", "session_id": f"rest:{SENDER}"}).status_code == 422
    api.post("/webhooks/rest/webhook", json={"sender": "bob", "message": "hello"})
    assert api.get("/conversations/rest:bob").status_code == 404
    assert api.get("/conversations/telegram:12345678").status_code == 404


@pytest.mark.parametrize(
    "body",
    [{"message": "hi"}, {"sender": "", "message": "hi"}, {"sender": "a b", "message": "hi"}, {"sender": "u1"},
     {"sender": "u1", "message": "   "}, {"sender": "u1", "message": "x" * 2001}],
)  # fmt: skip
def test_rest_channel_rejects_bad_input_with_422(api: TestClient, body: dict[str, object]) -> None:
    response = api.post("/webhooks/rest/webhook", json=body)
    assert response.status_code == 422
    assert response.json()["error"].startswith("invalid request")


# --- Conversation API ---


def test_transcript_fetch_and_erase(api: TestClient) -> None:
    first = api.post("/chat", json={"message": "cybersecurity"}).json()
    session_id = first["session_id"]
    api.post("/chat", json={"message": "more", "session_id": session_id})
    response = api.get(f"/conversations/{session_id}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    transcript = response.json()
    assert transcript["session_id"] == session_id
    assert [t["user"] for t in transcript["turns"]] == ["cybersecurity", "more"]
    assert transcript["turns"][0]["bot"][0]["text"] == first["messages"][0]["text"]
    assert transcript["slots"]["area"] == "Cybersecurity"

    erased = api.delete(f"/conversations/{session_id}")
    assert erased.status_code == 204 and erased.content == b""
    missing = api.get(f"/conversations/{session_id}")
    assert missing.status_code == 404 and "error" in missing.json()
    assert api.delete(f"/conversations/{session_id}").status_code == 404
    # the next message starts afresh: nothing of the erased conversation remains
    again = api.post("/chat", json={"message": "hello", "session_id": session_id}).json()
    assert "area" not in again["slots"]


def test_unknown_conversation_is_404(api: TestClient) -> None:
    assert api.get("/conversations/AAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    assert api.get("/conversations/bad id!").status_code in (404, 422)


# --- Privacy ---


def test_personal_data_is_redacted_before_it_is_stored_or_logged(
    api: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    text = "I'm jane@example.com, 905-555-0123, SIN 046 454 286; cybersecurity please"
    reply = api.post("/chat", json={"message": text, "metadata": {"email": "jane@example.com"}}).json()
    turns = api.get(f"/conversations/{reply['session_id']}").json()["turns"]
    assert turns[0]["user"] == "I'm [email], [phone], SIN [SIN]; cybersecurity please"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in ("jane@example.com", "905-555-0123", "046 454 286"):
        assert secret not in logged
        assert secret not in str(reply)


def test_info_logs_carry_no_message_text(api: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    reply = api.post("/chat", json={"message": "welding courses near oshawa"}).json()
    info = [r for r in caplog.records if r.levelno >= logging.INFO and r.name.startswith("bot")]
    assert any("turn" in r.getMessage() for r in info)
    assert all("welding" not in r.getMessage() and reply["session_id"] not in r.getMessage() for r in info)


# --- Limits and hardening ---


def test_body_over_limit_gets_413(make_client: MakeClient) -> None:
    api = make_client(max_body_bytes=2048)
    response = api.post("/chat", json={"message": "x" * 1500, "metadata": {"pad": "y" * 3000}})
    assert response.status_code == 413
    assert "at most 2048 bytes" in response.json()["error"]


def test_chunked_body_over_limit_gets_413(make_client: MakeClient) -> None:
    api = make_client(max_body_bytes=2048)

    def chunks() -> Iterator[bytes]:
        yield b'{"message": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}'

    response = api.post("/chat", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers
    assert response.status_code == 413 and "error" in response.json()


def test_session_rate_limit_gets_429_with_retry_after(make_client: MakeClient) -> None:
    api = make_client(rate_limit_session="2/minute")
    session_id = api.post("/chat", json={"message": "hello"}).json()["session_id"]
    assert api.post("/chat", json={"message": "hi", "session_id": session_id}).status_code == 200
    assert api.post("/chat", json={"message": "hi", "session_id": session_id}).status_code == 200
    limited = api.post("/chat", json={"message": "hi", "session_id": session_id})
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert limited.json()["retry_after"] == int(limited.headers["retry-after"])
    assert limited.json()["detail"]["scope"] == "conversation"
    # another conversation of the same client is not limited by this one
    assert api.post("/chat", json={"message": "hello"}).status_code == 200


def test_client_rate_limit_gets_429(make_client: MakeClient) -> None:
    api = make_client(rate_limit_client="3/minute")
    statuses = [api.post("/chat", json={"message": "hello"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert api.get("/conversations/AAAAAAAAAAAAAAAAAAAAAA").status_code == 429  # the same client, any route


def test_cors_allows_configured_origin_and_refuses_others(make_client: MakeClient) -> None:
    api = make_client(cors_origins=["https://jobs.example.ca"])
    preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    allowed = api.options("/chat", headers={"origin": "https://jobs.example.ca", **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://jobs.example.ca"
    refused = api.options("/chat", headers={"origin": "https://evil.example", **preflight})
    assert refused.status_code == 400 and "error" in refused.json()
    assert "access-control-allow-origin" not in refused.headers
    simple = api.post("/chat", json={"message": "hello"}, headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers
    ok = api.post("/chat", json={"message": "hello"}, headers={"origin": "https://jobs.example.ca"})
    assert ok.headers["access-control-allow-origin"] == "https://jobs.example.ca"


def test_security_headers_and_request_id(api: TestClient) -> None:
    response = api.post("/chat", json={"message": "hello"}, headers={"x-request-id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
    generated = api.get("/healthz", headers={"x-request-id": "bad id\t<script>"})
    assert len(generated.headers["x-request-id"]) == 32


def test_errors_are_json_without_stack_traces(make_client: MakeClient) -> None:
    class BrokenStore(MemoryStore):  # a new conversation is not read, only saved: both break
        def load(self, session_id: str) -> None:
            raise ZeroDivisionError("secret internals")

        def save(self, conversation: Conversation) -> None:
            raise ZeroDivisionError("secret internals")

    api = make_client(store=BrokenStore())
    response = api.post("/chat", json={"message": "hello"})
    assert response.status_code == 500
    assert response.json() == {"error": "internal error; please try again"}
    assert api.get("/nowhere").json() == {"error": "Not Found"}
    assert api.put("/chat").status_code == 405 and "error" in api.put("/chat").json()


def test_store_failure_is_503_with_retry_after(make_client: MakeClient) -> None:
    class DownStore(MemoryStore):
        def load(self, session_id: str) -> None:
            raise StoreError("conversation store unavailable (load)")

        def save(self, conversation: Conversation, turn: object = None) -> None:
            raise StoreError("conversation store unavailable (save)")

    api = make_client(store=DownStore())
    response = api.post("/chat", json={"message": "hello"})
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert "try again" in response.json()["error"]
    assert 'advisor_store_errors_total{kind="StoreError"}' in api.get("/metrics").text


def test_expired_session_starts_fresh(make_client: MakeClient, tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "c.sqlite3")
    api = make_client(store=store, session_idle_minutes=1)
    reply = api.post("/chat", json={"message": "cybersecurity"}).json()
    assert reply["slots"]["area"] == "Cybersecurity"
    service = api.app.state.service  # type: ignore[attr-defined]
    later = service.turn(channel="chat", session_id=reply["session_id"], text="hello", now=time.time() + 120)
    assert "area" not in later.slots
    stored = store.load(reply["session_id"])
    assert stored is not None and [t["user"] for t in store.turns(reply["session_id"])] == ["hello"]
    store.close()


def test_metrics_count_requests_turns_and_routes(api: TestClient) -> None:
    session_id = api.post("/chat", json={"message": "cybersecurity"}).json()["session_id"]
    api.get(f"/conversations/{session_id}")
    text = api.get("/metrics").text
    assert 'advisor_requests_total{method="POST",route="/chat",status="200"}' in text
    assert 'advisor_request_duration_seconds_bucket{le="0.005",method="POST",route="/chat"}' in text
    assert 'advisor_turns_total{channel="chat",intent="search_credentials",outcome="answered"}' in text
    assert 'route="/conversations/{session_id}"' in text
    assert session_id not in text
