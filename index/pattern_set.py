"""Every case-insensitive pattern asked of a message, run over it in one pass: which of them may be found.

A message is asked some hundred yes/no questions by patterns (``index.patterns.LowerPattern``), and about sixty of
those searches ran in full on each message, each scanning the text again: about a third of reading it. RE2's set
matcher (``google-re2``, the maintained binding of Google's RE2) runs all of them at once over the text, in one
pass of one automaton; a pattern it does not report cannot be found and is answered no without its own search.

RE2 is used only to rule patterns out, never to answer yes: Python's ``re`` still searches each reported one. So
each pattern is translated from its parsed form (CPython's own parser) into an RE2 pattern that matches at least
what the original matches: look-arounds are dropped (a match without the look-around's condition is a superset),
possessive repeats and atomic groups become plain ones. A pattern that cannot be translated (a back-reference) is
always searched. The set is run only on ASCII text: there RE2's ``\\b``, ``\\w``, ``\\d`` agree with Python's
exactly, and any other text keeps the per-pattern path. A pattern that matches every text is added first; a run
that does not report it (RE2 out of memory) says nothing, and every pattern is searched.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from importlib import import_module
from typing import Any

sre_parse: Any = import_module("re._parser")
sre_constants: Any = import_module("re._constants")

logger = logging.getLogger(__name__)

_C = sre_constants
_ASCII_SPACE = r"\t-\r\x1c-\x20"  # Python's \s on ASCII text: \t \n \v \f \r, \x1c-\x1f and the space
_CATEGORY = {  # on ASCII text, the same characters as Python's
    _C.CATEGORY_DIGIT: (r"0-9", False),
    _C.CATEGORY_NOT_DIGIT: (r"0-9", True),
    _C.CATEGORY_SPACE: (_ASCII_SPACE, False),
    _C.CATEGORY_NOT_SPACE: (_ASCII_SPACE, True),
    _C.CATEGORY_WORD: (r"0-9A-Za-z_", False),
    _C.CATEGORY_NOT_WORD: (r"0-9A-Za-z_", True),
}
_FLAGS = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s"}
_KNOWN_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE


class Untranslatable(ValueError):
    """A pattern RE2 cannot stand in for: it is always searched."""


_PLAIN = {c: chr(c) for c in range(128) if chr(c).isalnum() or chr(c) == " "}


def _char(code: int) -> str:
    return _PLAIN.get(code) or f"\\x{{{code:x}}}"


def _class(items: Sequence[tuple[Any, Any]], negate: bool = False) -> str:
    parts: list[str] = []
    for op, av in items:
        if op is _C.NEGATE:
            negate = True
        elif op is _C.LITERAL:
            parts.append(_char(av))
        elif op is _C.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _C.CATEGORY and av in _CATEGORY:
            chars, complement = _CATEGORY[av]
            if complement:  # "[^...\\W]" cannot be one class; a lone \\W, \\S, \\D can
                if len(items) != 1 or negate:
                    raise Untranslatable(f"a complemented category inside a class: {av}")
                return f"[^{chars}]"
            parts.append(chars)
        else:
            raise Untranslatable(f"class member {op}")
    if not parts:
        raise Untranslatable("an empty class")
    return f"[{'^' if negate else ''}{''.join(parts)}]"


def _repeat(low: int, high: int, lazy: bool) -> str:
    # An upper bound above 3 is dropped ("[^.?!]{0,40}" -> "[^.?!]*"): wider still, and a bound makes RE2's automaton
    # count, a state per step, so that texts it has not seen cost 2.4x as much (16.9 -> 7.1 µs a text, cold)
    top = "" if high is _C.MAXREPEAT or high > 3 else str(high)
    if (low, top) == (0, ""):
        text = "*"
    elif (low, top) == (1, ""):
        text = "+"
    elif (low, top) == (0, "1"):
        text = "?"
    elif str(low) == top:
        text = f"{{{low}}}"
    else:
        text = f"{{{low},{top}}}"
    if low > 1000:
        raise Untranslatable("a repeat RE2 would not take")
    return text + ("?" if lazy else "")


def _flags(add: int, remove: int) -> str:
    if (add | remove) & ~_KNOWN_FLAGS:
        raise Untranslatable("an inline flag RE2 has not")
    on = "".join(letter for flag, letter in _FLAGS.items() if add & flag)
    off = "".join(letter for flag, letter in _FLAGS.items() if remove & flag)
    return on + (f"-{off}" if off else "")


def _gap(op: Any, av: Any) -> bool:
    """Whether an item is a gap across words: a repeat with no small bound of something that matches a letter and a
    space ("[^.?!]{0,40}", ".*", "(?: \\w+)+"). One keeps a thread of the automaton alive to the end of the sentence, so
    each pattern's beginnings, seen in any combination, are new states: texts it has not seen cost 1.4x as much."""
    if op not in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        return False
    _low, high, inner = av
    if high is not _C.MAXREPEAT and high <= 3:
        return False
    try:
        text, _cut = _sequence(list(inner))
    except Untranslatable:
        return True
    python = re.sub(r"\\x\{([0-9a-f]+)\}", lambda m: f"\\x{int(m.group(1), 16):02x}", text)  # RE2's \x{2e}
    return any(re.fullmatch(f"(?:{python})*", words) for words in ("a b", " a b", "a b "))


