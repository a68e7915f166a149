"""What a message does to the search slots: a new search replaces the filters, a follow-up refines them.

"What about at Durham College?" is a follow-up: it changes the provider and keeps the area. "free ones?" is a
fragment that only states a filter, so it refines too. "I want to work in cybersecurity" starts a new search."""

from __future__ import annotations

import re
from typing import Any

from actions.search import FILTER_SLOTS
from index.query import ParsedQuery, parse_query
from knowledge.schema import KnowledgeBase

SEARCH_SLOTS = (*FILTER_SLOTS, "audience")
CONVERSATION_SLOTS = (*SEARCH_SLOTS, "last_results", "results_offset", "search_filters", "search_query", "focus")

_FOLLOW_UP = re.compile(
    r"^\s*(what about|how about|and|what if|also|instead|only|just|but|same|any|those|the)\b|\binstead\b|\btoo\b|"
    r"\b(ones|those)\b",
    re.I,
)
_FILLER = frozenset({
    "a", "about", "an", "and", "any", "are", "at", "do", "does", "for", "from", "have", "i", "in", "is", "it", "me",
    "of", "on", "ones", "one", "only", "or", "please", "show", "some", "the", "there", "those", "what", "which",
    "with", "you", "courses", "course", "options", "programs", "program", "micro", "credentials", "credential",
    "microcredentials", "training", "classes", "anything", "something", "stuff", "available", "offered"
})  # fmt: skip
# Who the person is, in their words -> the audience slot (shown back to them, and added to the search query).
_AUDIENCE = (
    (re.compile(r"\b(laid off|lost my job|displaced|out of work|unemployed|let go)\b", re.I), "displaced workers"),
    (re.compile(r"\b(teachers?|educators?)\b", re.I), "educators"),
    (re.compile(r"\b(nurses?|psws?|personal support workers?|health care workers?)\b", re.I), "health care workers"),
    (re.compile(r"\b(students?)\b", re.I), "students"),
    (re.compile(r"\b(newcomers?|immigrants?)\b", re.I), "newcomers"),
    (re.compile(r"\b(non-?profits?)\b", re.I), "nonprofit workers"),
)


def detect_audience(text: str) -> str | None:
    for pattern, audience in _AUDIENCE:
        if pattern.search(text):
            return audience
    return None


def is_follow_up(text: str, parsed: ParsedQuery) -> bool:
    """A refinement of the last search: follow-up wording ("what about...", "...instead"), or a fragment that only
    narrows ("free ones?", "at Durham College?"). Naming a new area without follow-up wording starts afresh."""
    if _FOLLOW_UP.search(text):
        return True
    if "area" in parsed.mentions:
        return False
    return is_fragment(text, parsed)


def is_fragment(text: str, parsed: ParsedQuery) -> bool:
    """A message that says little besides the filters it states: "free ones?", "online?", "at Trent"."""
    rest = text.lower()
    for words in parsed.mentions.values():
        rest = rest.replace(words.lower(), " ")
    content = [w for w in re.findall(r"[a-z']+", rest) if w not in _FILLER]
    return bool(parsed.mentions) and not content


def update_search_slots(
    slots: dict[str, Any], text: str, kb: KnowledgeBase, *, entities: dict[str, Any] | None = None
) -> None:
    """Apply a search message (or a button's entities) to ``slots`` in place."""
    if entities is not None:
        for name, value in entities.items():
            if name in SEARCH_SLOTS:
                slots[name] = value
        return
    parsed = parse_query(text, kb)
    stated = parsed.filters.as_dict()
    audience = detect_audience(text)
    had_search = bool(slots.get("search_query"))
    if had_search and is_follow_up(text, parsed):
        slots.update(stated)
    else:
        for name in FILTER_SLOTS:
            slots[name] = stated.get(name)
    if audience:
        slots["audience"] = audience


def clear_slots(slots: dict[str, Any]) -> None:
    slots.clear()
