"""The analytics event: what one turn (or one feedback) leaves behind, and nothing more.

An event is built from what the turn already returned (the reply's intent, results and slots, the redacted text, the
latency). It never holds the session id, the raw text or anything of the request's ``metadata`` except a validated
language tag. The redacted text is kept only for the unmet turns (no result, weak result, fallback): that is the
demand the schools want to see; an answered question's words add nothing the intent and results do not say.

Time is kept to the hour. The conversation is a keyed hash rotated daily (``bot.insights.keys``), so events of one
day can be counted per conversation and nothing links two days of one person.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from typing import Any, Literal

Outcome = Literal["answered", "no_result", "weak_result", "fallback", "handoff"]
OUTCOMES: tuple[Outcome, ...] = ("answered", "no_result", "weak_result", "fallback", "handoff")
UNMET_OUTCOMES: frozenset[str] = frozenset({"no_result", "weak_result", "fallback"})
# Whose redacted text is kept: the unmet ones, and hand-offs (a need the advisor could not meet either).
TEXT_OUTCOMES: frozenset[str] = UNMET_OUTCOMES | {"handoff"}

FALLBACK_INTENTS = frozenset({"out_of_scope", "nlu_fallback", "fallback"})
HANDOFF_INTENTS = frozenset({"human_handoff"})
SEARCH_INTENT = "search_credentials"
FILTER_SLOTS = ("area", "provider", "cost", "delivery", "status")

SCHEMA_VERSION = 1
MAX_TEXT_CHARS = 300  # an unmet question is a phrase; a story past this adds nothing a topic needs
MAX_COMMENT_CHARS = 500
MAX_SLOT_CHARS = 80  # filter values are the knowledge base's words; anything longer is not one
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")
OPT_OUT_VALUES = frozenset({"off", "no", "false", "0"})


@dataclass(frozen=True, slots=True)
class Event:
    """One line of the event files and one row of the export. ``kind`` is ``turn`` or ``feedback``."""

    kind: Literal["turn", "feedback"]
    hour: int  # epoch seconds, floored to the hour (UTC)
    conversation: str  # keyed hash of the conversation id, rotated daily
    turn_id: str
    channel: str
    lang: str | None = None
    intent: str | None = None
    confidence: float | None = None
    outcome: str | None = None
    area: str | None = None
    provider: str | None = None
    cost: str | None = None
    delivery: str | None = None
    status: str | None = None
    results: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    top_cosine: float | None = None
    latency_ms: float | None = None
    text: str | None = None  # redacted; unmet turns only
    helpful: bool | None = None  # feedback only
    comment: str | None = None  # feedback only, redacted
    v: int = SCHEMA_VERSION

    def to_json(self) -> str:
        # Not dataclasses.asdict: it deep-copies every value (measured: 4x the time of this).
        return _ENCODER.encode({name: getattr(self, name) for name in _FIELDS})


_FIELDS = tuple(f.name for f in fields(Event))
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)

# The column types of the event files, for DuckDB's JSON reader and the Parquet export (one schema, one place).
COLUMNS: dict[str, str] = {
    "kind": "VARCHAR",
    "hour": "BIGINT",
    "conversation": "VARCHAR",
    "turn_id": "VARCHAR",
    "channel": "VARCHAR",
    "lang": "VARCHAR",
    "intent": "VARCHAR",
    "confidence": "DOUBLE",
    "outcome": "VARCHAR",
    "area": "VARCHAR",
    "provider": "VARCHAR",
    "cost": "VARCHAR",
    "delivery": "VARCHAR",
    "status": "VARCHAR",
    "results": "VARCHAR[]",
    "scores": "DOUBLE[]",
    "top_cosine": "DOUBLE",
    "latency_ms": "DOUBLE",
    "text": "VARCHAR",
    "helpful": "BOOLEAN",
    "comment": "VARCHAR",
    "v": "INTEGER",
}


def outcome_of(
    intent: str, *, results: int, top_cosine: float | None, weak_below: float, unmet: bool = False
) -> Outcome:
    """The bounded outcome of a turn (also the ``outcome`` label of ``advisor_turns_total``). ``unmet``: the search
    said nothing it knows is about the subject asked (its closest matches shown), a weak result whatever the cosine."""
    if intent in HANDOFF_INTENTS:
        return "handoff"
    if intent in FALLBACK_INTENTS:
        return "fallback"
    if intent == SEARCH_INTENT:
        if results == 0:
            return "no_result"
        if unmet or (top_cosine is not None and top_cosine < weak_below):
            return "weak_result"
    return "answered"


def language_of(metadata: dict[str, Any] | None) -> str | None:
    """The widget's ``lang`` when it is a language tag (``en``, ``fr-CA``); anything else is not kept."""
    lang = (metadata or {}).get("lang")
    return lang if isinstance(lang, str) and _LANG.match(lang) else None


def opted_out(metadata: dict[str, Any] | None) -> bool:
    """The person said no: the widget sends ``{"analytics": "off"}`` (or ``false``) once they tap the opt-out."""
    value = (metadata or {}).get("analytics")
    return value is False or (isinstance(value, str) and value.lower() in OPT_OUT_VALUES)


def filters_of(slots: dict[str, Any]) -> dict[str, str | None]:
    """The search filters a search turn left in the slots (the knowledge base's own words, never the person's)."""
    out: dict[str, str | None] = {}
    for name in FILTER_SLOTS:
        value = slots.get(name)
        out[name] = value if isinstance(value, str) and 0 < len(value) <= MAX_SLOT_CHARS else None
    return out


def hour_of(now: float) -> int:
    return int(now // 3600 * 3600)


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
