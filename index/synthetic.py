"""SYNTHETIC catalogues for the scale benchmark (``make bench-index``): never part of the knowledge base.

Embedding 100,000 texts with the real model takes far too long on two cores, so the vectors are made this way,
deterministically:

1. ``distinct`` synthetic texts (area x topic x level) are embedded with the real model (or the fake one);
2. record ``i`` gets the vector of text ``i % distinct`` plus Gaussian noise (sigma ``NOISE`` per dimension, seeded by
   ``i``), renormalised to unit length. Records therefore form realistic clusters of near-duplicates, a harder case
   for HNSW than uniform random vectors.

Everything else is the production path: ``build_index`` (FAISS flat or HNSW by ``hnsw_threshold``, atomic layout,
manifest), ``load_index``, ``Searcher`` (BM25 over the records' search texts, filters, fusion). Each size runs in a
fresh process so its resident memory is its own.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import HttpUrl

from knowledge.schema import Cost, CostKind, Credential, Delivery, DeliveryMode, Kind, KnowledgeBase, Provider, Status

NOISE = 0.02
MARK = re.compile(r"\[synthetic (\d+)\]")
AREAS = (
    "Business",
    "Cybersecurity",
    "Health Sciences",
    "Information Technology",
    "Manufacturing",
    "Trades",
    "Education",
    "Entrepreneurship",
    "Transferable Skills",
    "Community Services",
)
TOPICS = (
    "safety",
    "leadership",
    "data analysis",
    "customer service",
    "project management",
    "quality control",
    "networking",
    "patient care",
    "bookkeeping",
    "welding",
    "coding",
    "communication",
    "inventory",
    "robotics",
    "marketing",
    "first aid",
)
LEVELS = ("foundations", "intermediate", "advanced", "for supervisors")
QUERY_TEMPLATES = (
    "{topic} course",
    "learn {topic} online",
    "free {topic} training",
    "{topic} for {area} workers",
    "I want to get better at {topic}",
    "{area} {topic} evenings",
)

_URL = HttpUrl("https://example.invalid/")
METHOD_NOTE = (
    "SYNTHETIC data: {distinct} distinct texts embedded with {model}; the catalogue's vectors are those plus seeded "
    "Gaussian noise (sigma {noise}/dimension), renormalised. Search latency is per query with its vector given "
    "(model encoding excluded), over the real FAISS index and BM25; recall@10 compares the dense index with exact "
    "search."
)


def base_text(b: int) -> str:
    area = AREAS[b % len(AREAS)]
    topic = TOPICS[(b // len(AREAS)) % len(TOPICS)]
    level = LEVELS[(b // (len(AREAS) * len(TOPICS))) % len(LEVELS)]
    return f"{topic.capitalize()} {level} ({area})"


def synthetic_kb(count: int, *, distinct: int) -> KnowledgeBase:
    """``count`` synthetic records over ``distinct`` base texts; titles carry ``[synthetic i]`` markers."""
    providers = {
        f"synthetic-{p}": Provider(
            id=f"synthetic-{p}",
            name=f"Synthetic Provider {p}",
            description="Generated for the benchmark only.",
            url="https://example.invalid/",
            contact=({"label": "none", "url": "https://example.invalid/"},),  # type: ignore[arg-type]
            sources={"synthetic": ("name",)},
        )
        for p in range(5)
    }
    records = []
    for i in range(count):
        b = i % distinct
        area = AREAS[b % len(AREAS)]
        topic = TOPICS[(b // len(AREAS)) % len(TOPICS)]
        records.append(
            Credential.model_construct(
                id=f"synthetic-{i}",
                title=f"[synthetic {i}] {base_text(b)}",
                provider=f"synthetic-{i % 5}",
                partners=(),
                areas=(area,),
                kind=Kind.SINGLE,
                description=f"Synthetic record {i} about {topic} in {area}, generated for the index benchmark.",
                skills=(topic,),
                audience=None,
                delivery=Delivery(modes=(DeliveryMode.ONLINE,) if i % 3 == 0 else (DeliveryMode.IN_PERSON,)),
                cost=Cost(kind=CostKind.FREE if i % 7 == 0 else CostKind.UNKNOWN),
                status=Status.AVAILABLE,
                modules=Credential.model_fields["modules"].default,
                duration=Credential.model_fields["duration"].default,
                stackable=Credential.model_fields["stackable"].default,
                digital_credential=Credential.model_fields["digital_credential"].default,
                is_part_of=None,
                url=_URL,
                sources={"synthetic": ("title",)},
            )
        )
    return KnowledgeBase.model_construct(
        providers=providers,
        credentials=tuple(records),
        faq={},
        areas=AREAS,
        sources={},
        content_hash=f"synthetic-{count}-{distinct}",
        synonyms=(),
    )


class PerturbedEmbedder:
    """Record ``i``'s vector: base vector ``i % distinct`` + seeded noise, renormalised (see the module docstring)."""

    def __init__(self, base_vectors: np.ndarray, *, model: str) -> None:
        self._base = base_vectors.astype(np.float32)
        self.dimension = int(base_vectors.shape[1])
        self.name = f"synthetic-perturbed({model})"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            m = MARK.search(text)
            if m is None:
                raise ValueError("PerturbedEmbedder only embeds synthetic records")
            i = int(m.group(1))
            noise = np.random.default_rng(i).normal(0.0, NOISE, self.dimension).astype(np.float32)
            vector = self._base[i % len(self._base)] + noise
            out[row] = vector / np.linalg.norm(vector)
        return out


