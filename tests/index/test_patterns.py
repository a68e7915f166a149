"""Case-insensitive yes/no patterns asked of lower-cased text, and the synonym table's first-run index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from index.patterns import LowerPattern, lowered, lowered_table, required_literals
from index.vocabulary import Vocabulary
from knowledge.schema import KnowledgeBase


def test_a_lowered_pattern_finds_any_case_and_says_only_yes_or_no() -> None:
    pattern = lowered(re.compile(r"\b(how much|fees?)\b", re.I))
    assert pattern.found("HOW MUCH is it") and pattern.found("Fees?") and not pattern.found("how many")
    assert lowered(pattern) is pattern


def test_a_case_sensitive_pattern_stays_case_sensitive() -> None:
    pattern = LowerPattern(re.compile(r"\bIT\b"))
    assert pattern.found("I meant IT") and not pattern.found("is it free")


def test_needles_skip_the_search_only_where_no_match_could_be() -> None:
    pattern = lowered(re.compile(r"\b(guarantee[sd]?|get (me )?hired)\b", re.I), needles=("guarant", "hire"))
    assert pattern.found("Is it GUARANTEED?") and pattern.found("will it get me hired", "will it get me hired")
    assert not pattern.found("how long is it")
    with pytest.raises(ValueError, match="lower-cased"):
        lowered(re.compile(r"x", re.I), needles=("OSAP",))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["guarantee", "job", "hired", "get", "me", "will", "it", "Guaranteed", "HIRE", "a"]),
                max_size=8))
def test_a_needle_gate_answers_as_the_search_alone(parts: list[str]) -> None:
    plain = re.compile(r"\b(guarantee[sd]?|get (me )?hired)\b", re.I)
    gated = lowered(plain, needles=("guarant", "hire"))
    text = " ".join(parts)
    assert gated.found(text) == bool(plain.search(text))


def test_an_upper_case_letter_in_a_case_insensitive_pattern_is_refused() -> None:
    with pytest.raises(ValueError, match="lower case"):
        lowered(re.compile(r"\bOSAP\b", re.I))
    # escapes and named groups are syntax, not letters of the text
    assert lowered(re.compile(r"(?P<x>\bfree\b)\S*", re.I)).found("FREE!")


def test_a_table_keeps_its_order() -> None:
    table = lowered_table([("a", re.compile("x", re.I)), ("b", re.compile("y", re.I))])
    assert [name for name, _ in table] == ["a", "b"] and table[1][1].found("Y")


def _every_pattern(vocabulary: Vocabulary, text: str) -> list[tuple[str, int, int]]:
    """The synonym matches found by trying every term (what the first-run index must agree with)."""
    found: list[tuple[str, int, int, object]] = []
    for pattern, entry, term, _ in vocabulary._patterns:
        for m in pattern.finditer(text):
            if not any(f[3] is entry and m.start() < f[2] and f[1] < m.end() for f in found):
                found.append((term, m.start(), m.end(), entry))
    return [f[:3] for f in sorted(found, key=lambda f: (f[1], -f[2]))]


@pytest.fixture(scope="module")
def vocabulary(kb: KnowledgeBase) -> Vocabulary:
    return Vocabulary(kb)


def test_synonym_matches_agree_with_trying_every_term(vocabulary: Vocabulary, kb: KnowledgeBase) -> None:
    terms = sorted({t for s in kb.synonyms for t in s.terms})
    pieces = st.sampled_from([*terms, *(t.upper() for t in terms), "-", "x", "re", "'s", ",", "  ", "non", "psw's"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, min_size=1, max_size=6), st.sampled_from(["", " ", "-", "/"]))
    def agree(parts: list[str], glue: str) -> None:
        text = glue.join(parts)
        got = [(m.term, m.start, m.end) for m in vocabulary.synonym_matches(text)]
        assert got == _every_pattern(vocabulary, text)

    agree()


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"\b(guarantee[sd]?|be hired)\b", ("be hired", "guarantee")),
        (r"\bwhat (do|can) you (have|offer)\b", ("what ",)),
        (r"\b(is|it)\b", ()),  # too short to be worth a check
        (r"\b(free|no[- ]?cost)?\s*courses?\b", ("course",)),  # an optional part is never relied on
    ],
)
def test_required_literals_are_what_every_match_holds(pattern: str, needles: tuple[str, ...]) -> None:
    assert set(required_literals(re.compile(pattern))) == set(needles)


def test_every_gated_pattern_of_the_dialogue_answers_as_its_search_alone() -> None:
    """Each pattern the message reader and the actions ask, gated by the literals it requires, gives the same yes or
    no as its bare search on every message of the stories and the dialogue sets."""
    from actions import details, funding, references, search
    from bot.dialogue import intents, message, phrases, slots

    modules = (details, funding, references, search, intents, message, phrases, slots)
    patterns = [p for m in modules for p in vars(m).values() if isinstance(p, LowerPattern)]
    patterns += [p for _, p in (*details.ATTRIBUTES, *intents._RULES)]
    texts = _set_texts()
    gated = [p for p in patterns if p._needles]
    assert len(texts) > 2000 and len(gated) > 30
    for pattern in gated:
        bare = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
        for text in texts:
            assert pattern.found(text) == (bare.search(text.lower()) is not None), (pattern.pattern, text)


def test_every_pattern_behind_its_first_characters_answers_as_written() -> None:
    """The look-ahead for a match's first characters never changes an answer: every pattern of the dialogue, on
    every message of the stories and sets, cased as typed and in capitals."""
    from actions import details, funding, references, search
    from bot.dialogue import intents, message, phrases, slots

    modules = (details, funding, references, search, intents, message, phrases, slots)
    patterns = [p for m in modules for p in vars(m).values() if isinstance(p, LowerPattern)]
    patterns += [p for _, p in (*details.ATTRIBUTES, *intents._RULES)]
    texts = _set_texts()
    ahead = [p for p in patterns if p._compiled.pattern != p.pattern]
    assert len(ahead) > 30
    for pattern in patterns:
        written = re.compile(pattern.pattern, pattern.flags)
        for text in texts + [t.upper() for t in texts[:500]]:
            assert pattern.found(text) == (written.search(text) is not None), (pattern.pattern, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz '?-")), max_size=60))
def test_required_literals_never_skip_a_match(text: str) -> None:
    for pattern in (r"\bwhat (do|can) (you|u) (have|got)\b", r"\b(how|what) (long|much)\b|\bcosts?\b",
                    r"\b(free|no[- ]?cost)?\s*courses?\b"):
        compiled = re.compile(pattern)
        literals = required_literals(compiled)
        if compiled.search(text):
            assert not literals or any(literal in text for literal in literals)


def _set_texts() -> list[str]:
    """Every message of the stories and the dialogue sets (not the sealed halves: unread until they are scored)."""
    texts = []
    for path in sorted((Path(__file__).resolve().parents[1] / "data").rglob("*.yaml")):
        if path.name == "sealed.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            turns = [t for c in data.get("conversations") or [] for t in c["turns"]] + list(data.get("turns") or [])
            texts += [t["user"] for t in turns if isinstance(t, dict) and isinstance(t.get("user"), str)]
    return texts


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzAIT '?-,.1")), max_size=60))
def test_first_characters_never_change_an_answer(text: str) -> None:
    for pattern in (r"\b(will|would) (i|we) (get|land) (a )?(job|work)\b|\bguarantee[sd]?\b",
                    r"(^\s*(ok|so)[\s,]+)*(any|some)thing (free|online)\b", r"(?<!how )\b(is|are) (it|they)\b",
                    r"[0-9]+ (weeks?|hours?)|\bhow long\b"):
        written = re.compile(pattern, re.I)
        assert lowered(written).found(text) == (written.search(text) is not None)
