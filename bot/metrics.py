"""Prometheus metrics of the service, exposed at ``GET /metrics``.

Labels are bounded: the route label is the route's template (``/conversations/{session_id}``), never the path, so
no conversation id reaches the metrics, and an unmatched path counts as ``unmatched``.

Several worker processes: set ``PROMETHEUS_MULTIPROC_DIR`` to an empty directory before the workers start
(``advisor serve --workers N`` does this itself) and ``/metrics`` adds up every worker's values; without it each
worker reports only its own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess as prometheus_multiprocess

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter("advisor_requests", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "advisor_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
# outcome: answered, no_result, weak_result, fallback or handoff (bot.insights.events.OUTCOMES)
TURNS = Counter("advisor_turns", "Conversation turns answered", ["channel", "intent", "outcome"])
FALLBACKS = Counter("advisor_fallbacks", "Turns the advisor could not place (out of scope or unsure)", ["channel"])
STORE_ERRORS = Counter("advisor_store_errors", "Conversation-store and rate-limit-store failures", ["kind"])
RATE_LIMITED = Counter("advisor_rate_limited", "Requests refused by a rate limit", ["scope"])

FALLBACK_INTENTS = frozenset({"out_of_scope", "nlu_fallback", "fallback"})


def render_metrics() -> tuple[bytes, str]:
    """The exposition text and its content type; all workers' values when multiprocess mode is on."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST


def prepare_multiprocess_dir(data_dir: Path, workers: int) -> None:
    """Give several workers one fresh metrics directory (must run before they start and import this module)."""
    if workers <= 1 or os.environ.get(MULTIPROC_ENV):
        return
    directory = data_dir / "metrics"
    shutil.rmtree(directory, ignore_errors=True)  # values of a previous run would be added to this one's
    directory.mkdir(parents=True)
    os.environ[MULTIPROC_ENV] = str(directory)
