"""Telegram: ``POST /channels/telegram/webhook`` and replies through the Bot API.

Telegram does not sign updates; ``setWebhook(secret_token=...)`` makes it send the secret in
``X-Telegram-Bot-Api-Secret-Token``, compared here in constant time before the body is even parsed. The webhook
answers 200 at once (so Telegram does not redeliver) and the turn runs in a background task that calls
``sendMessage`` with timeouts and bounded retries.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Header, HTTPException, Request
from pydantic import BaseModel, Field, ValidationError
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
    secrets_match,
)
from bot.channels.state import ChannelState, get_channel_state
from bot.channels.text import details_hint, results_block, split_text
from bot.insights import channels as insights
from bot.schemas import Button, ChatReply
from bot.service import RateLimited
from bot.settings import Settings
from bot.web.deps import client_address

if TYPE_CHECKING:  # httpx is imported where a reply is sent: it costs ~0.15 s of every worker's start
    import httpx

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_TEXT = 4096  # sendMessage text limit
MAX_CALLBACK_DATA = 64  # bytes
MAX_RESULTS = 5
TOKEN_TTL = 30 * 24 * 3600.0
TIMEOUT = 10.0  # seconds per Bot API call
CONNECT_TIMEOUT = 5.0
ATTEMPTS = 3
RETRY_BACKOFF = 0.25  # seconds, doubled after each failed attempt
MAX_RETRY_AFTER = 5.0  # never wait longer than this for a 429's retry_after
SORRY = "Sorry, something went wrong on my side. Please try again in a minute."
# In a group every member would share one conversation and see each other's answers (review L7): private only.
PRIVATE_ONLY = "I only answer in a private chat, so that your conversation stays yours. Please message me directly."
EXPIRED = "That button has expired. Type what you're looking for, for example: cybersecurity."


# --- payloads (only the fields we read; Telegram adds fields freely) -------------------------------------------
class TelegramChat(BaseModel):
    id: int
    type: str = "private"


class TelegramUser(BaseModel):
    id: int


class TelegramMessage(BaseModel):
    message_id: int
    chat: TelegramChat
    text: str | None = None


class TelegramCallbackQuery(BaseModel):
    id: str
    from_user: TelegramUser = Field(alias="from")
    message: TelegramMessage | None = None
    data: str | None = None


class TelegramUpdate(BaseModel):
    update_id: int
    message: TelegramMessage | None = None
    callback_query: TelegramCallbackQuery | None = None


# --- verification ---------------------------------------------------------------------------------------------
def verify_request(settings: Settings, received: str | None) -> None:
    """Fail closed: no bot token or secret configured -> disabled; missing or wrong secret -> rejected."""
    if not settings.telegram_bot_token or not settings.telegram_secret_token:
        raise ChannelDisabled(CHANNEL, "ADVISOR_TELEGRAM_BOT_TOKEN and ADVISOR_TELEGRAM_SECRET_TOKEN are not both set")
    if not received:
        raise SignatureMissing(CHANNEL, f"no {SECRET_HEADER} header")
    if not secrets_match(settings.telegram_secret_token.get_secret_value(), received):
        raise SignatureInvalid(CHANNEL, f"wrong {SECRET_HEADER}")


# --- outbound ---------------------------------------------------------------------------------------------------
class BotApi:
    """``POST {api_base}/bot{token}/{method}`` with a timeout and bounded retries (network errors, 5xx, 429)."""

    def __init__(self, client: httpx.AsyncClient, *, api_base: str, token: str) -> None:
        self._client = client
        self._base = f"{api_base.rstrip('/')}/bot{token}"

    async def call(self, method: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        import httpx

        delay = RETRY_BACKOFF
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = await self._client.post(f"{self._base}/{method}", json=payload)
            except httpx.HTTPError as exc:
                # Never log the exception text: its URL carries the bot token.
                logger.warning("telegram %s attempt %d failed: %s", method, attempt, type(exc).__name__)
            else:
                body = _json(response)
                if response.status_code == 200 and body.get("ok"):
                    result = body.get("result")
                    return result if isinstance(result, dict) else {"result": result}
                retry_after = (body.get("parameters") or {}).get("retry_after")
                logger.warning(
                    "telegram %s attempt %d: HTTP %d %s", method, attempt, response.status_code, body.get("description")
                )
                if response.status_code == 429 and isinstance(retry_after, int | float):
                    delay = min(float(retry_after), MAX_RETRY_AFTER)
                elif response.status_code < 500 and response.status_code != 429:
                    return None  # a 4xx other than 429 will not get better by retrying
            if attempt < ATTEMPTS:
                await asyncio.sleep(delay)
                delay *= 2
        logger.error("telegram %s gave up after %d attempts", method, ATTEMPTS)
        return None


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


@dataclass
class Outgoing:
    text: str
    keyboard: list[list[dict[str, str]]] = field(default_factory=list)

    def payload(self, chat_id: int) -> dict[str, Any]:
        body: dict[str, Any] = {"chat_id": chat_id, "text": self.text, "disable_web_page_preview": True}
        if self.keyboard:
            body["reply_markup"] = {"inline_keyboard": self.keyboard}
        return body


def button_token(payload: str) -> str:
    """A short stand-in for a payload (callback_data is limited to 64 bytes; Rasa payloads can be longer)."""
    digest = hashlib.sha256(payload.encode()).digest()[:12]
    return "t:" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _token_key(token: str) -> str:
    return f"tg-button:{token}"


def render(reply: ChatReply, state: ChannelState) -> list[Outgoing]:
    """One Telegram message per advisor message, results numbered under the first, buttons as inline keyboards."""
    cards = reply.results[:MAX_RESULTS]
    outgoing: list[Outgoing] = []
    for index, message in enumerate(reply.messages):
        text = message.text
        keyboard: list[list[dict[str, str]]] = []
        if index == 0 and cards:
            text = f"{text}\n\n{results_block(cards, detailed=True)}\n\n{details_hint(len(cards))}"
            keyboard.append([{"text": str(n), "callback_data": str(n)} for n in range(1, len(cards) + 1)])
        keyboard.extend(_button_rows(message.buttons, state))
        chunks = split_text(text, MAX_TEXT)
        outgoing.extend(Outgoing(chunk) for chunk in chunks[:-1])
        outgoing.append(Outgoing(chunks[-1], keyboard))
    return outgoing


def _button_rows(buttons: list[Button], state: ChannelState) -> list[list[dict[str, str]]]:
    row: list[dict[str, str]] = []
    rows: list[list[dict[str, str]]] = []
    for button in buttons:
        token = button_token(button.payload)
        state.put(_token_key(token), button.payload, ttl=TOKEN_TTL)
        row.append({"text": button.title, "callback_data": token})
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return rows


# --- one update -------------------------------------------------------------------------------------------------
def _incoming(update: TelegramUpdate) -> tuple[int, str | None, str | None, bool] | None:
    """(chat id, typed text, callback data, private chat?) or None for updates we do not answer (edits, stickers...)."""
    if update.message is not None and update.message.text:
        chat = update.message.chat
        return chat.id, update.message.text, None, chat.type == "private"
    query = update.callback_query
    if query is not None and query.data:
        if query.message is None:
            return query.from_user.id, None, query.data, True
        chat = query.message.chat
        return chat.id, None, query.data, chat.type == "private"
    return None


def _turn(app_state: Any, settings: Settings, chat_id: int, text: str | None, data: str | None) -> list[Outgoing]:
    """Blocking part of an update (state lookups and the dialogue), run in a worker thread."""
    state = get_channel_state(app_state)
    assert settings.telegram_secret_token is not None
    conversation = conversation_id(CHANNEL, chat_id, key=settings.telegram_secret_token.get_secret_value())
    if text is not None and is_erase_request(text):
        return [Outgoing(erase_person(app_state, state, conversation, channel=CHANNEL))]
    menu = load_menu(state, conversation)
    if data is not None and data.startswith(insights.FEEDBACK_PREFIX):
        return [Outgoing(insights.record_button(app_state, conversation, data, channel=CHANNEL))]
    if data is None and insights.is_opt_out(text or ""):
        insights.opt_out(state, conversation)
        return [Outgoing(insights.OPTED_OUT)]
    if data is not None and data.startswith("t:"):
        payload = state.get(_token_key(data))
        if payload is None:
            return [Outgoing(EXPIRED)]
        message = payload
    else:
        message = resolve_text(data if data is not None else text or "", menu)
    if len(message) > settings.max_message_chars:
        limit = settings.max_message_chars
        return [Outgoing(f"That message is too long for me; please keep it under {limit} characters.")]
    try:
        reply = handle_text(
            app_state, conversation, message, channel=CHANNEL, analytics=not insights.opted_out(state, conversation)
        )
    except RateLimited as exc:
        return [Outgoing(SLOW_DOWN.format(seconds=exc.retry_after))]
    save_menu(state, conversation, menu_of(reply, max_results=MAX_RESULTS), ttl=settings.session_idle_minutes * 60)
    return with_insights(render(reply, state), reply, insights.notice_once(app_state, state, conversation))


def with_insights(outgoing: list[Outgoing], reply: ChatReply, notice: str | None) -> list[Outgoing]:
    """Two feedback buttons under an answer, and the analytics notice in a conversation's first reply."""
    buttons = insights.feedback_buttons(reply)
    if buttons and outgoing:
        outgoing[-1].keyboard.append(buttons)
    if notice:
        outgoing.append(Outgoing(notice))
    return outgoing


