"""The floor: the bare in-process sentence-transformers (torch, fp32) encode of each query, one at a time.

Run in its own process so torch never shares the orchestrator or the server. Measured with torch's default
thread count and with one thread; the faster p50 is the floor (the harder target for the server to beat).

    python -m bench.floor --queries q.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path


def measure(queries: list[str], *, threads: int | None, warmup: int = 20) -> dict[str, float | int]:
    import torch
    from sentence_transformers import SentenceTransformer

    from index.embedder import packaged_model_path

    if threads:
        torch.set_num_threads(threads)
    model = SentenceTransformer(str(packaged_model_path()), device="cpu", local_files_only=True)
    for text in queries[:warmup]:
        model.encode([text], normalize_embeddings=True, show_progress_bar=False)
    times = []
    for text in queries:
        t0 = time.perf_counter()
        model.encode([text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "threads": torch.get_num_threads(),
        "count": len(times),
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 3),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=Path, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    queries = json.loads(args.queries.read_text())
    runs = [measure(queries, threads=None), measure(queries, threads=1)]
    best = min(runs, key=lambda r: r["p50_ms"])
    json.dump({"p50_ms": best["p50_ms"], "threads": best["threads"], "runs": runs}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
