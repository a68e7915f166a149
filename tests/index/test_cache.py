from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from index.cache import CachedEmbedder, cache_key
from index.embedder import FakeEmbedder


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the texts that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return super().encode(texts)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Free courses", "free courses"), ("  free   courses\n", "free courses"), ("FREE\tCourses", "free courses")],
)
def test_cache_key_folds_case_and_whitespace(a: str, b: str) -> None:
    assert cache_key(a) == cache_key(b)


def test_cached_embedder_returns_identical_vectors_and_counts_hits() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, capacity=8)
    first = cached.encode(["free courses in health sciences"])
    second = cached.encode(["Free courses in  health sciences"])
    assert np.array_equal(first, second)
    assert np.array_equal(first, FakeEmbedder().encode(["free courses in health sciences"]))
    assert inner.seen == ["free courses in health sciences"]
    stats = cached.stats()
    assert (stats.hits, stats.misses, stats.size) == (1, 1, 1)


def test_cached_embedder_sends_only_misses_in_one_batch() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, capacity=8)
    cached.encode(["a b", "c d"])
    out = cached.encode(["c d", "e f", "a b", "e f"])
    assert inner.seen == ["a b", "c d", "e f"]
    assert np.array_equal(out, FakeEmbedder().encode(["c d", "e f", "a b", "e f"]))


def test_cached_embedder_evicts_least_recently_used() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, capacity=2)
    cached.encode(["one"])
    cached.encode(["two"])
    cached.encode(["one"])  # "two" is now the least recently used
    cached.encode(["three"])
    cached.encode(["one"])
    cached.encode(["two"])
    assert inner.seen == ["one", "two", "three", "two"]


def test_cached_embedder_rows_cannot_be_corrupted_by_callers() -> None:
    cached = CachedEmbedder(FakeEmbedder(), capacity=4)
    first = cached.encode(["nursing"])
    first[0, :] = 0
    assert np.linalg.norm(cached.encode(["nursing"])[0]) == pytest.approx(1.0)


def test_cached_embedder_with_zero_capacity_keeps_nothing() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, capacity=0)
    cached.encode(["x"])
    cached.encode(["x"])
    assert inner.seen == ["x", "x"]
    assert cached.stats().size == 0
