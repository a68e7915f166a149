"""POST /chat: one turn of conversation."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from bot.schemas import ChatReply, ChatRequest
from bot.web.deps import ServiceDep, check_message_length, client_address
from bot.web.errors import ERROR_RESPONSES

router = APIRouter(tags=["chat"])


@router.post("/chat", response_model=ChatReply, responses={**ERROR_RESPONSES})
async def chat(body: ChatRequest, request: Request, service: ServiceDep) -> Response:
    """Send a message; omit ``session_id`` to start a conversation (the reply carries a new, unguessable one).

    An unknown or erased ``session_id`` also starts a new conversation under a fresh id: always keep the reply's."""
    check_message_length(request, body.message)
    reply = await service.turn_async(
        channel="chat",
        session_id=body.session_id,
        text=body.message,
        metadata=body.metadata,
        client=client_address(request),
        issued_only=True,
    )
    # Serialised once here: returning the model would make FastAPI validate it again against response_model.
    return Response(content=reply.model_dump_json(), media_type="application/json")
