"""``advisor kb import ctdl``, ``advisor kb export ctdl`` and ``advisor kb stale``: catalogues in and out, and what
needs checking. Registered on the ``kb`` group in bot/cli.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from knowledge.loader import KnowledgeError, load_knowledge

import_app = typer.Typer(help="Import a catalogue into a knowledge folder.", no_args_is_help=True)
export_app = typer.Typer(help="Export the knowledge base as a catalogue.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)


@import_app.command("ctdl")
def import_ctdl_command(
    paths: Annotated[list[Path], typer.Argument(help="CTDL JSON-LD files or folders (.json, .jsonld, .jsonl)")],
    into: Annotated[Path, typer.Option("--into", help="Knowledge folder to write or update")],
    region: Annotated[
        str | None,
        typer.Option(help="Keep records offered there (province like ON, or a city) or online only. Default: all"),
    ] = None,
    with_bundled: Annotated[bool, typer.Option(help="A new folder keeps the bundled providers too")] = False,
    licence: Annotated[str | None, typer.Option(help="Data licence and attribution shown with imported facts")] = None,
) -> None:
    """Read CTDL (one resource, @graph, registry envelopes, JSON Lines) into a knowledge folder; re-importing
    updates records by CTID. Ends with a table: read, imported, updated, skipped with reasons, unmapped properties."""
    from knowledge.ctdl.importer import DEFAULT_LICENCE, import_ctdl

    try:
        report = import_ctdl(paths, into, region=region, with_bundled=with_bundled, licence=licence or DEFAULT_LICENCE)
    except FileNotFoundError as exc:
        err_console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(2) from exc
    except KnowledgeError as exc:
        err_console.print(f"[red]The import would leave {into} invalid; nothing was changed.[/red]")
        for problem in exc.problems:
            err_console.print(f"  {problem}", markup=False, highlight=False)
        raise typer.Exit(1) from exc
    for finding in report.findings:
        err_console.print(f"  [yellow]note[/yellow] {finding}", highlight=False)
    table = Table(title=f"CTDL import into {into}  (scope: {report.scope})")
    table.add_column("", style="bold")
    table.add_column("count", justify="right")
    for label, value in (("records read", report.read), ("imported (new)", report.imported),
                         ("updated", report.updated), ("unchanged", report.unchanged),
                         ("removed (withdrawn or gone)", report.removed)):  # fmt: skip
        table.add_row(label, str(value))
    for reason, count in report.skipped.most_common():
        table.add_row(f"skipped: {reason}", str(count))
    for prop, count in report.unmapped.most_common():
        table.add_row(f"unmapped property: {prop}", str(count))
    console.print(table)


@export_app.command("ctdl")
def export_ctdl_command(
    out: Annotated[Path | None, typer.Option(help="File to write (default: standard output)")] = None,
    path: Annotated[
        Path | None, typer.Option(help="Knowledge folder (default: ADVISOR_KNOWLEDGE_PATH or bundled)")
    ] = None,
) -> None:
    """The knowledge base as a CTDL @graph document, for a school to publish what the advisor knows about it."""
    from bot.settings import get_settings
    from knowledge.ctdl.export import export_graph

    try:
        kb = load_knowledge(path or get_settings().knowledge_path)
    except KnowledgeError as exc:
        for problem in exc.problems:
            err_console.print(f"  {problem}", markup=False, highlight=False)
        raise typer.Exit(1) from exc
    text = json.dumps(export_graph(kb), indent=2, ensure_ascii=False)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        err_console.print(f"Exported {len(kb.credentials)} records and {len(kb.providers)} providers to {out}")


def kb_stale(
    days: Annotated[int | None, typer.Option(help="Older than this many days (default ADVISOR_STALE_DAYS)")] = None,
) -> None:
    """List the records whose cost, dates, status or delivery were read longer ago than the threshold, per provider."""
    from bot.settings import get_settings
    from knowledge.freshness import as_of, stale_records

    settings = get_settings()
    try:
        kb = load_knowledge(settings.knowledge_path)
    except KnowledgeError as exc:
        for problem in exc.problems:
            err_console.print(f"  {problem}", markup=False, highlight=False)
        raise typer.Exit(1) from exc
    threshold = settings.stale_days if days is None else days
    found = stale_records(kb, days=threshold)
    if not found:
        console.print(f"Nothing older than {threshold} days.")
        return
    table = Table(title=f"{len(found)} record(s) to check (facts read more than {threshold} days ago)")
    for column in ("provider", "record", "read", "check at"):
        table.add_column(column)
    for item in found:
        table.add_row(item.provider, item.credential.title, as_of(item.read_on), str(item.credential.url))
    console.print(table)
