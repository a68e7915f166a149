from __future__ import annotations

import subprocess
import sys


def test_import_bot_does_not_import_torch() -> None:
    code = (
        "import sys, bot, bot.web.app, bot.cli, bot.dialogue.engine, actions.search, index.search, index.store;"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'faiss') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing bot pulled in: {out.stdout}"


def test_actions_reach_into_bot_only_through_their_entry_module() -> None:
    """The package graph runs knowledge -> index -> actions -> bot; the action server's entry is the one exception."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "actions"
    offenders = []
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "bot" or n.startswith("bot.") for n in names) and path.name != "entry.py":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == [], f"actions import bot outside actions/entry.py: {offenders}"
