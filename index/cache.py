"""An LRU cache of query embeddings in front of any Embedder, keyed on normalised text.

Chat traffic repeats itself (buttons send the same text, people ask the same few things), and the model is the
dearest part of a turn, so a hit saves almost all of it. The key folds case and whitespace, which the uncased
all-MiniLM-L6-v2 tokenizer ignores anyway, so a hit returns exactly the vector the model would have given.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from index.embedder import Embedder

if TYPE_CHECKING:
    from numpy.typing import NDArray


# Longer texts are encoded but not remembered: they seldom repeat, and a cache keyed by what people type must stay
# small whatever they type (2,048 keys of at most this many characters plus 1.5 KB vectors: under 4 MB; review L2).
MAX_CACHED_CHARS = 256


def cache_key(text: str) -> str:
    """Lower case, runs of whitespace collapsed, ends trimmed: differences the uncased tokenizer never sees."""
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class CacheStats:
    hits: int
    misses: int
    size: int
    capacity: int


class CachedEmbedder:
    """Wraps an Embedder; ``encode`` serves cached rows and sends only the misses, in one batch, to the model."""

    def __init__(self, inner: Embedder, *, capacity: int = 2048) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.capacity = capacity
        self._rows: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    @property
    def announces_run(self) -> bool:
        return bool(getattr(self.inner, "announces_run", False))

    def load(self) -> None:
        load = getattr(self.inner, "load", None)
        if load is not None:
            load()

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        keys = [cache_key(t) for t in texts]
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for row, key in enumerate(keys):
                cached = self._rows.get(key)
                if cached is None:
                    missing.setdefault(key, []).append(row)
                else:
                    self._rows.move_to_end(key)
                    out[row] = cached
            self._hits += len(keys) - sum(len(rows) for rows in missing.values())
            self._misses += len(missing)
        if not missing:
            return out
        # Encode the original text of the first occurrence (the model normalises the rest itself).
        vectors = self.inner.encode([texts[rows[0]] for rows in missing.values()])
        with self._lock:
            for (key, rows), vector in zip(missing.items(), vectors, strict=True):
                out[rows] = vector
                if self.capacity <= 0 or len(key) > MAX_CACHED_CHARS:
                    continue
                stored = vector.copy()
                stored.setflags(write=False)
                self._rows[key] = stored
                self._rows.move_to_end(key)
                while len(self._rows) > self.capacity:
                    self._rows.popitem(last=False)
        return out

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(hits=self._hits, misses=self._misses, size=len(self._rows), capacity=self.capacity)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