@dataclass
class BenchRow:
    records: int
    index_type: str
    build_seconds: float
    disk_mb: float
    rss_mb: float
    dense_p50_ms: float
    dense_p95_ms: float
    hybrid_p50_ms: float
    hybrid_p95_ms: float
    filtered_p50_ms: float
    filtered_p95_ms: float
    recall_at_10: float
    params: dict[str, Any]
    method_note: str
    synthetic: bool = True
    # "<retriever> <filter>" -> [p50, p95] ms for dense, lexical and hybrid, unfiltered, narrow and broad filters
    latency_ms: dict[str, list[float]] = field(default_factory=dict)
    filtered_recall_at_10: float = 0.0  # dense with the broad filter vs exact search over the same allowed set

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def bench_size(
    count: int,
    base_vectors: np.ndarray,
    query_texts: list[str],
    query_vectors: np.ndarray,
    *,
    model: str,
    queries: int,
    hnsw_threshold: int,
    hnsw_m: int,
    hnsw_ef_search: int,
) -> BenchRow:
    """Build, load and search one synthetic catalogue of ``count`` records in a temporary data directory."""
    import psutil  # type: ignore[import-untyped,unused-ignore]

    from index.filters import SearchFilters
    from index.search import Searcher
    from index.store import build_index, index_root, load_index

    kb = synthetic_kb(count, distinct=len(base_vectors))
    embedder = PerturbedEmbedder(base_vectors, model=model)
    with tempfile.TemporaryDirectory(prefix="advisor-bench-synthetic-") as tmp:
        data_dir = Path(tmp)
        started = time.perf_counter()
        manifest = build_index(
            kb,
            embedder,
            data_dir,
            hnsw_threshold=hnsw_threshold,
            hnsw_m=hnsw_m,
            hnsw_ef_search=hnsw_ef_search,
            batch_size=4096,
        )
        loaded = load_index(data_dir)
        searcher = Searcher(kb, loaded, embedder, ef_search=hnsw_ef_search)
        searcher.warm_up()
        build_seconds = time.perf_counter() - started
        disk = sum(p.stat().st_size for p in (index_root(data_dir) / "builds").rglob("*") if p.is_file())
        rss = psutil.Process().memory_info().rss
        area_filter = SearchFilters(area="Health Sciences", delivery="online")  # narrow: 1 in 30 records
        broad_filter = SearchFilters(delivery="online")  # broad: 1 in 3, past the exact-subset cut-off
        filters_by_name = {"unfiltered": None, "narrow": area_filter, "broad": broad_filter}
        modes = ("dense", "lexical", "hybrid")
        timings: dict[str, list[float]] = {f"{m} {f}": [] for f in filters_by_name for m in modes}
        for q in range(queries):
            text, vector = query_texts[q % len(query_texts)], query_vectors[q % len(query_vectors)]
            for filter_name, filters in filters_by_name.items():
                for mode in ("dense", "lexical", "hybrid"):
                    t0 = time.perf_counter()
                    hits = searcher.search(text, filters=filters, k=3, vector=vector, mode=mode)  # type: ignore[arg-type]
                    timings[f"{mode} {filter_name}"].append(time.perf_counter() - t0)
                    if filters is not None:
                        assert all(filters.matches(h.credential) for h in hits)
                        assert mode == "lexical" or len(hits) == 3
        timings["dense"], timings["hybrid"] = timings["dense unfiltered"], timings["hybrid unfiltered"]
        timings["filtered"] = timings["hybrid narrow"]
        allowed = searcher._filters.allowed(broad_filter)
        assert allowed is not None
        filtered_recall = []
        for vector in query_vectors[: min(len(query_vectors), 50)]:
            scores = np.einsum("ij,j->i", loaded.vectors[allowed], vector)
            exact_allowed = set(allowed[np.argsort(-scores)[:10]].tolist())
            hits = searcher.search("", filters=broad_filter, k=10, vector=vector, mode="dense")
            found = {int(h.credential.id.rsplit("-", 1)[1]) for h in hits}  # synthetic-<i> sits at position i
            filtered_recall.append(len(exact_allowed & found) / 10)
        recall = []
        for vector in query_vectors[: min(len(query_vectors), 50)]:
            exact = set(np.argsort(-(loaded.vectors @ vector))[:10].tolist())
            approx = {p for p, _ in searcher.dense_ranking(vector, limit=10)}
            recall.append(len(exact & approx) / 10)
    d50, d95 = _percentiles(timings["dense"])
    h50, h95 = _percentiles(timings["hybrid"])
    f50, f95 = _percentiles(timings["filtered"])
    return BenchRow(
        records=count,
        index_type=manifest.index_type,
        build_seconds=build_seconds,
        disk_mb=disk / 1e6,
        rss_mb=rss / 1e6,
        dense_p50_ms=d50,
        dense_p95_ms=d95,
        hybrid_p50_ms=h50,
        hybrid_p95_ms=h95,
        filtered_p50_ms=f50,
        filtered_p95_ms=f95,
        recall_at_10=float(np.mean(recall)),
        params=manifest.params,
        latency_ms={name: list(_percentiles(values)) for name, values in timings.items() if " " in name},
        filtered_recall_at_10=float(np.mean(filtered_recall)),
        method_note=METHOD_NOTE.format(distinct=len(base_vectors), model=model, noise=NOISE),
    )


