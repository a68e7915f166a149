"""Build, save and load the FAISS index with its manifest; rebuild when the knowledge base changes.

Layout under ``<data_dir>/index``: ``builds/<build_id>/{vectors.faiss, ids.json, manifest.json}`` plus ``CURRENT``,
a one-line pointer replaced atomically (write a temporary file, then ``os.replace``). A build that crashes midway
leaves an unreferenced folder behind and the previous build stays the one that loads.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.embedder import Embedder
from index.text import search_text
from knowledge.schema import KnowledgeBase

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called with (records done, total) while embedding."""


class IndexMissing(RuntimeError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"no index under {path}; run `advisor index build`")


class IndexStale(RuntimeError):
    def __init__(self, expected: str, found: str, reason: str) -> None:
        self.expected, self.found = expected, found
        super().__init__(f"index is stale ({reason}): expected {expected[:12]}, found {found[:12]}")


@dataclass(frozen=True)
class Manifest:
    model: str
    dimension: int
    record_count: int
    kb_hash: str
    built_at: str
    build_id: str
    index_type: str = "flat"
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class LoadedIndex:
    index: Any  # faiss.Index
    ids: list[str]
    manifest: Manifest
    vectors: np.ndarray  # the stored record vectors, row i <-> ids[i]


def index_root(data_dir: Path) -> Path:
    return Path(data_dir) / "index"


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_faiss_index(
    vectors: np.ndarray, *, hnsw_threshold: int, hnsw_m: int = 32, ef_construction: int = 80, ef_search: int = 64
) -> tuple[Any, str, dict[str, Any]]:
    """IndexFlatIP for small collections; HNSW (inner product) once the count reaches ``hnsw_threshold``."""
    import faiss

    dim = vectors.shape[1]
    index: Any
    if len(vectors) >= hnsw_threshold:
        index = faiss.IndexHNSWFlat(dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = ef_construction
        index.hnsw.efSearch = ef_search
        searching_threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # building is batch work: use every core, then restore
        try:
            index.add(vectors)
        finally:
            faiss.omp_set_num_threads(searching_threads)
        return index, "hnsw", {"M": hnsw_m, "efConstruction": ef_construction, "efSearch": ef_search}
    index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    return index, "flat", {}


def build_index(
    kb: KnowledgeBase,
    embedder: Embedder,
    data_dir: Path,
    *,
    hnsw_threshold: int = 20000,
    hnsw_m: int = 32,
    hnsw_ef_search: int = 64,
    progress: Progress | None = None,
    batch_size: int = 64,
    keep_builds: int = 2,
) -> Manifest:
    """Embed every record's search text and save a new build, then point CURRENT at it."""
    import faiss

    root = index_root(data_dir)
    # Microseconds in the id keep name order chronological, so pruning never mistakes a newer build for an older one.
    build_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(3)
    build_dir = root / "builds" / build_id
    build_dir.mkdir(parents=True, exist_ok=False)
    texts = [search_text(c, kb) for c in kb.credentials]
    chunks = []
    for start in range(0, len(texts), batch_size):
        chunks.append(embedder.encode(texts[start : start + batch_size]))
        if progress:
            progress(min(start + batch_size, len(texts)), len(texts))
    vectors = np.vstack(chunks).astype(np.float32) if chunks else np.zeros((0, embedder.dimension), np.float32)
    index, index_type, params = make_faiss_index(
        vectors, hnsw_threshold=hnsw_threshold, hnsw_m=hnsw_m, ef_search=hnsw_ef_search
    )
    manifest = Manifest(
        model=embedder.name,
        dimension=embedder.dimension,
        record_count=len(texts),
        kb_hash=kb.content_hash,
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        build_id=build_id,
        index_type=index_type,
        params=params,
    )
    _write_atomic(build_dir / "vectors.faiss", faiss.serialize_index(index).tobytes())
    buffer = io.BytesIO()
    np.save(buffer, vectors)
    _write_atomic(build_dir / "vectors.npy", buffer.getvalue())
    _write_atomic(build_dir / "ids.json", json.dumps([c.id for c in kb.credentials]).encode())
    _write_atomic(build_dir / "manifest.json", json.dumps(asdict(manifest), indent=2).encode())
    _write_atomic(root / "CURRENT", build_id.encode())
    _prune(root, keep=keep_builds, current=build_id)
    logger.info("index built: %d records, %s, build %s", len(texts), index_type, build_id)
    return manifest


def _prune(root: Path, *, keep: int, current: str) -> None:
    builds = sorted((p for p in (root / "builds").iterdir() if p.is_dir()), key=lambda p: p.name)
    for old in builds[:-keep]:
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)


