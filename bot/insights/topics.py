"""Unmet questions grouped by meaning: embed each distinct phrasing once (cached by text hash), then cluster.

Clustering is scikit-learn's agglomerative clustering (average linkage on cosine distance, cut at a distance, so the
number of topics follows the data). Its time and memory are quadratic, so past ``DIRECT_LIMIT`` phrasings the
commonest ``DIRECT_LIMIT`` are clustered, every other phrasing joins the topic whose centroid is within the same
distance, and those left over are clustered the same way, round after round. (MiniBatchKMeans to condense 20,000
phrasings first was tried: 30 s on this machine against about 2 s for this.)
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from index.embedder import Embedder

logger = logging.getLogger(__name__)

# Cosine distance at which two groups stop merging (average linkage): with all-MiniLM-L6-v2, six wordings of one
# subject ("beekeeping classes for beginners", "is there a course on keeping bees and honey") still meet at 0.45,
# while unrelated subjects that share filler words ("payroll training near ajax for newcomers", "photography in
# ajax? for newcomers") merged at 0.5 and 0.6.
TOPIC_DISTANCE = 0.45
DIRECT_LIMIT = 3000
BATCH = 256


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


class EmbeddingCache:
    """Vectors of phrasings by text hash, in one ``.npz`` file per model (the report's only state)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._vectors: dict[str, NDArray[np.float32]] = {}
        if path is not None and path.exists():
            try:
                with np.load(path) as data:
                    keys, vectors = data["keys"], data["vectors"]
                self._vectors = {str(k): v for k, v in zip(keys, vectors, strict=True)}
            except (OSError, ValueError, KeyError) as exc:
                logger.warning("embedding cache %s unreadable (%s); starting afresh", path, exc)

    def embed(self, texts: list[str], embedder: Embedder, *, workers: int = 2) -> NDArray[np.float32]:
        """The vectors of ``texts``, encoding only those not cached, in batches on ``workers`` threads (the ONNX
        and torch backends release the GIL while they run)."""
        from concurrent.futures import ThreadPoolExecutor

        hashes = [text_hash(t) for t in texts]
        missing = list(dict.fromkeys((h, t) for h, t in zip(hashes, texts, strict=True) if h not in self._vectors))
        chunks = [missing[start : start + BATCH] for start in range(0, len(missing), BATCH)]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            encoded = pool.map(lambda chunk: embedder.encode([t for _, t in chunk]), chunks)
            for chunk, vectors in zip(chunks, encoded, strict=True):
                for (h, _), vector in zip(chunk, vectors, strict=True):
                    self._vectors[h] = np.asarray(vector, dtype=np.float32)
        if missing and self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            keys = np.array(list(self._vectors))
            np.savez(self.path, keys=keys, vectors=np.stack(list(self._vectors.values())))
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self._vectors[h] for h in hashes])


def _normalise(vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: NDArray[np.float32] = vectors / np.maximum(norms, 1e-12)
    return normalised


def _agglomerate(vectors: NDArray[np.float32], distance: float) -> NDArray[np.int64]:
    from sklearn.cluster import AgglomerativeClustering

    if len(vectors) == 1:
        return np.zeros(1, dtype=np.int64)
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance)
    return np.asarray(model.fit_predict(vectors), dtype=np.int64)


def cluster(
    vectors: NDArray[np.float32], *, weights: NDArray[np.float64] | None = None, distance: float = TOPIC_DISTANCE
) -> NDArray[np.int64]:
    """A topic number per row of ``vectors``; ``weights`` (how often each was asked) put the commonest first."""
    count = len(vectors)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    vectors = _normalise(vectors)
    if count <= DIRECT_LIMIT:
        return _agglomerate(vectors, distance)
    labels = np.full(count, -1, dtype=np.int64)
    remaining = np.argsort(-weights, kind="stable") if weights is not None else np.arange(count)
    next_label = 0
    while len(remaining):
        head, rest = remaining[:DIRECT_LIMIT], remaining[DIRECT_LIMIT:]
        head_labels = _agglomerate(vectors[head], distance) + next_label
        labels[head] = head_labels
        next_label = int(head_labels.max()) + 1
        if not len(rest):
            break
        topics = np.unique(head_labels)
        centroids = _normalise(np.stack([vectors[head[head_labels == t]].mean(axis=0) for t in topics]))
        similarity = vectors[rest] @ centroids.T
        best = similarity.argmax(axis=1)
        joined = similarity[np.arange(len(rest)), best] >= 1.0 - distance
        labels[rest[joined]] = topics[best[joined]]
        remaining = rest[~joined]
    return labels
