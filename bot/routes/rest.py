"""The Rasa REST channel: existing Rasa front ends talk to the advisor unchanged.

``POST /webhooks/rest/webhook`` takes ``{"sender", "message", "metadata"?}`` and answers Rasa's list of bot
messages ``[{"recipient_id", "text", "buttons"?, "custom"?}]``; the result cards of a search ride on the last
message's ``custom`` as ``{"results": [...]}``. Button payloads (``/search_credentials{"area":"Cybersecurity"}``)
are messages like any other. The conversation id is ``rest:<sender>``: a sender is chosen by the client, so it can
never reach a conversation of ``/chat`` or of a messaging channel.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from bot.deps import ServiceDep, client_address
from bot.errors import ERROR_RESPONSES
from bot.schemas import ChatReply, RestCustom, RestMessage, RestRequest, RestStatus
from bot.service import conversation_id

router = APIRouter(prefix="/webhooks/rest", tags=["rasa rest channel"])


def to_rasa_messages(reply: ChatReply, recipient_id: str) -> list[RestMessage]:
    """The reply in the shape of Rasa's ``CollectingOutputChannel`` (same content as ``/chat``)."""
    out = [
        RestMessage(recipient_id=recipient_id, text=message.text, buttons=list(message.buttons) or None)
        for message in reply.messages
    ]
    if reply.results:
        custom = RestCustom(results=list(reply.results))
        if out:
            out[-1].custom = custom
        else:
            out.append(RestMessage(recipient_id=recipient_id, custom=custom))
    return out


@router.get("/", response_model=RestStatus)
async def rest_status() -> RestStatus:
    """Rasa's channel health check."""
    return RestStatus(status="ok")


@router.post(
    "/webhook",
    response_model=list[RestMessage],
    response_model_exclude_none=True,
    responses={**ERROR_RESPONSES},
)
async def rest_webhook(body: RestRequest, request: Request, service: ServiceDep) -> list[RestMessage]:
    """One message from a Rasa front end; the answer is the list of the advisor's messages."""
    reply = await service.turn_async(
        channel="rest",
        session_id=conversation_id("rest", body.sender),
        text=body.message,
        metadata=body.metadata,
        client=client_address(request),
    )
    return to_rasa_messages(reply, body.sender)
