"""Redaction of personal data in what people type, before anything is stored or logged.

The advisor never asks for personal data (PIPEDA principle 4, limiting collection), but people volunteer it:
"my email is ...", "call me at ...", "I have my SIN ready". E-mail addresses, phone numbers and Canadian Social
Insurance Numbers are replaced by a placeholder before the text reaches the dialogue, the store or a log line.

A SIN is 9 digits, optionally grouped 3-3-3 with spaces or dashes, and passes the Luhn checksum (the OPC and
ESDC guidance; python-stdnum ``ca/sin``). A 9-digit number that fails Luhn is left alone: it may be a course
code or a student number the person wants to talk about.
"""

from __future__ import annotations

import re
from typing import Any

EMAIL_PLACEHOLDER = "[email]"
PHONE_PLACEHOLDER = "[phone]"
SIN_PLACEHOLDER = "[SIN]"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# 9 digits, ungrouped or grouped 3-3-3 with spaces or dashes (mixed separators too: redacting more is safer).
_SIN = re.compile(r"(?<![\d\-])(\d{3})[ \-]?(\d{3})[ \-]?(\d{3})(?![\d\-])")
# North American numbers (+1 optional; area code optionally in parentheses; space, dot or dash separators) and
# international numbers written with a leading + and 8 to 15 digits.
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:"
    r"(?:\+?1[ .\-]?)?(?:\(\d{3}\)|\d{3})[ .\-]?\d{3}[ .\-]?\d{4}"
    r"|\+\d{1,3}(?:[ .\-]?\d{2,4}){2,5}"
    r")"
    r"(?!\w)"
)


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) checksum over a string of digits."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _replace_sin(match: re.Match[str]) -> str:
    digits = match.group(1) + match.group(2) + match.group(3)
    return SIN_PLACEHOLDER if luhn_valid(digits) else match.group(0)


def _replace_phone(match: re.Match[str]) -> str:
    digits = sum(c.isdigit() for c in match.group(0))
    return PHONE_PLACEHOLDER if 10 <= digits <= 15 else match.group(0)


def redact(text: str) -> str:
    """The text with e-mail addresses, phone numbers and Luhn-valid SINs replaced by placeholders."""
    text = _EMAIL.sub(EMAIL_PLACEHOLDER, text)
    text = _SIN.sub(_replace_sin, text)  # before phones: a SIN never has 10 digits, so they cannot overlap
    return _PHONE.sub(_replace_phone, text)


def redact_value(value: Any, *, depth: int = 0) -> Any:
    """Redact every string inside a JSON-like value (request metadata); other values are kept as they are."""
    if isinstance(value, str):
        return redact(value)
    if depth >= 8:  # metadata is small and shallow; deeper nesting is dropped rather than walked
        return None
    if isinstance(value, dict):
        return {str(k): redact_value(v, depth=depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_value(v, depth=depth + 1) for v in value]
    return value
