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

from index.pattern_set import Registry

# the parsed form of a pattern (CPython's own parser, the one re.compile uses): read here, never changed
sre_parse: Any = import_module("re._parser")
sre_constants: Any = import_module("re._constants")
sre_compiler: Any = import_module("re._compiler")

_REGISTRY = Registry()  # every case-insensitive LowerPattern, numbered as made
_SYNTAX = re.compile(r"\\.|\(\?P[<=]")  # escapes (\b, \S, \W) and named groups are not letters of the text


class LowerPattern:
    """A pattern asked only whether it is found. ``needles``: lower-case strings of which every match holds one; a
    text with none of them is answered without the search (a long alternation scans every position: 17 µs for the
    job-guarantee pattern, 0.5 µs for the needles; ~30 ns a needle, so even 40 of them are cheaper than a search)."""

    __slots__ = ("_compiled", "_lower", "_needles", "_slot", "flags", "pattern")

    def __init__(self, compiled: re.Pattern[str], needles: tuple[str, ...] = ()) -> None:
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        self._lower = bool(compiled.flags & re.IGNORECASE)
        self._needles = needles
        self._slot = -1  # its number in the set of patterns run at once over a ``LoweredText`` (-1: not in it)
        if not self._lower:  # case matters: searched as it is
            self._compiled = compiled
            return
        literal = _SYNTAX.sub("", compiled.pattern)
        if any(ch.isupper() for ch in literal):
            raise ValueError(f"write a case-insensitive pattern in lower case: {compiled.pattern[:80]!r}")
        flags = compiled.flags & ~re.IGNORECASE
        parsed = sre_parse.parse(compiled.pattern, flags)  # once, for the needles and the first characters
        # without needles given, those the pattern itself requires (looked for in the lower-cased text)
        self._needles = needles or _literals_of(parsed)
        self._compiled = _with_first_characters(compiled.pattern, flags, parsed)
        self._slot = _REGISTRY.add(compiled.pattern, flags, parsed)

    def found(self, text: str, lowered_text: str | None = None) -> bool:
        """Whether the pattern is in ``text`` (``lowered_text``: ``text.lower()`` when the caller has it, best as a
        ``LoweredText``, which knows which patterns may be found in it)."""
        if (
            type(lowered_text) is LoweredText
            and (may := lowered_text.candidates) is not None
            and 0 <= self._slot < lowered_text.covered
            and self._slot not in may
        ):
            return False  # not even RE2's wider translation of it is in the text
        low = (text.lower() if lowered_text is None else lowered_text) if self._lower or self._needles else text
        if self._needles and not any(map(low.__contains__, self._needles)):
            return False
        return self._compiled.search(low if self._lower else text) is not None


class LoweredText(str):
    """A text lower-cased once, with the numbers of the patterns that may be found in it (all of them run at once,
    ``index.pattern_set``): ``LowerPattern.found`` answers the others no without searching. Made by ``lower_text``."""

    candidates: frozenset[int] | None  # None: not known (a text that is not ASCII), every pattern is searched
    covered: int  # patterns numbered below this were in the set when it ran


def lower_text(text: str) -> LoweredText:
    """``text.lower()``, knowing which patterns may be found in it: make it once per message, pass it to each
    ``found``."""
    low = LoweredText(text.lower())
    patterns = _REGISTRY.current()
    low.candidates = patterns.candidates(low)
    low.covered = patterns.size
    return low


def build_pattern_set(texts: Iterable[str] = ()) -> None:
    """Compile the set of the patterns made so far now (~30 ms) rather than on the first message, and run it over
    ``texts`` (the kind of words people send): RE2 builds its automaton's states as it meets text, and states built
    here are not built while a person waits (~40 ms for 330 texts; a first text then costs 0.6x as much)."""
    patterns = _REGISTRY.current()
    for text in texts:
        patterns.candidates(text.lower())


def first_found(table: Iterable[tuple[str, LowerPattern]], text: str, low: str | None = None) -> str | None:
    """The name of the first row of ``table`` whose pattern is found in ``text`` (lowered once for all of them;
    ``low``: ``text`` lowered, when the caller has it)."""
    low = lower_text(text) if low is None else low
    return next((name for name, pattern in table if pattern.found(text, low)), None)


