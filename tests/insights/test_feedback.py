"""POST /feedback, Telegram's feedback buttons and the channels' analytics notice and opt-out word."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.insights.channels import FEEDBACK_GONE, FEEDBACK_THANKS, NOTICE, OPT_OUT_WORD, OPTED_OUT
from bot.insights.report import build_report
from bot.runtime import Runtime
from index.embedder import FakeEmbedder
from knowledge.loader import load_knowledge
from tests.channels.conftest import FakeBotApi, channel_settings, make_client
from tests.channels.test_telegram import callback_update, message_update, post
from tests.conftest import make_settings
from tests.insights.conftest import read_events


def ask(client: TestClient, text: str = "cybersecurity") -> dict[str, str]:
    reply = client.post("/chat", json={"message": text}).json()
    return {"session_id": reply["session_id"], "turn_id": reply["turn_id"]}


def test_feedback_is_recorded_for_a_turn_of_that_conversation(insights_client: TestClient, tmp_path: Path) -> None:
    turn = ask(insights_client)
    response = insights_client.post(
        "/feedback", json={**turn, "helpful": False, "comment": "call me at 905-555-0199, too short"}
    )
    assert response.status_code == 202, response.text
    feedback = [e for e in read_events(tmp_path / "data") if e["kind"] == "feedback"]
    assert len(feedback) == 1 and feedback[0]["helpful"] is False
    assert feedback[0]["turn_id"] == turn["turn_id"] and "555" not in feedback[0]["comment"]
    report = build_report([tmp_path / "data" / "insights"], kb=load_knowledge(), embedder=FakeEmbedder())
    rated = next(t for t in report.tables if t.name == "helpful_by_intent")
    assert rated.rows == [["search_credentials", 1, "0.0%"]]


def test_feedback_for_another_conversations_turn_is_refused(insights_client: TestClient, tmp_path: Path) -> None:
    mine, theirs = ask(insights_client), ask(insights_client, "health sciences")
    response = insights_client.post(
        "/feedback", json={"session_id": mine["session_id"], "turn_id": theirs["turn_id"], "helpful": True}
    )
    assert response.status_code == 404
    assert "turn_id" in response.json()["error"]
    assert not [e for e in read_events(tmp_path / "data") if e["kind"] == "feedback"]


@pytest.mark.parametrize(
    "body",
    [
        {"helpful": True},
        {"session_id": "abcdefgh12", "turn_id": "x.y", "helpful": "yes"},
        {"session_id": "abcdefgh12", "turn_id": "abcdefgh.sig", "helpful": True, "comment": "x" * 501},
        {"session_id": "abcdefgh12", "turn_id": "abcdefgh.sig", "helpful": True, "extra": 1},
    ],
)
def test_feedback_bad_body_is_a_422_saying_what_to_fix(insights_client: TestClient, body: dict[str, object]) -> None:
    response = insights_client.post("/feedback", json=body)
    assert response.status_code == 422
    assert response.json()["error"].startswith("invalid request")


def test_feedback_is_rate_limited(fake_runtime: Runtime, tmp_path: Path) -> None:
    from bot.web.app import create_app

    settings = make_settings(tmp_path / "data", analytics=True, rate_limit_session="3/minute")
    with TestClient(create_app(settings, runtime=fake_runtime)) as client:
        turn = ask(client)
        codes = [client.post("/feedback", json={**turn, "helpful": True}).status_code for _ in range(4)]
    assert codes[:2] == [202, 202] and codes[-1] == 429


def test_feedback_is_refused_when_analytics_are_off(client: TestClient) -> None:
    reply = client.post("/chat", json={"message": "cybersecurity"}).json()
    assert reply["turn_id"] is None
    response = client.post(
        "/feedback", json={"session_id": reply["session_id"], "turn_id": "abcdefgh.signature", "helpful": True}
    )
    assert response.status_code == 404 and "ADVISOR_ANALYTICS" in response.json()["error"]


@pytest.fixture
def telegram(fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path) -> TestClient:
    settings = channel_settings(tmp_path / "data", bot_api.url, analytics=True)
    return make_client(fake_runtime, settings)


def test_telegram_offers_two_feedback_buttons_that_record_feedback(
    telegram: TestClient, bot_api: FakeBotApi, tmp_path: Path
) -> None:
    with telegram:
        post(telegram, message_update("cybersecurity"))
        buttons = [b for body in bot_api.sent() for row in body.get("reply_markup", {}).get("inline_keyboard", [])
                   for b in row if b["callback_data"].startswith("fb:")]  # fmt: skip
        assert [b["text"] for b in buttons] == ["👍 Helpful", "👎 Not helpful"]
        assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
        post(telegram, callback_update(buttons[0]["callback_data"], update_id=20001))
        post(telegram, callback_update("fb:y:forged.turnid", update_id=20002))
    assert bot_api.texts()[-2:] == [FEEDBACK_THANKS, FEEDBACK_GONE]
    feedback = [e for e in read_events(tmp_path / "data") if e["kind"] == "feedback"]
    assert [(e["channel"], e["helpful"]) for e in feedback] == [("telegram", True)]


def test_telegram_says_the_notice_once_and_honours_the_opt_out_word(
    telegram: TestClient, bot_api: FakeBotApi, tmp_path: Path
) -> None:
    with telegram:
        post(telegram, message_update("cybersecurity", update_id=1))
        post(telegram, message_update("health sciences", update_id=2))
        assert bot_api.texts().count(NOTICE) == 1 and OPT_OUT_WORD in NOTICE
        before = len(read_events(tmp_path / "data"))
        post(telegram, message_update(OPT_OUT_WORD.lower(), update_id=3))
        post(telegram, message_update("trades", update_id=4))
    assert OPTED_OUT in bot_api.texts()
    assert before == 2 and len(read_events(tmp_path / "data")) == 2


def test_sms_says_the_notice_in_the_first_reply_only_and_offers_no_feedback(
    fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path
) -> None:
    from tests.channels.test_twilio import messages_of, send, sms_params

    def send_sms(client: TestClient, text: str, number: int) -> str:
        return "\n".join(messages_of(send(client, sms_params(text, sid=f"SM{number:032d}"))))

    with make_client(fake_runtime, channel_settings(tmp_path / "data", bot_api.url, analytics=True)) as client:
        first, second = send_sms(client, "cybersecurity", 1), send_sms(client, "health sciences", 2)
        stopped = send_sms(client, OPT_OUT_WORD, 3)
        send_sms(client, "trades", 4)
    assert NOTICE in first and NOTICE not in second and "Helpful" not in first + second
    assert OPTED_OUT in stopped
    assert len(read_events(tmp_path / "data")) == 2
