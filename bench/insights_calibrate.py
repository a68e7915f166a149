"""Calibrate the weak-result threshold (``ADVISOR_WEAK_RESULT_COSINE``) on the labelled eval sets (not part of test).

Answerable questions: every query of ``tests/data/retrieval_eval.yaml`` and ``retrieval_heldout.yaml`` (each has a
right answer in the knowledge base) and the ``search_credentials`` examples of ``intents_eval.yaml``. Unanswerable:
the ``out_of_scope`` examples of ``intents_eval.yaml`` (nothing we know is about them). For each, the top dense cosine
among the three results the advisor would show (hybrid search, real model).

The cosine separates chit-chat from answerable questions perfectly (a cut near 0.14), but a question about a subject
nobody offers ("beekeeping courses") scores 0.18-0.33, inside the answerable range: generic words (course,
training) match every record. So the threshold is the 10th percentile of the answerable questions, rounded down to
0.05: the price of catching unmet subjects is that about one answerable question in ten is kept as "weak" too
(its redacted text then reaches the report's topics, where K and the coordinator's reading sort it out).

    .venv/bin/python -m bench.insights_calibrate
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]


def top_cosines(queries: list[str]) -> np.ndarray:
    from bot.runtime import load_runtime
    from bot.settings import Settings
    from index.embedder import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    embedder.load()
    with tempfile.TemporaryDirectory() as tmp:
        runtime = load_runtime(Settings(data_dir=Path(tmp), store="memory"), embedder=embedder)
        out = []
        for query in queries:
            hits = runtime.searcher.search(query, k=3)
            out.append(max((h.dense_score or 0.0) for h in hits) if hits else 0.0)
    return np.asarray(out)


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    data = ROOT / "tests" / "data"
    positives = [q["query"] for name in ("retrieval_eval.yaml", "retrieval_heldout.yaml")
                 for q in yaml.safe_load((data / name).read_text())]  # fmt: skip
    intents = yaml.safe_load((data / "intents_eval.yaml").read_text())
    positives += list(intents["search_credentials"])
    negatives = list(intents["out_of_scope"])
    pos, neg = top_cosines(positives), top_cosines(negatives)
    threshold = float(np.floor(np.percentile(pos, 10) / 0.05) * 0.05)
    print(f"answerable n={len(pos)}: min {pos.min():.3f} p5 {np.percentile(pos, 5):.3f} median {np.median(pos):.3f}")
    print(f"out of scope n={len(neg)}: median {np.median(neg):.3f} max {neg.max():.3f}")
    print(f"threshold {threshold}: answerable kept {(pos >= threshold).mean():.3f}, "
          f"out of scope caught {(neg < threshold).mean():.3f}")  # fmt: skip
    for query, score in sorted(zip(positives, pos, strict=True), key=lambda p: p[1])[:8]:
        print(f"  lowest answerable {score:.3f} {query}")


if __name__ == "__main__":
    main()
