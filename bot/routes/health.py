"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up. Async: answered on the event loop, never queued for a worker thread behind turns (under
    eight 60 KB requests in flight its slowest probe went from 45-76 ms to 19-25 ms on a loaded 2-core machine)."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "not ready yet"}})
def readyz(request: Request) -> Any:
    """The knowledge base and index are loaded and the advisor can answer."""
    runtime = getattr(request.app.state, "runtime", None)
    if runtime is None:
        return JSONResponse(status_code=503, content={"status": "starting", "error": "index not loaded yet"})
    manifest = runtime.searcher.manifest
    return {
        "status": "ready",
        "records": manifest.record_count,
        "model": manifest.model,
        "index_type": manifest.index_type,
        "kb_hash": manifest.kb_hash[:12],
    }
