"""The Rasa REST channel: existing Rasa front ends talk to the advisor unchanged.

``POST /webhooks/rest/webhook`` takes ``{"sender", "message", "metadata"?}`` and answers Rasa's list of bot
messages ``[{"recipient_id", "text", "buttons"?, "custom"?}]``; the result cards of a search ride on the last
message's ``custom`` as ``{"results": [...]}``. Button payloads (``/search_credentials{"area":"Cybersecurity"}``)
are messages like any other. The conversation is stored as ``rest:<keyed hash of the sender>`` (bot.keys): a sender is
chosen by the client and may be personal data, so it is never a key or a log field, and it can never reach a
conversation of ``/chat`` or of a messaging channel. ``GET``/``DELETE /conversations/rest:<sender>`` serve it only
when the sender is a random UUID (v4) or a token from ``POST /webhooks/rest/senders``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from bot.keys import issue_sender
from bot.schemas import ChatReply, RestCustom, RestMessage, RestRequest, RestSender, RestStatus
from bot.web.deps import ServiceDep, check_message_length, client_address
from bot.web.errors import ERROR_RESPONSES

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


@router.post("/senders", response_model=RestSender, responses={429: ERROR_RESPONSES[429], 503: ERROR_RESPONSES[503]})
async def new_sender(request: Request, service: ServiceDep) -> RestSender:
    """A sender id issued by the server: a front end that uses it may later read or erase its conversation through
    ``/conversations/rest:<sender>`` (as with a random UUID v4; any other sender is never served there)."""
    client = client_address(request)
    if client:
        service.limiter.hit("client", client)
    return RestSender(sender=issue_sender(service.id_key))


@router.post(
    "/webhook",
    response_model=list[RestMessage],
    response_model_exclude_none=True,
    responses={**ERROR_RESPONSES},
)
async def rest_webhook(body: RestRequest, request: Request, service: ServiceDep) -> list[RestMessage]:
    """One message from a Rasa front end; the answer is the list of the advisor's messages."""
    check_message_length(request, body.message)
    reply = await service.turn_async(
        channel="rest",
        session_id=service.rest_conversation_id(body.sender),
        text=body.message,
        metadata=body.metadata,
        client=client_address(request),
    )
    return to_rasa_messages(reply, body.sender)
