"""The bodies a real Rasa 3.6 server sent to ``advisor actions`` during ``make record-rasa``, replayed against the
action server: each is admitted (token, body checks) and answered exactly as it was then (scores aside)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from actions.registry import ACTION_CLASSES
from tests.actions.test_action_server import running
from tests.rasa.recording import load_calls

pytestmark = pytest.mark.real
CALLS = load_calls(Path(__file__).resolve().parent / "data" / "rasa_calls")
TOKEN = "contract-token"


def without_scores(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer with the cards' scores left out (floats of the model, the last digits vary across CPUs)."""
    responses = []
    for message in answer["responses"]:
        custom = message.get("custom") or {}
        if "results" in custom:
            custom = {**custom, "results": [{k: v for k, v in c.items() if k != "score"} for c in custom["results"]]}
        responses.append({**message, "custom": custom})
    return {"events": answer["events"], "responses": responses}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, onnx_data_dir: Path) -> Iterator[str]:
    """``advisor actions`` as ``make record-rasa`` ran it (the default embedder), with the session's ONNX export."""
    advisor = str(Path(sys.executable).with_name("advisor"))
    data_dir = tmp_path_factory.mktemp("contract-data")
    shutil.copytree(onnx_data_dir / "models", data_dir / "models")
    env = {"ADVISOR_ACTIONS_TOKEN": TOKEN, "ADVISOR_DATA_DIR": str(data_dir)}
    with running([advisor, "actions"], tmp_path_factory, **env) as base:
        yield base


def test_recording_came_from_rasa_and_covers_the_conversation_actions() -> None:
    assert {c["request"]["version"] for c in CALLS} == {"3.6.21"}
    called = {c["request"]["next_action"] for c in CALLS}
    assert {"action_search_credentials", "action_more_results", "action_credential_details",
            "action_answer_faq"} <= called <= {cls().name() for cls in ACTION_CLASSES}  # fmt: skip


@pytest.mark.parametrize("call", CALLS, ids=[f"{n}-{c['request']['next_action']}" for n, c in enumerate(CALLS)])
def test_recorded_rasa_call_is_answered_as_then(server: str, call: dict[str, Any]) -> None:
    answer = httpx.post(f"{server}/webhook", params={"token": TOKEN}, json=call["request"], timeout=120)
    assert answer.status_code == 200, answer.text
    assert without_scores(answer.json()) == without_scores(call["response"])
