"""``data/nlu.yml`` of the exported project: the advisor's own intent examples, with the filters they state
annotated as entities, and synonyms and lookup tables from the knowledge base.

The filters an example states are read by ``index.query.parse_query``, the reader of the advisor's own messages, so
Rasa learns exactly the areas, providers and options the advisor recognises, under the same canonical values."""

from __future__ import annotations

from typing import Any

from index.query import parse_query
from knowledge.schema import KnowledgeBase

ANNOTATED = ("area", "provider", "cost", "delivery", "status")
# Only a search states filters (bot/dialogue/engine.py; the fragment's slots fill from these intents' entities alone).
# "more about empowered educators" names a credential, not the Education area.
STATES_FILTERS = frozenset({"search_credentials"})


def _is_acronym(term: str) -> bool:
    """Short capitals (DC, OTU, IT) count only in capitals; Rasa's synonyms and lookups ignore case, so leave them
    out there ("it" is not Information Technology)."""
    return term.isupper() and len(term) <= 4


def annotate(text: str, kb: KnowledgeBase) -> str:
    """``text`` in Rasa's training format: ``[health care]{"entity": "area", "value": "Health Sciences"}``."""
    parsed = parse_query(text, kb)
    stated = parsed.filters.as_dict()
    spans: list[tuple[int, int, str, str]] = []
    for name in ANNOTATED:
        words = parsed.mentions.get(name)
        if not words or name not in stated:
            continue
        start = text.lower().find(words.lower())
        if start < 0:
            continue  # stated through a typo correction: the words are not in the example as written
        end = start + len(words)
        if any(start < other_end and other_start < end for other_start, other_end, _, _ in spans):
            continue
        spans.append((start, end, name, stated[name]))
    out = text
    for start, end, name, value in sorted(spans, reverse=True):
        out = f'{out[:start]}[{out[start:end]}]{{"entity": "{name}", "value": "{value}"}}{out[end:]}'
    return out


def annotate_example(intent: str, text: str, kb: KnowledgeBase) -> str:
    return annotate(text, kb) if intent in STATES_FILTERS else text


def synonyms(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Canonical value -> the other names people use: areas (synonyms.yaml) and providers (names, short names)."""
    table: dict[str, list[str]] = {}
    for entry in kb.synonyms:
        if entry.names_area and entry.area and not entry.case_sensitive:
            table.setdefault(entry.area, []).extend(t for t in entry.terms if t.lower() != entry.area.lower())
    for provider in kb.providers.values():
        names = [provider.name, *(n for n in provider.short_names if not _is_acronym(n))]
        table.setdefault(provider.id, []).extend(names)
    return {value: sorted(set(terms), key=terms.index) for value, terms in table.items() if terms}


def lookups(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Entity -> every name of an area or provider, for the RegexEntityExtractor (with the synonyms mapping them)."""
    areas = [*kb.areas, *(t for terms in (synonyms(kb).get(a, []) for a in kb.areas) for t in terms)]
    providers = [*(n for p in kb.providers.values() for n in [p.name, *p.short_names] if not _is_acronym(n))]
    return {"area": areas, "provider": providers}


def nlu_document(examples: dict[str, list[str]], kb: KnowledgeBase) -> dict[str, Any]:
    nlu: list[dict[str, Any]] = [
        {"intent": intent, "examples": _lines(annotate_example(intent, text, kb) for text in texts)}
        for intent, texts in examples.items()
    ]
    nlu += [{"synonym": value, "examples": _lines(terms)} for value, terms in synonyms(kb).items()]
    nlu += [{"lookup": name, "examples": _lines(terms)} for name, terms in lookups(kb).items()]
    return {"version": "3.1", "nlu": nlu}


def _lines(items: Any) -> str:
    return "".join(f"- {item}\n" for item in items)
