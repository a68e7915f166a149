"""HTTP hardening around every route: request ids, access logs and metrics, security headers, body limit, CORS.

Pure ASGI middleware (no ``BaseHTTPMiddleware``): it neither buffers responses nor breaks streaming.
``install_middleware`` adds them in order; from the outside in: ``RequestContext`` (request id, headers, metrics,
one log line, JSON 500 for anything unhandled) -> ``JSONCORSMiddleware`` -> ``BodyLimit`` -> the routes.
"""

from __future__ import annotations

import contextvars
import hmac
import json
import logging
import re
import time
from typing import Any

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import metrics
from bot.randomness import request_id as new_request_id
from bot.settings import Settings

logger = logging.getLogger("bot.access")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")

# JSON answers: nothing may run or be framed. HTML pages (the widget's demo page sets its own policy) get a policy
# that allows same-origin scripts, styles and fetches. The API docs load Swagger UI from a CDN and keep theirs.
CSP_API = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
CSP_PAGE = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
DOCS_PATHS = ("/docs", "/redoc")
# The API docs (only with ADVISOR_DOCS=true) load Swagger UI and ReDoc from jsDelivr and start them with an inline
# script; nothing else may run, connect elsewhere or frame them (review L11: they had no policy at all).
CSP_DOCS = (
    "default-src 'none'; script-src https://cdn.jsdelivr.net 'unsafe-inline'; "
    "style-src https://cdn.jsdelivr.net https://fonts.googleapis.com 'unsafe-inline'; "
    "font-src https://fonts.gstatic.com; "
    "img-src https://fastapi.tiangolo.com https://cdn.redoc.ly data:; connect-src 'self'; worker-src blob:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def _json_error(status: int, error: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": error}, headers=headers)


class RequestContext:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else new_request_id()
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                add_security_headers(MutableHeaders(scope=message), scope, request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            logger.exception("unhandled error request_id=%s", request_id)
            if not response_started:
                await _json_error(500, "internal error; please try again")(scope, receive, send_with_headers)
        finally:
            duration = time.perf_counter() - started
            route = _route_template(scope)
            method = scope["method"]
            metrics.REQUESTS.labels(method=method, route=route, status=str(status)).inc()
            metrics.LATENCY.labels(method=method, route=route).observe(duration)
            fields = {"method": method, "route": route, "status": status, "duration_ms": round(duration * 1000, 1)}
            logger.info("request %s %s %s", method, route, status, extra={"fields": fields})
            request_id_var.reset(token)


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


def add_security_headers(headers: MutableHeaders, scope: Scope, request_id: str) -> None:
    """Defaults only: a route that sets its own header (the widget page's CSP, a cache policy) keeps it."""
    headers["X-Request-ID"] = request_id
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    content_type = headers.get("content-type", "")
    path: str = scope.get("path", "")
    if content_type.startswith("text/html"):
        headers.setdefault("Content-Security-Policy", CSP_DOCS if path.startswith(DOCS_PATHS) else CSP_PAGE)
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    else:
        headers.setdefault("Content-Security-Policy", CSP_API)
        headers.setdefault("X-Frame-Options", "DENY")
    if content_type.startswith("application/json"):
        headers.setdefault("Cache-Control", "no-store")  # replies and transcripts are one person's conversation
    if scope.get("scheme") == "https":
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")


class BodyLimit:
    """413 for request bodies over ``max_bytes``: by Content-Length at once, and by counting for chunked bodies.

    The body is read (at most ``max_bytes``) before the route runs and replayed to it, so an oversized chunked body
    is refused before any of it is parsed.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = _json_error(413, f"request body too large; send at most {self.max_bytes} bytes")
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await _json_error(400, "invalid Content-Length header")(scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                await too_large(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await too_large(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class MetricsGuard:
    """``/metrics`` only with ``Authorization: Bearer <ADVISOR_METRICS_TOKEN>`` when that setting is set (401 JSON
    otherwise, compared in constant time); without it, as before, keep /metrics behind the firewall or proxy."""

    def __init__(self, app: ASGIApp, *, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path") == "/metrics":
            given = Headers(scope=scope).get("authorization", "").encode()
            if not hmac.compare_digest(given, self.expected):
                challenge = {"WWW-Authenticate": "Bearer"}
                await _json_error(401, "send Authorization: Bearer <ADVISOR_METRICS_TOKEN>", challenge)(
                    scope, receive, send
                )
                return
        await self.app(scope, receive, send)


class JSONCORSMiddleware(CORSMiddleware):
    """Starlette's CORS with its refusal of a preflight answered in JSON, like every other error."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")}
        return _json_error(response.status_code, bytes(response.body).decode(errors="replace"), headers)


def install_middleware(app: FastAPI, settings: Settings) -> None:
    # add_middleware wraps what is already there: the last added runs first.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    if settings.metrics_token is not None:
        app.add_middleware(MetricsGuard, token=settings.metrics_token.get_secret_value())
    app.add_middleware(
        JSONCORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "X-Request-ID", "X-Session-Id"],  # the conversation id, off the URL
        expose_headers=["X-Request-ID", "Retry-After"],
        max_age=600,
    )
    app.add_middleware(RequestContext)


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every log record (``%(request_id)s``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message (and the error, when there is one)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """Structured logs on stderr for this process, unless something (a test runner, a host app) already set up
    logging. Worker processes start with none, so each configures its own."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(JSONFormatter())
        handler.addFilter(RequestIdFilter())
        root.addHandler(handler)
        root.setLevel(logging.WARNING)  # other libraries: warnings and errors only
    logging.getLogger("bot").setLevel(level)
