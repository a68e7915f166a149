"""The embedder factory, and the ONNX backends against sentence-transformers (real tier)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.embedder import (
    MODEL_NAME,
    Embedder,
    FakeEmbedder,
    SentenceTransformerEmbedder,
    document_backend,
    make_embedder,
)
from index.onnx_embedder import OnnxEmbedder, export_onnx

SENTENCES = [
    "free courses in health sciences",
    "hi",
    "I got laid off from the GM plant in Oshawa, what can I study?",
    "Cybersecurity micro-credentials at Durham College, offered online, evenings and weekends.",
    "what is a micro-credential?",
    "Teaching Math and Coding – Ontario Tech University",
    "donning and doffing PPE",
    "infection control " * 150,  # longer than the 256-token limit: truncated the same way
]


def test_make_embedder_picks_the_backend(tmp_path: Path) -> None:
    assert isinstance(make_embedder("fake"), FakeEmbedder)
    assert isinstance(make_embedder("sentence-transformers", backend="torch"), SentenceTransformerEmbedder)
    onnx = make_embedder("sentence-transformers", backend="onnx", data_dir=tmp_path)
    int8 = make_embedder("sentence-transformers", backend="onnx-int8", data_dir=tmp_path)
    assert isinstance(onnx, OnnxEmbedder) and not onnx.quantized
    assert isinstance(int8, OnnxEmbedder) and int8.quantized
    # Same name as torch: fp32 shares its index; int8 only embeds queries against fp32 records.
    assert onnx.name == int8.name == MODEL_NAME
    with pytest.raises(ValueError, match="backend"):
        make_embedder("sentence-transformers", backend="tensorrt")


def test_int8_records_are_embedded_at_fp32() -> None:
    assert document_backend("onnx-int8") == "onnx"
    assert document_backend("onnx") == "onnx"
    assert document_backend("torch") == "torch"


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)))


@pytest.mark.real
def test_export_is_cached_and_atomic(onnx_data_dir: Path) -> None:
    models = sorted(p.name for p in (onnx_data_dir / "models").iterdir())
    assert len(models) == 2 and any(name.endswith("-int8.onnx") for name in models)
    assert not any(name.endswith(".tmp") for name in models)
    before = {p: p.stat().st_mtime_ns for p in (onnx_data_dir / "models").iterdir()}
    export_onnx(onnx_data_dir, quantized=True)
    assert before == {p: p.stat().st_mtime_ns for p in (onnx_data_dir / "models").iterdir()}


@pytest.mark.real
def test_onnx_fp32_gives_sentence_transformers_vectors(onnx_data_dir: Path, real_embedder: Embedder) -> None:
    reference = real_embedder.encode(SENTENCES)
    onnx = OnnxEmbedder(onnx_data_dir)
    single = np.vstack([onnx.encode([s]) for s in SENTENCES])  # the serving path: no padding
    batch = onnx.encode(SENTENCES)  # the index-build path: padded to the longest
    assert single.dtype == np.float32 and single.shape == reference.shape
    assert _cosines(single, reference).min() >= 0.9999
    assert _cosines(batch, reference).min() >= 0.9999
    assert np.allclose(np.linalg.norm(single, axis=1), 1.0, atol=1e-5)


@pytest.mark.real
def test_onnx_int8_stays_close_to_fp32(onnx_data_dir: Path, real_embedder: Embedder) -> None:
    reference = real_embedder.encode(SENTENCES)
    int8 = OnnxEmbedder(onnx_data_dir, quantized=True)
    vectors = np.vstack([int8.encode([s]) for s in SENTENCES])
    cosines = _cosines(vectors, reference)
    assert cosines.min() >= 0.98, cosines
