"""Heavy imports stay out of the paths that do not need them (checked in fresh interpreters)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("torch", "sentence_transformers", "transformers")


def _modules_after(code: str, env: dict[str, str] | None = None) -> dict[str, bool]:
    probe = code + f"\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, bool] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_import_bot_does_not_import_torch() -> None:
    loaded = _modules_after("import bot, bot.web.app, bot.cli, bot.runtime, index.embedder, index.onnx_embedder")
    assert not any(loaded.values()), loaded


@pytest.mark.real
def test_serving_from_onnx_imports_neither_torch_nor_sentence_transformers(onnx_data_dir: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(onnx_data_dir / "models", data_dir / "models")
    code = f"""
from fastapi.testclient import TestClient
from bot.web.app import create_app
from bot.settings import Settings
settings = Settings(data_dir={str(data_dir)!r}, embedder="sentence-transformers", embedder_backend="onnx-int8",
                    store="memory")
with TestClient(create_app(settings)) as client:
    reply = client.post("/chat", json={{"message": "free courses in health sciences"}})
    assert reply.status_code == 200, reply.text
    assert reply.json()["results"], reply.json()
"""
    # The index is built here too (with the fp32 ONNX model): building must not need torch either.
    loaded = _modules_after(code, env={"HF_HUB_OFFLINE": "1"})
    assert not any(loaded.values()), loaded
