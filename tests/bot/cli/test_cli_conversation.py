from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


def test_eval_intents_prints_accuracy_per_intent_and_confusion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.settings import get_settings

    monkeypatch.setenv("ADVISOR_EMBEDDER", "fake")
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    labelled = tmp_path / "labelled.yaml"
    labelled.write_text('restart:\n  - start over\ngreet:\n  - hello\naffirm:\n  - "yes"\n')
    try:
        result = runner.invoke(app, ["eval", "intents", str(labelled), "--min-accuracy", "1.0"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "Intent accuracy: 1.000 (3/3)" in result.output
    assert "precision" in result.output and "Confusion" in result.output and "19 out_of_scope" in result.output


def test_eval_intents_fails_below_min_accuracy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.settings import get_settings

    monkeypatch.setenv("ADVISOR_EMBEDDER", "fake")
    get_settings.cache_clear()
    labelled = tmp_path / "labelled.yaml"
    labelled.write_text("greet:\n  - start over\n")
    try:
        result = runner.invoke(app, ["eval", "intents", str(labelled), "--min-accuracy", "0.5"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert "greet -> restart" in result.output


def test_actions_command_is_registered() -> None:
    result = runner.invoke(app, ["actions", "--help"])
    assert result.exit_code == 0 and "--port" in result.output


def test_conversation_modules_do_not_import_torch() -> None:
    code = (
        "import sys, bot, bot.dialogue.engine, bot.dialogue.intents, bot.dialogue.slots, bot.cli.conversation,"
        " actions.registry;"
        "assert 'torch' not in sys.modules, 'torch imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
