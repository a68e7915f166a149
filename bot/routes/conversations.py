"""The conversation API: a person reads or erases their own conversation, by its unguessable id.

Nothing here lists conversations. Ids of messaging channels (phone numbers, Telegram user ids) are guessable and are
never served; REST ones only for a random or server-issued sender (``ChatService._admit_reader``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from bot.deps import ServiceDep, client_address
from bot.errors import ERROR_RESPONSES
from bot.schemas import ErrorBody, Transcript, TranscriptTurn

router = APIRouter(prefix="/conversations", tags=["conversations"])

SessionId = Annotated[
    str,
    Path(
        min_length=8,
        max_length=160,
        pattern=r"^[A-Za-z0-9_.@:\-]+$",
        description="The session_id /chat returned, or rest:<sender> for the Rasa REST channel",
    ),
]
_RESPONSES = {
    **{code: body for code, body in ERROR_RESPONSES.items() if code not in (400, 413)},
    404: {"model": ErrorBody, "description": "No such conversation"},
}
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@router.get("/{session_id}", response_model=Transcript, responses=_RESPONSES)
def get_transcript(session_id: SessionId, request: Request, response: Response, service: ServiceDep) -> Transcript:
    """The conversation's transcript (personal data redacted); never cached."""
    conversation = service.transcript(session_id, client=client_address(request))
    response.headers.update(NO_STORE)
    return Transcript(
        session_id=conversation.session_id,
        created_at=conversation.created_at,
        updated_at=conversation.updated_at,
        slots={k: v for k, v in conversation.slots.items() if v is not None},
        turns=[TranscriptTurn.model_validate(turn) for turn in conversation.turns],
    )


@router.delete("/{session_id}", status_code=204, response_class=Response, responses=_RESPONSES)
def erase_conversation(session_id: SessionId, request: Request, service: ServiceDep) -> Response:
    """Erase the conversation for good (the right to withdraw consent)."""
    service.erase(session_id, client=client_address(request))
    return Response(status_code=204, headers=NO_STORE)
