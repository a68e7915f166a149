"""Every error leaves as JSON that says what to fix; no stack traces in bodies."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.schemas import ErrorBody
from bot.service import ConversationNotFound, RateLimited
from bot.store.base import StoreError

logger = logging.getLogger(__name__)

_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}}
# Declared on every API route so the OpenAPI document lists every answer the service can give (schemathesis checks).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Body or header that cannot be read (e.g. not UTF-8)"},
    413: {"model": ErrorBody, "description": "Request body larger than ADVISOR_MAX_BODY_BYTES"},
    422: {"model": ErrorBody, "description": "Invalid request; the body says what to fix"},
    429: {"model": ErrorBody, "description": "Rate limit reached; see Retry-After", "headers": _RETRY_AFTER},
    503: {"model": ErrorBody, "description": "Starting up or conversation store busy", "headers": _RETRY_AFTER},
}


def _clean(errors: list[Any]) -> list[dict[str, Any]]:
    out = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        out.append({"field": ".".join(p for p in loc if p != "body") or "body", "problem": msg})
    return out


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = _clean(list(exc.errors()))
    summary = "; ".join(f"{d['field']}: {d['problem']}" for d in detail[:3])
    return JSONResponse(status_code=422, content={"error": f"invalid request – {summary}", "detail": detail})


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "request failed"
    return JSONResponse(status_code=exc.status_code, content={"error": detail}, headers=getattr(exc, "headers", None))


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # The route template, never the path: a path can hold a conversation id (a bearer secret).
    route = getattr(request.scope.get("route"), "path", "unmatched")
    logger.exception("unhandled error on %s %s", request.method, route)
    return JSONResponse(status_code=500, content={"error": "internal error; please try again"})


async def rate_limited(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RateLimited)
    return JSONResponse(
        status_code=429,
        content={"error": str(exc), "retry_after": exc.retry_after, "detail": {"scope": exc.scope}},
        headers={"Retry-After": str(exc.retry_after)},
    )


async def store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StoreError)
    return JSONResponse(
        status_code=503,
        content={"error": f"{exc.reason}; try again in a moment"},
        headers={"Retry-After": str(exc.retry_after)},
    )


async def conversation_not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(
        status_code=404,
        content={"error": "no such conversation; it may have been erased, purged, or never existed"},
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RateLimited, rate_limited)
    app.add_exception_handler(StoreError, store_unavailable)
    app.add_exception_handler(ConversationNotFound, conversation_not_found)
    app.add_exception_handler(Exception, unexpected_error)
