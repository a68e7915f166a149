"""Intent recognition. The walking skeleton uses rules for the unambiguous cases and treats the rest as a search."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

INTENTS = (
    "greet", "goodbye", "thank", "help", "search_credentials", "credential_details", "more_results",
    "explain_microcredentials", "cost_and_funding", "enrolment", "eligibility", "stacking", "digital_credential",
    "list_providers", "human_handoff", "affirm", "deny", "restart", "out_of_scope",
)  # fmt: skip

_PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]+)(?P<entities>\{.*\})?\s*$", re.S)
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("restart", re.compile(r"^\s*(start (over|again)|restart|reset|new search|clear)\b", re.I)),
    ("greet", re.compile(r"^\s*(hi|hello|hey|good (morning|afternoon|evening)|bonjour)\b[\s!.,]*$", re.I)),
    ("help", re.compile(r"^\s*(help|what can you do|how does this work|menu)\b[\s?!.]*$", re.I)),
    (
        "more_results",
        re.compile(r"^\s*(show )?(me )?more( results| options| please)?[\s?!.]*$|^\s*next( page)?\s*$", re.I),
    ),
)


@dataclass(frozen=True)
class Recognised:
    name: str
    confidence: float
    entities: dict[str, Any] = field(default_factory=dict)
    from_payload: bool = False


def parse_payload(text: str) -> Recognised | None:
    """Rasa-style button payloads: ``/intent`` or ``/intent{"slot": "value"}``."""
    match = _PAYLOAD.match(text)
    if not match or match["intent"] not in INTENTS:
        return None
    entities: dict[str, Any] = {}
    if match["entities"]:
        try:
            loaded = json.loads(match["entities"])
        except ValueError:
            return None
        if not isinstance(loaded, dict):
            return None
        entities = {str(k): v for k, v in loaded.items() if v is None or isinstance(v, str | int | float | bool)}
    return Recognised(match["intent"], 1.0, entities, from_payload=True)


class RuleRecognizer:
    """Patterns for unambiguous messages; everything else is a credential search."""

    def recognise(self, text: str) -> Recognised:
        if payload := parse_payload(text):
            return payload
        for name, pattern in _RULES:
            if pattern.search(text):
                return Recognised(name, 1.0)
        return Recognised("search_credentials", 0.6)
