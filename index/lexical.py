"""Lexical retrieval: BM25 (the ``bm25s`` package) over each record's search text.

Scores are computed for every record and then restricted to the allowed positions, so a filtered lexical search
ranks exactly the records that match the filter (no "filter after top-k"). ``bm25s`` is imported lazily.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from index.text import tokens

logger = logging.getLogger(__name__)


class LexicalIndex:
    """BM25 over pre-tokenised texts; row ``i`` of the index is position ``i`` of the dense index."""

    def __init__(self, texts: Sequence[str], *, k1: float = 1.5, b: float = 0.75) -> None:
        import bm25s

        corpus = [tokens(text) or ["_empty_"] for text in texts]
        self._size = len(corpus)
        self._bm25: Any = bm25s.BM25(k1=k1, b=b)
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self._vocab: set[str] = set(self._bm25.vocab_dict) if corpus else set()

    @property
    def size(self) -> int:
        return self._size

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every record for ``query`` (zeros when no query word is in the catalogue)."""
        known = [t for t in dict.fromkeys(tokens(query)) if t in self._vocab]
        if not known or not self._size:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def rank(self, query: str, *, allowed: np.ndarray | None, limit: int) -> list[tuple[int, float]]:
        """The best ``limit`` (position, score) pairs among ``allowed`` positions (all when None), score > 0 only."""
        scores = self.scores(query)
        if allowed is not None:
            masked = np.full_like(scores, -1.0)
            masked[allowed] = scores[allowed]
            scores = masked
        limit = min(limit, self._size)
        if limit <= 0:
            return []
        top = np.argpartition(-scores, limit - 1)[:limit] if limit < self._size else np.arange(self._size)
        ordered = top[np.lexsort((top, -scores[top]))]  # score descending, position as a stable tie-break
        return [(int(p), float(scores[p])) for p in ordered if scores[p] > 0]
