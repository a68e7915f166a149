"""A SYNTHETIC year of a busy deployment's analytics events, and the report's time on it (not part of test).

    .venv/bin/python -m bench.insights_synth --events 10000000 --out /tmp/insights-10m   # generate + time the report

The events follow the export's schema (Parquet, ``bot.insights.events.COLUMNS``): turns spread over 365 days with a
weekly rhythm, about three turns per conversation-day, 2% of them unmet (no or weak result, fallback) with 20,000
distinct phrasings drawn with a Zipf-like popularity from templates x subjects nobody offers x places, answered
searches over the real knowledge base's records, 2% of answers rated. Vectorised with numpy and written with
pyarrow in chunks of a million rows.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

SUBJECTS = (
    "beekeeping", "welding", "truck driving", "AZ licence", "hairdressing", "dog grooming", "bookkeeping",
    "real estate", "plumbing", "electrician apprenticeship", "forklift", "scuba diving", "piano", "french",
    "sign language", "pharmacy assistant", "dental assistant", "medical office admin", "early childhood education",
    "personal trainer", "massage therapy", "esthetics", "baking", "culinary arts", "photography", "drone pilot",
    "solar panel installation", "HVAC", "auto mechanic", "small engine repair", "carpentry", "landscaping",
    "security guard licence", "paralegal", "insurance licence", "mortgage agent", "payroll", "excel", "quickbooks",
    "python programming", "web design", "social media marketing", "video game design", "3d printing", "farming",
    "horticulture", "veterinary assistant", "crane operator", "heavy equipment", "wind turbine technician",
    "tattoo artist", "nail technician", "barista", "bartending", "sewing", "upholstery", "locksmith",
    "court reporting", "medical coding", "translation",
)  # fmt: skip
TEMPLATES = (
    "{s}", "{s} courses", "any {s} courses?", "I want to learn {s}", "{s} training near {p}", "how do I get into {s}",
    "{s} classes for beginners", "{s} course in {p}", "do you have {s}", "looking for a {s} certificate",
    "is there {s} training", "where can I study {s}", "{s} evening classes", "free {s} training", "{s} online",
    "cheap {s} course", "{s} program at durham college", "I lost my job, can I retrain in {s}", "{s} in {p}?",
    "short {s} course",
)  # fmt: skip
PLACES = ("oshawa", "whitby", "ajax", "pickering", "clarington", "bowmanville", "uxbridge", "port perry", "durham",
          "peterborough", "scugog", "brock")  # fmt: skip
CHANNELS = np.array(["chat", "chat", "chat", "chat", "chat", "chat", "telegram", "sms", "rest"])
LANGS = np.array(["en", "en", "en", "en", "en", "fr", "en-CA", ""])
INTENTS = np.array(
    ["search_credentials"] * 6 + ["credential_details", "cost_and_funding", "enrolment", "greet", "thank"]
)
UNMET = np.array(["weak_result", "weak_result", "no_result", "fallback"])


PREFIXES = ("", "hi, ", "hello ", "um ", "ok so ", "question: ")
SUFFIXES = ("", " please", " for adults", " part time", " near me", "?", " asap", " for newcomers")


def phrasings(count: int, *, seed: int = 0) -> list[str]:
    """``count`` distinct phrasings of subjects nobody offers, a seeded sample of all the combinations."""
    texts = {
        prefix + template.format(s=subject, p=place) + suffix
        for template, subject, place, prefix, suffix in itertools.product(
            TEMPLATES, SUBJECTS, PLACES[:4], PREFIXES, SUFFIXES
        )
    }
    ordered = sorted(texts)
    picked = np.random.default_rng(seed).choice(len(ordered), size=min(count, len(ordered)), replace=False)
    return [ordered[i] for i in picked]


def generate(out_dir: Path, *, events: int, distinct_texts: int = 20_000, days: int = 365, seed: int = 0,
             now: float | None = None, chunk: int = 1_000_000) -> Path:  # fmt: skip
    """Write ``events`` synthetic events (about 2% unmet, 2% of answers rated) as Parquet under ``out_dir``."""
    from knowledge.loader import load_knowledge

    kb = load_knowledge()
    ids = np.array([c.id for c in kb.credentials])
    areas = np.array([(c.areas or ("Not yet announced",))[0] for c in kb.credentials])
    providers = np.array([c.provider for c in kb.credentials])
    texts = np.array(phrasings(distinct_texts))
    popularity = 1.0 / np.arange(1, len(texts) + 1) ** 0.9
    popularity /= popularity.sum()
    rng = np.random.default_rng(seed)
    now = time.time() if now is None else now
    start_hour = int((now - days * 86400) // 3600)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "synthetic-events.parquet"
    writer: pq.ParquetWriter | None = None
    written = 0
    conversation_base = 0
    while written < events:
        n = min(chunk, events - written)
        conversations = n // 3 + 1
        conv = conversation_base + rng.integers(0, conversations, n)
        conversation_base += conversations
        conv_hour = start_hour + (conv * 7919) % (days * 24)  # each conversation-day sits in one hour
        hour = conv_hour * 3600
        unmet = rng.random(n) < 0.02
        intent = rng.choice(INTENTS, n)
        intent[unmet] = "search_credentials"
        outcome = np.where(unmet, rng.choice(UNMET, n), "answered").astype(object)
        intent[unmet & (outcome == "fallback")] = "out_of_scope"
        text = np.where(unmet, rng.choice(texts, n, p=popularity), None)
        record = rng.integers(0, len(ids), (n, 3))
        has_results = np.isin(intent, ["search_credentials", "credential_details"]) & (outcome != "no_result")
        offsets = np.concatenate([[0], np.cumsum(np.where(has_results, 3, 0))]).astype(np.int32)
        flat = record[has_results].ravel()
        searched = intent == "search_credentials"
        with_area = searched & (rng.random(n) < 0.4)
        turn_ids = pc.cast(pa.array(written + np.arange(n)), pa.string())
        table = pa.table(
            {
                "kind": pa.array(["turn"] * n),
                "hour": pa.array(hour, pa.int64()),
                "conversation": pc.cast(pa.array(conv), pa.string()),
                "turn_id": turn_ids,
                "channel": pa.array(rng.choice(CHANNELS, n)),
                "lang": pa.array(np.where(rng.random(n) < 0.7, rng.choice(LANGS, n), None)),
                "intent": pa.array(intent),
                "confidence": pa.array(rng.uniform(0.3, 1.0, n)),
                "outcome": pa.array(outcome, pa.string()),
                "area": pa.array(np.where(with_area, areas[record[:, 0]], None)),
                "provider": pa.array(np.where(with_area & (rng.random(n) < 0.3), providers[record[:, 0]], None)),
                "cost": pa.array([None] * n, pa.string()),
                "delivery": pa.array([None] * n, pa.string()),
                "status": pa.array([None] * n, pa.string()),
                "results": pa.ListArray.from_arrays(pa.array(offsets), pc.take(pa.array(ids), pa.array(flat))),
                "scores": pa.ListArray.from_arrays(pa.array(offsets), pa.array(rng.uniform(0, 0.05, len(flat)))),
                "top_cosine": pa.array(np.where(has_results, rng.uniform(0.1, 0.8, n), np.nan), from_pandas=True),
                "latency_ms": pa.array(rng.gamma(2.0, 6.0, n)),
                "text": pa.array(text, pa.string()),
                "helpful": pa.array([None] * n, pa.bool_()),
                "comment": pa.array([None] * n, pa.string()),
                "v": pa.array(np.ones(n, np.int32)),
            }
        )
        rated = np.flatnonzero(rng.random(n) < 0.02)
        feedback = table.take(pa.array(rated)).drop_columns(["helpful"])
        feedback = feedback.set_column(0, "kind", pa.array(["feedback"] * len(rated)))
        feedback = feedback.append_column("helpful", pa.array(rng.random(len(rated)) < 0.7))
        feedback = feedback.select(table.column_names)
        for column in ("intent", "outcome", "text", "area", "provider"):
            index = feedback.column_names.index(column)
            feedback = feedback.set_column(index, column, pa.nulls(len(rated), pa.string()))
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema, compression="zstd")
        writer.write_table(table)
        writer.write_table(feedback.cast(table.schema))
        written += n
    assert writer is not None
    writer.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/insights-synthetic"))
    parser.add_argument("--embedder", choices=("real", "fake"), default="real")
    parser.add_argument("--skip-generate", action="store_true")
    args = parser.parse_args()
    if not args.skip_generate:
        started = time.perf_counter()
        path = generate(args.out / "source", events=args.events, distinct_texts=args.texts)
        print(f"generated {args.events:,} events in {time.perf_counter() - started:.1f} s: {path}")
    from bot.cli import prepare_model
    from bot.insights.render import write_html
    from bot.insights.report import build_report
    from bot.runtime import make_query_embedder
    from bot.settings import Settings
    from index.embedder import Embedder, FakeEmbedder
    from knowledge.loader import load_knowledge

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    embedder: Embedder = FakeEmbedder()
    if args.embedder == "real":  # what `advisor insights report` uses: the configured backend (ONNX int8 default)
        settings = Settings(data_dir=args.out / "data", store="memory")
        prepare_model(settings)
        embedder = make_query_embedder(settings)
    for run in ("first (no embedding cache)", "second (cached)"):
        started = time.perf_counter()
        report = build_report([args.out / "source"], kb=load_knowledge(), embedder=embedder, since_days=365,
                              cache_path=args.out / "cache.npz")  # fmt: skip
        write_html(report, args.out / "report.html")
        print(f"report {run}: {time.perf_counter() - started:.1f} s -> {args.out / 'report.html'}")


if __name__ == "__main__":
    main()
