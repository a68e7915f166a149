"""``advisor insights report`` and ``advisor insights export``: the analytics, read by the operator.

Registered in ``bot/cli.py`` as the typer group ``insights`` (``insights_app``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.settings import get_settings

insights_app = typer.Typer(help="Insights for institutions: unmet demand and feedback.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)

SourceOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--source",
        help="A folder of event files or Parquet exports (repeat for several hosts; default: the data directory's)",
    ),
]


def _sources(given: list[Path] | None) -> list[Path]:
    from bot.insights.recorder import INSIGHTS_DIR

    sources = list(given or [get_settings().data_dir / INSIGHTS_DIR])
    missing = [str(s) for s in sources if not s.is_dir()]
    if missing:
        err_console.print(f"[red]No such folder[/red]: {', '.join(missing)}. Point --source at an insights folder.")
        raise typer.Exit(2)
    return sources


@insights_app.command("report")
def insights_report(
    since: Annotated[int, typer.Option("--since", min=1, max=3660, help="Days back from now")] = 90,
    provider: Annotated[str | None, typer.Option("--provider", help="Only this provider's records (its id)")] = None,
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write")] = Path("insights-report.html"),
    min_people: Annotated[
        int, typer.Option("--min-people", min=2, help="K: no text is shown unless this many conversation-days used it")
    ] = 5,
    csv_dir: Annotated[Path | None, typer.Option("--csv", help="Also write each table as CSV into this folder")] = None,
    source: SourceOption = None,
) -> None:
    """One self-contained HTML report (and CSV tables) of what was asked, what was not found, and what helped."""
    from bot.insights.recorder import INSIGHTS_DIR
    from bot.insights.render import write_csv, write_html
    from bot.insights.report import ReportError, build_report
    from bot.runtime import make_query_embedder
    from knowledge.loader import load_knowledge

    settings = get_settings()
    sources = _sources(source)
    started = time.perf_counter()
    kb = load_knowledge(settings.knowledge_path)
    embedder = make_query_embedder(settings)
    cache = settings.data_dir / INSIGHTS_DIR / "cache" / f"phrases-{settings.embedder}-{settings.embedder_backend}.npz"
    try:
        report = build_report(
            sources, kb=kb, embedder=embedder, since_days=since, provider=provider, min_people=min_people,
            cache_path=cache,
        )  # fmt: skip
    except ReportError as exc:
        err_console.print(f"[red]Report not made[/red]: {exc}")
        raise typer.Exit(2) from exc
    write_html(report, out)
    console.print(f"Wrote {out} ({time.perf_counter() - started:.1f} s)")
    if csv_dir is not None:
        paths = write_csv(report, csv_dir)
        console.print(f"Wrote {len(paths)} CSV table(s) to {csv_dir}")


@insights_app.command("export")
def insights_export(
    out: Annotated[Path, typer.Option("--out", help="Folder for the merged Parquet file")],
    source: SourceOption = None,
) -> None:
    """Merge the event files of one or several hosts (copy each host's insights folder here) into Parquet."""
    from bot.insights.report import export_parquet

    target = export_parquet(_sources(source), out)
    console.print(f"Wrote {target}")