def _bench_in_child(args: tuple[Any, ...]) -> BenchRow:
    count, base, texts, vectors, kwargs = args
    return bench_size(count, base, texts, vectors, **kwargs)


def run_benchmark(
    counts: Sequence[int],
    *,
    queries: int = 200,
    distinct: int = 512,
    embedder: str = "real",
    hnsw_threshold: int = 20000,
    hnsw_m: int = 32,
    hnsw_ef_search: int = 64,
    isolate: bool = True,
    log: Callable[[str], Any] | None = None,
) -> list[BenchRow]:
    """Embed the base and query texts once, then benchmark each size (in its own process when ``isolate``)."""
    from index.embedder import make_embedder

    say = log or (lambda _msg: None)
    model = make_embedder("fake" if embedder == "fake" else "sentence-transformers")
    started = time.perf_counter()
    base = model.encode([base_text(b) for b in range(distinct)])
    query_texts = [
        template.format(topic=TOPICS[i % len(TOPICS)], area=AREAS[i % len(AREAS)].lower())
        for i, template in enumerate(QUERY_TEMPLATES * 8)
    ]
    query_vectors = model.encode(query_texts)
    say(
        f"{dt.datetime.now():%H:%M:%S} embedded {distinct} base texts and {len(query_texts)} queries with "
        f"{model.name} in {time.perf_counter() - started:.1f}s"
    )
    kwargs = {
        "model": model.name,
        "queries": queries,
        "hnsw_threshold": hnsw_threshold,
        "hnsw_m": hnsw_m,
        "hnsw_ef_search": hnsw_ef_search,
    }
    rows = []
    context = multiprocessing.get_context("spawn")
    for count in counts:
        say(f"{dt.datetime.now():%H:%M:%S} synthetic catalogue of {count:,} records: building and searching")
        args = (count, base, query_texts, query_vectors, kwargs)
        if isolate:  # a fresh process per size, so its resident memory is its own
            with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
                row = pool.submit(_bench_in_child, args).result()
        else:
            row = _bench_in_child(args)
        rows.append(row)
    return rows
