"""M3: redaction missed SINs with dots or an adjacent dash, phones with en dashes, no-break spaces, slashes or a
+33/00 prefix, and e-mail addresses with non-ASCII letters. A property-based test (hypothesis) now draws them."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.privacy import redact

PROPERTY = settings(
    max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
# Between digit groups: space, dot, dash, en dash, slash, no-break space, or nothing (and a few more people type).
SEPARATORS = [" ", ".", "-", "\u2013", "/", "\u00a0", "", "\u2014", " - ", "_", "  "]
separator = st.sampled_from(SEPARATORS)
digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
CONTEXTS = ["{}", "call me at {} today", "mine is {}.", "({})", "tel:{}", "« {} »", "{}, thanks"]
context = st.sampled_from(CONTEXTS)


def digit_string(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


@st.composite
def nanp_phone(draw: st.DrawFn) -> str:
    area, exchange, line = draw(digit_string(3)), draw(digit_string(3)), draw(digit_string(4))
    first, second = draw(separator), draw(separator)
    prefix = draw(st.sampled_from(["", "+1", "1"]))
    prefix += draw(separator) if prefix else ""
    return f"{prefix}{area}{first}{exchange}{second}{line}"


@st.composite
def international_phone(draw: st.DrawFn) -> str:
    count = draw(st.integers(min_value=8, max_value=15))
    number = draw(st.sampled_from("123456789")) + draw(digit_string(count - 1))
    groups, rest = [number[: draw(st.integers(1, 3))]], None
    rest = number[len(groups[0]) :]
    while rest:
        size = draw(st.integers(1, 4))
        groups.append(rest[:size])
        rest = rest[size:]
    out = draw(st.sampled_from(["+", "00", "+ "])) + groups[0]
    for group in groups[1:]:
        out += draw(separator) + group
    return out


def luhn_complete(eight: str) -> str:
    total = 0
    for position, char in enumerate(reversed(eight)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return eight + str((10 - total % 10) % 10)


@st.composite
def sin(draw: st.DrawFn) -> str:
    number = luhn_complete(draw(digit_string(8)))
    return f"{number[:3]}{draw(separator)}{number[3:6]}{draw(separator)}{number[6:]}"


LETTERS = "abcdefghijklmnopqrstuvwxyzéèçñöüßøåæœłžšıйцукенгшщзхъфывапролджэячсмитьбюαβγδεζηθ用户例子广告测试"
TLDS = ["ca", "com", "org", "广告", "рф", "xn--p1ai", "québec", "δοκιμή", "онлайн"]


@st.composite
def email(draw: st.DrawFn) -> str:
    word = st.text(alphabet=LETTERS + "0123456789", min_size=1, max_size=12)
    local = draw(word)
    if draw(st.booleans()):
        local += draw(st.sampled_from([".", "_", "+", "-", "'"])) + draw(word)
    labels = draw(st.lists(st.text(alphabet=LETTERS + "0123456789-", min_size=1, max_size=10), min_size=1, max_size=3))
    labels = [label.strip("-") or "x" for label in labels]
    return f"{local}@{'.'.join(labels)}.{draw(st.sampled_from(TLDS))}"


def assert_gone(secret: str, sentence: str) -> None:
    redacted = redact(sentence)
    assert secret not in redacted, f"{sentence!r} -> {redacted!r}"
    kept_digits = "".join(c for c in redacted if c.isdigit())
    secret_digits = "".join(c for c in secret if c.isdigit())
    assert not secret_digits or secret_digits not in kept_digits, f"{sentence!r} -> {redacted!r}"


@PROPERTY
@given(phone=nanp_phone(), where=context)
def test_no_north_american_number_survives(phone: str, where: str) -> None:
    assert_gone(phone, where.format(phone))


@PROPERTY
@given(phone=international_phone(), where=context)
def test_no_international_number_survives(phone: str, where: str) -> None:
    assert_gone(phone, where.format(phone))


@PROPERTY
@given(number=sin(), where=st.sampled_from([*CONTEXTS, "SIN-{}", "{}-", "NAS: {}"]))
def test_no_luhn_valid_sin_survives(number: str, where: str) -> None:
    assert_gone(number, where.format(number))


@PROPERTY
@given(address=email(), where=context)
def test_no_email_address_survives(address: str, where: str) -> None:
    sentence = where.format(address)
    redacted = redact(sentence)
    assert "@" not in redacted, f"{sentence!r} -> {redacted!r}"


@st.composite
def ordinary_numbers(draw: st.DrawFn) -> str:
    year = draw(st.integers(1900, 2099))
    price = draw(st.sampled_from(["${:,}", "${}", "${}.99", "{} $"])).format(draw(st.integers(0, 999999)))
    hours = f"{draw(st.integers(1, 999))} {draw(st.sampled_from(['hours', 'h', 'weeks', 'hrs', 'heures']))}"
    count = f"{draw(st.integers(1000, 999999)):,}"
    first, second = draw(st.integers(1, 9999)), draw(st.integers(0, 9999))
    pair = f"{first}{draw(separator)}{second}"
    return draw(st.sampled_from([f"in {year}", f"costs {price}", f"takes {hours}", f"{count} people", f"code {pair}"]))


@PROPERTY
@given(text=ordinary_numbers())
def test_ordinary_numbers_survive(text: str) -> None:
    assert redact(text) == text


REVIEW_TABLE = [
    "my SIN is 046.454.286",
    "046 - 454 - 286",
    "046  454  286",
    "046/454/286",
    "046_454_286",
    "SIN-046454286",
    "046 454 286-",
    "cell 905\u2013555\u20130123",
    "905\u00a0555\u00a00123",
    "905/555-0123",
    "cell9055550123",
    "call 905-555-0123x12",
    "+33 6 12 34 56 78",
    "+33 1 23 45 67 89",
    "0044 20 7946 0958",
    "mail jöhn@example.com",
    "o'brien@example.com",
    "john@exämple.ca",
    "用户@例子.广告",
]


def test_the_review_probe_leaves_nothing_in_the_stored_transcript(client: TestClient) -> None:
    """P5: post each string the review found kept, then read the transcript back."""
    session_id: str | None = None
    for text in REVIEW_TABLE:
        body: dict[str, Any] = {"message": text, **({"session_id": session_id} if session_id else {})}
        reply = client.post("/chat", json=body)
        assert reply.status_code == 200, reply.text
        session_id = reply.json()["session_id"]
    turns = client.get(f"/conversations/{session_id}").json()["turns"]
    stored = " ".join(turn["user"] for turn in turns)
    for secret in ("046", "454", "286", "905", "0123", "12 34", "23 45", "7946", "@"):
        assert secret not in stored, stored
