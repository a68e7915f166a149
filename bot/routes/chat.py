"""POST /chat: one turn of conversation."""

from __future__ import annotations

from fastapi import APIRouter

from bot.deps import AdvisorDep
from bot.schemas import ChatReply, ChatRequest, ErrorBody

router = APIRouter(tags=["chat"])


@router.post("/chat", response_model=ChatReply, responses={422: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def chat(request: ChatRequest, advisor: AdvisorDep) -> ChatReply:
    """Send a message; omit ``session_id`` to start a conversation (the reply carries a new, unguessable one)."""
    return advisor.handle(request.session_id, request.message, request.metadata)
