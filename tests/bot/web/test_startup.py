from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from knowledge.loader import DEFAULT_PATH, KnowledgeError
from tests.conftest import make_settings


def test_server_refuses_to_start_on_an_invalid_knowledge_base(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(DEFAULT_PATH, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    file = root / "providers" / "ontario-tech.yaml"
    file.write_text(file.read_text().replace("status: upcoming", "status: soon", 1))
    app = create_app(make_settings(tmp_path / "data", knowledge_path=root))
    with pytest.raises(KnowledgeError, match="ot-online-entrepreneurship"), TestClient(app):
        pass


def test_server_builds_its_index_on_first_start(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path / "data"))
    with TestClient(app) as client:
        assert client.get("/readyz").json()["status"] == "ready"
    assert (tmp_path / "data" / "index" / "CURRENT").exists()
