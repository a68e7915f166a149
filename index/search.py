"""Hybrid search over the knowledge base: dense (FAISS) and lexical (BM25) fused by weighted reciprocal rank.

Filters are applied inside each retriever (an allowed set of positions), never after a top-k cut, so a filtered
search still returns its best k matches. Knows nothing of HTTP or Rasa.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from index.embedder import Embedder
from index.filters import FilterIndex, SearchFilters
from index.fusion import fuse_rankings
from index.lexical import LexicalIndex
from index.store import LoadedIndex, Manifest
from index.text import search_text, tokens
from index.vocabulary import AnalysedQuery, Vocabulary, vocabulary_for
from knowledge.schema import Credential, KnowledgeBase

if TYPE_CHECKING:
    from numpy.typing import NDArray

logger = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "lexical"]
MODES: tuple[Mode, ...] = ("dense", "lexical", "hybrid")

# Below this many allowed records a filtered dense search scores them exactly with numpy (microseconds), which also
# spares HNSW its weak spot: a very selective filter can leave its graph walk with fewer than k allowed neighbours.
EXACT_SUBSET = 4096
# How deep each retriever's list goes into the fusion (at least; more when the caller pages further).
FUSION_DEPTH = 50
# The widest HNSW walk a filtered dense search may take (efSearch widened by the filter's selectivity).
MAX_FILTERED_EF = 1024


_search_threads_set = False


def _single_thread_search(faiss: Any) -> None:
    """One query at a time is fastest on one OpenMP thread: with two busy cores, FAISS's threads spin-wait and a
    10,000-record flat search took 10 ms instead of 1 ms (measured here). Builds raise the count while they run."""
    global _search_threads_set
    if not _search_threads_set:
        faiss.omp_set_num_threads(1)
        _search_threads_set = True


@dataclass(frozen=True)
class Hit:
    credential: Credential
    score: float  # what ranked it: fused RRF score (hybrid), cosine similarity (dense) or BM25 score (lexical)
    dense_score: float | None = None  # cosine similarity of query and record
    lexical_score: float | None = None  # BM25 score (0 when no query word is in the record)


class Searcher:
    """Dense retrieval with FAISS, lexical retrieval with BM25, fused by weighted reciprocal rank fusion."""

    def __init__(
        self,
        kb: KnowledgeBase,
        loaded: LoadedIndex,
        embedder: Embedder,
        *,
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        lexical_weight: float = 1.0,
        fuzzy_threshold: int = 85,
        ef_search: int | None = None,
    ) -> None:
        self.kb = kb
        self.embedder = embedder
        self.rrf_k, self.dense_weight, self.lexical_weight = rrf_k, dense_weight, lexical_weight
        self.fuzzy_threshold = fuzzy_threshold
        self._loaded = loaded
        self._ef_search = ef_search or int(loaded.manifest.params.get("efSearch", 64))
        by_id = {c.id: c for c in kb.credentials}
        self._records: list[Credential] = [by_id[i] for i in loaded.ids]
        self._filters = FilterIndex(self._records)
        self._lexical: LexicalIndex | None = None
        self._title_tokens: dict[int, frozenset[str]] = {}
        self._selectors: dict[int, tuple[np.ndarray, np.ndarray, Any]] = {}
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return len(self._records)

    @property
    def manifest(self) -> Manifest:
        return self._loaded.manifest

    @property
    def index_type(self) -> str:
        return self.manifest.index_type

    def warm_up(self) -> None:
        """Build the lexical index and the query vocabulary now rather than on the first search."""
        self._lexical_index()
        vocabulary_for(self.kb, threshold=self.fuzzy_threshold)

    def _lexical_index(self) -> LexicalIndex:
        with self._lock:
            if self._lexical is None:
                self._lexical = LexicalIndex([search_text(c, self.kb) for c in self._records])
            return self._lexical

    @property
    def vocabulary(self) -> Vocabulary:
        """The query vocabulary at this searcher's typo threshold (the one owner of that setting)."""
        return vocabulary_for(self.kb, threshold=self.fuzzy_threshold)

    def analyse(self, query: str) -> AnalysedQuery:
        """``query`` with typos corrected and synonym expansions (cached)."""
        return vocabulary_for(self.kb, threshold=self.fuzzy_threshold).analyse(query)

    def encode_query(self, query: str) -> NDArray[np.float32]:
        """The dense vector of ``query`` corrected and expanded; compute once per turn and pass as ``vector=``."""
        vector: NDArray[np.float32] = self.embedder.encode([self.analyse(query).search_text])[0]
        return vector

    def record(self, position: int) -> Credential:
        return self._records[position]

    def allowed_positions(self, filters: SearchFilters) -> list[int]:
        allowed = self._filters.allowed(filters)
        return list(range(self.size)) if allowed is None else allowed.tolist()

    def count_confirmed_delivery(self, filters: SearchFilters) -> int:
        return self._filters.count_confirmed_delivery(filters)

    def count(self, filters: SearchFilters) -> int:
        allowed = self._filters.allowed(filters)
        return self.size if allowed is None else len(allowed)

    def search(
        self,
        query: str,
        *,
        filters: SearchFilters | None = None,
        k: int = 3,
        offset: int = 0,
        vector: NDArray[np.float32] | None = None,
        mode: Mode = "hybrid",
        search_text: str | None = None,
    ) -> list[Hit]:
        """Best ``k`` records after ``offset`` that match ``filters`` for ``query``.

        ``mode`` picks the retrieval: ``hybrid`` (default), ``dense`` or ``lexical`` (for evaluation). ``vector`` is
        the query's dense vector and ``search_text`` its analysed text (``analyse``), when the caller has them."""
        filters = filters or SearchFilters()
        allowed = self._filters.allowed(filters)
        want = k + offset
        if want <= 0 or (allowed is not None and len(allowed) == 0):
            return []
        if mode == "dense":
            if vector is None:
                vector = self.encode_query(query)
            ranked = self._dense(vector, allowed, want)
            return [Hit(self._records[p], s, dense_score=s) for p, s in ranked][offset:want]
        text = search_text if search_text is not None else self.analyse(query).search_text
        if mode == "lexical":
            lexical = self._lexical_index().rank(text, allowed=allowed, limit=want)
            return [Hit(self._records[p], s, lexical_score=s) for p, s in lexical][offset:want]
        if mode != "hybrid":
            raise ValueError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        if vector is None:
            vector = self.encode_query(query)
        depth = max(FUSION_DEPTH, 2 * want)
        dense = self._dense(vector, allowed, depth, need=want)
        lexical = self._lexical_index().rank(text, allowed=allowed, limit=depth)
        named = self._named_in(text, [p for p, _ in lexical])
        fused = fuse_rankings(
            [
                ([p for p, _ in dense], self.dense_weight),
                ([p for p, _ in lexical], self.lexical_weight),
                (named, max(self.dense_weight, self.lexical_weight)),
            ],
            k=self.rrf_k,
        )
        dense_scores, lexical_scores = dict(dense), dict(lexical)
        hits = []
        for position, score in fused[offset:want]:
            cosine = dense_scores.get(position)
            if cosine is None:
                cosine = float(self._loaded.vectors[position] @ vector)
            hits.append(Hit(self._records[position], score, cosine, lexical_scores.get(position, 0.0)))
        return hits

    def _named_in(self, text: str, candidates: list[int]) -> list[int]:
        """Candidates whose whole title the query contains (every content word of it): people who name an offering
        mean that offering, not its near-twins ("TD-sponsored transferable skills micro-credentials" is the bundle,
        not one of its parts). Fused as a third list, like a title field in BM25F."""
        words = set(tokens(text))
        named = []
        for position in candidates:
            title = self._title_tokens.get(position)
            if title is None:
                title = self._title_tokens[position] = frozenset(tokens(self._records[position].title))
            if len(title) >= 2 and title <= words:
                named.append(position)
        return named

    def search_vector(
        self, vector: NDArray[np.float32], *, filters: SearchFilters, k: int, offset: int = 0
    ) -> list[Hit]:
        """Dense-only search by a query vector (no text): best ``k`` after ``offset`` matching ``filters``."""
        allowed = self._filters.allowed(filters)
        if allowed is not None and len(allowed) == 0:
            return []
        ranked = self._dense(vector, allowed, k + offset)
        return [Hit(self._records[p], s, dense_score=s) for p, s in ranked][offset : offset + k]

    def dense_ranking(self, vector: NDArray[np.float32], *, limit: int) -> list[tuple[int, float]]:
        """Top ``limit`` (position, cosine) over every record from the dense index (approximate above the HNSW
        threshold): what the benchmark compares with exact search."""
        return self._dense(vector, None, limit)

    def _dense(
        self, vector: NDArray[np.float32], allowed: np.ndarray | None, want: int, *, need: int | None = None
    ) -> list[tuple[int, float]]:
        """Top ``want`` (position, cosine) among ``allowed`` (all when None), best first. A filtered HNSW walk that
        finds fewer than ``need`` (default ``want``) falls back to exact scoring; the fusion asks for a deep list
        (``want``) but needs only the page (``need``), so a slightly short list does not cost an exact pass."""
        pool = self.size if allowed is None else len(allowed)
        want = min(want, pool)
        if want <= 0:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        if allowed is not None and len(allowed) <= EXACT_SUBSET:
            return self._exact(query[0], allowed, want)
        import faiss

        _single_thread_search(faiss)
        hnsw = self.index_type == "hnsw"
        params = None
        if allowed is not None:
            selector = self._selector(faiss, allowed)
            # A filter that allows 1 record in n leaves about 1/n of the walk's candidates usable: widen the walk by
            # n (capped), or it comes back short and falls to exact search over the whole allowed set.
            widen = min(MAX_FILTERED_EF, max(self._ef_search, want) * max(1, round(self.size / len(allowed))))
            params = (
                faiss.SearchParametersHNSW(sel=selector, efSearch=widen)  # type: ignore[attr-defined,call-arg,unused-ignore]
                if hnsw
                else faiss.SearchParameters(sel=selector)  # type: ignore[attr-defined,call-arg,unused-ignore]
            )
        elif hnsw:
            params = faiss.SearchParametersHNSW(efSearch=max(self._ef_search, want))  # type: ignore[attr-defined,call-arg,unused-ignore]
        scores, positions = self._loaded.index.search(query, want, params=params)
        ranked = [(int(p), float(s)) for s, p in zip(scores[0], positions[0], strict=True) if p >= 0]
        if len(ranked) < min(want if need is None else need, pool) and allowed is not None:  # came up short
            return self._exact(query[0], allowed, want)
        return ranked

    def _selector(self, faiss: Any, allowed: np.ndarray) -> Any:
        """A bitmap selector of ``allowed``, kept per allowed set (the filter index caches those arrays): building
        an IDSelectorBatch (a hash set) of 33,000 positions for every query cost more than the search itself."""
        key = id(allowed)
        entry = self._selectors.get(key)
        if entry is not None and entry[0] is allowed:
            return entry[2]
        mask = np.zeros(self.size, dtype=bool)
        mask[allowed] = True
        bitmap = np.packbits(mask, bitorder="little")
        selector = faiss.IDSelectorBitmap(self.size, faiss.swig_ptr(bitmap))
        if len(self._selectors) > 256:
            self._selectors.clear()
        self._selectors[key] = (allowed, bitmap, selector)  # the arrays live as long as the selector reads them
        return selector

    def _exact(self, vector: NDArray[np.float32], allowed: np.ndarray, want: int) -> list[tuple[int, float]]:
        # einsum, not ``@``: a matrix-vector product goes to OpenBLAS, whose threads spin-wait for a core on a busy
        # machine (p50 13 ms, p95 28 ms for 3,300 rows here); einsum's single-threaded loop takes 0.1-0.2 ms.
        scores = np.einsum("ij,j->i", self._loaded.vectors[allowed], vector)
        top = np.argpartition(-scores, want - 1)[:want] if want < len(scores) else np.arange(len(scores))
        top = top[np.lexsort((allowed[top], -scores[top]))]
        return [(int(allowed[i]), float(scores[i])) for i in top]
