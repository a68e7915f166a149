"""Typed FastAPI dependencies: the objects loaded once in the lifespan.

Async on purpose: they only read ``app.state``, and FastAPI runs a sync dependency in the thread pool (one thread
hop per dependency per request, about a tenth of a millisecond each)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from bot.service import ChatService
from bot.web.proxies import ClientAddresses


async def get_service(request: Request) -> ChatService:
    service: ChatService | None = getattr(request.app.state, "service", None)
    if service is None:
        raise HTTPException(status_code=503, detail="the advisor is still starting; try again in a few seconds")
    return service


def client_address(request: Request) -> str | None:
    """The client's rate-limit key: the peer, or behind ``ADVISOR_TRUSTED_PROXIES`` the forwarded client."""
    addresses: ClientAddresses = request.app.state.client_addresses
    return addresses.client(request.client.host if request.client else None, request.headers.getlist("x-forwarded-for"))


def check_message_length(request: Request, message: str) -> None:
    """``ADVISOR_MAX_MESSAGE_CHARS`` for ``/chat`` and the REST channel (the schema's 2,000 is the ceiling): 422."""
    limit: int = request.app.state.settings.max_message_chars
    if len(message) > limit:
        detail = f"message is {len(message)} characters; keep it to {limit} or fewer"
        raise HTTPException(status_code=422, detail=detail)


ServiceDep = Annotated[ChatService, Depends(get_service)]
