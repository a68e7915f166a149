"""Yes/no questions about a text with a case-insensitive pattern, asked of the lower-cased text.

Every message is read by some seventy patterns (intents, attributes, references, second asks...). With
``re.IGNORECASE`` Python's ``re`` compares every character both ways and about doubles a search's time (the 13
attribute patterns over 2,700 messages: 28.6 -> 13.9 µs each); lower-casing the text once per search is cheaper.
``lowered(re.compile(..., re.I))`` keeps the pattern where it is written and checks that it has no upper-case
letter (which could never match lower-cased text). Only a yes or no comes back: positions in a lower-cased copy are
not positions in the text (``"İ".lower()`` is two characters), so anything that slices keeps its own pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import import_module
from typing import Any

# the parsed form of a pattern (CPython's own parser, the one re.compile uses): read here, never changed
sre_parse: Any = import_module("re._parser")
sre_constants: Any = import_module("re._constants")

_SYNTAX = re.compile(r"\\.|\(\?P[<=]")  # escapes (\b, \S, \W) and named groups are not letters of the text


class LowerPattern:
    """A pattern asked only whether it is found. ``needles``: lower-case strings of which every match holds one; a
    text with none of them is answered without the search (a long alternation scans every position: 17 µs for the
    job-guarantee pattern, 0.5 µs for the needles)."""

    __slots__ = ("_compiled", "_lower", "_needles", "pattern")

    def __init__(self, compiled: re.Pattern[str], needles: tuple[str, ...] = ()) -> None:
        self.pattern = compiled.pattern
        self._lower = bool(compiled.flags & re.IGNORECASE)
        # without needles given, those the pattern itself requires (only for lower-cased text: they are looked for
        # there)
        self._needles = needles or (required_literals(compiled) if self._lower else ())
        if not self._lower:  # case matters: searched as it is
            self._compiled = compiled
            return
        literal = _SYNTAX.sub("", compiled.pattern)
        if any(ch.isupper() for ch in literal):
            raise ValueError(f"write a case-insensitive pattern in lower case: {compiled.pattern[:80]!r}")
        self._compiled = re.compile(compiled.pattern, compiled.flags & ~re.IGNORECASE)

    def found(self, text: str, lowered_text: str | None = None) -> bool:
        """Whether the pattern is in ``text`` (``lowered_text``: ``text.lower()`` when the caller has it)."""
        low = (text.lower() if lowered_text is None else lowered_text) if self._lower or self._needles else text
        if self._needles and not any(needle in low for needle in self._needles):
            return False
        return self._compiled.search(low if self._lower else text) is not None


def lowered(pattern: re.Pattern[str] | LowerPattern, needles: tuple[str, ...] = ()) -> LowerPattern:
    if isinstance(pattern, LowerPattern):
        return pattern
    if any(needle != needle.lower() for needle in needles):
        raise ValueError(f"needles are looked for in lower-cased text: {needles!r}")
    return LowerPattern(pattern, needles)


def lowered_table(table: Iterable[tuple[str, re.Pattern[str] | LowerPattern]]) -> tuple[tuple[str, LowerPattern], ...]:
    """``(name, pattern)`` rows, in their order, each pattern ``lowered``."""
    return tuple((name, lowered(pattern)) for name, pattern in table)


def required_literals(compiled: re.Pattern[str], *, at_most: int = 16) -> tuple[str, ...]:
    """Literal strings of which every match of ``compiled`` holds at least one (each 3+ characters, at most
    ``at_most``), else ``()``: read from the parsed pattern, choosing in each sequence the required part (a literal
    run, a group, every branch of an alternation, a repeat of at least one) whose strings are fewest and longest.
    Optional parts, character classes and look-arounds are never relied on, so no match can lack them all."""
    found = _sequence_literals(list(sre_parse.parse(compiled.pattern, compiled.flags & ~re.IGNORECASE)))
    if not found or len(found) > at_most or any(len(literal) < 3 for literal in found):
        return ()
    kept: list[str] = []
    for literal in sorted(found, key=len):  # "work" already says what "worker" would
        if not any(shorter in literal for shorter in kept):
            kept.append(literal)
    return tuple(kept)


def _sequence_literals(items: list[tuple[Any, Any]]) -> set[str] | None:
    options: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is sre_constants.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append({run})
            run = ""
        found: set[str] | None = None
        if op is sre_constants.SUBPATTERN:
            found = _sequence_literals(list(av[-1]))
        elif op is sre_constants.BRANCH:
            union: set[str] | None = set()
            for branch in av[1]:
                literals = _sequence_literals(list(branch))
                if literals is None or union is None:
                    union = None
                    break
                union |= literals
            found = union
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
            found = _sequence_literals(list(av[2]))
        if found:
            options.append(found)
    if run:
        options.append({run})
    if not options:
        return None
    return min(options, key=lambda o: (sum(len(x) < 3 for x in o), len(o), -min(len(x) for x in o)))
