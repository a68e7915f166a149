"""``advisor eval retrieval`` and ``advisor bench index``: measure retrieval quality and index scale.

Registered in ``bot/cli.py`` as the typer groups ``eval`` (``eval_app``) and ``bench`` (``bench_app``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from bot.settings import get_settings

eval_app = typer.Typer(help="Measure the advisor against labelled sets.", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)


@eval_app.command("retrieval")
def eval_retrieval(
    set_path: Annotated[
        Path | None, typer.Option("--set", help="Labelled query set (default: tests/data/retrieval_eval.yaml)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print only the JSON summary")] = False,
    show_misses: Annotated[bool, typer.Option(help="List the queries each mode misses at 3")] = True,
) -> None:
    """Hit@1, hit@3, MRR and filter violations for dense-only, lexical-only and hybrid search, side by side."""
    from bot.runtime import load_runtime
    from index.evaluation import check_eval_set, evaluate, load_eval_set

    settings = get_settings()
    queries = load_eval_set(set_path)
    runtime = load_runtime(settings)
    problems = check_eval_set(queries, runtime.kb)
    if problems:
        for problem in problems:
            err_console.print(f"[red]label problem[/red]: {problem}", markup=True, highlight=False)
        raise typer.Exit(2)
    report = evaluate(runtime.searcher, queries)
    summary = report.as_dict()
    if as_json:
        print(json.dumps(summary, indent=2))
        return
    table = Table(title=f"Retrieval on {len(queries)} labelled queries ({runtime.embedder.name})")
    for column in ("mode", "hit@1", "hit@3", "MRR@10", "filter violations"):
        table.add_column(column, justify="left" if column == "mode" else "right")
    for mode, scores in report.scores.items():
        table.add_row(
            mode, f"{scores.hit_at_1:.3f}", f"{scores.hit_at_3:.3f}", f"{scores.mrr:.3f}", str(scores.violations)
        )
    console.print(table)
    console.print(f"Filters read correctly from {report.filter_accuracy:.1%} of the queries.")
    if show_misses:
        for mode in report.scores:
            for miss in report.misses(mode):
                console.print(
                    f"  [dim]{mode} miss[/dim]: {miss.query!r} -> {', '.join(miss.ranked[:3]) or 'nothing'}",
                    highlight=False,
                )
    console.print_json(json.dumps(summary))


@bench_app.command("index")
def bench_index(
    sizes: Annotated[str, typer.Option(help="Comma-separated synthetic catalogue sizes")] = "1000,10000,100000",
    queries: Annotated[int, typer.Option(help="Timed queries per size")] = 200,
    distinct: Annotated[int, typer.Option(help="Distinct synthetic texts embedded with the real model")] = 512,
    embedder: Annotated[str, typer.Option(help="real (the packaged model) or fake (hash embedder, no torch)")] = "real",
    as_json: Annotated[bool, typer.Option("--json", help="Print only JSON")] = False,
) -> None:
    """Build and search SYNTHETIC catalogues (never the knowledge base) and print their cost at each size."""
    from index.synthetic import run_benchmark

    settings = get_settings()
    counts = [int(s) for s in sizes.split(",") if s.strip()]
    rows = run_benchmark(
        counts,
        queries=queries,
        distinct=distinct,
        embedder=embedder,
        hnsw_threshold=settings.hnsw_threshold,
        hnsw_m=settings.hnsw_m,
        hnsw_ef_search=settings.hnsw_ef_search,
        log=None if as_json else err_console.print,
    )
    if as_json:
        print(json.dumps([row.as_dict() for row in rows], indent=2))
        return
    table = Table(title="Index benchmark on SYNTHETIC catalogues (generated, never the knowledge base)")
    columns = (
        "records",
        "index",
        "build s",
        "disk MB",
        "RSS MB",
        "dense p50/p95 ms",
        "hybrid p50/p95 ms",
        "filtered p50/p95 ms",
        "recall@10",
    )
    for column in columns:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(
            f"{row.records:,}",
            row.index_type,
            f"{row.build_seconds:.1f}",
            f"{row.disk_mb:.1f}",
            f"{row.rss_mb:.0f}",
            f"{row.dense_p50_ms:.2f} / {row.dense_p95_ms:.2f}",
            f"{row.hybrid_p50_ms:.2f} / {row.hybrid_p95_ms:.2f}",
            f"{row.filtered_p50_ms:.2f} / {row.filtered_p95_ms:.2f}",
            f"{row.recall_at_10:.3f}",
        )
    wide = Console(width=max(console.width, 150))
    wide.print(table)
    wide.print(latency_table(rows))
    if rows:
        console.print(rows[0].method_note, highlight=False)


def latency_table(rows: list[Any]) -> Table:
    """p50 / p95 ms per retriever and filter (narrow: area and online, 1 in 30; broad: online, 1 in 3), and the
    broad-filtered dense recall@10 against exact search over the same allowed records."""
    table = Table(title="Search latency per retriever, encode excluded (p50 / p95 ms; SYNTHETIC catalogues)")
    table.add_column("records", justify="right")
    names = [f"{m} {f}" for f in ("unfiltered", "narrow", "broad") for m in ("dense", "lexical", "hybrid")]
    for name in names:
        table.add_column(name, justify="right")
    table.add_column("filtered recall@10", justify="right")
    for row in rows:
        cells = [f"{row.latency_ms[n][0]:.2f} / {row.latency_ms[n][1]:.2f}" for n in names]
        table.add_row(f"{row.records:,}", *cells, f"{row.filtered_recall_at_10:.3f}")
    return table


@bench_app.command("catalogue")
def bench_catalogue_command(
    sizes: Annotated[str, typer.Option(help="Comma-separated SYNTHETIC CTDL dump sizes")] = "10000",
    queries: Annotated[int, typer.Option(help="Timed queries per size")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print only JSON")] = False,
) -> None:
    """Import a SYNTHETIC CTDL dump, embed every record with the real model, search it: times per size."""
    from index.catalogue_bench import bench_catalogue

    settings = get_settings()
    if settings.embedder_backend.startswith("onnx"):
        from index.onnx_embedder import export_onnx

        export_onnx(settings.data_dir, quantized=settings.embedder_backend == "onnx-int8")  # once, then cached
    rows = [
        bench_catalogue(int(n), settings=settings, queries=queries, log=None if as_json else err_console.print)
        for n in sizes.split(",")
        if n.strip()
    ]
    if as_json:
        print(json.dumps([row.as_dict() for row in rows], indent=2))
        return
    table = Table(title="SYNTHETIC CTDL catalogue: import, build with the real model, search (encode excluded)")
    for column in ("records", "imported", "import s", "load s", "build s", "records/s", "RSS MB", "index"):
        table.add_column(column, justify="right")
    names = [f"{m} {f}" for f in ("unfiltered", "narrow", "broad") for m in ("dense", "lexical", "hybrid")]
    for row in rows:
        table.add_row(f"{row.records_in_dump:,}", f"{row.records_imported:,}", f"{row.import_seconds:.1f}",
                      f"{row.load_seconds:.1f}", f"{row.build_seconds:.1f}", f"{row.records_per_second:.0f}",
                      f"{row.rss_mb:.0f}", row.index_type)  # fmt: skip
    wide = Console(width=max(console.width, 150))
    wide.print(table)
    latency = Table(title="p50 / p95 ms per retriever and filter (narrow: Trades + online; broad: online)")
    latency.add_column("records", justify="right")
    for name in names:
        latency.add_column(name, justify="right")
    for row in rows:
        cells = [f"{row.latency_ms[n][0]:.2f} / {row.latency_ms[n][1]:.2f}" for n in names]
        latency.add_row(f"{row.records_in_dump:,}", *cells)
    wide.print(latency)
