"""Unmet questions grouped by meaning: embed each distinct phrasing once (cached by text hash), then cluster.

Clustering is scikit-learn's agglomerative clustering (average linkage on cosine distance, cut at a distance, so the
number of topics follows the data). Its memory is quadratic, so past ``DIRECT_LIMIT`` phrasings they are first
condensed by MiniBatchKMeans into micro-clusters, whose centroids are then clustered the same way.
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

# Cosine distance at which two groups stop merging: different wordings of one subject ("beekeeping courses", "how do
# I get into beekeeping") are closer than this with all-MiniLM-L6-v2; distinct subjects are further apart.
TOPIC_DISTANCE = 0.6
DIRECT_LIMIT = 3000
MICRO_CLUSTERS = 1200
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

    def embed(self, texts: list[str], embedder: Embedder) -> NDArray[np.float32]:
        hashes = [text_hash(t) for t in texts]
        missing = [(h, t) for h, t in zip(hashes, texts, strict=True) if h not in self._vectors]
        for start in range(0, len(missing), BATCH):
            chunk = missing[start : start + BATCH]
            vectors = embedder.encode([t for _, t in chunk])
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


def cluster(vectors: NDArray[np.float32], *, distance: float = TOPIC_DISTANCE) -> NDArray[np.int64]:
    """A topic number per row of ``vectors``."""
    if len(vectors) == 0:
        return np.zeros(0, dtype=np.int64)
    vectors = _normalise(vectors)
    if len(vectors) <= DIRECT_LIMIT:
        return _agglomerate(vectors, distance)
    from sklearn.cluster import MiniBatchKMeans

    micro = MiniBatchKMeans(n_clusters=MICRO_CLUSTERS, random_state=0, n_init=1, batch_size=4096)
    assignment = micro.fit_predict(vectors)
    centroids = _normalise(np.asarray(micro.cluster_centers_, dtype=np.float32))
    topics: NDArray[np.int64] = _agglomerate(centroids, distance)[assignment]
    return topics
