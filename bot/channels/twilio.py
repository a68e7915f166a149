"""Twilio SMS and WhatsApp: ``POST /channels/twilio/webhook`` (form-encoded), answered with TwiML.

Every request must carry ``X-Twilio-Signature`` = Base64(HMAC-SHA1(auth token, public URL + the POST parameters
sorted by name, each name immediately followed by its value)). The URL is rebuilt from ``ADVISOR_PUBLIC_BASE_URL``
(not from the Host header) so the check holds behind a TLS-terminating proxy. WhatsApp arrives on the same webhook
with ``From=whatsapp:+1...``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
from collections.abc import Iterable
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit
from xml.sax.saxutils import escape

from fastapi import APIRouter, Header, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from bot.channels.base import (
    SLOW_DOWN,
    ChannelDisabled,
    ChannelError,
    SignatureInvalid,
    SignatureMissing,
    conversation_id,
    dedupe_ttl,
    erase_person,
    handle_text,
    is_erase_request,
    load_menu,
    menu_of,
    reject,
    resolve_text,
    save_menu,
)
from bot.channels.state import get_channel_state
from bot.channels.text import sms_text
from bot.insights import channels as insights
from bot.service import RateLimited
from bot.settings import Settings
from bot.web.deps import client_address

logger = logging.getLogger(__name__)

CHANNEL = "twilio"
SIGNATURE_HEADER = "X-Twilio-Signature"
MAX_RESULTS = 3
MAX_REPLY_CHARS = 1600  # Twilio's limit for a message body
SORRY = "Sorry, something went wrong on my side. Please send your message again in a minute."
TEXT_ONLY = "I can only read text messages. Tell me what kind of training you're looking for, e.g. cybersecurity."
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


# --- signature --------------------------------------------------------------------------------------------------
def compute_signature(auth_token: str, url: str, params: Iterable[tuple[str, str]]) -> str:
    """Twilio's documented algorithm. Repeated names contribute each value, sorted (as the official SDKs do)."""
    grouped: dict[str, list[str]] = {}
    for name, value in params:
        grouped.setdefault(name, []).append(value)
    signed = url + "".join(name + value for name in sorted(grouped) for value in sorted(set(grouped[name])))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def public_url(base: str, path: str, query: str) -> str:
    """The URL Twilio was given: the configured public base + the path (+ query) as received."""
    url = base.rstrip("/") + path
    return f"{url}?{query}" if query else url


def _port_variants(url: str) -> list[str]:
    """The URL as given and with the default port toggled: Twilio signs whichever form it was configured with."""
    parts = urlsplit(url)
    default = {"https": 443, "http": 80}.get(parts.scheme)
    host = parts.hostname or ""
    if parts.port is not None and parts.port == default:
        other = host
    elif parts.port is None and default is not None:
        other = f"{host}:{default}"
    else:
        return [url]
    return [url, urlunsplit((parts.scheme, other, parts.path, parts.query, parts.fragment))]


def verify_request(settings: Settings, url: str, params: list[tuple[str, str]], received: str | None) -> None:
    """Fail closed: channel unconfigured -> disabled; missing or wrong signature -> rejected."""
    if not settings.twilio_auth_token or not settings.public_base_url:
        raise ChannelDisabled(CHANNEL, "ADVISOR_TWILIO_AUTH_TOKEN and ADVISOR_PUBLIC_BASE_URL are not both set")
    if not received:
        raise SignatureMissing(CHANNEL, f"no {SIGNATURE_HEADER} header")
    token = settings.twilio_auth_token.get_secret_value()
    if not any(
        hmac.compare_digest(compute_signature(token, candidate, params).encode(), received.encode())
        for candidate in _port_variants(url)
    ):
        raise SignatureInvalid(CHANNEL, f"{SIGNATURE_HEADER} does not match")
    account = dict(params).get("AccountSid")
    if settings.twilio_account_sid and account != settings.twilio_account_sid:
        raise SignatureInvalid(CHANNEL, "the request is for another Twilio account")


