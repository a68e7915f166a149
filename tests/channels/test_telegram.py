"""Telegram webhook: secret check, real Update shapes, replies through a loopback stand-in for the Bot API."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.channels.state import SQLiteChannelState
from bot.channels.telegram import EXPIRED, MAX_CALLBACK_DATA, MAX_TEXT, SECRET_HEADER, button_token, render
from bot.dialogue.message import UserMessage
from bot.runtime import Runtime
from bot.schemas import Button, ChatReply, Intent, Message
from tests.channels.conftest import TELEGRAM_SECRET, FakeBotApi, channel_settings, make_client

WEBHOOK = "/channels/telegram/webhook"
CHAT_ID = 1111111

# The shapes of the Bot API's Update objects (core.telegram.org/bots/api#update and #callbackquery).
MESSAGE_UPDATE: dict[str, Any] = {
    "update_id": 10000,
    "message": {
        "message_id": 1365,
        "from": {
            "id": CHAT_ID,
            "is_bot": False,
            "first_name": "Test",
            "last_name": "Lastname",
            "username": "Test",
            "language_code": "en",
        },
        "chat": {"id": CHAT_ID, "first_name": "Test", "last_name": "Lastname", "username": "Test", "type": "private"},
        "date": 1441645532,
        "text": "cybersecurity",
    },
}
CALLBACK_UPDATE: dict[str, Any] = {
    "update_id": 10001,
    "callback_query": {
        "id": "4382bfdwdsb323b2d9",
        "from": {"id": CHAT_ID, "is_bot": False, "first_name": "Test", "username": "Test", "language_code": "en"},
        "message": {
            "message_id": 1366,
            "from": {"id": 7000000, "is_bot": True, "first_name": "Advisor", "username": "durham_advisor_bot"},
            "chat": {"id": CHAT_ID, "first_name": "Test", "username": "Test", "type": "private"},
            "date": 1441645540,
            "text": "Here are the closest matches I know of.",
        },
        "chat_instance": "-4233254283737361928",
        "data": "1",
    },
}


def message_update(text: str, update_id: int = 10000, chat_id: int = CHAT_ID) -> dict[str, Any]:
    update = copy.deepcopy(MESSAGE_UPDATE)
    update["update_id"] = update_id
    update["message"]["text"] = text
    update["message"]["chat"]["id"] = chat_id
    update["message"]["from"]["id"] = chat_id
    return update


def callback_update(data: str, update_id: int = 10001) -> dict[str, Any]:
    update = copy.deepcopy(CALLBACK_UPDATE)
    update["update_id"] = update_id
    update["callback_query"]["data"] = data
    return update


def post(client: TestClient, update: dict[str, Any], secret: str | None = TELEGRAM_SECRET) -> Any:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    return client.post(WEBHOOK, json=update, headers=headers)


def count_turns(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Spy on the advisor: the texts that reached the dialogue."""
    advisor = client.app.state.advisor  # type: ignore[attr-defined]
    original = advisor.handle
    seen: list[str] = []

    def spy(session_id: str | None, message: UserMessage, *args: Any, **kwargs: Any) -> ChatReply:
        seen.append(message.text)
        return original(session_id, message, *args, **kwargs)

    monkeypatch.setattr(advisor, "handle", spy)
    return seen


def test_telegram_valid_message_gets_an_answer_through_send_message(
    channel_client: TestClient, bot_api: FakeBotApi
) -> None:
    response = post(channel_client, MESSAGE_UPDATE)
    assert response.status_code == 200
    assert response.json() == {"status": "accepted"}
    sent = bot_api.sent()
    assert sent, "no sendMessage reached the Bot API"
    first = sent[0]
    assert first["chat_id"] == CHAT_ID
    assert "1. " in first["text"] and "Reply 1" in first["text"]
    keyboard = first["reply_markup"]["inline_keyboard"]
    assert keyboard[0][0]["text"] == "1"
    for row in keyboard:
        for button in row:
            assert len(button["callback_data"].encode()) <= MAX_CALLBACK_DATA


