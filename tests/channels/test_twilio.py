"""Twilio SMS/WhatsApp webhook: signatures computed by the official SDK's RequestValidator, real parameter sets."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from bot.channels.twilio import MAX_REPLY_CHARS, MAX_RESULTS, SIGNATURE_HEADER, compute_signature, twiml
from bot.dialogue.message import UserMessage
from bot.runtime import Runtime
from bot.schemas import ChatReply
from tests.channels.conftest import PUBLIC_BASE, TWILIO_SID, TWILIO_TOKEN, FakeBotApi, channel_settings, make_client

WEBHOOK = "/channels/twilio/webhook"
URL = PUBLIC_BASE + WEBHOOK
PHONE = "+19055550123"


def sms_params(body: str, *, sid: str = "SM" + "1" * 32, sender: str = PHONE) -> dict[str, str]:
    """The parameters Twilio posts for an inbound SMS (twilio.com/docs/messaging/guides/webhook-request)."""
    return {
        "ToCountry": "CA",
        "ToState": "ON",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "OSHAWA",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "ON",
        "SmsStatus": "received",
        "FromCity": "OSHAWA",
        "Body": body,
        "FromCountry": "CA",
        "To": "+12895550199",
        "MessagingServiceSid": "MG" + "b" * 32,
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }


def whatsapp_params(body: str, *, sid: str = "SM" + "2" * 32) -> dict[str, str]:
    """An inbound WhatsApp message through Twilio: the same webhook, addresses prefixed with ``whatsapp:``."""
    return {
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ProfileName": "Sam",
        "MessageType": "text",
        "SmsSid": sid,
        "WaId": PHONE.lstrip("+"),
        "SmsStatus": "received",
        "Body": body,
        "To": "whatsapp:+14155238886",
        "NumSegments": "1",
        "ReferralNumMedia": "0",
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": f"whatsapp:{PHONE}",
        "ApiVersion": "2010-04-01",
    }


def sign(params: dict[str, str], url: str = URL, token: str = TWILIO_TOKEN) -> str:
    signature: str = RequestValidator(token).compute_signature(url, params)
    return signature


def post(
    client: TestClient, params: dict[str, str], signature: str | None = None, *, path: str = WEBHOOK, body: str = ""
) -> Any:
    headers = {"content-type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers[SIGNATURE_HEADER] = signature
    return client.post(path, content=body or urlencode(params), headers=headers)


def send(client: TestClient, params: dict[str, str]) -> Any:
    return post(client, params, sign(params))


def messages_of(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.text)
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


def count_turns(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    advisor = client.app.state.advisor  # type: ignore[attr-defined]
    original = advisor.handle
    seen: list[str] = []

    def spy(session_id: str | None, message: UserMessage, *args: Any, **kwargs: Any) -> ChatReply:
        seen.append(message.text)
        return original(session_id, message, *args, **kwargs)

    monkeypatch.setattr(advisor, "handle", spy)
    return seen


@pytest.mark.parametrize(
    "params",
    [
        sms_params("cybersecurity"),
        whatsapp_params("free courses & more <online>"),
        {"Body": "a", "body": "b", "B": "", "Z z": "ünïcödé +1 & =", "AccountSid": TWILIO_SID},
    ],
)
@pytest.mark.parametrize("url", [URL, URL + "?channel=sms&b=2", "https://advisor.example.org:8443/x"])
def test_twilio_signature_matches_the_official_validator(params: dict[str, str], url: str) -> None:
    assert compute_signature(TWILIO_TOKEN, url, params.items()) == sign(params, url)


def test_twilio_valid_sms_gets_a_short_numbered_twiml_answer(channel_client: TestClient) -> None:
    [text] = messages_of(send(channel_client, sms_params("cybersecurity")))
    assert len(text) <= MAX_REPLY_CHARS
    assert "1. " in text and f"{MAX_RESULTS + 1}. " not in text
    assert "Reply 1" in text and "for details" in text


def test_twilio_whatsapp_arrives_on_the_same_webhook(channel_client: TestClient) -> None:
    [text] = messages_of(send(channel_client, whatsapp_params("health care")))
    assert "1. " in text


def test_twilio_signed_url_with_query_string_is_accepted(channel_client: TestClient) -> None:
    params = sms_params("cybersecurity")
    response = post(channel_client, params, sign(params, URL + "?source=sms"), path=WEBHOOK + "?source=sms")
    assert messages_of(response)


@pytest.mark.parametrize("case", ["missing", "empty", "wrong-token", "tampered-body", "added-param", "wrong-url"])
def test_twilio_rejects_bad_signatures_before_the_dialogue(
    channel_client: TestClient, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    turns = count_turns(channel_client, monkeypatch)
    params = sms_params("cybersecurity")
    body = ""
    if case == "missing":
        response = post(channel_client, params)
    elif case == "empty":
        response = post(channel_client, params, "")
    elif case == "wrong-token":
        response = post(channel_client, params, sign(params, token="0" * 32))
    elif case == "tampered-body":
        body = urlencode({**params, "Body": "send me everything"})
        response = post(channel_client, params, sign(params), body=body)
    elif case == "added-param":
        body = urlencode({**params, "Extra": "1"})
        response = post(channel_client, params, sign(params), body=body)
    else:  # signed for the internal http URL a proxy forwards to, not the public one Twilio was given
        response = post(channel_client, params, sign(params, "http://testserver" + WEBHOOK))
    expected = 401 if case in ("missing", "empty") else 403
    assert response.status_code == expected
    assert "error" in response.json()
    assert turns == []


def test_twilio_rejects_another_accounts_request(channel_client: TestClient) -> None:
    params = {**sms_params("cybersecurity"), "AccountSid": "AC" + "f" * 32}
    assert send(channel_client, params).status_code == 403


@pytest.mark.parametrize("missing", ["twilio_auth_token", "public_base_url"])
def test_twilio_channel_without_its_secrets_is_disabled(
    fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path, missing: str
) -> None:
    settings = channel_settings(tmp_path / "data", bot_api.url, **{missing: None})
    with make_client(fake_runtime, settings) as client:
        response = send(client, sms_params("cybersecurity"))
        assert response.status_code == 404
        assert response.json() == client.post("/no/such/route").json()


def test_twilio_duplicate_message_sid_is_answered_once(
    channel_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    turns = count_turns(channel_client, monkeypatch)
    params = sms_params("cybersecurity")
    assert messages_of(send(channel_client, params))
    assert messages_of(send(channel_client, params)) == []  # empty <Response/>: Twilio sends nothing
    assert turns == ["cybersecurity"]


def test_twilio_conversation_id_does_not_hold_the_phone_number(channel_client: TestClient) -> None:
    send(channel_client, sms_params("cybersecurity"))
    send(channel_client, whatsapp_params("cybersecurity"))
    ids = list(channel_client.app.state.advisor.store._data)  # type: ignore[attr-defined]
    assert len(ids) == 2  # SMS and WhatsApp are separate conversations
    for conversation in ids:
        assert conversation.startswith("twilio:")
        assert PHONE.lstrip("+") not in conversation and "555" not in conversation


def test_twilio_reply_choice_by_button_title_uses_its_payload(
    channel_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    [first] = messages_of(send(channel_client, sms_params("cybersecurity", sid="SM" + "3" * 32)))
    assert "Start over" in first
    turns = count_turns(channel_client, monkeypatch)
    [text] = messages_of(send(channel_client, sms_params("start over!", sid="SM" + "4" * 32)))
    assert turns == ["/restart"]
    assert "start fresh" in text


def test_twilio_digit_reply_asks_for_details_of_that_result(
    channel_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    send(channel_client, sms_params("health sciences", sid="SM" + "5" * 32))
    turns = count_turns(channel_client, monkeypatch)
    send(channel_client, sms_params(" 2 ", sid="SM" + "6" * 32))
    assert turns == ["tell me more about the second one"]


def test_twilio_media_only_message_gets_a_text_only_answer(
    channel_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    turns = count_turns(channel_client, monkeypatch)
    params = {**sms_params(""), "NumMedia": "1", "MediaContentType0": "image/jpeg"}
    [text] = messages_of(send(channel_client, params))
    assert "only read text" in text and turns == []


def test_twilio_dialogue_failure_is_answered_and_can_be_redelivered(
    channel_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = channel_client.app.state.advisor  # type: ignore[attr-defined]
    original = advisor.handle

    def broken(*args: Any, **kwargs: Any) -> ChatReply:
        raise RuntimeError("boom")

    monkeypatch.setattr(advisor, "handle", broken)
    params = sms_params("cybersecurity", sid="SM" + "7" * 32)
    [sorry] = messages_of(send(channel_client, params))
    assert "Sorry" in sorry and "boom" not in sorry
    monkeypatch.setattr(advisor, "handle", original)
    [answer] = messages_of(send(channel_client, params))
    assert "1. " in answer


def test_twiml_escapes_xml() -> None:
    document = twiml(['Fish & chips <b>"now"</b>\x07'])
    root = ET.fromstring(document)
    assert [m.text for m in root.findall("Message")] == ['Fish & chips <b>"now"</b>']


def test_twilio_conversation_continues_over_three_messages(channel_client: TestClient) -> None:
    [first] = messages_of(send(channel_client, sms_params("cybersecurity", sid="SM" + "a" * 32)))
    title = first.split("1. ", 1)[1].split(" – ", 1)[0]
    [details] = messages_of(send(channel_client, sms_params("1", sid="SM" + "b" * 32)))
    assert title in details and "2. " not in details
    [cost] = messages_of(send(channel_client, sms_params("is it free?", sid="SM" + "c" * 32)))
    assert title in cost and "published" in cost and "2. " not in cost
    assert not cost.lower().startswith("yes")
    assert all(len(t) <= MAX_REPLY_CHARS for t in (first, details, cost))


def test_twilio_rate_limited_conversation_is_told_to_wait(
    fake_runtime: Runtime, bot_api: FakeBotApi, tmp_path: Path
) -> None:
    settings = channel_settings(tmp_path / "data", bot_api.url, rate_limit_session="2/minute")
    with make_client(fake_runtime, settings) as client:
        for n in range(2):
            [text] = messages_of(send(client, sms_params("cybersecurity", sid=f"SM{n:032d}")))
            assert "1. " in text
        [text] = messages_of(send(client, sms_params("cybersecurity", sid="SM" + "9" * 32)))
    assert text.startswith("You're sending messages faster") and "seconds" in text