async def process_update(app_state: Any, settings: Settings, update: TelegramUpdate) -> None:
    """The background half of the webhook: answer a button press, run the turn, send the reply."""
    incoming = _incoming(update)
    if incoming is None:
        return
    chat_id, text, data, private = incoming
    assert settings.telegram_bot_token is not None
    import httpx

    async with httpx.AsyncClient(timeout=httpx.Timeout(TIMEOUT, connect=CONNECT_TIMEOUT)) as client:
        api = BotApi(client, api_base=settings.telegram_api_base, token=settings.telegram_bot_token.get_secret_value())
        if update.callback_query is not None:
            # Stops the button's loading spinner; not worth retrying hard.
            await api.call("answerCallbackQuery", {"callback_query_id": update.callback_query.id})
        try:
            if private:
                outgoing = await run_in_threadpool(_turn, app_state, settings, chat_id, text, data)
            else:
                outgoing = [Outgoing(PRIVATE_ONLY)]
        except ChannelError as exc:
            logger.warning("telegram update %d not answered: %s", update.update_id, exc.reason)
            outgoing = [Outgoing(SORRY)]
        except Exception:
            logger.exception("telegram update %d failed", update.update_id)
            outgoing = [Outgoing(SORRY)]
        for message in outgoing:
            await api.call("sendMessage", message.payload(chat_id))


