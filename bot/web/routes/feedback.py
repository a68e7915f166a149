"""POST /feedback: "was this answer helpful?" for one turn of the sender's own conversation."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from bot.insights.events import MAX_COMMENT_CHARS
from bot.insights.recorder import FeedbackRefused
from bot.schemas import ErrorBody
from bot.web.deps import ServiceDep, client_address
from bot.web.errors import ERROR_RESPONSES

router = APIRouter(tags=["feedback"])


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: str = Field(min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_.\-]+$")
    turn_id: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+$")
    helpful: bool = Field(strict=True, description="true: the answer helped; false: it did not")
    comment: str | None = Field(default=None, max_length=MAX_COMMENT_CHARS, description="Optional; redacted")


class FeedbackStatus(BaseModel):
    status: str


@router.post(
    "/feedback",
    status_code=202,
    response_model=FeedbackStatus,
    responses={
        **ERROR_RESPONSES,
        404: {"model": ErrorBody, "description": "Not a turn of this conversation, or feedback is off"},
    },
)
async def post_feedback(body: FeedbackRequest, request: Request, service: ServiceDep) -> JSONResponse:
    """Rate one answer: ``turn_id`` from a /chat reply of this ``session_id``. Counted anonymously for the report."""
    client = client_address(request)
    if client:
        service.limiter.hit("client", client)
    service.limiter.hit("conversation", body.session_id)
    try:
        await run_in_threadpool(
            service.insights.feedback,
            session_id=body.session_id,
            turn_id=body.turn_id,
            helpful=body.helpful,
            comment=body.comment,
            channel="chat",
        )
    except FeedbackRefused as exc:
        return JSONResponse(status_code=exc.status, content={"error": exc.reason})
    return JSONResponse(status_code=202, content={"status": "recorded"})
