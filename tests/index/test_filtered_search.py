from __future__ import annotations

import pytest

from bot.runtime import Runtime
from index.filters import SearchFilters
from index.query import parse_query
from knowledge.schema import KnowledgeBase


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(cost="free"),
        SearchFilters(area="Health Sciences"),
        SearchFilters(provider="durham-college"),
        SearchFilters(provider="ontario-tech", area="Health Sciences"),
        SearchFilters(status="upcoming"),
        SearchFilters(delivery="online"),
    ],
)
def test_filtered_search_returns_k_matches_when_k_exist(fake_runtime: Runtime, filters: SearchFilters) -> None:
    searcher = fake_runtime.searcher
    available = searcher.count(filters)
    hits = searcher.search("training for a new job", filters=filters, k=3)
    assert len(hits) == min(3, available) > 0
    assert all(filters.matches(h.credential) for h in hits)


def test_filter_with_no_match_returns_nothing(fake_runtime: Runtime) -> None:
    assert fake_runtime.searcher.search("nurse", filters=SearchFilters(cost="free", area="Health Sciences")) == []


def test_paging_does_not_repeat(fake_runtime: Runtime) -> None:
    searcher = fake_runtime.searcher
    first = searcher.search("skills", k=3)
    second = searcher.search("skills", k=3, offset=3)
    assert not {h.credential.id for h in first} & {h.credential.id for h in second}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("free courses in health sciences", {"cost": "free", "area": "Health Sciences"}),
        ("cybersecurity at Durham College", {"area": "Cybersecurity", "provider": "durham-college"}),
        ("something online for teachers", {"delivery": "online", "area": "Education"}),
        ("what's coming soon at Ontario Tech", {"status": "upcoming", "provider": "ontario-tech"}),
        ("IT courses on weekends", {"area": "Information Technology", "delivery": "weekends"}),
        ("is it free at trent", {"cost": "free", "provider": "trent-durham"}),
    ],
)
def test_parse_query_reads_stated_filters(kb: KnowledgeBase, text: str, expected: dict[str, str]) -> None:
    assert parse_query(text, kb).filters.as_dict() == expected


@pytest.mark.real
def test_every_record_is_findable_by_its_own_title(real_runtime: Runtime) -> None:
    searcher = real_runtime.searcher
    misses = []
    for credential in real_runtime.kb.credentials:
        top = [h.credential.id for h in searcher.search(credential.title, k=3)]
        if credential.id not in top:
            misses.append((credential.title, top))
    assert not misses, misses
