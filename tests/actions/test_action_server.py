"""The real rasa-sdk action server, started as a subprocess, answers Rasa's protocol for every action."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from actions.registry import ACTION_CLASSES

pytestmark = pytest.mark.real


@pytest.fixture
def server(sdk_server: str) -> str:
    return sdk_server


def call(base: str, action: str, text: str, intent: str, slots: dict[str, Any] | None = None,
         entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:  # fmt: skip
    """POST /webhook with the body Rasa's RemoteAction sends (tracker.current_state + domain)."""
    tracker = {
        "sender_id": "story-1",
        "slots": slots or {},
        "latest_message": {
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": entities or [],
        },
        "events": [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text}],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    body = {"next_action": action, "sender_id": "story-1", "tracker": tracker, "domain": {}, "version": "3.6.21"}
    response = httpx.post(f"{base}/webhook", json=body, timeout=180)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    assert set(result) == {"events", "responses"}
    return result


def slots_of(result: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"}


def text_of(result: dict[str, Any]) -> str:
    return "\n".join(r.get("text") or "" for r in result["responses"])


def test_health_and_actions(server: str) -> None:
    assert httpx.get(f"{server}/health").json() == {"status": "ok"}
    names = {a["name"] for a in httpx.get(f"{server}/actions").json()}
    assert names == {cls().name() for cls in ACTION_CLASSES}


def test_search_then_more_then_details(server: str) -> None:
    found = call(server, "action_search_credentials", "health care courses", "search_credentials",
                 {"area": "Health Sciences"})  # fmt: skip
    slots = slots_of(found)
    assert len(slots["last_results"]) == 3 and slots["results_offset"] == 0
    assert json.loads(slots["search_filters"]) == {"area": "Health Sciences"}
    cards = found["responses"][0]["custom"]["results"]
    assert all("Health Sciences" in c["area"] for c in cards)
    assert any(b["payload"] == "/more_results" for b in found["responses"][0]["buttons"])

    more = call(server, "action_more_results", "show me more", "more_results", slots)
    page = slots_of(more)
    assert page["results_offset"] == 3 and not set(page["last_results"]) & set(slots["last_results"])

    details = call(server, "action_credential_details", "tell me more about the second one", "credential_details",
                   {**slots, **page})  # fmt: skip
    assert slots_of(details) == {"focus": page["last_results"][1]}
    assert "Cost: Not published" in text_of(details)


def test_details_answers_is_it_free_about_the_focus(server: str) -> None:
    result = call(server, "action_credential_details", "is it free?", "credential_details",
                  {"focus": "ot-td-critical-thinking"})  # fmt: skip
    assert "recorded as free" in text_of(result)
    unknown = call(server, "action_credential_details", "is it free?", "credential_details",
                   {"focus": "ot-hs-feeding"})  # fmt: skip
    assert "I don't know" in text_of(unknown) and "recorded as free" not in text_of(unknown)


def test_faq_answers_the_topic_of_the_intent(server: str) -> None:
    result = call(server, "action_answer_faq", "can i stack them", "stacking")
    assert result["events"] == []
    assert "stacked" in text_of(result)
    by_entity = call(server, "action_answer_faq", "/cost_and_funding", "cost_and_funding",
                     entities=[{"entity": "faq_topic", "value": "flexible_delivery"}])  # fmt: skip
    assert "evenings" in text_of(by_entity)


def test_list_providers_and_handoff(server: str) -> None:
    providers = text_of(call(server, "action_list_providers", "which schools", "list_providers"))
    assert all(name in providers for name in ("Durham College", "Ontario Tech University", "Trent University"))
    handoff = text_of(call(server, "action_handoff", "talk to a person", "human_handoff"))
    assert "can't put you through" in handoff and "Employment Ontario" in handoff


def test_unknown_action_is_404(server: str) -> None:
    body = {"next_action": "action_nope", "sender_id": "x", "tracker": {"sender_id": "x", "events": []}, "domain": {}}
    response = httpx.post(f"{server}/webhook", json=body, timeout=30)
    assert response.status_code == 404
