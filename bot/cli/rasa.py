"""``advisor rasa export``: the Rasa project command, attached in bot/cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console()
app = typer.Typer(help="A Rasa Open Source 3.x assistant around the advisor's actions", no_args_is_help=True)


@app.command("export")
def export(
    out: Annotated[Path, typer.Option(help="Folder to write the project to (created; files in it are replaced)")],
    action_url: Annotated[
        str, typer.Option(help="Where Rasa reaches `advisor actions` (endpoints.yml)")
    ] = "http://127.0.0.1:5055/webhook",
    token_env: Annotated[
        str | None,
        typer.Option(help="Environment variable Rasa reads the action server's token from, e.g. ADVISOR_ACTIONS_TOKEN"),
    ] = None,
) -> None:
    """Write a trainable Rasa project (domain, NLU data, rules, test stories, config) from the advisor's own data."""
    from bot.dialogue.intents import load_examples
    from bot.dialogue.policy import ACTION_OF_INTENT
    from bot.rasa_export import project_files, write_project
    from bot.settings import get_settings
    from knowledge.loader import load_knowledge

    if out.exists() and not out.is_dir():
        console.print(f"[red]{out} is a file; give a folder to write the project to[/red]")
        raise typer.Exit(2)
    kb = load_knowledge(get_settings().knowledge_path)
    files = project_files(kb, load_examples(), dict(ACTION_OF_INTENT), action_url=action_url, token_env=token_env)
    written = write_project(out, files)
    console.print(f"Wrote {len(written)} files to {out}. Next (README, Rasa assistant): rasa train --domain domain")
