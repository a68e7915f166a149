"""Hybrid, dense and lexical search over the shipped knowledge base: filters always hold, k is always filled."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.runtime import Runtime
from index.embedder import Embedder, FakeEmbedder
from index.filters import SearchFilters
from index.lexical import LexicalIndex
from index.search import MODES, Searcher
from index.store import build_index, load_index
from knowledge.schema import KnowledgeBase

FILTERS = [
    SearchFilters(area="Health Sciences"),
    SearchFilters(provider="ontario-tech"),
    SearchFilters(cost="free"),
    SearchFilters(cost="unknown"),
    SearchFilters(delivery="evenings"),
    SearchFilters(provider="durham-college", delivery="online"),
    SearchFilters(area="Transferable Skills", cost="free"),
    SearchFilters(status="available", provider="ontario-tech"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.as_dict().items()))
@pytest.mark.parametrize("mode", ["hybrid", "dense"])
def test_filtered_search_returns_k_matching_results_when_k_exist(
    fake_runtime: Runtime, filters: SearchFilters, mode: str
) -> None:
    searcher = fake_runtime.searcher
    assert searcher.count(filters) >= 3
    # A query that pulls towards records *outside* the filter: the filter must still win and k must still be filled.
    hits = searcher.search("construction jobsite safety power tools", filters=filters, k=3, mode=mode)  # type: ignore[arg-type]
    assert len(hits) == 3
    assert all(filters.matches(h.credential) for h in hits)


@pytest.mark.parametrize("mode", MODES)
def test_search_never_breaks_a_filter_and_returns_what_exists(fake_runtime: Runtime, mode: str) -> None:
    searcher = fake_runtime.searcher
    filters = SearchFilters(status="upcoming")
    hits = searcher.search("online entrepreneurship", filters=filters, k=3, mode=mode)  # type: ignore[arg-type]
    assert [h.credential.id for h in hits] == ["ot-online-entrepreneurship"]
    assert searcher.search("anything", filters=SearchFilters(cost="priced"), k=3, mode=mode) == []  # type: ignore[arg-type]


def test_search_pages_without_repeats(fake_runtime: Runtime) -> None:
    searcher = fake_runtime.searcher
    filters = SearchFilters(provider="durham-college")
    pages = [searcher.search("courses", filters=filters, k=3, offset=o) for o in range(0, searcher.count(filters), 3)]
    ids = [h.credential.id for page in pages for h in page]
    assert len(ids) == len(set(ids)) == searcher.count(filters)


def test_search_accepts_a_precomputed_vector_and_reports_both_scores(fake_runtime: Runtime) -> None:
    searcher = fake_runtime.searcher
    vector = searcher.encode_query("donning and doffing PPE")
    hits = searcher.search("donning and doffing PPE", vector=vector, k=3)
    assert hits[0].credential.id == "ot-hs-donning-doffing-ppe"
    assert hits[0].dense_score is not None and hits[0].lexical_score and hits[0].lexical_score > 0
    assert searcher.search_vector(vector, filters=SearchFilters(), k=1)[0].credential.id == hits[0].credential.id


def test_lexical_mode_returns_only_records_sharing_a_word(fake_runtime: Runtime) -> None:
    hits = fake_runtime.searcher.search("brilliant catalyst", k=3, mode="lexical")
    assert [h.credential.id for h in hits] == ["ot-fundamentals-of-entrepreneurship"]


def test_search_rejects_an_unknown_mode(fake_runtime: Runtime) -> None:
    with pytest.raises(ValueError, match="unknown search mode"):
        fake_runtime.searcher.search("x", mode="sparse")  # type: ignore[arg-type]


def test_lexical_index_ranks_only_allowed_positions() -> None:
    index = LexicalIndex(["welding and cutting", "welding", "baking bread"])
    assert [p for p, _ in index.rank("welding", allowed=None, limit=3)] == [1, 0]
    assert [p for p, _ in index.rank("welding", allowed=np.array([0, 2]), limit=3)] == [0]


def _hnsw_and_flat(kb: KnowledgeBase, embedder: Embedder, tmp_path: Path) -> tuple[Searcher, Searcher]:
    build_index(kb, embedder, tmp_path / "flat", hnsw_threshold=10**6)
    build_index(kb, embedder, tmp_path / "hnsw", hnsw_threshold=1, hnsw_m=16, hnsw_ef_search=32)
    flat, hnsw = load_index(tmp_path / "flat"), load_index(tmp_path / "hnsw")
    assert (flat.manifest.index_type, hnsw.manifest.index_type) == ("flat", "hnsw")
    assert hnsw.manifest.params == {"M": 16, "efConstruction": 80, "efSearch": 32}
    return Searcher(kb, flat, embedder), Searcher(kb, hnsw, embedder)


QUERIES = [
    "helth sciense",
    "cyber security near oshawa",
    "I got laid off from the plant",
    "how to put on protective equipment",
    "something for teachers who teach online",
    "free courses",
]


@pytest.mark.parametrize("query", QUERIES)
def test_hnsw_returns_the_same_top_result_as_flat_fake(kb: KnowledgeBase, tmp_path: Path, query: str) -> None:
    flat, hnsw = _hnsw_and_flat(kb, FakeEmbedder(), tmp_path)
    for mode in MODES:
        top_flat = flat.search(query, k=3, mode=mode)  # type: ignore[arg-type]
        top_hnsw = hnsw.search(query, k=3, mode=mode)  # type: ignore[arg-type]
        assert [h.credential.id for h in top_flat][:1] == [h.credential.id for h in top_hnsw][:1]


@pytest.mark.real
def test_hnsw_returns_the_same_top_result_as_flat_real(
    kb: KnowledgeBase, real_embedder: Embedder, tmp_path: Path
) -> None:
    from index.evaluation import load_eval_set

    flat, hnsw = _hnsw_and_flat(kb, _EmbedOnce(real_embedder), tmp_path)
    queries = [labelled.query for labelled in load_eval_set()[::3]]
    vectors = real_embedder.encode([flat.analyse(q).search_text for q in queries])
    for query, vector in zip(queries, vectors, strict=True):
        top_flat = flat.search(query, vector=vector, k=1)[0].credential.id
        assert top_flat == hnsw.search(query, vector=vector, k=1)[0].credential.id, query


class _EmbedOnce:
    """The real model, remembering what it embedded: both test indexes are built from the same vectors."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder, self.name, self.dimension = embedder, embedder.name, embedder.dimension
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self.embedder.encode(missing), strict=True))
        return np.stack([self._cache[t] for t in texts])


def test_naming_an_offering_ranks_it_above_its_near_twins(fake_runtime: Runtime) -> None:
    hits = fake_runtime.searcher.search("TD-sponsored transferable skills micro-credentials", k=3)
    assert hits[0].credential.id == "ot-td-transferable-skills"
