"""The /chat contract: typed request and reply models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_MESSAGE_CHARS = 2000


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


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # No colon: ``<channel>:<id>`` ids belong to the other channels and are not reachable from /chat.
    session_id: str | None = Field(default=None, min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_.\-]+$")
    message: str = Field(description="What the person typed, 1 to 2000 characters after trimming.")
    metadata: dict[str, Any] | None = None

    @field_validator("message")
    @classmethod
    def _message_length(cls, value: str) -> str:
        return clean_message(value)


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
    intent: Intent
    messages: list[Message]
    results: list[ResultCard] = Field(default_factory=list)
    slots: dict[str, Any] = Field(default_factory=dict)
    turn_id: str | None = Field(
        default=None, description="This answer's id for POST /feedback; absent when analytics are off or declined"
    )


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
        description="The front end's id for the person (Rasa widgets use a random UUID); the conversation id.",
    )
    message: str = Field(description="What the person typed or a button payload, 1 to 2000 characters.")
    metadata: dict[str, Any] | None = None

    @field_validator("message")
    @classmethod
    def _message_length(cls, value: str) -> str:
        return clean_message(value)


class RestCustom(BaseModel):
    results: list[ResultCard]


class RestMessage(BaseModel):
    """One bot message as Rasa's ``CollectingOutputChannel`` shapes it; keys without a value are left out."""

    recipient_id: str
    text: str | None = None
    buttons: list[Button] | None = None
    custom: RestCustom | None = None


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