def _sequence(items: Sequence[tuple[Any, Any]]) -> tuple[str, bool]:
    """The RE2 text of a sequence, and whether it was cut at a gap (``_gap``): then it is what comes before the gap,
    which every text the whole matches holds (a superset), and whatever follows the sequence is dropped too."""
    out: list[str] = []
    for op, av in items:
        if _gap(op, av):
            return "".join(out), True
        if op is _C.LITERAL:
            out.append(_char(av))
        elif op is _C.NOT_LITERAL:
            out.append(f"[^{_char(av)}]")
        elif op is _C.ANY:
            out.append(".")
        elif op is _C.IN:
            out.append(_class(av))
        elif op is _C.BRANCH:
            branches = [_sequence(list(branch)) for branch in av[1]]
            out.append("(?:" + "|".join(text for text, _cut in branches) + ")")
            if any(cut for _text, cut in branches):
                return "".join(out), True
        elif op in (_C.SUBPATTERN, _C.ATOMIC_GROUP):  # what an atomic group matches, a plain group matches too
            flags, inner = (_flags(av[1], av[2]), av[3]) if op is _C.SUBPATTERN else ("", av)
            text, cut = _sequence(list(inner))
            out.append(f"(?{flags}:{text})")
            if cut:
                return "".join(out), True
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            low, high, inner = av
            text, cut = _sequence(list(inner))
            if cut:  # a gap inside a repeat: its first pass, up to the gap
                out.append(f"(?:{text})" + ("?" if low == 0 else ""))
                return "".join(out), True
            out.append(f"(?:{text}){_repeat(low, high, op is _C.MIN_REPEAT)}")
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            continue  # dropped: the rest of the pattern, without the look-around's condition, matches a superset
        elif op is _C.AT:
            out.append(_at(av))
        else:  # a back-reference, a conditional group
            raise Untranslatable(f"{op}")
    return "".join(out), False


def _at(code: Any) -> str:
    if code in (_C.AT_BEGINNING, _C.AT_BEGINNING_STRING):
        return "^" if code is _C.AT_BEGINNING else r"\A"
    if code is _C.AT_END:
        return r"(?:\n?$)"  # Python's $ also matches before a last newline
    if code is _C.AT_END_STRING:
        return r"\z"
    if code is _C.AT_BOUNDARY:
        return r"\b"
    if code is _C.AT_NON_BOUNDARY:
        return r"\B"
    raise Untranslatable(f"{code}")


def translate(pattern: str, flags: int, parsed: Any = None) -> str:
    """An RE2 pattern that matches, on ASCII text, at least every text ``re.compile(pattern, flags)`` matches
    (``parsed``: the pattern as CPython's parser read it, when the caller has it)."""
    if flags & ~_KNOWN_FLAGS:
        raise Untranslatable("a flag RE2 has not")
    parsed = sre_parse.parse(pattern, flags) if parsed is None else parsed
    body, _cut = _sequence(list(parsed))
    head = _flags(flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL), 0)
    return f"(?{head}:{body})" if head else body


class PatternSet:
    """RE2's set matcher over patterns ``(pattern, flags)``, numbered in order. ``candidates(text)``: the numbers of
    those that may be found in ``text`` (every untranslatable one included), or None when the run says nothing."""

    def __init__(self, patterns: Sequence[str | None], *, max_mem: int = 64 << 20) -> None:
        """``patterns``: RE2 translations (``translate``), None for one that has none (always searched)."""
        import re2  # lazy: a compiled extension, needed once the first message is read

        options = re2.Options()
        options.max_mem = max_mem  # the automaton of ~140 patterns; out of memory, a run says nothing (see below)
        matcher = re2.Set.SearchSet(options)
        matcher.Add("")  # 0: found in every text, so a run that does not report it has failed
        numbers: list[int] = []
        always: list[int] = []
        for number, pattern in enumerate(patterns):
            try:
                if pattern is not None:
                    matcher.Add(pattern)
                    numbers.append(number)
                    continue
            except re2.error as error:  # RE2 refusing one pattern costs only its speed
                logger.debug("pattern %d is always searched: %s", number, error)
            always.append(number)
        try:
            matcher.Compile()
        except re2.error:  # too big for max_mem: every pattern is searched, as without the set
            logger.warning("the set of %d patterns did not compile; each is searched on its own", len(patterns))
            matcher = None
        self._set = matcher
        self._numbers = numbers  # RE2's index 1 + i is pattern numbers[i]
        self._always = frozenset(always)
        self.size = len(patterns)

    def candidates(self, text: str) -> frozenset[int] | None:
        if self._set is None or not text.isascii():
            return None
        hits = self._set.Match(text)
        if 0 not in hits:  # the pattern found in every text was not: the automaton ran out of memory
            return None
        numbers = self._numbers
        return self._always.union(numbers[hit - 1] for hit in hits if hit)


class Registry:
    """Patterns numbered as they are made, and the set over them, rebuilt when more have been made since."""

    def __init__(self) -> None:
        self._patterns: list[str | None] = []
        self._set: PatternSet | None = None
        self._lock = threading.Lock()

    def add(self, pattern: str, flags: int, parsed: Any = None) -> int:
        """Translate ``pattern`` (``parsed``: as CPython's parser read it) and number it."""
        try:
            translated: str | None = translate(pattern, flags, parsed)
        except (Untranslatable, re.error) as error:
            logger.debug("%r is always searched: %s", pattern[:60], error)
            translated = None
        with self._lock:
            self._patterns.append(translated)
            return len(self._patterns) - 1

    def current(self) -> PatternSet:
        built = self._set
        if built is not None and built.size == len(self._patterns):
            return built
        with self._lock:
            if self._set is None or self._set.size != len(self._patterns):
                self._set = PatternSet(list(self._patterns))
            return self._set
