"""The bodies a real Rasa 3.6 server sent to ``advisor actions`` during ``make record-rasa``, replayed against the
real action server (rasa-sdk's, with the same default settings): each is answered exactly as it was then (scores
aside), and ``advisor actions``' body checks admit every one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from actions.registry import ACTION_CLASSES
from actions.server import check_action_call
from tests.rasa.recording import load_calls

pytestmark = pytest.mark.real
CALLS = load_calls(Path(__file__).resolve().parent / "data" / "rasa_calls")


def without_scores(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer with the cards' scores (``score``, ``dense_score``) left out: floats of the model, whose last digits
    vary across CPUs."""
    responses = []
    for message in answer["responses"]:
        custom = message.get("custom") or {}
        if "results" in custom:
            cards = [{k: v for k, v in c.items() if not k.endswith("score")} for c in custom["results"]]
            custom = {**custom, "results": cards}
        responses.append({**message, "custom": custom})
    return {"events": answer["events"], "responses": responses}


def test_advisor_actions_admits_every_body_rasa_sent() -> None:
    """``advisor actions`` checks bodies before running an action (tests/actions/test_server.py); none of Rasa's own
    may be refused."""
    for call in CALLS:
        assert check_action_call(call["request"]) is call["request"]


def test_recording_came_from_rasa_and_covers_the_conversation_actions() -> None:
    assert {c["request"]["version"] for c in CALLS} == {"3.6.21"}
    called = {c["request"]["next_action"] for c in CALLS}
    assert {"action_search_credentials", "action_more_results", "action_credential_details",
            "action_answer_faq"} <= called <= {cls().name() for cls in ACTION_CLASSES}  # fmt: skip


@pytest.mark.parametrize("call", CALLS, ids=[f"{n}-{c['request']['next_action']}" for n, c in enumerate(CALLS)])
def test_recorded_rasa_call_is_answered_as_then(sdk_server: str, call: dict[str, Any]) -> None:
    answer = httpx.post(f"{sdk_server}/webhook", json=call["request"], timeout=120)
    assert answer.status_code == 200, answer.text
    assert without_scores(answer.json()) == without_scores(call["response"])
