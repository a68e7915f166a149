"""``advisor bench catalogue``: a SYNTHETIC CTDL dump imported, built with the real model and searched, per size.

Unlike ``advisor bench index`` (vectors of 512 texts plus noise), every record here is embedded by the model, so the
figures are those of a real catalogue of that size: dump -> ``kb import ctdl`` -> load -> build (embedding every
record) -> search with real query vectors (encode excluded). Not part of ``make test``."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

QUERIES = (
    "welding courses", "free first aid training", "learn python online", "bookkeeping evenings",
    "personal support worker", "forklift certification", "cybersecurity for beginners", "lean manufacturing",
    "early childhood education", "project management certificate", "commercial driving", "solar installation",
    "I want to work in a hospital", "help desk jobs", "digital marketing course", "food safety",
)  # fmt: skip


@dataclass
class CatalogueRow:
    records_in_dump: int
    records_imported: int
    dump_seconds: float
    import_seconds: float
    load_seconds: float
    build_seconds: float
    records_per_second: float
    rss_mb: float
    index_type: str
    latency_ms: dict[str, list[float]] = field(default_factory=dict)
    model: str = ""
    synthetic: bool = True

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def bench_catalogue(
    count: int, *, settings: Any, queries: int = 100, log: Callable[[str], Any] | None = None
) -> CatalogueRow:
    import psutil  # type: ignore[import-untyped,unused-ignore]

    from bot.runtime import make_document_embedder, make_query_embedder
    from index.filters import SearchFilters
    from index.search import Searcher
    from index.store import build_index, load_index
    from index.synthetic_ctdl import write_dump
    from knowledge.ctdl.importer import import_ctdl
    from knowledge.loader import load_knowledge

    say = log or (lambda _msg: None)
    with tempfile.TemporaryDirectory(prefix="advisor-bench-catalogue-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        dump = write_dump(root / "dump.jsonl", count)
        dump_seconds = time.perf_counter() - started
        say(f"{dt.datetime.now():%H:%M:%S} {count:,}: SYNTHETIC dump written in {dump_seconds:.1f}s; importing")
        started = time.perf_counter()
        report = import_ctdl([dump], root / "kb")
        import_seconds = time.perf_counter() - started
        started = time.perf_counter()
        kb = load_knowledge(root / "kb")
        load_seconds = time.perf_counter() - started
        say(f"{dt.datetime.now():%H:%M:%S} imported {report.imported:,} in {import_seconds:.1f}s; embedding")
        documents = make_document_embedder(settings)
        started = time.perf_counter()
        build_index(kb, documents, root / "data", hnsw_threshold=settings.hnsw_threshold, hnsw_m=settings.hnsw_m,
                    hnsw_ef_search=settings.hnsw_ef_search)  # fmt: skip
        build_seconds = time.perf_counter() - started
        say(f"{dt.datetime.now():%H:%M:%S} built in {build_seconds:.1f}s; searching")
        loaded = load_index(root / "data")
        query_embedder = make_query_embedder(settings, documents=documents)
        searcher = Searcher(kb, loaded, query_embedder, ef_search=settings.hnsw_ef_search)
        searcher.warm_up()
        vectors = [searcher.encode_query(q) for q in QUERIES]
        filters = {"unfiltered": None, "narrow": SearchFilters(area="Trades", delivery="online"),
                   "broad": SearchFilters(delivery="online")}  # fmt: skip
        timings: dict[str, list[float]] = {}
        for q in range(queries):
            text, vector = QUERIES[q % len(QUERIES)], vectors[q % len(QUERIES)]
            for name, chosen in filters.items():
                for mode in ("dense", "lexical", "hybrid"):
                    t0 = time.perf_counter()
                    searcher.search(text, filters=chosen, k=3, vector=vector, mode=mode)  # type: ignore[arg-type]
                    timings.setdefault(f"{mode} {name}", []).append(time.perf_counter() - t0)
        rss = psutil.Process().memory_info().rss
    return CatalogueRow(
        records_in_dump=count,
        records_imported=report.imported,
        dump_seconds=dump_seconds,
        import_seconds=import_seconds,
        load_seconds=load_seconds,
        build_seconds=build_seconds,
        records_per_second=len(kb.credentials) / build_seconds if build_seconds else 0.0,
        rss_mb=rss / 1e6,
        index_type=loaded.manifest.index_type,
        latency_ms={name: _p50_p95(values) for name, values in timings.items()},
        model=documents.name,
    )


def _p50_p95(samples: Sequence[float]) -> list[float]:
    ordered = np.sort(np.asarray(samples))
    return [
        float(np.median(ordered) * 1000),
        float(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000),
    ]
