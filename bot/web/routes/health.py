"""Liveness and readiness probes.

Both are ``async`` and answer from memory: they never take a worker thread, a store lock or the store itself, so a
worker busy with turns (or turns waiting for a conversation's lock) still answers its probes at once.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response

router = APIRouter(tags=["health"])

_OK = b'{"status":"ok"}'
_STARTING = b'{"status":"starting","error":"index not loaded yet"}'
_JSON = "application/json"


@router.get("/healthz", responses={200: {"content": {_JSON: {"example": {"status": "ok"}}}}})
async def healthz() -> Response:
    """The process is up: answered on the event loop from memory, never queued behind turns."""
    return Response(content=_OK, media_type=_JSON)


@router.get("/readyz", responses={200: {"content": {_JSON: {}}}, 503: {"description": "not ready yet"}})
async def readyz(request: Request) -> Response:
    """The knowledge base and index are loaded and the advisor can answer."""
    runtime = getattr(request.app.state, "runtime", None)
    if runtime is None:
        return Response(status_code=503, content=_STARTING, media_type=_JSON)
    served, body = getattr(request.app.state, "ready_body", (None, None))
    if served is not runtime or body is None:  # built once per runtime: a reload swaps the runtime
        manifest = runtime.searcher.manifest
        body = json.dumps(
            {
                "status": "ready",
                "records": manifest.record_count,
                "model": manifest.model,
                "index_type": manifest.index_type,
                "kb_hash": manifest.kb_hash[:12],
            }
        ).encode()
        request.app.state.ready_body = (runtime, body)
    return Response(content=body, media_type=_JSON)
