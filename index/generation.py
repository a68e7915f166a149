"""Published generations: a validated snapshot of the knowledge folder plus the index build made from it.

``<data_dir>/generations/<id>/knowledge`` holds the snapshot; ``<data_dir>/generations/CURRENT`` names the live
generation (JSON, replaced atomically). Every worker on every host that shares the data directory compares CURRENT
with the generation it serves between turns and swaps when it changed. Publishing validates the folder and loads
the built index before CURRENT moves, so bad knowledge never becomes current."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from index.embedder import Embedder
from index.store import _write_atomic, build_index, load_index
from knowledge.loader import load_knowledge

logger = logging.getLogger(__name__)

KEEP = 2  # generations kept on disk: the live one and the one before (a worker may still be loading it)


@dataclass(frozen=True)
class Generation:
    id: str
    build_id: str
    kb_hash: str
    records: int
    published_at: str

    def knowledge_path(self, data_dir: Path) -> Path:
        return generations_root(data_dir) / self.id / "knowledge"


def generations_root(data_dir: Path) -> Path:
    return Path(data_dir) / "generations"


def pointer(data_dir: Path) -> Path:
    return generations_root(data_dir) / "CURRENT"


def read_current(data_dir: Path) -> Generation | None:
    """The published generation, or None when none was published (or the pointer is unreadable)."""
    try:
        return Generation(**json.loads(pointer(data_dir).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def pointer_stamp(data_dir: Path) -> tuple[int, int] | None:
    """(mtime in ns, inode) of CURRENT: a stat, cheap enough to call before every turn."""
    try:
        stat = pointer(data_dir).stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_ino


@contextmanager
def _publish_lock(data_dir: Path) -> Iterator[None]:
    """One publisher at a time per data directory (across processes and hosts that honour flock)."""
    root = generations_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish_generation(
    knowledge_path: Path | None,
    data_dir: Path,
    embedder: Embedder,
    *,
    hnsw_threshold: int = 20000,
    hnsw_m: int = 32,
    hnsw_ef_search: int = 64,
) -> Generation:
    """Snapshot and validate ``knowledge_path`` (raises KnowledgeError), build and load its index (raises
    IndexMissing), then make it the current generation. On any error nothing current changes."""
    from knowledge.loader import DEFAULT_PATH

    source = Path(knowledge_path) if knowledge_path is not None else DEFAULT_PATH
    with _publish_lock(data_dir):
        generation_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(3)
        folder = generations_root(data_dir) / generation_id
        snapshot = folder / "knowledge"
        try:
            shutil.copytree(source, snapshot, ignore=shutil.ignore_patterns("*.py", "__pycache__", ".*"))
            kb = load_knowledge(snapshot)
            manifest = build_index(
                kb, embedder, data_dir, hnsw_threshold=hnsw_threshold, hnsw_m=hnsw_m, hnsw_ef_search=hnsw_ef_search
            )
            load_index(data_dir, manifest.build_id)  # it loads, or nothing is published
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        generation = Generation(
            id=generation_id,
            build_id=manifest.build_id,
            kb_hash=kb.content_hash,
            records=len(kb.credentials),
            published_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        _write_atomic(pointer(data_dir), json.dumps(asdict(generation)).encode())
        _prune(data_dir, current=generation_id)
    logger.info("generation %s published: %d records, kb %s", generation_id, generation.records, kb.content_hash[:12])
    return generation


def _prune(data_dir: Path, *, current: str) -> None:
    folders = sorted(p for p in generations_root(data_dir).iterdir() if p.is_dir())
    for old in folders[:-KEEP]:
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)
