"""The messaging channels: "delete my data" erases (review L10's channel part and the issue's "every channel can
erase"), group chats are not one shared conversation (L7), and a replay after a day is still refused (L8)."""

from __future__ import annotations

import sqlite3
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.channels import state as channel_state
from bot.channels.base import ERASED, is_erase_request
from bot.channels.telegram import PRIVATE_ONLY, SECRET_HEADER
from bot.runtime import Runtime
from tests.channels.conftest import TELEGRAM_SECRET, FakeBotApi, channel_settings, make_client
from tests.channels.test_telegram import message_update
from tests.channels.test_twilio import PHONE, URL, WEBHOOK, sign, sms_params


@pytest.fixture
def sqlite_channels(fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path) -> Iterator[TestClient]:
    """The app with both channels on, conversations in SQLite (as deployed), the Bot API on loopback."""
    settings = channel_settings(tmp_path / "data", bot_api.url, store="sqlite")
    with make_client(fake_runtime, settings) as client:
        yield client


def sms(client: TestClient, body: str, sid: str) -> str:
    params = sms_params(body, sid=sid)
    response = client.post(WEBHOOK, data=params, headers={"X-Twilio-Signature": sign(params, URL)})
    assert response.status_code == 200, response.text
    return "".join(m.text or "" for m in ET.fromstring(response.text).iter("Message"))


def conversations(client: TestClient) -> int:
    """Rows in the real SQLite file of conversations."""
    settings = client.app.state.settings  # type: ignore[attr-defined]
    db = sqlite3.connect(settings.data_dir / "conversations.sqlite3")
    try:
        return int(db.execute("SELECT count(*) FROM conversations").fetchone()[0])
    finally:
        db.close()


def menus(client: TestClient) -> int:
    state = channel_state.get_channel_state(client.app.state)
    db = state._connect()  # type: ignore[attr-defined]
    try:
        return int(db.execute("SELECT count(*) FROM channel_keys WHERE key LIKE 'menu:%'").fetchone()[0])
    finally:
        db.close()


@pytest.mark.parametrize(
    "text",
    ["delete my data", "Delete my data.", "/delete", "forget me", "erase my conversation", "please delete my data",
     "DELETE ALL MY DATA!", "remove my personal information", "supprimer mes données", "oubliez-moi", "/forget"],
)  # fmt: skip
def test_erase_requests_are_recognised(text: str) -> None:
    assert is_erase_request(text)


@pytest.mark.parametrize(
    "text",
    ["how do I delete my account at Durham College", "data analytics courses", "delete", "my data science course",
     "cybersecurity", "forget it, show me trades"],
)  # fmt: skip
def test_other_messages_are_not_erase_requests(text: str) -> None:
    assert not is_erase_request(text)


def test_sms_delete_my_data_erases_the_conversation_and_menu(sqlite_channels: TestClient) -> None:
    client = sqlite_channels
    assert "cybersecurity" in sms(client, "cybersecurity", "SM" + "1" * 32).lower()
    assert conversations(client) == 1 and menus(client) == 1
    assert sms(client, "Delete my data", "SM" + "2" * 32) == ERASED
    assert conversations(client) == 0 and menus(client) == 0
    assert PHONE not in ERASED


def test_telegram_forget_me_erases_the_conversation_and_menu(sqlite_channels: TestClient, bot_api: FakeBotApi) -> None:
    client = sqlite_channels
    headers, telegram = {SECRET_HEADER: TELEGRAM_SECRET}, "/channels/telegram/webhook"
    assert client.post(telegram, json=message_update("cybersecurity", 1), headers=headers).is_success
    assert conversations(client) == 1 and menus(client) == 1
    assert client.post(telegram, json=message_update("forget me", 2), headers=headers).is_success
    assert bot_api.texts()[-1] == ERASED
    assert conversations(client) == 0 and menus(client) == 0


def test_telegram_group_chats_are_not_answered_as_one_conversation(
    sqlite_channels: TestClient, bot_api: FakeBotApi
) -> None:
    """P13: an update from a group was accepted and answered, every member sharing one conversation."""
    update = message_update("cybersecurity", 9001, chat_id=-1001234)
    update["message"]["chat"]["type"] = "group"
    response = sqlite_channels.post("/channels/telegram/webhook", json=update, headers={SECRET_HEADER: TELEGRAM_SECRET})
    assert response.is_success
    assert bot_api.texts() == [PRIVATE_ONLY]
    assert conversations(sqlite_channels) == 0


def test_a_replay_a_day_later_is_still_refused(sqlite_channels: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """P14: a signed Twilio request replayed once its 24 h dedupe entry had expired was answered again."""
    first = sms(sqlite_channels, "show me more", "SM" + "7" * 32)
    assert first
    later = time.time() + 25 * 3600
    monkeypatch.setattr(channel_state.time, "time", lambda: later)
    assert sms(sqlite_channels, "show me more", "SM" + "7" * 32) == ""  # an empty <Response/>: ignored


def test_rejected_webhook_calls_count_against_the_client_limit(
    fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """A short or guessable secret could be tried online at full speed: 401/403 now count against the caller."""
    settings = channel_settings(tmp_path / "data", bot_api.url, rate_limit_client="5/minute")
    with make_client(fake_runtime, settings) as client:
        codes = [
            client.post(
                "/channels/telegram/webhook", json=message_update("hi", n), headers={SECRET_HEADER: "guess"}
            ).status_code
            for n in range(8)
        ]
    assert codes[:5] == [403] * 5 and codes[5:] == [429] * 3
