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

# Linear: a match may only start where a run of local-part characters starts (the look-behind), so a long run with
# no ``@`` is scanned once, not once per position (the old pattern was quadratic: 7-12 s for 64 KB). Unicode-aware:
# ``\w`` takes accented and non-Latin letters in the local part and in internationalised domains; the top-level
# domain is letters (``.ca``, ``.广告``) or an A-label (``.xn--p1ai``).
_EMAIL = re.compile(r"(?<![\w.%+'\-])[\w.%+'\-]+@[\w\-]+(?:\.[\w\-]+)*\.(?:xn--[\w\-]+|[^\W\d_]{2,})")
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


# Metadata strings longer than this are dropped, not scanned (the schema refuses them already: this is the backstop).
MAX_VALUE_CHARS = 256


def redact_value(value: Any, *, depth: int = 0) -> Any:
    """Redact every string inside a JSON-like value (request metadata); other values are kept as they are.

    A string longer than ``MAX_VALUE_CHARS`` becomes None: nothing reads metadata at length, and no request may make
    redaction scan an unbounded string."""
    if isinstance(value, str):
        return redact(value) if len(value) <= MAX_VALUE_CHARS else None
    if depth >= 8:  # metadata is small and shallow; deeper nesting is dropped rather than walked
        return None
    if isinstance(value, dict):
        return {str(k): redact_value(v, depth=depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_value(v, depth=depth + 1) for v in value]
    return value