# --- HTTP -------------------------------------------------------------------------------------------------------
router = APIRouter(prefix="/channels/telegram", tags=["channels"])


@router.post(
    "/webhook",
    responses={401: {"description": "no secret token"}, 403: {"description": "wrong secret token"}, 404: {}},
)
async def telegram_webhook(
    request: Request,
    background: BackgroundTasks,
    secret: Annotated[str | None, Header(alias=SECRET_HEADER)] = None,
) -> dict[str, str]:
    """Receive a Telegram Update. Answers at once; the reply is sent through ``sendMessage`` in the background."""
    settings: Settings = request.app.state.settings
    try:
        verify_request(settings, secret)
    except ChannelDisabled as exc:
        raise HTTPException(status_code=exc.status_code, detail="Not Found") from exc
    except ChannelError as exc:
        reject(request.app.state, client_address(request), exc)
        raise HTTPException(status_code=exc.status_code, detail=exc.reason) from exc
    try:
        update = TelegramUpdate.model_validate_json(await request.body())
    except ValidationError as exc:
        raise HTTPException(status_code=400, detail="the body is not a Telegram Update") from exc
    state = get_channel_state(request.app.state)
    if not await run_in_threadpool(state.claim, f"tg-update:{update.update_id}", ttl=dedupe_ttl(settings)):
        logger.info("telegram update %d is a redelivery; ignored", update.update_id)
        return {"status": "duplicate"}
    background.add_task(process_update, request.app.state, settings, update)
    return {"status": "accepted"}
