"""Weighted reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): score(d) = sum_i w_i / (k + rank_i(d)).

RRF needs no score calibration between BM25 and cosine similarity, which is why it suits hybrid search; ``k``
(settings ``rrf_k``, 60 in the paper) damps the head of each list and the weights (``dense_weight``,
``lexical_weight``) tilt the balance between the retrievers.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def fuse_rankings(rankings: Sequence[tuple[Sequence[T], float]], *, k: int = 60) -> list[tuple[T, float]]:
    """Fuse ranked lists, each given with its weight, best first. Ranks start at 1; ties keep first-seen order."""
    if k < 1:
        raise ValueError("rrf k must be at least 1")
    scores: dict[T, float] = {}
    for ranking, weight in rankings:
        if weight <= 0:
            continue
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    order = {item: i for i, item in enumerate(scores)}
    return sorted(scores.items(), key=lambda pair: (-pair[1], order[pair[0]]))
