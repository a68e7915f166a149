"""The embeddable chat widget (``GET /widget.js``) and the demo page that hosts it (``GET /``).

Both files ship inside the package (``bot/web/static``), so an installed wheel serves them too.
"""

from __future__ import annotations

import logging
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

logger = logging.getLogger(__name__)

router = APIRouter(tags=["widget"])

STATIC = resources.files("bot.web") / "static"
# Short, so a fixed widget reaches every embedding site within minutes.
WIDGET_CACHE_CONTROL = "public, max-age=300"
# The demo page is what a careful host site would send: scripts only from here, and no inline script.
DEMO_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def read_static(name: str) -> bytes:
    """The bytes of one file under ``bot/web/static``."""
    return (STATIC / name).read_bytes()


@router.get("/", include_in_schema=False)
def get_demo_page() -> Response:
    return Response(
        read_static("index.html"),
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-cache", "Content-Security-Policy": DEMO_PAGE_CSP},
    )


@router.get("/widget.js", include_in_schema=False)
def get_widget_script() -> Response:
    return Response(
        read_static("widget.js"),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": WIDGET_CACHE_CONTROL, "X-Content-Type-Options": "nosniff"},
    )
