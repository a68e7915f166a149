"""``advisor eval intents``, ``advisor eval dialogue`` and ``advisor actions``: the conversation's commands, attached
in bot/cli.py."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.dialogue.intent_eval import DEFAULT_EVAL_SET, IntentReport, build_recognizer, evaluate_intents, load_labelled
from bot.dialogue.intents import INTENTS

console = Console(width=max(Console().width, 140))  # the confusion table needs the room, even in a pipe


def print_report(report: IntentReport, out: Console = console) -> None:
    out.print(f"[bold]Intent accuracy: {report.accuracy:.3f}[/bold] ({report.correct}/{report.total})")
    per_intent = Table(title="Per intent")
    for column in ("intent", "precision", "recall", "support"):
        per_intent.add_column(column, justify="left" if column == "intent" else "right")
    for intent in INTENTS:
        per_intent.add_row(
            intent, f"{report.precision(intent):.2f}", f"{report.recall(intent):.2f}", str(report.support(intent))
        )
    out.print(per_intent)
    confusion = Table(title="Confusion (rows: labelled; columns: predicted, numbered as the rows)")
    confusion.add_column("labelled")
    for number in range(1, len(INTENTS) + 1):
        confusion.add_column(str(number), justify="right")
    for number, gold in enumerate(INTENTS, 1):
        counts = [report.confusion[(gold, predicted)] for predicted in INTENTS]
        confusion.add_row(f"{number} {gold}", *(str(n) if n else "." for n in counts))
    out.print(confusion)
    if report.errors:
        out.print("[bold]Misrecognised[/bold]")
        for text, gold, predicted, confidence in report.errors:
            out.print(f"  {gold} -> {predicted} ({confidence:.2f}): {text}", markup=False, highlight=False)


def eval_intents(
    path: Annotated[Path, typer.Argument(help="Labelled utterances (intent: [texts])")] = DEFAULT_EVAL_SET,
    min_accuracy: Annotated[float, typer.Option(help="Exit 1 below this accuracy")] = 0.0,
) -> None:
    """Intent accuracy, per-intent precision/recall and a confusion table on a labelled set."""
    from bot.runtime import make_query_embedder
    from bot.settings import get_settings
    from knowledge.loader import load_knowledge

    settings = get_settings()
    embedder = make_query_embedder(settings)  # the configured backend (ADVISOR_EMBEDDER_BACKEND), as served
    kb = load_knowledge(settings.knowledge_path)
    recognizer = build_recognizer(
        embedder, kb, threshold=settings.intent_threshold, fuzzy_threshold=settings.fuzzy_threshold
    )
    report = evaluate_intents(recognizer, load_labelled(path))
    print_report(report)
    if report.accuracy < min_accuracy:
        raise typer.Exit(1)


def eval_dialogue(
    path: Annotated[Path, typer.Argument(help="Conversations to run (docs/dialogue-eval-format.md)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print only the JSON summary")] = False,
    min_score: Annotated[float, typer.Option(help="Exit 1 below this score")] = 0.0,
) -> None:
    """Run whole conversations through the real turn (the configured model, a fresh in-memory store) and print each
    failed turn and the score: the share of conversations whose every checked turn passes."""
    from bot.dialogue.conversation_eval import evaluate_dialogue, load_conversations, service_turn
    from bot.runtime import load_runtime
    from bot.settings import get_settings

    settings = get_settings()
    conversations = load_conversations(path)
    turn = service_turn(load_runtime(settings), cache_dir=settings.data_dir / "intents")
    report = evaluate_dialogue(turn, conversations)
    if not as_json:
        for failure in report.failures:
            console.print(
                f"[bold red]{failure.conversation} turn {failure.turn}[/bold red] {failure.user!r}", highlight=False
            )
            for problem in failure.problems:
                console.print(f"  - {problem}", markup=False, highlight=False)
            console.print("  " + failure.reply.replace("\n", "\n  "), style="dim", markup=False, highlight=False)
        console.print(
            f"[bold]Dialogue score: {report.score:.3f}[/bold] ({report.passed}/{report.total} conversations; "
            f"{report.failed_turns} of {report.checked_turns} checked turns failed)"
        )
    print(json.dumps(report.as_dict()))
    if report.score < min_score:
        raise typer.Exit(1)


def serve_actions(
    port: Annotated[int, typer.Option(help="Port of the rasa-sdk action server")] = 5055,
    host: Annotated[str, typer.Option(help="Interface to bind (0.0.0.0 when Rasa runs in another container)")] = (
        "127.0.0.1"
    ),
) -> None:
    """Serve the advisor's actions on the rasa-sdk action server (POST /webhook, GET /health, GET /actions)."""
    from actions.server import LOG_FORMAT, serve
    from bot.settings import get_settings

    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format=LOG_FORMAT)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # Validate and build the index in a child process: loading torch here would fix multiprocessing's start
    # method to "fork", and Sanic needs "spawn" for its worker. The worker loads the index on the first call.
    built = subprocess.run([sys.executable, "-m", "bot", "index", "build", "--no-force"], check=False)
    if built.returncode != 0:
        raise typer.Exit(built.returncode)
    token = settings.actions_token or None
    if not token and host not in ("127.0.0.1", "localhost", "::1"):
        console.print(
            f"[yellow]Listening on {host} without ADVISOR_ACTIONS_TOKEN: anyone who reaches it can call the actions. "
            "Set the token here and under action_endpoint in Rasa's endpoints.yml.[/yellow]"
        )
    console.print(f"Action server on http://{host}:{port}/webhook ({'token required' if token else 'no token'})")
    serve(host=host, port=port, token=token, log_level=settings.log_level)
