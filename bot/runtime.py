"""Load everything a process serves from: settings -> knowledge -> embedder -> index -> searcher."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.settings import Settings
from index.embedder import Embedder, make_embedder
from index.search import Searcher
from index.store import Progress, ensure_index
from knowledge.loader import load_knowledge
from knowledge.schema import KnowledgeBase

logger = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    kb: KnowledgeBase
    embedder: Embedder
    searcher: Searcher


def load_runtime(settings: Settings, *, embedder: Embedder | None = None, progress: Progress | None = None) -> Runtime:
    """Validate the knowledge base (raises KnowledgeError), then load the index, rebuilding it when stale."""
    kb = load_knowledge(settings.knowledge_path)
    embedder = embedder or make_embedder(settings.embedder, threads=settings.encode_threads)
    loaded = ensure_index(
        kb,
        embedder,
        settings.data_dir,
        hnsw_threshold=settings.hnsw_threshold,
        hnsw_m=settings.hnsw_m,
        hnsw_ef_search=settings.hnsw_ef_search,
        progress=progress,
    )
    searcher = Searcher(kb, loaded, embedder, **searcher_options(settings))
    return Runtime(settings=settings, kb=kb, embedder=embedder, searcher=searcher)


def searcher_options(settings: Settings) -> dict[str, Any]:
    """The Searcher's keyword arguments from settings (fusion weights, RRF k, typo threshold, HNSW breadth)."""
    return {
        "rrf_k": settings.rrf_k,
        "dense_weight": settings.dense_weight,
        "lexical_weight": settings.lexical_weight,
        "fuzzy_threshold": settings.fuzzy_threshold,
        "ef_search": settings.hnsw_ef_search,
    }
