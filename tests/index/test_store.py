from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index.embedder import FakeEmbedder
from index.store import IndexMissing, build_index, ensure_index, index_root, load_index, read_manifest
from knowledge.loader import DEFAULT_PATH, load_knowledge
from knowledge.schema import KnowledgeBase


def test_build_then_load_round_trips(tmp_path: Path, kb: KnowledgeBase) -> None:
    manifest = build_index(kb, FakeEmbedder(), tmp_path)
    loaded = load_index(tmp_path)
    assert loaded.manifest == manifest
    assert loaded.ids == [c.id for c in kb.credentials]
    assert loaded.index.ntotal == len(kb.credentials) == manifest.record_count
    assert manifest.kb_hash == kb.content_hash and manifest.dimension == 384 and manifest.index_type == "flat"


def test_load_without_index_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="advisor index build"):
        load_index(tmp_path)


def test_ensure_index_rebuilds_when_the_knowledge_base_changes(tmp_path: Path, kb: KnowledgeBase) -> None:
    first = ensure_index(kb, FakeEmbedder(), tmp_path / "data").manifest
    again = ensure_index(kb, FakeEmbedder(), tmp_path / "data").manifest
    assert again.build_id == first.build_id  # current index is reused, not re-embedded

    changed_root = tmp_path / "kb"
    shutil.copytree(DEFAULT_PATH, changed_root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    file = changed_root / "providers" / "ontario-tech.yaml"
    file.write_text(file.read_text().replace("expected to launch in the spring", "expected to launch in spring"))
    changed = load_knowledge(changed_root)
    assert changed.content_hash != kb.content_hash
    rebuilt = ensure_index(changed, FakeEmbedder(), tmp_path / "data").manifest
    assert rebuilt.build_id != first.build_id and rebuilt.kb_hash == changed.content_hash


class ExplodingEmbedder(FakeEmbedder):
    """Fails after the first batch, like a process killed mid-build."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        if self.calls > 1:
            raise KeyboardInterrupt("killed mid-build")
        return super().encode(texts)


def test_interrupted_build_leaves_previous_index_loadable(tmp_path: Path, kb: KnowledgeBase) -> None:
    before = build_index(kb, FakeEmbedder(), tmp_path)
    with pytest.raises(KeyboardInterrupt):
        build_index(kb, ExplodingEmbedder(), tmp_path, batch_size=4)
    assert read_manifest(tmp_path).build_id == before.build_id
    loaded = load_index(tmp_path)
    assert loaded.index.ntotal == len(kb.credentials)


def test_corrupt_current_pointer_is_reported_not_crashing(tmp_path: Path, kb: KnowledgeBase) -> None:
    build_index(kb, FakeEmbedder(), tmp_path)
    (index_root(tmp_path) / "CURRENT").write_text("no-such-build")
    with pytest.raises(IndexMissing):
        load_index(tmp_path)
    assert ensure_index(kb, FakeEmbedder(), tmp_path).index.ntotal == len(kb.credentials)


def test_old_builds_are_pruned(tmp_path: Path, kb: KnowledgeBase) -> None:
    for _ in range(4):
        build_index(kb, FakeEmbedder(), tmp_path)
    assert len(list((index_root(tmp_path) / "builds").iterdir())) == 2
