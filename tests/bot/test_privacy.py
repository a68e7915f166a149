from __future__ import annotations

import pytest

from bot.privacy import luhn_valid, redact, redact_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jane.doe+jobs@example.ca please", "write to [email] please"),
        ("my email is JOHN_SMITH@mail.durhamcollege.ca.", "my email is [email]."),
        ("call me at 905-555-0123", "call me at [phone]"),
        ("call (905) 555-0123 tomorrow", "call [phone] tomorrow"),
        ("cell +1 905 555 0123", "cell [phone]"),
        ("text 905.555.0123", "text [phone]"),
        ("9055550123 is my number", "[phone] is my number"),
        ("UK number +44 20 7946 0958", "UK number [phone]"),
        ("my SIN is 046 454 286", "my SIN is [SIN]"),
        ("my SIN is 046-454-286", "my SIN is [SIN]"),
        ("my SIN is 046454286", "my SIN is [SIN]"),
        ("sin:046454286.", "sin:[SIN]."),
    ],
)
def test_redact_removes_personal_data(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "student number 123456789",  # 9 digits that fail Luhn: not a SIN
        "course 123 456 789",
        "code 123-456-789",
        "free courses in health sciences",
        '/search_credentials{"area":"Cybersecurity"}',
        "1,000 free micro-credentials in 2024, 24 skills",
        "call extension 5550",
    ],
)
def test_redact_leaves_other_text_alone(text: str) -> None:
    assert redact(text) == text


def test_luhn() -> None:
    assert luhn_valid("046454286")
    assert not luhn_valid("123456789")


def test_redact_value_walks_metadata() -> None:
    metadata = {"user": {"email": "a@b.ca", "tags": ["905-555-0123", 3]}, "ok": True}
    assert redact_value(metadata) == {"user": {"email": "[email]", "tags": ["[phone]", 3]}, "ok": True}
