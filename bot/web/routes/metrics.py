"""GET /metrics: Prometheus exposition (requests, latency per route, turns per intent, fallbacks, store errors)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from bot.metrics import render_metrics

router = APIRouter(tags=["operations"])


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Prometheus text"}},
)
async def get_metrics() -> Response:
    """Metrics in the Prometheus text format (for all workers when multiprocess mode is on).

    On the event loop, not in a worker thread: rendering takes well under a millisecond, and a scrape must never queue
    behind turns waiting for a thread."""
    body, content_type = render_metrics()
    return Response(content=body, media_type=content_type)
