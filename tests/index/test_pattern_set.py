"""Every pattern run at once by RE2's set matcher, which only ever rules patterns out: answers never change."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import patterns
from index.pattern_set import PatternSet, Untranslatable, translate
from index.patterns import LoweredText, LowerPattern, first_found, lower_text, lowered
from tests.index.test_patterns import _set_texts


def _dialogue_patterns() -> list[LowerPattern]:
    from actions import details, funding, references, search
    from bot.dialogue import intents, message, phrases, slots

    modules = (details, funding, references, search, intents, message, phrases, slots)
    found = [p for m in modules for p in vars(m).values() if isinstance(p, LowerPattern)]
    found += [p for _, p in (*details.ATTRIBUTES, *intents._RULES)]
    return [p for p in found if p._slot >= 0]


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        (r"(?<!good )\bnights?\b", ["good night", "at night"], ["knight"]),  # the look-behind dropped: wider
        (r"\bfree(?! trial)\b", ["free trial", "free"], ["freedom"]),  # the look-ahead dropped
        (r"a++b", ["aab"], ["b"]),  # a possessive repeat becomes a plain one
        (r"x\s+y", ["x\x0by", "x\x1cy", "x \ty"], ["xy"]),  # Python's \s on ASCII, \v and \x1c included
        (r"^ok$", ["ok", "ok\n"], ["ok go"]),  # $ before a last newline, as in Python
        (r"[^\w]it\b", [" it", "?it."], ["bit"]),
        (r"\W+z", ["..z"], ["az"]),
        (r"\bcost[^.?!]{0,3}\bit", ["cost it", "cost, it"], ["cost. it"]),  # a small bound is kept, wider
        # a gap across words ends the translation: what comes before it is in every text the whole matches
        (r"\bpay[^.?!]{0,40}\bcost", ["pay the cost", "pay. cost", "pay"], ["repay the cost"]),
        (r"(?:who|what) (?:is|are)(?: \w+)+ for\b", ["who is it for", "what is"], ["who", "what"]),
        (r"\b(?:when|how) .* start\b|\bbegin\b", ["when is", "begin"], ["start", "when"]),
    ],
)
def test_a_translation_matches_at_least_what_the_pattern_does(
    pattern: str, matches: list[str], misses: list[str]
) -> None:
    import re2

    translated = re2.compile(translate(pattern, 0))
    for text in matches:
        assert translated.search(text), (pattern, text)
    for text in misses:
        assert not translated.search(text), (pattern, text)


def test_a_back_reference_is_always_searched() -> None:
    with pytest.raises(Untranslatable):
        translate(r"(\w+) \1", 0)
    both = PatternSet([None, translate(r"cost", 0)])
    assert both.candidates("no match at all") == frozenset({0})
    assert both.candidates("the cost") == frozenset({0, 1})


def test_a_failed_run_or_a_text_that_is_not_ascii_says_nothing() -> None:
    matcher = PatternSet([translate(r"cost", 0)])
    assert matcher.candidates("café costs") is None  # \b and \w differ from Python's beyond ASCII
    matcher._set = type("OutOfMemory", (), {"Match": lambda self, text: []})()  # RE2 reports nothing at all
    assert matcher.candidates("what does it cost") is None


def test_every_dialogue_pattern_is_in_the_set() -> None:
    """None is left to search on every message (a pattern RE2 cannot take would quietly cost its full search)."""
    current = patterns._REGISTRY.current()
    assert len(_dialogue_patterns()) > 100
    assert current._set is not None and not current._always


def test_the_set_never_rules_out_a_pattern_that_is_found() -> None:
    """Every dialogue pattern, on every message of the stories and the sets (as typed and in capitals), answers the
    same with the set's candidates as with its own search; and the set rules most of them out."""
    pats = _dialogue_patterns()
    texts = _set_texts()
    ruled_out = 0
    for text in texts + [t.upper() for t in texts[:500]]:
        low = lower_text(text)
        plain = text.lower()
        if low.candidates is not None:
            ruled_out += len(pats) - len(low.candidates)
        for pattern in pats:
            assert pattern.found(text, low) == pattern.found(text, plain), (pattern.pattern, text)
    assert ruled_out > len(texts) * len(pats) * 0.8


_WORDS = sorted({  # words the dialogue's patterns are made of
    "it", "is", "free", "online", "how", "long", "do", "they", "cost", "my", "job", "will", "i", "get", "a",
    "guarantee", "the", "one", "can", "anyone", "sign", "up", "not", "that", "meant", "no", "thanks", "bye",
    "hi", "what", "about", "trent", "durham", "college", "psw", "at", "night", "parking", "bus", "pass", "hired",
    "nights", "good", "tomorrow", "who", "with", "partner",
})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, "?", ",", ".", "!", "'s", "2", "\n"]), max_size=14), st.booleans())
def test_candidates_never_change_an_answer(words: list[str], capitals: bool) -> None:
    text = " ".join(words)
    text = text.upper() if capitals else text
    low = lower_text(text)
    for pattern in _dialogue_patterns():
        assert pattern.found(text, low) == pattern.found(text), (pattern.pattern, text)


def test_a_pattern_made_after_the_set_ran_is_searched() -> None:
    low = lower_text("is it free")
    late = lowered(re.compile(r"\bfree\b", re.I))
    assert low.covered <= late._slot and late.found("is it free", low)
    assert isinstance(lower_text("x"), LoweredText) and lower_text("x").covered > late._slot  # the set is rebuilt


def test_first_found_lowers_once_and_keeps_the_table_order() -> None:
    table = (("cost", lowered(re.compile(r"\bcost\b", re.I))), ("any", lowered(re.compile(r"\w+", re.I))))
    assert first_found(table, "What does it COST") == "cost"
    assert first_found(table, "hello") == "any" and first_found(table, "??") is None