# --- TwiML ------------------------------------------------------------------------------------------------------
def twiml(messages: list[str]) -> str:
    body = "".join(f"<Message>{escape(_XML_INVALID.sub('', m))}</Message>" for m in messages if m)
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>'


def twiml_response(messages: list[str]) -> Response:
    return Response(content=twiml(messages), media_type="application/xml")


# --- one message ------------------------------------------------------------------------------------------------
def answer_message(app_state: Any, settings: Settings, form: dict[str, str]) -> str:
    """The reply text for one verified, first-seen inbound message (blocking: runs in a worker thread)."""
    assert settings.twilio_auth_token is not None
    body = form.get("Body", "").strip()
    if not body:
        return TEXT_ONLY
    state = get_channel_state(app_state)
    conversation = conversation_id(CHANNEL, form["From"], key=settings.twilio_auth_token.get_secret_value())
    if is_erase_request(body):
        return erase_person(app_state, state, conversation, channel=CHANNEL)
    if insights.is_opt_out(body):
        insights.opt_out(state, conversation)
        return insights.OPTED_OUT
    message = resolve_text(body, load_menu(state, conversation))
    if len(message) > settings.max_message_chars:
        return f"That message is too long for me; please keep it under {settings.max_message_chars} characters."
    try:
        reply = handle_text(
            app_state, conversation, message, channel=CHANNEL, analytics=not insights.opted_out(state, conversation)
        )
    except RateLimited as exc:
        return SLOW_DOWN.format(seconds=exc.retry_after)
    save_menu(state, conversation, menu_of(reply, max_results=MAX_RESULTS), ttl=settings.session_idle_minutes * 60)
    # The analytics notice rides in the first reply (no extra text: each costs the person); no feedback prompt.
    notice = insights.notice_once(app_state, state, conversation)
    budget = MAX_REPLY_CHARS - (len(notice) + 2 if notice else 0)
    text = sms_text(reply, max_results=MAX_RESULTS, max_chars=budget)
    return f"{text}\n\n{notice}" if notice else text


# --- HTTP -------------------------------------------------------------------------------------------------------
router = APIRouter(prefix="/channels/twilio", tags=["channels"])


@router.post(
    "/webhook",
    response_class=Response,
    responses={
        200: {"content": {"application/xml": {}}, "description": "TwiML"},
        401: {"description": "no signature"},
        403: {"description": "wrong signature"},
        404: {},
    },
)
async def twilio_webhook(
    request: Request, signature: Annotated[str | None, Header(alias=SIGNATURE_HEADER)] = None
) -> Response:
    """Receive an SMS or WhatsApp message from Twilio (form-encoded) and answer with TwiML."""
    settings: Settings = request.app.state.settings
    raw = await request.body()
    try:
        params = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(raw))
    except (UnicodeDecodeError, ValueError):
        params = None
    url = public_url(settings.public_base_url or "", request.url.path, request.url.query)
    try:
        verify_request(settings, url, params or [], signature)
    except ChannelDisabled as exc:
        raise HTTPException(status_code=exc.status_code, detail="Not Found") from exc
    except ChannelError as exc:
        reject(request.app.state, client_address(request), exc)
        raise HTTPException(status_code=exc.status_code, detail=exc.reason) from exc
    form = dict(params or [])
    if not form.get("MessageSid") or not form.get("From"):
        raise HTTPException(status_code=400, detail="a Twilio message webhook needs MessageSid and From")
    state = get_channel_state(request.app.state)
    key = f"twilio-message:{form['MessageSid']}"
    if not await run_in_threadpool(state.claim, key, ttl=dedupe_ttl(settings)):
        logger.info("twilio message is a redelivery; ignored")
        return twiml_response([])
    try:
        text = await run_in_threadpool(answer_message, request.app.state, settings, form)
    except Exception as exc:
        await run_in_threadpool(state.release, key)  # let a redelivery be processed
        if isinstance(exc, ChannelError):
            logger.warning("twilio message not answered: %s", exc.reason)
        else:
            logger.exception("twilio message failed")
        text = SORRY
    return twiml_response([text])
