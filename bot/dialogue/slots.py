"""What a message does to the search slots: a new search replaces the filters, a follow-up refines them.

"What about at Durham College?" is a follow-up: it changes the provider and keeps the area. "free ones?" is a
fragment that only states a filter, so it refines too. "I want to work in cybersecurity" starts a new search."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from actions.search import FILTER_SLOTS, unknown_topic
from actions.slot_values import excluded_pairs
from actions.turn import TurnQuery
from index.patterns import first_found, lowered
from index.query import ParsedQuery

if TYPE_CHECKING:
    from bot.dialogue.message import UserMessage

SEARCH_SLOTS = (*FILTER_SLOTS, "audience")
CONVERSATION_SLOTS = (
    *SEARCH_SLOTS, "excluded", "last_results", "results_offset", "search_filters", "search_query", "focus",
    "faq_topic", "asked_attribute",
)

_FOLLOW_UP = lowered(re.compile(
    r"^\s*(what about|how about|and|what if|also|instead|only|just|but|same|any|those|the)\b|\binstead\b|\btoo\b|"
    # ("ok and how about ontario tech", "so what about trent": a word of assent first)
    r"^\s*((ok|okay|k|so|well|alright|hm+)[\s,]+){1,2}(and )?(what about|how about|what if)\b|"
    r"\b(ones|those)\b",
    re.I,
))
# The free filter set aside ("ok forget free", "never mind the free ones", "skip the free stuff").
# The person asking now for themselves after asking for someone else ("and for me?", "what about me", "now for myself").
_NOW_FOR_ME = re.compile(r"^\W*(?:ok\W+|so\W+)?(?:and|what about|how about|now)(?: for)? (?:me|myself)\b", re.I)
_DROPS_FREE = re.compile(r"\b(forget|never ?mind|skip|drop|scratch)( about)?( the)? free\b", re.I)
_FILLER = frozenset({
    "a", "about", "an", "and", "any", "are", "at", "do", "does", "for", "from", "have", "i", "in", "is", "it", "me",
    "of", "on", "ones", "one", "only", "or", "please", "show", "some", "the", "there", "those", "what", "which",
    "with", "you", "courses", "course", "options", "programs", "program", "micro", "credentials", "credential",
    "microcredentials", "training", "classes", "anything", "something", "stuff", "available", "offered",
    "ok", "okay", "then", "hmm", "maybe", "try",  # "ok durham college then": a school, nothing else
})  # fmt: skip
# Who the person is, in their words -> the audience slot (shown back to them, and added to the search query).
_AUDIENCE = (
    (re.compile(r"\b(laid off|lost my job|displaced|out of work|unemployed|let go)\b", re.I), "displaced workers"),
    (re.compile(r"\b(teachers?|educators?)\b", re.I), "educators"),
    (re.compile(r"\b(nurses?|psws?|personal support workers?|health care workers?)\b", re.I), "health care workers"),
    (re.compile(r"\b(students?)\b", re.I), "students"),
    (re.compile(r"\b(newcomers?|immigrants?)\b", re.I), "newcomers"),
    # "I work at a non profit", "we're a not-for-profit", "it's a charity"
    (re.compile(r"\b(non[- ]?profits?|not[- ]for[- ]profits?|charit(y|ies|able)|food ?banks?|ngos?|(women'?s|"
                r"homeless) shelters?)\b", re.I), "nonprofit workers"),
)


# Words of a follow-up that name no subject ("anything I can take now instead", "... in the meantime then").
# ("something i could take today while i wait", "... until it launches": waiting for the upcoming one shown)
_INSTEAD = frozenset({"instead", "then", "rather", "meantime", "meanwhile", "else", "right", "today", "currently",
                      "wait", "waiting", "until", "till", "launches", "opens"})  # fmt: skip


_AUDIENCE_FOUND = tuple((audience, lowered(pattern)) for pattern, audience in _AUDIENCE)


def detect_audience(text: str, low: str | None = None) -> str | None:
    """Who the person says they are, by the first of _AUDIENCE found (``low``: ``text`` lowered, when known)."""
    return first_found(_AUDIENCE_FOUND, text, low)


def is_follow_up(text: str, parsed: ParsedQuery, low: str | None = None) -> bool:
    """A refinement of the last search: follow-up wording ("what about...", "...instead"), or a fragment that only
    narrows ("free ones?", "at Durham College?"). Naming a new area without follow-up wording starts afresh.
    ``low``: ``text`` lowered, when the caller has it."""
    if _FOLLOW_UP.found(text, low):
        return True
    if set(parsed.mentions) == {"status"}:  # "what can I take right now": those offered now, of the last search
        return True
    if "area" in parsed.mentions:
        return False
    return is_fragment(text, parsed)


def is_fragment(text: str, parsed: ParsedQuery) -> bool:
    """A message that says little besides the filters it states: "free ones?", "online?", "at Trent". A misspelt
    filter ("wat about ontaro tek") is stated in the typo-corrected words, so those are read too."""
    if not parsed.mentions:
        return False
    return _only_filters(text, parsed) or (bool(parsed.corrections) and _only_filters(parsed.corrected, parsed))


def _only_filters(text: str, parsed: ParsedQuery) -> bool:
    rest = text.lower()
    for words in parsed.mentions.values():
        rest = rest.replace(words.lower(), " ")
    return not [w for w in re.findall(r"[a-z']+", rest) if w not in _FILLER]


def _excluded_slot(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]] | None:
    """The ``excluded`` slot's value: each filter's ruled-out values ({"area": ["IT", "Cybersecurity"]})."""
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return grouped or None


def update_search_slots(
    slots: dict[str, Any], message: UserMessage, *, entities: dict[str, Any] | None = None
) -> TurnQuery:
    """Apply a search message (or a button's entities) to ``slots`` in place; what to search for this turn.

    A correction ("sorry, I meant IT") or a follow-up keeps what it does not name and replaces what it does; what
    it rules out ("not cyber", "anything but health care") is dropped from the filters and excluded. A follow-up
    that only changes filters ("what about at Durham College?") searches the earlier words again."""
    if entities is not None:
        for name, value in entities.items():
            if name in SEARCH_SLOTS:
                slots[name] = value
        slots["excluded"] = None
        return TurnQuery(message.text)
    parsed = message.parsed
    stated = parsed.filters.as_dict()
    offerings = message.asks_offerings or message.asks_what_they_are
    # (not "what does Ontario Tech have for that": the last subject at that school)
    if offerings and not message.same_topic and (slots.get("provider") or "provider" in stated) and (
        "area" not in stated
    ):
        # "what do they have", "what does Ontario Tech have then": all the school's ("what can I take there now":
        # those on now)
        for name in FILTER_SLOTS:
            slots[name] = stated.get(name) or (slots.get(name) if name == "provider" else None)
        slots["excluded"] = _excluded_slot(message.excluded)  # "what do they have that's not health"
        return TurnQuery(message.text, parsed, message.vector)
    if message.at_that_school and slots.get("provider") and "provider" not in stated:
        stated["provider"] = slots["provider"]  # "what health stuff do they have there": the school named before
    had_search = bool(slots.get("search_query"))
    # "what about a different school": the same search, the school shown ruled out
    elsewhere = (had_search or "area" in stated) and message.other_school and slots.get("provider") and (
        "provider" not in stated)  # fmt: skip
    # "i teach grade 3 in whitby" after Education: only who the person is, in the subject shown (its words relate to
    # no other field): that search again, never one for its incidental words ("grade", "nights")
    told = message.tells_who and had_search and "area" not in stated and (not parsed.related_words or (
        bool(slots.get("area")) and str(slots.get("area")) in parsed.search_text))
    # "what could she do in the meantime", "what's available now instead" after an upcoming one: its subject,
    # offered now (no subject of its own; the engine takes the subject of the one shown)
    waiting = message.waiting and not parsed.related_words and "area" not in stated
    follow_up = had_search and (message.correction or message.follow_up or message.same_topic or elsewhere or waiting or
                                message.picks_among or (message.excluded and not stated) or told)  # fmt: skip
    if _NOW_FOR_ME.search(message.folded) and (parsed.related_words or parsed.unknown_words or stated):
        # "and for me? i do bookkeeping at a small office" after a search for her husband: the person's own subject
        follow_up = told = False
    excluded = excluded_pairs(slots.get("excluded")) if follow_up else []
    if elsewhere:
        excluded.append(("provider", str(slots["provider"])))
        slots["provider"] = None
    if follow_up:
        slots.update(stated)
        if waiting and "status" not in stated:
            slots["status"] = "available"
        if slots.get("cost") and "cost" not in stated and _DROPS_FREE.search(message.folded):
            slots["cost"] = None  # "never mind the free ones, what does DC have in health": that filter dropped
        if message.correction and parsed.related_words and "area" not in stated:
            slots["area"] = None  # "no, something with computers instead": a subject by its words, not the old field
        elif (message.what_about or message.elliptic_part) and "area" not in stated and parsed.unknown_words and (
            unknown_topic(parsed)
        ):
            # "what about a real estate licence", "and dog grooming?" after trades: a subject nobody is known to
            # offer, not a trade
            slots["area"] = None
    else:
        for name in FILTER_SLOTS:
            slots[name] = stated.get(name)
    for name, value in message.excluded:
        if (name, value) not in excluded:
            excluded.append((name, value))
        if slots.get(name) == value and stated.get(name) != value:  # "nothing about computers but IT": IT
            slots[name] = None
    excluded = [(name, value) for name, value in excluded if stated.get(name) != value]  # named now: not ruled out
    slots["excluded"] = _excluded_slot(excluded)
    if message.audience:
        slots["audience"] = message.audience
    # ("which of those are free": the free ones of the same search; "in that area": its subject)
    # ("anything I can take now instead" after an upcoming one: the same subject, offered now)
    # (a known word of the status words themselves, "something available today", says no subject)
    now_instead = set(parsed.mentions) == {"status"} and not parsed.related_words and all(
        str(w) in str(parsed.mentions["status"]) for w in parsed.known_words) and (
        set(parsed.unknown_words) <= _INSTEAD)  # fmt: skip
    same_words = message.fragment or message.picks_among or elsewhere or now_instead or waiting or told or (
        message.same_topic and "area" not in stated)  # fmt: skip
    if had_search and follow_up and same_words and not message.correction:
        return TurnQuery(str(slots["search_query"]))  # the earlier words, with the new filters
    return TurnQuery(message.text, parsed, message.vector)
