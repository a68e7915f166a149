from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

HEALTH_TITLES = [
    "Donning and doffing PPE",
    "Feeding",
    "Infection Control Precautions during an outbreak",
    "Safely transferring an injured patient",
]


def _ask(client: TestClient, message: str, session_id: str | None = None) -> dict[str, object]:
    response = client.post("/chat", json={"message": message, "session_id": session_id})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _check_free_health_sciences_answer(reply: dict[str, object]) -> None:
    text = " ".join(m["text"] for m in reply["messages"])  # type: ignore[attr-defined, index]
    for title in HEALTH_TITLES:
        assert title in text
    assert "cost is not published" in text
    assert "TD" in text and "Free" in text
    for card in reply["results"]:  # type: ignore[attr-defined]
        assert "Health Sciences" in card["area"]
        assert card["cost"] != "Free"  # nothing in Health Sciences is recorded as free


def test_free_health_sciences_is_answered_honestly(client: TestClient) -> None:
    _check_free_health_sciences_answer(_ask(client, "free courses in health sciences"))


@pytest.mark.real
def test_free_health_sciences_with_the_real_model(real_client: TestClient) -> None:
    _check_free_health_sciences_answer(_ask(real_client, "free courses in health sciences"))


def test_free_filter_only_returns_free_records(client: TestClient) -> None:
    reply = _ask(client, "free training please")
    assert reply["results"]
    assert all(card["cost"] == "Free" for card in reply["results"])  # type: ignore[attr-defined]


def test_provider_filter_narrows_results(client: TestClient) -> None:
    reply = _ask(client, "what does Trent offer")
    assert reply["results"]
    assert {card["provider"] for card in reply["results"]} == {"Trent University Durham GTA"}  # type: ignore[attr-defined]


def test_show_more_pages_the_same_search(client: TestClient) -> None:
    first = _ask(client, "Durham College micro-credentials")
    more = _ask(client, "/more_results", first["session_id"])  # type: ignore[arg-type]
    first_ids = {c["id"] for c in first["results"]}  # type: ignore[attr-defined]
    more_ids = {c["id"] for c in more["results"]}  # type: ignore[attr-defined]
    assert more_ids and not first_ids & more_ids
    assert {c["provider"] for c in more["results"]} == {"Durham College"}  # type: ignore[attr-defined]
