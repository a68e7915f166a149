from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from knowledge.loader import DEFAULT_PATH

runner = CliRunner()


def test_kb_validate_passes_on_the_shipped_knowledge_base() -> None:
    result = runner.invoke(app, ["kb", "validate"])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_kb_validate_prints_each_problem_and_exits_1(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(DEFAULT_PATH, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    file = root / "providers" / "ontario-tech.yaml"
    file.write_text(
        file.read_text()
        .replace("status: upcoming", "status: soon", 1)
        .replace("id: ot-hs-feeding", "id: ot-hs-donning-doffing-ppe")
    )
    result = runner.invoke(app, ["kb", "validate", str(root)])
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "2 problem(s)" in output
    assert "providers/ontario-tech.yaml: record ot-online-entrepreneurship: field status:" in output
    assert "record ot-hs-donning-doffing-ppe: field id: duplicate id" in output
