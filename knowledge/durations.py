"""ISO 8601 durations (CTDL ``exactDuration`` / ``timeRequired``) read into hours and plain words."""

from __future__ import annotations

import re

_PERIOD = re.compile(
    r"^P(?!$)(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<Mo>\d+(?:\.\d+)?)M)?(?:(?P<W>\d+(?:\.\d+)?)W)?(?:(?P<D>\d+(?:\.\d+)?)D)?"
    r"(?:T(?=\d)(?:(?P<H>\d+(?:\.\d+)?)H)?(?:(?P<Mi>\d+(?:\.\d+)?)M)?(?:(?P<S>\d+(?:\.\d+)?)S)?)?$"
)
_WORDS = (("Y", "year"), ("Mo", "month"), ("W", "week"), ("D", "day"), ("H", "hour"), ("Mi", "minute"))


def parse_period(text: str) -> dict[str, float] | None:
    """``"P1Y6M"`` -> ``{"Y": 1, "Mo": 6}``; None when ``text`` is not an ISO 8601 duration."""
    match = _PERIOD.match(text.strip().upper())
    if match is None:
        return None
    return {unit: float(value) for unit, value in match.groupdict().items() if value is not None}


def period_hours(text: str) -> float | None:
    """Hours of a time-only period (``PT42H30M`` -> 42.5). Periods with days or longer have no fixed hour count."""
    parts = parse_period(text)
    if not parts or set(parts) - {"H", "Mi", "S"}:
        return None
    hours = parts.get("H", 0) + parts.get("Mi", 0) / 60 + parts.get("S", 0) / 3600
    return round(hours, 2) if hours > 0 else None


def span_words(text: str) -> str:
    """``"P10W"`` -> ``"10 weeks"``; ``"P1Y6M"`` -> ``"1 year 6 months"``; anything else is returned as given."""
    parts = parse_period(text)
    if not parts:
        return text
    words = [f"{parts[u]:g} {name}{'' if parts[u] == 1 else 's'}" for u, name in _WORDS if u in parts]
    return " ".join(words) or text
