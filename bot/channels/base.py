"""What every messaging channel shares: the one call into the advisor, private conversation ids, webhook errors,
and the menu that lets a bare "1" or a button's title in the next message mean what the last reply offered.

Plain Python: no FastAPI here. ``handle_text`` is the single place that knows how a channel reaches the advisor.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any

from bot.channels.state import ChannelState
from bot.schemas import ChatReply
from bot.service import ChatService
from bot.settings import Settings

logger = logging.getLogger(__name__)

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# The phrasing the dialogue understands for "details of result N" (ordinal resolution lives in the dialogue).
DETAILS_PHRASE = "tell me more about the {ordinal} one"
SLOW_DOWN = "You're sending messages faster than I can answer. Please wait {seconds} seconds and try again."
ERASED = (
    "Done: I deleted our conversation and what I kept about it. Nothing of it stays with me. "
    "Send a message any time to start again. / C'est fait : j'ai supprimé notre conversation."
)
# "delete my data" and the obvious variants, in English and French; the whole message, nothing else in it.
_ERASE = re.compile(
    r"^/?(?:please\s+)?(?:delete|erase|remove|wipe|forget|clear)\s+(?:all\s+(?:of\s+)?)?(?:my|this|the|our)?\s*"
    r"(?:personal\s+)?(?:data|conversation|chat|messages|history|information|info|details)(?:\s+please)?$"
    r"|^/?(?:forget|delete)[\s_-]*me$|^/(?:delete|erase|forget)$"
    r"|^(?:supprime[rz]?|efface[rz]?|oublie[rz]?)\s+(?:toutes\s+)?(?:mes|ma|notre|cette|la)\s+"
    r"(?:données|donnees|conversation|historique|messages|informations)$"
    r"|^oubliez?[\s-]*moi$"
)


class ChannelError(Exception):
    """A webhook call that must not reach the dialogue."""

    status_code = 400

    def __init__(self, channel: str, reason: str) -> None:
        super().__init__(f"{channel}: {reason}")
        self.channel = channel
        self.reason = reason


class ChannelDisabled(ChannelError):
    """The channel's secret is not configured: the endpoint behaves as if it did not exist (fail closed)."""

    status_code = 404


class SignatureMissing(ChannelError):
    status_code = 401


class SignatureInvalid(ChannelError):
    status_code = 403


class AdvisorStarting(ChannelError):
    status_code = 503


def handle_text(app_state: Any, conversation_id: str, text: str, *, channel: str, analytics: bool = True) -> ChatReply:
    """One turn for a channel user. The only call from the channels into the conversation machinery.

    ``analytics=False``: the person opted out, so the turn leaves no analytics event."""
    service: ChatService | None = getattr(app_state, "service", None)
    if service is None:
        raise AdvisorStarting(channel, "the advisor is still starting")
    # No client address: every message of a platform comes from the platform's servers, so only the
    # per-conversation limit applies. Rate limits raise bot.service.RateLimited; the channels answer it politely.
    metadata = {"channel": channel} if analytics else {"channel": channel, "analytics": "off"}
    return service.turn(channel=channel, session_id=conversation_id, text=text, metadata=metadata)


_REJECTION_LOG_EVERY = 60.0  # seconds: one warning per channel, not one per forged request
_last_rejection_log: dict[str, float] = {}


def reject(app_state: Any, client: str | None, exc: ChannelError) -> None:
    """Book-keeping for a webhook call refused for its secret or signature (401/403): it counts against the caller's
    per-client limit, so a secret cannot be guessed online at full speed, and the log says so once a minute rather
    than once per attempt (review L6). Raises ``RateLimited`` once the caller is over its limit."""
    now = time.monotonic()
    if now - _last_rejection_log.get(exc.channel, -_REJECTION_LOG_EVERY) >= _REJECTION_LOG_EVERY:
        _last_rejection_log[exc.channel] = now
        logger.warning("%s webhook rejected: %s (further rejections within a minute are not logged)", exc.channel,
                       exc.reason)  # fmt: skip
    service: ChatService | None = getattr(app_state, "service", None)
    if service is not None and client:
        service.limiter.hit("client", client)


def dedupe_ttl(settings: Settings) -> float:
    """How long a delivery id is remembered: the retention period, not a day. A request captured and replayed
    later (a Twilio signature has no timestamp; Telegram's secret never changes) must not run a turn in the
    person's conversation again while that conversation can exist (review L8). An id is ~50 bytes."""
    return settings.retention_days * 24 * 3600.0


def is_erase_request(text: str) -> bool:
    """Whether the message asks to delete the person's data ("delete my data", "forget me", "/delete", ...)."""
    return len(text) <= 64 and _ERASE.match(_normalise(text)) is not None


def erase_person(app_state: Any, state: ChannelState, conversation: str, *, channel: str) -> str:
    """Erase the conversation and the channel's menu for it (the person's right to withdraw); the confirmation."""
    service: ChatService | None = getattr(app_state, "service", None)
    if service is None:
        raise AdvisorStarting(channel, "the advisor is still starting")
    service.forget(conversation)
    state.release(_menu_key(conversation))
    return ERASED


def conversation_id(channel: str, user: str | int, *, key: str) -> str:
    """``<channel>:<keyed hash of the platform user>``.

    Phone numbers and chat ids are personal data and would be guessable session ids (anyone knowing a number could
    ask for its transcript), so only an HMAC keyed with the channel's secret is used. Rotating that secret starts
    every conversation of the channel afresh, which is acceptable.
    """
    digest = hmac.new(key.encode(), f"{channel}:{user}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}:{digest[:32]}"


def secrets_match(expected: str, received: str) -> bool:
    return hmac.compare_digest(expected.encode(), received.encode())


@dataclass
class Menu:
    """What the last reply offered: how many numbered results, and each button's title -> payload."""

    results: int = 0
    choices: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"results": self.results, "choices": self.choices}, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Menu:
        data = json.loads(raw)
        return cls(results=int(data.get("results", 0)), choices={str(k): str(v) for k, v in data["choices"].items()})


def _normalise(text: str) -> str:
    return " ".join(text.lower().strip(" .!?").split())


def menu_of(reply: ChatReply, *, max_results: int) -> Menu:
    choices: dict[str, str] = {}
    for message in reply.messages:
        for button in message.buttons:
            choices.setdefault(_normalise(button.title), button.payload)
    return Menu(results=min(len(reply.results), max_results), choices=choices)


def _menu_key(conversation: str) -> str:
    return f"menu:{conversation}"


def save_menu(state: ChannelState, conversation: str, menu: Menu, *, ttl: float) -> None:
    state.put(_menu_key(conversation), menu.to_json(), ttl=ttl)


def load_menu(state: ChannelState, conversation: str) -> Menu | None:
    raw = state.get(_menu_key(conversation))
    if raw is None:
        return None
    try:
        return Menu.from_json(raw)
    except (ValueError, KeyError, TypeError):
        logger.warning("ignoring an unreadable channel menu")
        return None


def resolve_text(text: str, menu: Menu | None) -> str:
    """Map a reply to the last menu: "2" -> details of the second result, "show more" -> that button's payload.

    Anything else (and a number when no numbered results were shown) goes to the dialogue unchanged.
    """
    stripped = text.strip()
    if menu is None:
        return stripped
    if stripped.isdigit() and 1 <= int(stripped) <= min(menu.results, len(ORDINALS)):
        return DETAILS_PHRASE.format(ordinal=ORDINALS[int(stripped) - 1])
    return menu.choices.get(_normalise(stripped), stripped)
