"""Filtered semantic search over the knowledge base. Knows nothing of HTTP or Rasa."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from index.embedder import Embedder
from index.filters import SearchFilters
from index.store import LoadedIndex
from knowledge.schema import Credential, KnowledgeBase

if TYPE_CHECKING:
    from numpy.typing import NDArray

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hit:
    credential: Credential
    score: float


class Searcher:
    """Dense retrieval with FAISS; filters are applied inside the search (an ID selector), so a filtered search
    still returns its best k matches."""

    def __init__(self, kb: KnowledgeBase, loaded: LoadedIndex, embedder: Embedder) -> None:
        self.kb = kb
        self.embedder = embedder
        self._loaded = loaded
        by_id = {c.id: c for c in kb.credentials}
        self._records: list[Credential] = [by_id[i] for i in loaded.ids]

    @property
    def size(self) -> int:
        return len(self._records)

    def encode_query(self, query: str) -> NDArray[np.float32]:
        vector: NDArray[np.float32] = self.embedder.encode([query])[0]
        return vector

    def allowed_positions(self, filters: SearchFilters) -> list[int]:
        return [i for i, c in enumerate(self._records) if filters.matches(c)]

    def search(
        self,
        query: str,
        *,
        filters: SearchFilters | None = None,
        k: int = 3,
        offset: int = 0,
        vector: NDArray[np.float32] | None = None,
    ) -> list[Hit]:
        """Best ``k`` records after ``offset`` that match ``filters``, by cosine similarity to ``query``."""
        filters = filters or SearchFilters()
        if vector is None:
            vector = self.encode_query(query)
        return self.search_vector(vector, filters=filters, k=k, offset=offset)

    def search_vector(
        self, vector: NDArray[np.float32], *, filters: SearchFilters, k: int, offset: int = 0
    ) -> list[Hit]:
        import faiss

        allowed = None if filters.is_empty() else self.allowed_positions(filters)
        pool = self.size if allowed is None else len(allowed)
        want = min(k + offset, pool)
        if want <= 0:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        scores, positions = self._loaded.index.search(query, want, params=params)
        hits = [Hit(self._records[p], float(s)) for s, p in zip(scores[0], positions[0], strict=True) if p >= 0]
        return hits[offset : offset + k]

    def count(self, filters: SearchFilters) -> int:
        return len(self.allowed_positions(filters))