@pytest.mark.parametrize(
    ("secret", "status"), [(None, 401), ("", 401), ("wrong-secret", 403), (TELEGRAM_SECRET + "x", 403)]
)
def test_telegram_rejects_missing_or_wrong_secret_before_the_dialogue(
    channel_client: TestClient,
    bot_api: FakeBotApi,
    monkeypatch: pytest.MonkeyPatch,
    secret: str | None,
    status: int,
) -> None:
    turns = count_turns(channel_client, monkeypatch)
    response = post(channel_client, MESSAGE_UPDATE, secret=secret)
    assert response.status_code == status
    assert "error" in response.json()
    assert turns == [] and bot_api.calls == []


@pytest.mark.parametrize("missing", ["telegram_secret_token", "telegram_bot_token"])
def test_telegram_channel_without_its_secrets_is_disabled(
    fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path, missing: str
) -> None:
    settings = channel_settings(tmp_path / "data", bot_api.url, **{missing: None})
    with make_client(fake_runtime, settings) as client:
        response = post(client, MESSAGE_UPDATE)
        assert response.status_code == 404
        assert response.json() == client.post("/no/such/route").json()  # indistinguishable from no endpoint
    assert bot_api.calls == []


def test_telegram_duplicate_update_is_answered_once(
    channel_client: TestClient, bot_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    turns = count_turns(channel_client, monkeypatch)
    assert post(channel_client, MESSAGE_UPDATE).json() == {"status": "accepted"}
    replies = len(bot_api.sent())
    again = post(channel_client, MESSAGE_UPDATE)
    assert again.status_code == 200 and again.json() == {"status": "duplicate"}
    assert turns == ["cybersecurity"]
    assert len(bot_api.sent()) == replies


def test_telegram_duplicate_is_detected_across_workers(
    fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """Two app instances (as two worker processes would be) share the data directory's state file."""
    settings = channel_settings(tmp_path / "data", bot_api.url)
    with make_client(fake_runtime, settings) as worker_a, make_client(fake_runtime, settings) as worker_b:
        assert post(worker_a, MESSAGE_UPDATE).json() == {"status": "accepted"}
        assert post(worker_b, MESSAGE_UPDATE).json() == {"status": "duplicate"}


def test_telegram_button_press_answers_the_callback_and_runs_its_payload(
    channel_client: TestClient, bot_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    post(channel_client, MESSAGE_UPDATE)
    keyboard = bot_api.sent()[0]["reply_markup"]["inline_keyboard"]
    start_over = next(b for row in keyboard for b in row if b["text"] == "Start over")
    turns = count_turns(channel_client, monkeypatch)
    response = post(channel_client, callback_update(start_over["callback_data"]))
    assert response.status_code == 200
    assert bot_api.sent("answerCallbackQuery") == [{"callback_query_id": "4382bfdwdsb323b2d9"}]
    assert turns == ["/restart"]
    assert "start fresh" in bot_api.texts()[-1]


def test_telegram_unknown_button_token_says_it_expired(channel_client: TestClient, bot_api: FakeBotApi) -> None:
    post(channel_client, callback_update(button_token('/search_credentials{"area":"Gone"}')))
    assert bot_api.texts() == [EXPIRED]


def test_telegram_ignores_updates_without_text(channel_client: TestClient, bot_api: FakeBotApi) -> None:
    sticker = copy.deepcopy(MESSAGE_UPDATE)
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {"file_id": "x", "file_unique_id": "y", "width": 512, "height": 512}
    edited = {"update_id": 10005, "edited_message": MESSAGE_UPDATE["message"]}
    assert post(channel_client, sticker).status_code == 200
    assert post(channel_client, edited).status_code == 200
    assert bot_api.calls == []


def test_telegram_rejects_a_body_that_is_not_an_update(channel_client: TestClient, bot_api: FakeBotApi) -> None:
    response = channel_client.post(WEBHOOK, content=b"{not json", headers={SECRET_HEADER: TELEGRAM_SECRET})
    assert response.status_code == 400
    assert bot_api.calls == []


def test_telegram_conversation_id_is_a_keyed_hash_not_the_chat_id(channel_client: TestClient) -> None:
    post(channel_client, MESSAGE_UPDATE)
    ids = list(channel_client.app.state.advisor.store._data)  # type: ignore[attr-defined]
    assert len(ids) == 1
    assert ids[0].startswith("telegram:") and str(CHAT_ID) not in ids[0]


def test_telegram_retries_a_failed_send_then_delivers(channel_client: TestClient, bot_api: FakeBotApi) -> None:
    bot_api.fail.append((502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}))
    bot_api.fail.append((429, {"ok": False, "error_code": 429, "parameters": {"retry_after": 0}}))
    post(channel_client, MESSAGE_UPDATE)
    texts = bot_api.texts()
    assert len(texts) >= 3 and texts[0] == texts[1] == texts[2]  # the same message, retried twice


def test_telegram_does_not_retry_a_client_error(channel_client: TestClient, bot_api: FakeBotApi) -> None:
    bot_api.fail.append((400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}))
    post(channel_client, MESSAGE_UPDATE)
    assert len(bot_api.texts()) == len({t for t in bot_api.texts()})


def test_telegram_unreachable_api_still_answers_the_webhook(
    fake_runtime: Runtime, tmp_path: Path, unused_port: int
) -> None:
    settings = channel_settings(tmp_path / "data", f"http://127.0.0.1:{unused_port}")
    with make_client(fake_runtime, settings) as client:
        assert post(client, MESSAGE_UPDATE).status_code == 200


def test_telegram_long_replies_are_split_under_the_limit(tmp_path: Path) -> None:
    state = SQLiteChannelState(tmp_path / "state.sqlite3")
    long_text = ("A sentence of advice. " * 400).strip()
    reply = ChatReply(
        session_id="telegram:x",
        intent=Intent(name="help", confidence=1.0),
        messages=[Message(text=long_text, buttons=[Button(title="Start over", payload="/restart")])],
    )
    parts = render(reply, state)
    assert len(parts) == 3
    assert all(0 < len(p.text) <= MAX_TEXT for p in parts)
    assert " ".join(p.text for p in parts).split() == long_text.split()
    assert parts[-1].keyboard and not parts[0].keyboard  # the buttons come with the last part


def test_telegram_long_payloads_get_short_callback_data(tmp_path: Path) -> None:
    state = SQLiteChannelState(tmp_path / "state.sqlite3")
    payload = '/search_credentials{"cost":"free","area":"Health Sciences","provider":"ontario-tech","delivery":null}'
    assert len(payload.encode()) > MAX_CALLBACK_DATA
    reply = ChatReply(
        session_id="telegram:x",
        intent=Intent(name="help", confidence=1.0),
        messages=[Message(text="Pick one", buttons=[Button(title="Free health", payload=payload)])],
    )
    [part] = render(reply, state)
    data = part.keyboard[0][0]["callback_data"]
    assert len(data.encode()) <= MAX_CALLBACK_DATA
    assert state.get(f"tg-button:{data}") == payload


def test_telegram_conversation_continues_over_three_messages(channel_client: TestClient, bot_api: FakeBotApi) -> None:
    post(channel_client, message_update("cybersecurity", 20001))
    first = bot_api.texts()[0]
    assert "1. " in first
    title = first.split("1. ", 1)[1].split(" – ", 1)[0]
    count = len(bot_api.texts())
    post(channel_client, message_update("1", 20002))
    details = "\n".join(bot_api.texts()[count:])
    assert title in details and "2. " not in details  # the details of the first result, not a new list
    count = len(bot_api.texts())
    post(channel_client, message_update("is it free?", 20003))
    cost = "\n".join(bot_api.texts()[count:])
    # The cost of that credential (it may come with its card, but no other result), stated honestly.
    assert title in cost and "published" in cost and "2. " not in cost
    assert not cost.lower().startswith("yes")


@pytest.mark.real
def test_telegram_answers_with_the_real_model(real_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path) -> None:
    settings = channel_settings(tmp_path / "data", bot_api.url, embedder="sentence-transformers")
    with make_client(real_runtime, settings) as client:
        post(client, message_update("I want to learn to protect networks from hackers", 30001))
    text = bot_api.texts()[0]
    assert "1. " in text and "cyber" in text.lower()


def test_telegram_rate_limited_chat_is_told_to_wait(fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path) -> None:
    settings = channel_settings(tmp_path / "data", bot_api.url, rate_limit_session="1/minute")
    with make_client(fake_runtime, settings) as client:
        post(client, message_update("cybersecurity", 40001))
        post(client, message_update("health", 40002))
    assert bot_api.texts()[-1].startswith("You're sending messages faster")
