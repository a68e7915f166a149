from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import privacy
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


def _full_redact(text: str) -> str:
    """``redact`` without its shortcut for texts of fewer than eight digits."""
    text = privacy._EMAIL.sub(privacy.EMAIL_PLACEHOLDER, text)
    text = privacy._SIN.sub(privacy._replace_sin, text)
    return privacy._redact_phones(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٣²+()-. /_@abcx\u00a0\u2013"), max_size=40))
def test_the_few_digits_shortcut_changes_nothing(text: str) -> None:
    # digits, separators and look-alikes (an Arabic-Indic three, a superscript two) in every arrangement
    assert redact(text) == _full_redact(text)


@pytest.mark.parametrize("text", ["+44 20 794", "call 905 555 012", "+1 (905) 555-01", "sin 046 454 28"])
def test_seven_digits_or_fewer_are_never_a_number(text: str) -> None:
    assert _full_redact(text) == text == redact(text)
