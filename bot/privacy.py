"""Redaction of personal data in what people type, before anything is stored or logged.

The advisor never asks for personal data (PIPEDA principle 4, limiting collection), but people volunteer it:
"my email is ...", "call me at ...", "I have my SIN ready". E-mail addresses, phone numbers and Canadian Social
Insurance Numbers are replaced by a placeholder before the text reaches the dialogue, the store or a log line.

- **SIN:** 9 digits, ungrouped or grouped 3-3-3 with any common separator (space, no-break space, dot, slash,
  underscore, dash or en/em dash, with up to two spaces around it), that pass the Luhn checksum
  (``stdnum.luhn`` from python-stdnum). ``stdnum.ca.sin`` would also refuse numbers starting with 0 or 8 (not
  issued to people); they are redacted all the same, because a redactor should err on the side of hiding. A 9-digit
  number that fails Luhn is left alone: it may be a course code or a student number the person wants to talk about.
- **Phone numbers:** libphonenumber's ``PhoneNumberMatcher`` (the ``phonenumbers`` package), region CA, leniency
  ``POSSIBLE``: a number of a plausible length for its region, whether or not it is assigned, because a missed
  number leaks and a redacted one only hides a number from a transcript (``VALID`` misses fictional ranges such
  as 555-01xx and numbers typed with a letter touching them). An international ``00`` prefix is read as ``+``.
  A match counts when it has 10 to 15 digits, or 8 to 15 after ``+``/``00``: 7-digit local numbers and two digit
  groups ("2023 2024", "$1500 2024") stay. Two linear backstops catch what the matcher declines: a North American
  3-3-4 shape and ``+``/``00`` followed by 8-15 digits (unknown country codes, lengths it finds impossible, numbers
  run together).
- **E-mail addresses:** a linear, Unicode-aware pattern (non-ASCII letters, internationalised domains).

Every pattern here is linear in the text's length; messages are at most ``ADVISOR_MAX_MESSAGE_CHARS`` and metadata
strings at most ``MAX_VALUE_CHARS``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import phonenumbers
from stdnum import luhn

EMAIL_PLACEHOLDER = "[email]"
PHONE_PLACEHOLDER = "[phone]"
SIN_PLACEHOLDER = "[SIN]"
PHONE_REGION = "CA"
PHONE_LENIENCY = phonenumbers.Leniency.POSSIBLE

# Linear: a match may only start where a run of local-part characters starts (the look-behind), so a long run with
# no ``@`` is scanned once, not once per position (the old pattern was quadratic: 7-12 s for 64 KB). Unicode-aware:
# ``\w`` takes accented and non-Latin letters in the local part and in internationalised domains; the top-level
# domain is letters (``.ca``, ``.广告``) or an A-label (``.xn--p1ai``).
_EMAIL = re.compile(r"(?<![\w.%+'\-])[\w.%+'\-]+@[\w\-]+(?:\.[\w\-]+)*\.(?:xn--[\w\-]+|[^\W\d_]{2,})")
# A separator between digit groups: up to two spaces, optionally one punctuation mark and up to two more spaces.
# Bounded on purpose: an unbounded ``\s*`` on both sides of an optional mark backtracks quadratically.
_SPACE = r"[ \t\u00a0\u2007\u2009\u202f]{0,2}"
_SEP = rf"{_SPACE}(?:[./_\-\u2010-\u2015\u2212]{_SPACE})?"
_SIN = re.compile(rf"(?<!\d)(\d{{3}}){_SEP}(\d{{3}}){_SEP}(\d{{3}})(?!\d)")
_NANP = re.compile(rf"(?<![\d+])(?:\+?1{_SEP})?(?:\(\d{{3}}\){_SPACE}|\d{{3}}{_SEP})\d{{3}}{_SEP}\d{{4}}(?!\d)")
# Each repetition takes exactly one digit, so the split of a digit run is never ambiguous (no backtracking blow-up).
_INTERNATIONAL = re.compile(rf"(?<![\d+])(?:\+|00){_SPACE}[1-9](?:{_SEP}\d){{7,14}}(?!\d)")
_DOUBLE_ZERO = re.compile(r"(?<![\d+])00(?=[1-9])")
# Every number redacted here has at least 8 digits (a SIN 9, a phone number 10, or 8 after "+"/"00"), counted as
# ``_digits`` counts them: a text with fewer has none, and most messages skip the matcher (~15 µs a message).
_FEWEST_DIGITS = 8


def _digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) for c in text if c.isdigit())


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) checksum over a string of digits (python-stdnum's implementation)."""
    return luhn.is_valid(digits)


def _replace_sin(match: re.Match[str]) -> str:
    return SIN_PLACEHOLDER if luhn_valid(_digits(match.group(0))) else match.group(0)


# The matcher runs over windows of this many characters (plus an overlap longer than any phone number) and tries at
# most ``_TRIES`` candidates in each, so its work is linear in the text's length and small: on one long text it grows
# faster (565 ms for 64 KB of "905 "), and every candidate costs Python work (3.5 ms per window of "905 905 ..."
# against 0.7 ms with the bound). A window holding more candidates than that is not a person's message; the
# backstop patterns still see all of it.
_WINDOW = 1024
_OVERLAP = 64
_TRIES = 64


def _phone_spans(text: str) -> list[tuple[int, int]]:
    # "0044 20 ..." is "+44 20 ...": the same length, so the matcher's offsets are the original text's.
    probe = _DOUBLE_ZERO.sub(" +", text)
    spans: list[tuple[int, int]] = []
    for offset in range(0, len(probe), _WINDOW):
        window = probe[offset : offset + _WINDOW + _OVERLAP]
        for match in phonenumbers.PhoneNumberMatcher(window, PHONE_REGION, leniency=PHONE_LENIENCY, max_tries=_TRIES):
            start, end = offset + match.start, offset + match.end
            if text[start - 1 : start + 1] == "00":
                start -= 1  # the "0" of a "00" prefix the probe wrote as " +"
            if match.start >= _WINDOW or (spans and start < spans[-1][1]):
                continue  # the next window's, or part of a number already found
            count = len(_digits(match.raw_string))
            international = match.raw_string.lstrip().startswith("+")
            if (8 if international else 10) <= count <= 15:
                spans.append((start, end))
    return spans


def _redact_phones(text: str) -> str:
    for start, end in reversed(_phone_spans(text)):
        text = text[:start] + PHONE_PLACEHOLDER + text[end:]
    text = _INTERNATIONAL.sub(PHONE_PLACEHOLDER, text)
    return _NANP.sub(PHONE_PLACEHOLDER, text)


def redact(text: str) -> str:
    """The text with e-mail addresses, phone numbers and Luhn-valid SINs replaced by placeholders."""
    text = _EMAIL.sub(EMAIL_PLACEHOLDER, text)
    if sum(map(str.isdigit, text)) < _FEWEST_DIGITS:
        return text
    text = _SIN.sub(_replace_sin, text)  # before phones: a SIN has 9 digits, a phone number 10 or more (or a +)
    return _redact_phones(text)


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
