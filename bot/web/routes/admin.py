"""``POST /admin/reload``: validate and build the knowledge folder, publish it, and serve it in every worker.

Only when ``ADVISOR_ADMIN_TOKEN`` is set (404 otherwise), with ``Authorization: Bearer <token>``."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.responses import JSONResponse

from bot.web.errors import ERROR_RESPONSES
from index.store import IndexMissing
from knowledge.loader import KnowledgeError

router = APIRouter(prefix="/admin", tags=["admin"])


def _authorise(request: Request, authorization: str | None) -> None:
    token: str | None = request.app.state.settings.admin_token
    if not token:
        raise HTTPException(status_code=404, detail="Not Found")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(
            status_code=401,
            detail="send Authorization: Bearer <ADVISOR_ADMIN_TOKEN>",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.post(
    "/reload",
    responses={
        **ERROR_RESPONSES,
        401: {"description": "missing or wrong admin token"},
        503: {"description": "the build failed; nothing was published"},
        404: {"description": "ADVISOR_ADMIN_TOKEN is not set"},
    },
)
async def reload_knowledge(request: Request, authorization: Annotated[str | None, Header()] = None) -> Any:
    """Validate ADVISOR_KNOWLEDGE_PATH, build its index and publish it as a new generation; every worker sharing
    the data directory swaps to it between turns. Bad knowledge is refused (422) and the old keeps serving."""
    _authorise(request, authorization)
    reloader = getattr(request.app.state, "reloader", None)
    if reloader is None:
        raise HTTPException(status_code=503, detail="the advisor is still starting; try again in a few seconds")
    try:
        generation = await anyio.to_thread.run_sync(reloader.publish)
    except KnowledgeError as exc:
        problems = [{"file": p.file, "record": p.record, "field": p.field, "problem": p.reason} for p in exc.problems]
        return JSONResponse(
            status_code=422,
            content={"error": f"knowledge refused: {len(problems)} problem(s); the previous knowledge keeps serving",
                     "detail": problems},
        )  # fmt: skip
    except IndexMissing as exc:
        return JSONResponse(
            status_code=422, content={"error": f"index did not load ({exc}); the previous knowledge keeps serving"}
        )
    except (OSError, RuntimeError, ValueError) as exc:  # disk full, FAISS error: nothing was published
        return JSONResponse(
            status_code=503,
            content={"error": f"the build failed ({type(exc).__name__}); the previous knowledge keeps serving"},
        )
    return {
        "status": "published",
        "generation": generation.id,
        "kb_hash": generation.kb_hash[:12],
        "records": generation.records,
    }
