"""The storage side of the API: transcript paging, the id in a header (L5), new conversations per client (M5) and
the retention purge that runs by itself (M5)."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest

from bot.store.base import Conversation, MemoryStore, number_turn
from bot.store.sqlite import SQLiteStore
from tests.bot.conftest import MakeClient


def test_transcript_pages_the_last_hundred_turns(make_client: MakeClient) -> None:
    api = make_client()
    service = api.app.state.service  # type: ignore[attr-defined]
    session_id = api.post("/chat", json={"message": "hello"}).json()["session_id"]
    for number in range(119):
        service.turn(channel="chat", session_id=session_id, text=f"thanks {number}")
    first = api.get(f"/conversations/{session_id}").json()
    assert len(first["turns"]) == 50 and first["turns"][0]["seq"] == 21  # 120 turns, the last 100 kept
    second = api.get(f"/conversations/{session_id}", params={"cursor": first["next_cursor"]}).json()
    assert [t["seq"] for t in second["turns"]] == list(range(71, 121)) and second["next_cursor"] is None
    whole = api.get(f"/conversations/{session_id}", params={"limit": 100}).json()
    assert len(whole["turns"]) == 100 and whole["next_cursor"] is None
    assert whole["turns"][-1]["user"] == "thanks 118"


@pytest.mark.parametrize("params", [{"limit": 101}, {"limit": 0}, {"cursor": "abc"}, {"cursor": "-1"}])
def test_transcript_refuses_bad_paging_with_422(make_client: MakeClient, params: dict[str, object]) -> None:
    api = make_client()
    session_id = api.post("/chat", json={"message": "hello"}).json()["session_id"]
    response = api.get(f"/conversations/{session_id}", params=params)
    assert response.status_code == 422 and "error" in response.json()


def test_conversation_id_in_a_header_reads_and_erases_and_is_never_logged(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    api = make_client()
    caplog.set_level(logging.DEBUG)
    session_id = api.post("/chat", json={"message": "cybersecurity"}).json()["session_id"]
    read = api.get("/conversations", headers={"X-Session-Id": session_id})
    assert read.status_code == 200 and read.json()["session_id"] == session_id
    assert read.headers["cache-control"] == "no-store"
    assert api.get(f"/conversations/{session_id}").json() == read.json()  # the path form stays
    assert api.get("/conversations").status_code == 422  # no id at all
    assert api.delete("/conversations", headers={"X-Session-Id": session_id}).status_code == 204
    assert api.get("/conversations", headers={"X-Session-Id": session_id}).status_code == 404
    assert api.delete(f"/conversations/{session_id}").status_code == 404
    logged = [r.getMessage() + str(getattr(r, "fields", "")) for r in caplog.records if r.name.startswith("bot")]
    assert any("/conversations/{session_id}" in line for line in logged)  # the route template
    assert not [line for line in logged if session_id in line]


def test_new_conversations_per_client_are_limited_and_the_refused_ones_stored_nowhere(
    make_client: MakeClient, tmp_path: Path
) -> None:
    store = SQLiteStore(tmp_path / "c.sqlite3")
    api = make_client(store=store, rate_limit_new_conversations="3/hour")
    replies = [api.post("/chat", json={"message": "hello"}) for _ in range(3)]
    assert all(r.status_code == 200 for r in replies), [r.text for r in replies]
    ids = [r.json()["session_id"] for r in replies]
    refused = api.post("/chat", json={"message": "hello"})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    unknown = api.post("/chat", json={"session_id": "made-up-id-1234", "message": "hello"})
    assert unknown.status_code == 429  # an id the server never issued would start a conversation too
    assert api.post("/chat", json={"session_id": ids[0], "message": "thanks"}).status_code == 200  # going on is fine
    rest = api.post("/webhooks/rest/webhook", json={"sender": "a-new-rest-sender-0001", "message": "hi"})
    assert rest.status_code == 429
    rows = sqlite3.connect(store.path).execute("SELECT count(*) FROM conversations").fetchone()[0]
    assert rows == 3
    store.close()


def old_conversation(store: MemoryStore | SQLiteStore, session_id: str, days: float) -> None:
    at = time.time() - days * 86400
    conversation = Conversation(session_id=session_id, created_at=at, updated_at=at)
    store.save(conversation, number_turn(conversation, {"at": at, "user": "hello"}))


def test_the_service_purges_expired_conversations_by_itself(make_client: MakeClient, tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "c.sqlite3")
    old_conversation(store, "expired-conversation", days=31)
    old_conversation(store, "recent-conversation", days=2)
    make_client(store=store, retention_days=30, purge_every_minutes=60)  # the schedule checks at start
    deadline = time.monotonic() + 5
    while store.load("expired-conversation") is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert store.load("expired-conversation") is None and store.turns("expired-conversation") == []
    assert store.load("recent-conversation") is not None

    old_conversation(store, "expired-again", days=40)
    make_client(store=store, retention_days=30, purge_every_minutes=60)  # another worker, within the hour
    time.sleep(0.3)
    assert store.load("expired-again") is not None  # one purge an hour across the workers sharing the store
    store.close()


def test_no_purge_schedule_when_turned_off(make_client: MakeClient) -> None:
    store = MemoryStore()
    old_conversation(store, "expired-conversation", days=31)
    make_client(store=store, retention_days=30, purge_every_minutes=0)
    time.sleep(0.3)
    assert store.load("expired-conversation") is not None


def test_a_browser_may_send_the_conversation_id_header_from_an_allowed_origin(make_client: MakeClient) -> None:
    api = make_client(cors_origins=["https://college.example.org"])
    preflight = api.options(
        "/conversations",
        headers={"Origin": "https://college.example.org", "Access-Control-Request-Method": "DELETE",
                 "Access-Control-Request-Headers": "x-session-id"},
    )  # fmt: skip
    assert preflight.status_code == 200
    assert "x-session-id" in preflight.headers["access-control-allow-headers"].lower()
