"""The search filters held in the slots, read through the advisor's own resolver (``index.query``).

A Rasa assistant fills the slots from whatever its NLU extracted ("health", "Ontario Tech", "in person"); the chat
service fills them with the knowledge base's own values. Both go through ``resolve_filter_value``, so "health" means
Health Sciences here exactly as it does in a message. A value that names nothing known is reported, not searched
for, and taken out of its slot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from index.filters import SearchFilters
from index.query import resolve_filter_value
from knowledge.schema import KnowledgeBase

FILTER_SLOTS = ("area", "provider", "cost", "delivery", "status")
_WHAT = {"area": "an area", "provider": "a school", "cost": "a cost option", "delivery": "a way of learning",
         "status": "an availability"}  # fmt: skip


@dataclass(frozen=True)
class FilterReading:
    filters: SearchFilters
    events: list[EventType] = field(default_factory=list)  # slots set to the resolved value, or emptied
    unknown: dict[str, str] = field(default_factory=dict)  # slot -> the value nothing in the knowledge base matches


def read_filters(tracker: Tracker, kb: KnowledgeBase) -> FilterReading:
    """The filters the slots state, in the knowledge base's own values."""
    resolved: dict[str, str] = {}
    events: list[EventType] = []
    unknown: dict[str, str] = {}
    for name in FILTER_SLOTS:
        value = tracker.get_slot(name)
        if value is None or value == "":
            continue
        own = resolve_filter_value(name, str(value), kb) if isinstance(value, str) else None
        if own is None:
            unknown[name] = str(value)
            events.append(SlotSet(name, None))
            continue
        resolved[name] = own
        if own != value:
            events.append(SlotSet(name, own))
    exclude = tuple(sorted(excluded_pairs(tracker.get_slot("excluded"))))  # "anything but health care"
    return FilterReading(SearchFilters(**resolved, exclude=exclude), events, unknown)  # type: ignore[arg-type]


def excluded_pairs(slot: Any) -> list[tuple[str, str]]:
    """The (filter name, value) pairs the ``excluded`` slot rules out: ``{"area": ["IT", "Cybersecurity"]}``, or
    one value per name as conversations stored before lists were allowed (``{"area": "IT"}``)."""
    if not isinstance(slot, dict):
        return []
    pairs: list[tuple[str, str]] = []
    for name, values in slot.items():
        for value in values if isinstance(values, list) else [values]:
            if (str(name), str(value)) not in pairs:
                pairs.append((str(name), str(value)))
    return pairs


def unknown_text(unknown: dict[str, str], kb: KnowledgeBase) -> str:
    """An honest answer about values the knowledge base does not hold, with what it does hold."""
    said = "; ".join(f"I don't know of {_WHAT[name]} called “{value}”" for name, value in unknown.items())
    if "provider" in unknown:
        known = ", ".join(p.name for p in kb.providers.values())
        return f"{said}. I know the micro-credentials of these schools: {known}. Pick one, or an area."
    return f"{said}, so I haven't searched for it. These are the areas I know; pick one."
