"""The conversation API: a person reads (a page at a time) or erases their own conversation, by its unguessable id.

The id is a bearer secret. It is best sent in the ``X-Session-Id`` header (``GET``/``DELETE /conversations``), which
proxies do not log; the path form (``/conversations/{id}``) stays for existing clients. Nothing here lists
conversations. Ids of messaging channels (phone numbers, Telegram user ids) are guessable and are never served; REST
ones only for a random or server-issued sender (``ChatService._admit_reader``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from bot.schemas import ErrorBody, Transcript, TranscriptTurn
from bot.web.deps import ServiceDep, client_address
from bot.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/conversations", tags=["conversations"])

_ID = {"min_length": 8, "max_length": 160, "pattern": r"^[A-Za-z0-9_.@:\-]+$"}
_ID_HELP = "The session_id /chat returned, or rest:<sender> for the Rasa REST channel"
SessionId = Annotated[str, Path(description=_ID_HELP, **_ID)]  # type: ignore[arg-type]
SessionHeader = Annotated[str, Header(alias="X-Session-Id", description=_ID_HELP, **_ID)]  # type: ignore[arg-type]
Limit = Annotated[int, Query(ge=1, le=100, description="Turns per page (the last 100 turns are kept)")]
Cursor = Annotated[
    str | None,
    Query(pattern=r"^[0-9]{1,12}$", description="The next_cursor of the previous page; omit for the first page"),
]
_RESPONSES = {
    **{code: body for code, body in ERROR_RESPONSES.items() if code not in (413,)},
    404: {"model": ErrorBody, "description": "No such conversation"},
}
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def page(limit: Limit = 50, cursor: Cursor = None) -> tuple[int, int]:
    """The page asked for: (how many turns, the number of the turn to start after)."""
    return limit, int(cursor) if cursor else 0


PageDep = Annotated[tuple[int, int], Depends(page)]


def _transcript(session_id: str, request: Request, response: Response, service: ServiceDep, at: PageDep) -> Transcript:
    limit, after = at
    conversation, turns, next_seq = service.transcript(
        session_id, client=client_address(request), after=after, limit=limit
    )
    response.headers.update(NO_STORE)
    return Transcript(
        session_id=conversation.session_id,
        created_at=conversation.created_at,
        updated_at=conversation.updated_at,
        slots={k: v for k, v in conversation.slots.items() if v is not None},
        turns=[TranscriptTurn.model_validate(turn) for turn in turns],
        next_cursor=None if next_seq is None else str(next_seq),
    )


@router.get("", response_model=Transcript, responses=_RESPONSES)
def get_transcript_by_header(
    session_id: SessionHeader, request: Request, response: Response, service: ServiceDep, at: PageDep
) -> Transcript:
    """A page of the conversation's transcript (personal data redacted), the id in ``X-Session-Id``; never cached."""
    return _transcript(session_id, request, response, service, at)


@router.get("/{session_id}", response_model=Transcript, responses=_RESPONSES)
def get_transcript(
    session_id: SessionId, request: Request, response: Response, service: ServiceDep, at: PageDep
) -> Transcript:
    """The same, the id in the path (kept for existing clients; prefer the header: proxies log paths)."""
    return _transcript(session_id, request, response, service, at)


@router.delete("", status_code=204, response_class=Response, responses=_RESPONSES)
def erase_conversation_by_header(session_id: SessionHeader, request: Request, service: ServiceDep) -> Response:
    """Erase the conversation for good (the right to withdraw consent), the id in ``X-Session-Id``."""
    service.erase(session_id, client=client_address(request))
    return Response(status_code=204, headers=NO_STORE)


@router.delete("/{session_id}", status_code=204, response_class=Response, responses=_RESPONSES)
def erase_conversation(session_id: SessionId, request: Request, service: ServiceDep) -> Response:
    """The same, the id in the path (the widget's form)."""
    service.erase(session_id, client=client_address(request))
    return Response(status_code=204, headers=NO_STORE)