def lowered(pattern: re.Pattern[str] | LowerPattern, needles: tuple[str, ...] = ()) -> LowerPattern:
    if isinstance(pattern, LowerPattern):
        return pattern
    if any(needle != needle.lower() for needle in needles):
        raise ValueError(f"needles are looked for in lower-cased text: {needles!r}")
    return LowerPattern(pattern, needles)


def lowered_table(table: Iterable[tuple[str, re.Pattern[str] | LowerPattern]]) -> tuple[tuple[str, LowerPattern], ...]:
    """``(name, pattern)`` rows, in their order, each pattern ``lowered``."""
    return tuple((name, lowered(pattern)) for name, pattern in table)


def required_literals(compiled: re.Pattern[str], *, at_most: int = 40) -> tuple[str, ...]:
    """Literal strings of which every match of ``compiled`` holds at least one (each 3+ characters, at most
    ``at_most``), else ``()``: read from the parsed pattern, choosing in each sequence the required part (a literal
    run, a group, every branch of an alternation, a repeat of at least one) whose strings are fewest and longest.
    Optional parts, character classes and look-arounds are never relied on, so no match can lack them all."""
    return _literals_of(sre_parse.parse(compiled.pattern, compiled.flags & ~re.IGNORECASE), at_most=at_most)


def _literals_of(parsed: Any, *, at_most: int = 40) -> tuple[str, ...]:
    found = _sequence_literals(list(parsed))
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


def _with_first_characters(pattern: str, flags: int, parsed: Any) -> re.Pattern[str]:
    """``pattern`` compiled behind a look-ahead for the characters a match can start with, when the parsed pattern says
    which. ``re`` finds no such set itself once a pattern opens with ``\\b`` or a look-around, and then enters every
    branch of a long alternation at every position of the text; the look-ahead turns most positions away at once
    (the job-guarantee pattern: 15 -> 6.6 µs a search). Whether a match is found never changes."""
    try:  # re's own prefix analysis (private, CPython 3.11-3.13): without it, every pattern is left as written
        skips_ahead = bool(sre_compiler._get_literal_prefix(parsed, flags)[0]) or bool(
            sre_compiler._get_charset_prefix(parsed, flags)
        )
    except (AttributeError, TypeError, IndexError):  # pragma: no cover - another Python's internals
        return re.compile(pattern, flags)
    if skips_ahead:
        return re.compile(pattern, flags)  # re skips ahead by itself (a literal prefix or a first-character set)
    first, can_be_empty = _first_characters(list(parsed))
    if first is None or can_be_empty or not first:
        return re.compile(pattern, flags)
    chars = "".join(re.escape(c) for c in sorted(first))
    try:
        return re.compile(f"(?=[{chars}])(?:{pattern})", flags)
    except re.error:  # inline global flags, which must stay first: as written
        return re.compile(pattern, flags)


_SPACE = " \t\n\r\f\v"
_CATEGORIES = {sre_constants.CATEGORY_SPACE: _SPACE, sre_constants.CATEGORY_DIGIT: "0123456789"}
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _first_characters(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The characters a match of this parsed sequence can start with (None: any, or not worked out) and whether the
    sequence can match nothing at all."""
    first: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre_constants.LITERAL:
            return first | {chr(av)}, False
        if op is sre_constants.IN:
            for member, value in av:
                if member is sre_constants.LITERAL:
                    first.add(chr(value))
                elif member is sre_constants.RANGE and value[1] - value[0] < 64:
                    first.update(chr(c) for c in range(value[0], value[1] + 1))
                elif member is sre_constants.CATEGORY and value in _CATEGORIES:
                    first.update(_CATEGORIES[value])
                else:  # a negated set, a wide range, \\w...
                    return None, False
            return first, False
        if op is sre_constants.SUBPATTERN:
            parts: list[list[tuple[Any, Any]]] = [list(av[-1])]
        elif op is sre_constants.BRANCH:
            parts = [list(branch) for branch in av[1]]
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            parts = [list(av[2])]
        else:  # any character, a back-reference, a conditional...
            return None, False
        can_be_empty = False
        for part in parts:
            found, empty = _first_characters(part)
            if found is None:
                return None, False
            first |= found
            can_be_empty = can_be_empty or empty
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] == 0:
            can_be_empty = True
        if not can_be_empty:
            return first, False
    return first, True
