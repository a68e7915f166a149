"""The /chat contract: typed request and reply models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_MESSAGE_CHARS = 2000


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: str | None = Field(default=None, min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_:.\-]+$")
    message: str = Field(description="What the person typed, 1 to 2000 characters after trimming.")
    metadata: dict[str, Any] | None = None

    @field_validator("message")
    @classmethod
    def _message_length(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("message is empty; type a question such as 'free courses in health sciences'")
        if len(value) > MAX_MESSAGE_CHARS:
            raise ValueError(f"message is {len(value)} characters; keep it to {MAX_MESSAGE_CHARS} or fewer")
        if "\x00" in value:
            raise ValueError("message contains a NUL character; send plain text")
        return value


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


class ChatReply(BaseModel):
    session_id: str
    intent: Intent
    messages: list[Message]
    results: list[ResultCard] = Field(default_factory=list)
    slots: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(BaseModel):
    error: str
    detail: Any | None = None
