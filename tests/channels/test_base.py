"""Shared channel helpers: private conversation ids, the menu that gives "1" and button titles their meaning."""

from __future__ import annotations

import pytest

from bot.channels.base import Menu, conversation_id, menu_of, resolve_text
from bot.schemas import Button, ChatReply, Intent, Message, ResultCard

MENU = Menu(results=3, choices={"show more": "/more_results", "start over": "/restart"})


@pytest.mark.parametrize(
    ("text", "menu", "expected"),
    [
        ("1", MENU, "tell me more about the first one"),
        (" 3 ", MENU, "tell me more about the third one"),
        ("4", MENU, "4"),  # only the results that were shown
        ("0", MENU, "0"),
        ("1", None, "1"),  # no menu (new or expired conversation): the dialogue decides
        ("1", Menu(results=0), "1"),
        ("Show more", MENU, "/more_results"),
        ("start over!", MENU, "/restart"),
        ("START  OVER", MENU, "/restart"),
        ("is it free?", MENU, "is it free?"),
        ("  cybersecurity ", MENU, "cybersecurity"),
    ],
)
def test_resolve_text_maps_replies_to_the_last_menu(text: str, menu: Menu | None, expected: str) -> None:
    assert resolve_text(text, menu) == expected


def test_menu_round_trips_and_counts_only_shown_results() -> None:
    card = ResultCard(
        id="x", title="T", provider="P", area="A", cost="Free", status="Offered", delivery="Online",
        duration="Not published", url="https://example.org", score=1.0,
    )  # fmt: skip
    reply = ChatReply(
        session_id="twilio:abc",
        intent=Intent(name="search_credentials", confidence=1.0),
        messages=[Message(text="Here", buttons=[Button(title="Show more", payload="/more_results")])],
        results=[card] * 5,
    )
    menu = menu_of(reply, max_results=3)
    assert menu == Menu(results=3, choices={"show more": "/more_results"})
    assert Menu.from_json(menu.to_json()) == menu


def test_conversation_id_is_a_stable_keyed_hash() -> None:
    first = conversation_id("twilio", "+19055550123", key="token-a")
    assert first == conversation_id("twilio", "+19055550123", key="token-a")
    assert first.startswith("twilio:") and "9055550123" not in first
    assert first != conversation_id("twilio", "+19055550124", key="token-a")
    assert first != conversation_id("twilio", "+19055550123", key="token-b")  # unguessable without the secret
    assert conversation_id("telegram", 42, key="k") != conversation_id("twilio", 42, key="k")
