from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_client_chosen_session_id_is_not_adopted(client: TestClient) -> None:
    reply = client.post("/chat", json={"message": "hello", "session_id": "aaaaaaaaaaaa"}).json()
    assert reply["session_id"] != "aaaaaaaaaaaa" and len(reply["session_id"]) >= 20
    assert client.get("/conversations/aaaaaaaaaaaa").status_code == 404


def test_an_issued_session_id_continues_the_conversation(client: TestClient) -> None:
    first = client.post("/chat", json={"message": "cybersecurity"}).json()
    second = client.post("/chat", json={"message": "show me more", "session_id": first["session_id"]}).json()
    assert second["session_id"] == first["session_id"]
    assert len(client.get(f"/conversations/{first['session_id']}").json()["turns"]) == 2


def test_an_erased_session_id_starts_a_new_conversation(client: TestClient) -> None:
    first = client.post("/chat", json={"message": "trades"}).json()
    assert client.delete(f"/conversations/{first['session_id']}").status_code == 204
    again = client.post("/chat", json={"message": "trades", "session_id": first["session_id"]}).json()
    assert again["session_id"] != first["session_id"]
