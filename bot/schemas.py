"""The /chat contract: typed request and reply models."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_MESSAGE_CHARS = 2000

# ``metadata`` is context from the front end (the widget sends ``{"lang": "en"}``); nothing reads it at length, so it
# is small by contract and a request past these bounds gets a 422 before anything else runs.
METADATA_MAX_KEYS = 16  # keys in all its objects together
METADATA_MAX_DEPTH = 3  # {"a": {"b": [1]}} is depth 3
METADATA_MAX_STRING = 256  # characters in one key or string value
METADATA_MAX_BYTES = 2048  # the whole of it, as compact JSON
METADATA_DESCRIPTION = (
    f'Context from the front end, e.g. {{"lang": "fr"}}. At most {METADATA_MAX_KEYS} keys, depth '
    f"{METADATA_MAX_DEPTH}, strings of {METADATA_MAX_STRING} characters and {METADATA_MAX_BYTES} bytes as JSON."
)


def clean_message(value: str) -> str:
    """A person's message, trimmed; raises ValueError saying what to fix when empty, too long or not plain text."""
    value = value.strip()
    if not value:
        raise ValueError("message is empty; type a question such as 'free courses in health sciences'")
    if len(value) > MAX_MESSAGE_CHARS:
        raise ValueError(f"message is {len(value)} characters; keep it to {MAX_MESSAGE_CHARS} or fewer")
    if "\x00" in value:
        raise ValueError("message contains a NUL character; send plain text")
    return value


def check_metadata(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """``metadata`` within its bounds; raises ValueError saying which bound was passed.

    Walks breadth-first with an explicit queue and stops at the first bound passed: no recursion, and no more work
    than the bounds allow whatever the client sends."""
    if value is None:
        return None
    keys = 0
    queue: list[tuple[Any, int]] = [(value, 1)]
    while queue:
        node, depth = queue.pop()
        if isinstance(node, dict | list):
            if depth > METADATA_MAX_DEPTH:
                raise ValueError(f"metadata is nested deeper than {METADATA_MAX_DEPTH} levels; flatten it")
            if isinstance(node, dict):
                keys += len(node)
                if keys > METADATA_MAX_KEYS:
                    raise ValueError(f"metadata has more than {METADATA_MAX_KEYS} keys; send only what is needed")
                children = [*node.keys(), *node.values()]
            else:
                children = list(node)
            if len(children) > 2 * METADATA_MAX_KEYS:
                raise ValueError(f"metadata holds more than {2 * METADATA_MAX_KEYS} values in one place; send fewer")
            queue.extend((child, depth + 1) for child in children)
        elif isinstance(node, str) and len(node) > METADATA_MAX_STRING:
            raise ValueError(
                f"a metadata string is {len(node)} characters; keep each to {METADATA_MAX_STRING} or fewer"
            )
    size = len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())
    if size > METADATA_MAX_BYTES:
        raise ValueError(f"metadata is {size} bytes as JSON; keep it to {METADATA_MAX_BYTES} or fewer")
    return value


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # No colon: ``<channel>:<id>`` ids belong to the other channels and are not reachable from /chat.
    session_id: str | None = Field(default=None, min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_.\-]+$")
    message: str = Field(description="What the person typed, 1 to 2000 characters after trimming.")
    metadata: dict[str, Any] | None = Field(default=None, description=METADATA_DESCRIPTION)

    @field_validator("message")
    @classmethod
    def _message_length(cls, value: str) -> str:
        return clean_message(value)

    @field_validator("metadata")
    @classmethod
    def _metadata_bounds(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        return check_metadata(value)


class Button(BaseModel):
    title: str
    payload: str


class Message(BaseModel):
    text: str
    buttons: list[Button] = Field(default_factory=list)


class Intent(BaseModel):
    name: str
    confidence: float = Field(ge=0, le=1)


class ResultCard(BaseModel):
    """One credential as shown to people: every field says what is known, and unknowns say so."""

    id: str
    title: str
    provider: str
    area: str
    cost: str
    status: str
    delivery: str
    duration: str
    url: str
    score: float
    # In process only (never serialised): the record's cosine with the query, for the analytics' weak-result outcome.
    dense_score: float | None = Field(default=None, exclude=True)


class ChatReply(BaseModel):
    session_id: str
    user_text: str | None = Field(
        default=None,
        description="The person's message as stored: personal data redacted. Front ends keep this, not what was typed.",
    )
    intent: Intent
    messages: list[Message]
    results: list[ResultCard] = Field(default_factory=list)
    slots: dict[str, Any] = Field(default_factory=dict)
    turn_id: str | None = Field(
        default=None, description="This answer's id for POST /feedback; absent when analytics are off or declined"
    )
    # In process only: the search said that nothing it knows is about what was asked (an unknown subject, shown its
    # closest matches). An unmet turn for the insights, whatever the cards' cosines.
    unmet: bool = Field(default=False, exclude=True)


class ErrorBody(BaseModel):
    error: str
    detail: Any | None = None
    retry_after: int | None = Field(default=None, description="With 429: seconds to wait (as in Retry-After)")


# --- Rasa REST channel (``POST /webhooks/rest/webhook``), the shapes of Rasa's ``rest`` input channel ---


class RestRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")  # Rasa front ends may send more (e.g. ``input_channel``)

    sender: str = Field(
        min_length=1,
        max_length=128,
        pattern=r"^[A-Za-z0-9_.@\-]+$",
        description=(
            "The front end's id for the person (Rasa widgets use a random UUID). Stored only as a keyed hash; its "
            "transcript is served only for a UUID v4 or a token from POST /webhooks/rest/senders. "
            "Not an e-mail address."
        ),
    )
    message: str = Field(description="What the person typed or a button payload, 1 to 2000 characters.")
    metadata: dict[str, Any] | None = Field(default=None, description=METADATA_DESCRIPTION)

    @field_validator("message")
    @classmethod
    def _message_length(cls, value: str) -> str:
        return clean_message(value)

    @field_validator("metadata")
    @classmethod
    def _metadata_bounds(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        return check_metadata(value)


class RestCustom(BaseModel):
    results: list[ResultCard]


class RestMessage(BaseModel):
    """One bot message as Rasa's ``CollectingOutputChannel`` shapes it; keys without a value are left out."""

    recipient_id: str
    text: str | None = None
    buttons: list[Button] | None = None
    custom: RestCustom | None = None


class RestSender(BaseModel):
    sender: str = Field(
        description="Use as the REST sender; its transcript is then readable at /conversations/rest:<sender>"
    )


class RestStatus(BaseModel):
    status: str


# --- Conversation API (``/conversations/{session_id}``) ---


class TranscriptTurn(BaseModel):
    model_config = ConfigDict(extra="allow")

    at: float = Field(description="When the turn happened (epoch seconds)")
    user: str = Field(description="What the person wrote, with personal data redacted")
    intent: str | None = None
    bot: list[dict[str, Any]] = Field(default_factory=list, description="The advisor's messages")
    results: list[str] = Field(default_factory=list, description="Ids of the credentials shown")
    seq: int | None = Field(default=None, description="The turn's number in the conversation (1, 2, ...)")


class Transcript(BaseModel):
    session_id: str
    created_at: float
    updated_at: float
    slots: dict[str, Any]
    turns: list[TranscriptTurn] = Field(description="One page of the kept turns (the last 100), oldest first")
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; null when this page is the last"
    )
