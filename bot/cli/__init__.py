"""The ``advisor`` command: serve, chat in the terminal, validate the knowledge base, build the index."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.cli import service as cli_service
from bot.cli.channels import app as channels_app
from bot.cli.conversation import eval_dialogue, eval_intents, serve_actions
from bot.cli.insights import insights_app
from bot.cli.kb import export_app, import_app, kb_stale
from bot.cli.rasa import app as rasa_app
from bot.cli.retrieval import bench_app, eval_app
from bot.settings import Settings, get_settings
from knowledge.loader import KnowledgeError, load_knowledge

app = typer.Typer(help="Credential advisor for Durham Region micro-credentials.", no_args_is_help=True)
kb_app = typer.Typer(help="The knowledge base.", no_args_is_help=True)
index_app = typer.Typer(help="The search index.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")
app.add_typer(index_app, name="index")
app.add_typer(eval_app, name="eval")
app.add_typer(bench_app, name="bench")
app.command("purge")(cli_service.purge)
eval_app.command("intents")(eval_intents)
eval_app.command("dialogue")(eval_dialogue)
app.command("actions")(serve_actions)
app.add_typer(channels_app, name="channels")
app.add_typer(rasa_app, name="rasa")
app.add_typer(insights_app, name="insights")
kb_app.add_typer(import_app, name="import")
kb_app.add_typer(export_app, name="export")
kb_app.command("stale")(kb_stale)
console = Console()
err_console = Console(stderr=True)


def _progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]Embedding knowledge base"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    )


def _report_problems(exc: KnowledgeError) -> None:
    err_console.print(f"[red]Knowledge base invalid: {len(exc.problems)} problem(s)[/red]")
    for problem in exc.problems:
        err_console.print(
            f"  {problem.file}: record {problem.record or '-'}: field {problem.field or '-'}: {problem.reason}",
            markup=False,
            highlight=False,
        )


def prepare_index(settings: Settings) -> None:
    """Validate the knowledge base, export the ONNX model if that backend is chosen and missing, and make sure the
    index is built and current, with a progress bar. Run once before the workers start, so they only load."""
    from bot.runtime import make_document_embedder
    from index.store import ensure_index, index_is_current

    kb = load_knowledge(settings.knowledge_path)
    prepare_model(settings)
    embedder = make_document_embedder(settings)
    if index_is_current(kb, embedder, settings.data_dir):
        return  # from the manifest: the workers load (and check) the build; FAISS is not imported here
    with _progress_bar() as bar:
        task = bar.add_task("embed", total=len(kb.credentials))
        ensure_index(
            kb,
            embedder,
            settings.data_dir,
            hnsw_threshold=settings.hnsw_threshold,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )


def prepare_model(settings: Settings) -> None:
    """Export (and quantise) the ONNX model into the data directory when an ONNX backend is chosen; torch is
    imported only when the file is missing."""
    if settings.embedder != "sentence-transformers" or not settings.embedder_backend.startswith("onnx"):
        return
    from index.onnx_embedder import export_onnx

    with err_console.status("Preparing the ONNX model (exported once, then cached)"):
        path = export_onnx(settings.data_dir, quantized=settings.embedder_backend == "onnx-int8")
    err_console.print(f"ONNX model ready: {path.name}", highlight=False)


@kb_app.command("validate")
def kb_validate(
    path: Annotated[Path | None, typer.Argument(help="Knowledge base folder (default: bundled)")] = None,
) -> None:
    """Check every file; print each problem as file, record id, field and reason. Exit 1 on any problem."""
    try:
        kb = load_knowledge(path)
    except KnowledgeError as exc:
        _report_problems(exc)
        raise typer.Exit(1) from exc
    console.print(
        f"[green]OK[/green]: {len(kb.providers)} providers, {len(kb.credentials)} records, "
        f"{len(kb.faq)} FAQ topics, {len(kb.sources)} sources"
    )


@index_app.command("build")
def index_build(force: Annotated[bool, typer.Option(help="Rebuild even if the index is current")] = True) -> None:
    """Embed the knowledge base into a FAISS index under the data directory (atomic swap)."""
    from bot.runtime import make_document_embedder
    from index.store import build_index

    settings = get_settings()
    try:
        kb = load_knowledge(settings.knowledge_path)
    except KnowledgeError as exc:
        _report_problems(exc)
        raise typer.Exit(1) from exc
    if not force:
        prepare_index(settings)
        return
    prepare_model(settings)
    embedder = make_document_embedder(settings)
    with _progress_bar() as bar:
        task = bar.add_task("embed", total=len(kb.credentials))
        manifest = build_index(
            kb,
            embedder,
            settings.data_dir,
            hnsw_threshold=settings.hnsw_threshold,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    console.print(
        f"Index built: {manifest.record_count} records, {manifest.index_type}, model {manifest.model}, "
        f"build {manifest.build_id}"
    )


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default ADVISOR_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default ADVISOR_PORT)")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default ADVISOR_WORKERS)")] = None,
) -> None:
    """Serve the advisor: widget demo page at / and the API (/chat, /docs)."""
    import uvicorn

    from bot.metrics import prepare_multiprocess_dir
    from bot.web.middleware import configure_logging

    settings = get_settings()
    configure_logging(settings.log_level)
    prepare_multiprocess_dir(settings.data_dir, workers or settings.workers)
    try:
        prepare_index(settings)
    except KnowledgeError as exc:
        _report_problems(exc)
        err_console.print("The server will not start on an invalid knowledge base; fix the problems above.")
        raise typer.Exit(1) from exc
    bind_host, bind_port = host or settings.host, port or settings.port
    docs = "API docs at /docs" if settings.docs else "API docs: set ADVISOR_DOCS=true for /docs"
    console.print(f"Advisor on http://{bind_host}:{bind_port}  ({docs}; OpenAPI at /openapi.json)")
    uvicorn.run(
        "bot.web.app:create_app",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=workers or settings.workers,
        log_level=settings.log_level.lower(),
        access_log=False,  # uvicorn's access log has raw paths (conversation ids); bot.access logs route templates
        proxy_headers=False,  # X-Forwarded-For counts only from ADVISOR_TRUSTED_PROXIES (bot.web.proxies)
    )


@app.command()
def chat() -> None:
    """Talk to the advisor in this terminal (type 'quit' to leave)."""
    from bot.dialogue.engine import Advisor
    from bot.runtime import load_runtime
    from bot.store.base import MemoryStore

    settings = get_settings()
    try:
        prepare_index(settings)
        runtime = load_runtime(settings)
    except KnowledgeError as exc:
        _report_problems(exc)
        raise typer.Exit(1) from exc
    advisor = Advisor.from_runtime(runtime, store=MemoryStore())
    session: str | None = None
    console.print("[bold]Credential advisor[/bold] – ask about training in Durham Region. Type 'quit' to leave.")
    while True:
        try:
            text = console.input("[bold cyan]you>[/bold cyan] ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if text.lower() in {"quit", "exit"}:
            break
        if not text:
            continue
        reply = advisor.handle(session, text[:2000])
        session = reply.session_id
        for message in reply.messages:
            console.print(f"[bold green]advisor>[/bold green] {message.text}", highlight=False)
        for number, card in enumerate(reply.results, 1):
            console.print(
                f"   {number}. [bold]{card.title}[/bold] – {card.provider}. {card.status}; {card.cost}; "
                f"{card.delivery}; {card.duration}. {card.url}",
                highlight=False,
            )
        for message in reply.messages:
            if message.buttons:
                console.print("   [dim]try: " + " | ".join(b.title for b in message.buttons) + "[/dim]")


def main() -> None:
    app()
