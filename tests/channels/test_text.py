"""Plain-text rendering: SMS stays within Twilio's 1600 characters, keeps the numbered results and choices."""

from __future__ import annotations

from bot.channels.text import card_line, shorten, sms_text, split_text
from bot.schemas import Button, ChatReply, Intent, Message, ResultCard


def make_card(**overrides: object) -> ResultCard:
    values: dict[str, object] = {
        "id": "dc-cyber",
        "title": "Cybersecurity micro-credentials at Durham College",
        "provider": "Durham College",
        "area": "Cybersecurity",
        "cost": "Not published – check with the provider",
        "status": "Offered",
        "delivery": "Not published",
        "duration": "Not published",
        "url": "https://durhamcollege.ca/micro-credentials",
        "score": 0.9,
    }
    values.update(overrides)
    return ResultCard(**values)  # type: ignore[arg-type]


def make_reply(text: str, cards: list[ResultCard], buttons: list[Button] | None = None) -> ChatReply:
    return ChatReply(
        session_id="twilio:abc",
        intent=Intent(name="search_credentials", confidence=0.6),
        messages=[Message(text=text, buttons=buttons or [])],
        results=cards,
    )


def test_card_line_short_and_detailed() -> None:
    card = make_card()
    assert card_line(1, card, detailed=False) == (
        "1. Cybersecurity micro-credentials at Durham College – Durham College; offered; cost not published."
    )
    detailed = card_line(2, card, detailed=True)
    assert detailed.startswith("2. Cybersecurity") and card.url in detailed and "length: not published" in detailed


def test_sms_text_numbers_at_most_three_results_with_choices() -> None:
    cards = [make_card(title=f"Course {n}") for n in range(1, 6)]
    text = sms_text(
        make_reply("I know of 5.", cards, [Button(title="Show more", payload="/more_results")]),
        max_results=3,
        max_chars=1600,
    )
    assert "3. Course 3" in text and "4. " not in text
    assert text.endswith("Reply 1–3 for details. Or reply: Show more")


def test_sms_text_shortens_the_words_not_the_results() -> None:
    long_words = "Many names; " * 300
    text = sms_text(make_reply(long_words, [make_card()]), max_results=3, max_chars=1600)
    assert len(text) <= 1600
    assert "1. Cybersecurity" in text and "Reply 1 for details." in text
    assert "…" in text


def test_shorten_and_split() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("one two three four", 12) == "one two…"
    assert split_text("", 10) == [""]
    assert split_text("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_text("para one\n\npara two", 12) == ["para one", "para two"]
