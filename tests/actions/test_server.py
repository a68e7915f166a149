"""``advisor actions``: loopback by default, no CORS, Rasa's endpoint token, 4xx for bad input, a log line per call."""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from actions.registry import ACTION_CLASSES
from actions.server import BadActionCall, check_action_call
from tests.actions.servers import running

TOKEN = "test-token-1234"


def body(**tracker: Any) -> dict[str, Any]:
    state = {"sender_id": "s1", "slots": {}, "latest_message": {"text": "private words", "intent": {"name": "x"}},
             "events": [], **tracker}  # fmt: skip
    return {"next_action": "action_search_credentials", "sender_id": "s1", "tracker": state, "domain": {},
            "version": "3.6.21"}  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error"),
    [
        ([], "JSON object"),
        ({"tracker": {}}, "next_action"),
        ({"next_action": "action_more_results", "tracker": "x"}, "tracker must be an object"),
        (body(slots={"results_offset": "3"}), "results_offset must be of type float"),
        (body(slots={"last_results": "ot-hs-feeding"}), "last_results must be of type list"),
        (body(slots={"search_filters": "not json"}), "search_filters must be the JSON object"),
        (body(slots={"search_filters": '{"colour": "red"}'}), "search_filters must be the JSON object"),
        (body(events={}), "tracker.events must be a list"),
        (body(latest_message={"text": "hi", "entities": "area"}), "entities must be a list"),
        (body(latest_message={"text": "hi", "entities": ["area"]}), "entities must be objects"),
        (body(latest_message={"text": 5}), "latest_message.text must be a string"),
        ({**body(), "domain": []}, "domain must be an object"),
    ],
)
def test_check_action_call_names_what_is_wrong(call: Any, error: str) -> None:
    with pytest.raises(BadActionCall, match=error):
        check_action_call(call)


def test_check_action_call_accepts_rasa_bodies_and_other_slots() -> None:
    ok = body(slots={"results_offset": 3, "last_results": [], "search_filters": "{}", "my_own_slot": 5})
    assert check_action_call(ok) is ok


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    advisor = str(Path(sys.executable).with_name("advisor"))
    log = tmp_path_factory.mktemp("actions-log") / "server.log"
    env = {"ADVISOR_EMBEDDER": "fake", "ADVISOR_ACTIONS_TOKEN": TOKEN}
    with running([advisor, "actions"], tmp_path_factory, log, **env) as base:
        yield base, log


@pytest.mark.real
def test_actions_serves_every_action(server: tuple[str, Path]) -> None:
    base = server[0]
    names = {a["name"] for a in httpx.get(f"{base}/actions", params={"token": TOKEN}).json()}
    assert names == {cls().name() for cls in ACTION_CLASSES}
    found = httpx.post(f"{base}/webhook", params={"token": TOKEN}, json=body(slots={"cost": "free"}), timeout=60)
    cards = found.json()["responses"][0]["custom"]["results"]
    assert cards and all(card["cost"] == "Free" for card in cards)


@pytest.mark.real
def test_actions_binds_loopback_only(server: tuple[str, Path]) -> None:
    port = httpx.URL(server[0]).port
    assert port is not None
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.2", port), timeout=2):
        pass  # 127.0.0.2 is loopback too: a server on every interface would answer it


@pytest.mark.real
def test_actions_token_is_required_except_for_health(server: tuple[str, Path]) -> None:
    base = server[0]
    assert httpx.get(f"{base}/health").status_code == 200
    refused = httpx.get(f"{base}/actions")
    assert refused.status_code == 401 and "ADVISOR_ACTIONS_TOKEN" in refused.json()["error"]
    assert httpx.post(f"{base}/webhook?token=wrong", json=body()).status_code == 401
    assert httpx.get(f"{base}/actions", params={"token": TOKEN}).status_code == 200


@pytest.mark.real
def test_actions_sends_no_cors_headers(server: tuple[str, Path]) -> None:
    answer = httpx.get(f"{server[0]}/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers


@pytest.mark.real
def test_actions_bad_input_is_a_4xx_with_a_json_error(server: tuple[str, Path]) -> None:
    webhook = f"{server[0]}/webhook?token={TOKEN}"
    for content in (b"not json", b"[]", json.dumps(body(slots={"results_offset": "x"})).encode()):
        answer = httpx.post(webhook, content=content, headers={"content-type": "application/json"})
        assert answer.status_code == 400 and answer.json()["error"], content
    assert httpx.get(f"{server[0]}/nowhere?token={TOKEN}").status_code == 404
    unknown = httpx.post(webhook, json={**body(), "next_action": "action_nope"})
    assert unknown.status_code == 404 and unknown.json()["action_name"] == "action_nope"


@pytest.mark.real
def test_actions_logs_one_line_per_call_without_text(server: tuple[str, Path]) -> None:
    base, log = server
    before = len(log.read_text().splitlines())
    found = httpx.post(f"{base}/webhook?token={TOKEN}", json=body(slots={"area": "Health Sciences"}), timeout=60)
    assert found.status_code == 200 and found.json()["responses"]
    text = log.read_text()
    lines = [line for line in text.splitlines()[before:] if "actions.server action " in line]
    assert len(lines) == 1 and " action_search_credentials 200 " in lines[0] and lines[0].endswith(" ms")
    assert "private words" not in text
    assert "endpoints" not in text.lower()  # no tracing set up from an endpoints file, so no warning about one
