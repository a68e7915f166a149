from __future__ import annotations

from pathlib import Path

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


def test_broad_filter_on_hnsw_returns_matches_close_to_exact(tmp_path: Path) -> None:
    """Past the exact-subset cut-off a filtered dense search walks HNSW with a bitmap selector (widened walk)."""
    import numpy as np

    from index.search import EXACT_SUBSET, Searcher
    from index.store import build_index, load_index
    from index.synthetic import PerturbedEmbedder, synthetic_kb

    base = np.random.default_rng(3).normal(size=(64, 32)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    kb = synthetic_kb(7000, distinct=64)
    embedder = PerturbedEmbedder(base, model="test")
    build_index(kb, embedder, tmp_path, hnsw_threshold=1000, batch_size=4096)
    searcher = Searcher(kb, load_index(tmp_path), embedder)
    broad = SearchFilters(delivery="in_person")  # two records in three
    allowed = searcher._filters.allowed(broad)
    assert allowed is not None and len(allowed) > EXACT_SUBSET and searcher.index_type == "hnsw"
    recall = []
    for vector in base[:20]:
        hits = searcher.search("", filters=broad, k=10, vector=vector, mode="dense")
        assert len(hits) == 10 and all(broad.matches(h.credential) for h in hits)
        exact = allowed[np.argsort(-(searcher._loaded.vectors[allowed] @ vector))[:10]]
        recall.append(len({h.credential.id for h in hits} & {f"synthetic-{p}" for p in exact}) / 10)
    assert np.mean(recall) >= 0.9


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(delivery="weekends"),
        SearchFilters(delivery="online"),
        SearchFilters(delivery="weekends", area="Trades"),
    ],
)
def test_confirmed_delivery_counts_only_offerings_stated_so(fake_runtime: Runtime, filters: SearchFilters) -> None:
    kb, searcher = fake_runtime.kb, fake_runtime.searcher
    expected = sum(1 for c in kb.credentials if filters.matches(c) and c.delivery.confirmed)
    assert searcher.count_confirmed_delivery(filters) == expected
    assert searcher.count_confirmed_delivery(filters) < searcher.count(filters)  # the rest only "may be" offered so
