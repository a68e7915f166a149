"""The scripted conversations of ``make test-rasa``, through Rasa's REST channel. Each message is a training
phrasing or a button payload; each check is about the credentials the conversation actually showed."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from knowledge.loader import load_knowledge


@dataclass
class Chat:
    rasa: str
    sender: str = field(default_factory=lambda: secrets.token_hex(8))
    failures: list[str] = field(default_factory=list)

    def say(self, message: str) -> list[dict[str, Any]]:
        answer = httpx.post(f"{self.rasa}/webhooks/rest/webhook", json={"sender": self.sender, "message": message},
                            timeout=300)  # fmt: skip
        answer.raise_for_status()
        reply: list[dict[str, Any]] = answer.json()
        return reply

    def check(self, message: str, ok: Callable[[list[dict[str, Any]]], bool], what: str) -> list[dict[str, Any]]:
        reply = self.say(message)
        if not ok(reply):
            self.failures.append(f"{message!r}: expected {what}; got {text(reply)[:300]!r} cards {ids(reply)}")
        return reply


def text(reply: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in reply)


def cards(reply: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [card for m in reply for card in (m.get("custom") or {}).get("results", [])]


def ids(reply: list[dict[str, Any]]) -> list[str]:
    return [card["id"] for card in cards(reply)]


def buttons(reply: list[dict[str, Any]]) -> list[str]:
    return [b["title"] for m in reply for b in m.get("buttons") or []]


def hold_conversations(chat: Chat) -> list[str]:
    """A search, the second one, "is it free?", paging, "which one", a provider switch, raw and unknown values, an
    FAQ, start over. Returns what went wrong."""
    kb = load_knowledge(None)
    chat.check("hello there", lambda r: text(r).startswith("Hello!"), "the greeting")
    first = ids(chat.check('/search_credentials{"area":"Health Sciences","provider":null}',
                           lambda r: len(cards(r)) == 3 and all("Health Sciences" in c["area"] for c in cards(r)),
                           "three Health Sciences cards"))  # fmt: skip
    if len(first) == 3:
        chat.check("the second one", lambda r: ids(r) == [first[1]], f"the second card shown, {first[1]}")
        chat.check("is it free?", lambda r: (ids(r) == [first[1]] and "Check" in text(r)) or "free" in text(r).lower(),
                   f"the cost of {first[1]}")  # fmt: skip
    more = chat.check("show me more", lambda r: len(cards(r)) > 0 and not set(ids(r)) & set(first)
                      and all("Health Sciences" in c["area"] for c in cards(r)) and text(r).startswith("Here are 4"),
                      "the next Health Sciences page")  # fmt: skip
    page = cards(more)
    if page:
        titles = [c["title"] for c in page]
        chat.check("tell me more about it", lambda r: "Which one do you mean?" in text(r) and buttons(r) == titles,
                   f"a choice of the cards shown: {titles}")  # fmt: skip
        last = page[-1]["id"]
        chat.check("the last one please", lambda r: ids(r) == [last], f"the last card shown, {last}")
    durham = kb.provider_name("durham-college")
    switched = chat.check("programs at durham college", lambda r: bool(cards(r)) and all(c["provider"] == durham
                          for c in cards(r)), "Durham College cards only")  # fmt: skip
    if len(cards(switched)) >= 2:
        second = ids(switched)[1]
        chat.check("the second one", lambda r: ids(r) == [second], f"the second Durham College card, {second}")
    chat.check('/search_credentials{"area":"health","provider":null}',
               lambda r: bool(cards(r)) and all("Health Sciences" in c["area"] for c in cards(r)),
               "'health' read as Health Sciences")  # fmt: skip
    chat.check('/search_credentials{"area":"basket weaving","provider":null}',
               lambda r: "I don't know of an area called “basket weaving”" in text(r) and not cards(r),
               "an honest 'unknown area'")  # fmt: skip
    chat.check("can they be stacked", lambda r: kb.faq["stacking"].answer.strip()[:60] in text(r), "the stacking FAQ")
    chat.check("start over", lambda r: text(r).startswith("Okay, let's start fresh."), "the fresh start")
    chat.check("show me more", lambda r: "There's no search to continue yet" in text(r), "no search after start over")
    chat.check("the second one", lambda r: not cards(r) and "Which micro-credential do you mean?" in text(r),
               "no credential offered that was never shown")  # fmt: skip
    return chat.failures