def read_manifest(data_dir: Path) -> Manifest:
    root = index_root(data_dir)
    try:
        build_id = (root / "CURRENT").read_text().strip()
        data = json.loads((root / "builds" / build_id / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise IndexMissing(root) from exc
    return Manifest(**data)


def load_index(data_dir: Path, build_id: str | None = None) -> LoadedIndex:
    """Load the build CURRENT points at, or ``build_id`` (a published generation's), without re-embedding."""
    import faiss

    if build_id is None:
        manifest = read_manifest(data_dir)
    else:
        try:
            path = index_root(data_dir) / "builds" / build_id / "manifest.json"
            manifest = Manifest(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError) as exc:
            raise IndexMissing(path.parent) from exc
    build_dir = index_root(data_dir) / "builds" / manifest.build_id
    try:
        raw = np.frombuffer((build_dir / "vectors.faiss").read_bytes(), dtype=np.uint8)
        index = faiss.deserialize_index(raw)
        ids = json.loads((build_dir / "ids.json").read_text())
        # Memory-mapped, read-only: the workers of a host share these pages (the page cache) instead of each holding a
        # copy beside FAISS's own; exact scoring reads only the rows of an allowed set.
        vectors = np.load(build_dir / "vectors.npy", mmap_mode="r")
    except (OSError, ValueError, RuntimeError) as exc:
        raise IndexMissing(build_dir) from exc
    if index.ntotal != len(ids) or len(ids) != manifest.record_count:
        raise IndexMissing(build_dir)
    if manifest.index_type == "hnsw" and "efSearch" in manifest.params:
        index.hnsw.efSearch = int(manifest.params["efSearch"])  # type: ignore[attr-defined]
    return LoadedIndex(index=index, ids=ids, manifest=manifest, vectors=vectors)


def check_current(manifest: Manifest, kb: KnowledgeBase, embedder: Embedder) -> None:
    """Raise ``IndexStale`` when the build is of other knowledge or of another model."""
    if manifest.kb_hash != kb.content_hash:
        raise IndexStale(kb.content_hash, manifest.kb_hash, "knowledge base changed")
    if manifest.model != embedder.name or manifest.dimension != embedder.dimension:
        raise IndexStale(embedder.name, manifest.model, "embedding model changed")


def index_is_current(kb: KnowledgeBase, embedder: Embedder, data_dir: Path) -> bool:
    """Whether the saved build is of this knowledge and model, from its manifest alone (FAISS is not loaded)."""
    try:
        check_current(read_manifest(data_dir), kb, embedder)
    except (IndexMissing, IndexStale):
        return False
    return True


def ensure_index(
    kb: KnowledgeBase,
    embedder: Embedder,
    data_dir: Path,
    *,
    hnsw_threshold: int = 20000,
    hnsw_m: int = 32,
    hnsw_ef_search: int = 64,
    progress: Progress | None = None,
) -> LoadedIndex:
    """Load the saved index; rebuild it when missing, built by another model, or built from other knowledge."""
    try:
        loaded = load_index(data_dir)
        check_current(loaded.manifest, kb, embedder)
        return loaded
    except (IndexMissing, IndexStale) as exc:
        logger.info("building the index: %s", exc)
    build_index(
        kb,
        embedder,
        data_dir,
        hnsw_threshold=hnsw_threshold,
        hnsw_m=hnsw_m,
        hnsw_ef_search=hnsw_ef_search,
        progress=progress,
    )
    return load_index(data_dir)
