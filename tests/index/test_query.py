"""Filters read from messages as people type them, typos and synonyms included."""

from __future__ import annotations

import pytest

from index.query import parse_query, resolve_filter_value
from index.vocabulary import vocabulary_for
from knowledge.schema import KnowledgeBase


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("helth sciense", {"area": "Health Sciences"}),
        ("cyber security near oshawa", {"area": "Cybersecurity"}),
        ("cyber secuirty", {"area": "Cybersecurity"}),
        ("IT courses online", {"area": "Information Technology", "delivery": "online"}),
        ("IT security evenings", {"area": "Cybersecurity", "delivery": "evenings"}),
        ("is it free?", {"cost": "free"}),
        ("anything that doesn't cost money", {"cost": "free"}),
        ("manufactoring", {"area": "Manufacturing"}),
        ("buisness micro credentials at durham colege", {"area": "Business", "provider": "durham-college"}),
        ("trades at DC", {"area": "Trades", "provider": "durham-college"}),
        ("open enrolment at UOIT", {"provider": "ontario-tech"}),
        ("start my own business", {"area": "Entrepreneurship"}),
        ("something for teachers who teach online", {"area": "Education"}),
        ("I teach virtual classes", {}),
        ("I want to sell things online", {}),
        ("upcoming online business courses", {"status": "upcoming", "area": "Business"}),
        ("I got laid off from the plant", {}),
        ("I want to work as a PSW", {}),
        ("new micro credentials being developed at trent", {"provider": "trent-durham", "status": "under_development"}),
        ("compressed business program", {"area": "Business", "delivery": "compressed"}),
        ("free self-guided bias course", {"cost": "free", "delivery": "self_paced"}),
    ],
)
def test_parse_query_reads_stated_filters(kb: KnowledgeBase, text: str, expected: dict[str, str]) -> None:
    assert parse_query(text, kb).filters.as_dict() == expected


def test_parse_query_keeps_the_words_that_stated_each_filter(kb: KnowledgeBase) -> None:
    parsed = parse_query("free helth courses at Ontario Tech", kb)
    assert parsed.mentions == {"cost": "free", "area": "health", "provider": "Ontario Tech"}
    assert parsed.corrections == {"helth": "health"}


def test_parse_query_search_text_adds_synonym_expansions(kb: KnowledgeBase) -> None:
    parsed = parse_query("I got laid off from the plant", kb)
    assert "Manufacturing" in parsed.search_text
    assert parse_query("PPE", kb).search_text.startswith("PPE personal protective equipment")


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("helth", "health"),
        ("sciense", "science"),
        ("entreprenuer", "entrepreneur"),
        ("infecton", "infection"),
        ("constuction", "construction"),
        ("canabis", "cannabis"),
    ],
)
def test_vocabulary_corrects_typos_against_the_knowledge_base(kb: KnowledgeBase, typed: str, corrected: str) -> None:
    assert vocabulary_for(kb).correct_word(typed) == corrected


@pytest.mark.parametrize("word", ["oshawa", "plant", "free", "work", "nurse", "it", "ppe", "xyzzy"])
def test_vocabulary_leaves_known_and_unrelated_words_alone(kb: KnowledgeBase, word: str) -> None:
    assert vocabulary_for(kb).correct_word(word) is None


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("area", "Health Sciences", "Health Sciences"),
        ("area", "health", "Health Sciences"),
        ("area", "helth sciense", "Health Sciences"),
        ("area", "cyber security", "Cybersecurity"),
        ("area", "IT", "Information Technology"),
        ("area", "it", None),
        ("area", "basket weaving", None),
        ("provider", "durham-college", "durham-college"),
        ("provider", "Ontario Tech", "ontario-tech"),
        ("provider", "durham college", "durham-college"),
        ("provider", "Trent", "trent-durham"),
        ("provider", "Hogwarts", None),
        ("cost", "no cost", "free"),
        ("delivery", "in person", "in_person"),
        ("status", "coming soon", "upcoming"),
    ],
)
def test_resolve_filter_value_reads_values_as_messages_are_read(
    kb: KnowledgeBase, name: str, value: str, expected: str | None
) -> None:
    assert resolve_filter_value(name, value, kb) == expected
