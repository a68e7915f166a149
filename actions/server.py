"""The action server of ``advisor actions``: rasa-sdk's own Sanic app (``rasa_sdk.endpoint.create_app``), with

- one interface (``--host``, default 127.0.0.1) and no CORS: Rasa calls it server to server, never a browser;
- Rasa's endpoint token (``token:`` under ``action_endpoint``, sent as ``?token=``) required when one is configured;
- the body checked before an action runs, so bad input gets a 4xx with a JSON error, never a 500, and an
  unexpected failure a 500 that does not echo the request (the tracker holds what people typed);
- one log line per action call: its name, status and duration, never the text;
- no tracing set up from an endpoints file, so no warning when there is none.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
import zlib
from functools import lru_cache, partial
from importlib import resources
from typing import Any

import yaml
from rasa_sdk.endpoint import create_app as create_sdk_app
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import BaseHTTPResponse, HTTPResponse
from sanic.worker.loader import AppLoader

logger = logging.getLogger(__name__)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

OPEN_PATHS = frozenset({"/health"})  # for container health checks; everything else needs the token when set
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {"text": (str,), "list": (list,), "float": (int, float),
                                              "bool": (bool,)}  # fmt: skip


class BadActionCall(ValueError):
    """A /webhook body Rasa would not send; the message says what is wrong."""


@lru_cache(maxsize=1)
def slot_types() -> dict[str, str]:
    """Slot name -> Rasa slot type, from the domain fragment the actions ship with."""
    domain = yaml.safe_load(resources.files("actions").joinpath("domain.yml").read_text())
    return {name: str(slot["type"]) for name, slot in domain["slots"].items()}


def check_action_call(body: Any) -> dict[str, Any]:
    """The body of POST /webhook, checked against what Rasa's RemoteAction sends; raises ``BadActionCall``."""
    if not isinstance(body, dict):
        raise BadActionCall("the body must be a JSON object with next_action, tracker and domain")
    if not isinstance(body.get("next_action"), str) or not body["next_action"]:
        raise BadActionCall("next_action must be the name of an action")
    tracker = body.get("tracker")
    if not isinstance(tracker, dict):
        raise BadActionCall("tracker must be an object (Rasa's tracker state)")
    if not isinstance(tracker.get("sender_id", ""), str):
        raise BadActionCall("tracker.sender_id must be a string")
    for key, kind in (("slots", dict), ("latest_message", dict), ("events", list), ("active_loop", dict)):
        if tracker.get(key) is not None and not isinstance(tracker[key], kind):
            raise BadActionCall(f"tracker.{key} must be {'an object' if kind is dict else 'a list'}")
    message = tracker.get("latest_message") or {}
    for key, kinds, what in (("text", (str,), "a string"), ("intent", (dict,), "an object"),
                             ("entities", (list,), "a list")):  # fmt: skip
        if message.get(key) is not None and not isinstance(message[key], kinds):
            raise BadActionCall(f"tracker.latest_message.{key} must be {what}")
    if not all(isinstance(entity, dict) for entity in message.get("entities") or []):
        raise BadActionCall("tracker.latest_message.entities must be objects ({entity, value})")
    if body.get("domain") is not None and not isinstance(body["domain"], dict):
        raise BadActionCall("domain must be an object")
    for name, value in (tracker.get("slots") or {}).items():
        check_slot(name, value)
    return body


def check_slot(name: str, value: Any) -> None:
    """A slot of the fragment holds a value of its declared type (other slots belong to the assistant)."""
    kind = slot_types().get(name)
    if value is None or kind not in _PYTHON_TYPES:
        return
    if not isinstance(value, _PYTHON_TYPES[kind]) or (kind == "float" and isinstance(value, bool)):
        raise BadActionCall(f"slot {name} must be of type {kind} (actions/domain.yml)")
    if name == "search_filters":
        try:
            filters = json.loads(str(value))
        except json.JSONDecodeError:
            filters = None
        if not isinstance(filters, dict) or not set(filters) <= {"area", "provider", "cost", "delivery", "status"}:
            raise BadActionCall("slot search_filters must be the JSON object action_search_credentials set")


def read_body(request: Request) -> Any:
    raw: bytes = request.body
    if request.headers.get("content-encoding") == "deflate":
        try:
            raw = zlib.decompress(raw)
        except zlib.error as exc:
            raise BadActionCall("the body is not deflate-compressed as its Content-Encoding says") from exc
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadActionCall("the body is not JSON") from exc


def default_executor() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("actions")
    return executor


def create_app(*, token: str | None = None, executor: ActionExecutor | None = None) -> Sanic[Any, Any]:
    """rasa-sdk's app for the advisor's actions, with the checks above (one per worker process)."""
    app: Sanic[Any, Any] = create_sdk_app(executor or default_executor(), cors_origins=None)

    async def admit(request: Request) -> HTTPResponse | None:
        request.ctx.started = time.perf_counter()
        request.ctx.action = None
        if request.path in OPEN_PATHS:
            return None
        if token and not hmac.compare_digest(request.args.get("token", ""), token):
            return response.json({"error": "missing or wrong token: set token under action_endpoint in "
                                           "Rasa's endpoints.yml to ADVISOR_ACTIONS_TOKEN"}, status=401)  # fmt: skip
        if request.path == "/webhook" and request.method == "POST":
            try:
                body = check_action_call(read_body(request))
            except BadActionCall as exc:
                return response.json({"error": str(exc)}, status=400)
            request.ctx.action = body["next_action"]
        return None

    async def log_call(request: Request, sent: BaseHTTPResponse) -> None:
        if request.path == "/webhook" and hasattr(request.ctx, "started"):
            elapsed = (time.perf_counter() - request.ctx.started) * 1000
            logger.info("action %s %d %.1f ms", request.ctx.action or "-", sent.status, elapsed)

    async def handle_error(request: Request, exc: Exception) -> HTTPResponse:
        if isinstance(exc, SanicException):  # 404 for an unknown path, 405, 413...: Sanic's own status
            return response.json({"error": str(exc) or type(exc).__name__}, status=exc.status_code)
        logger.error("action %s failed", getattr(request.ctx, "action", None), exc_info=exc)
        return response.json({"error": "the action failed; the action server's log has the details"}, status=500)

    app.register_middleware(admit, "request", priority=10)  # before rasa-sdk's CORS middleware
    app.register_middleware(log_call, "response")
    app.error_handler.add(SanicException, handle_error)  # rasa-sdk's own handler turns a 404 into a 500
    # rasa-sdk's handler of every other exception echoes the request body (the tracker, with what people typed);
    # Sanic refuses a second handler for the same class, so this one takes its place.
    app.error_handler.cached_handlers[(Exception, None)] = handle_error
    return app


def worker_app(*, token: str | None, log_level: str) -> Sanic[Any, Any]:
    """``create_app`` in a process Sanic started (spawned: it has no logging set up yet)."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=log_level, format=LOG_FORMAT)
    return create_app(token=token)


def serve(*, host: str, port: int, token: str | None, log_level: str = "INFO") -> None:
    """Run the server in Sanic's worker process (built there by ``worker_app``, which the loader can pickle)."""
    loader = AppLoader(factory=partial(worker_app, token=token, log_level=log_level))
    app = loader.load()
    app.prepare(host=host, port=port, workers=1, access_log=False, motd=False, single_process=False)
    Sanic.serve(primary=app, app_loader=loader)
