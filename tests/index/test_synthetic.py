"""The scale benchmark's machinery, on small SYNTHETIC catalogues with the fake embedder."""

from __future__ import annotations

import numpy as np

from index.synthetic import PerturbedEmbedder, run_benchmark, synthetic_kb


def test_synthetic_catalogue_is_marked_and_deterministic() -> None:
    kb = synthetic_kb(50, distinct=8)
    assert all(c.id.startswith("synthetic-") and "[synthetic " in c.title for c in kb.credentials)
    embedder = PerturbedEmbedder(np.eye(8, 16, dtype=np.float32), model="test")
    first, again = embedder.encode([kb.credentials[9].title]), embedder.encode([kb.credentials[9].title])
    assert np.array_equal(first, again) and abs(float(np.linalg.norm(first)) - 1) < 1e-5
    assert int(np.argmax(first[0])) == 9 % 8  # record 9 sits near base text 1


def test_run_benchmark_builds_flat_and_hnsw_and_measures_them() -> None:
    rows = run_benchmark([300, 600], queries=10, distinct=32, embedder="fake", hnsw_threshold=500, isolate=False)
    assert [r.index_type for r in rows] == ["flat", "hnsw"]
    for row in rows:
        assert row.synthetic and row.disk_mb > 0 and row.rss_mb > 0 and row.build_seconds > 0
        assert 0 < row.dense_p50_ms <= row.dense_p95_ms
        assert "SYNTHETIC" in row.method_note
    assert rows[0].recall_at_10 == 1.0 and rows[1].recall_at_10 > 0.5
    assert rows[1].params["M"] == 32
    assert rows[1].latency_ms.keys() >= {"dense broad", "lexical narrow", "hybrid unfiltered"}
    assert rows[1].filtered_recall_at_10 > 0.5
