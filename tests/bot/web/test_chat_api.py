from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_chat_issues_unguessable_session_id(client: TestClient) -> None:
    first = client.post("/chat", json={"message": "hello"}).json()
    second = client.post("/chat", json={"message": "hello"}).json()
    assert len(first["session_id"]) >= 20
    assert first["session_id"] != second["session_id"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message": ""}, "message"),
        ({"message": "   "}, "message"),
        ({"message": "x" * 2001}, "message"),
        ({}, "message"),
        ({"message": 5}, "message"),
        ({"message": "hi", "session_id": "../../etc"}, "session_id"),
        ({"message": "hi", "extra": 1}, "extra"),
    ],
)
def test_chat_rejects_bad_input_with_422_saying_what_to_fix(
    client: TestClient, body: dict[str, object], field: str
) -> None:
    response = client.post("/chat", json=body)
    assert response.status_code == 422
    payload = response.json()
    assert payload["error"].startswith("invalid request")
    assert any(d["field"] == field for d in payload["detail"]), payload


def test_chat_rejects_malformed_json_with_422(client: TestClient) -> None:
    response = client.post("/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "error" in response.json()


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["records"] > 20
