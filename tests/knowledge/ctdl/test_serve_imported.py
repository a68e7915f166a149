"""Acceptance: import the CTDL samples, serve from the folder, ask for free courses in an imported subject."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.runtime import load_runtime
from bot.web.app import create_app
from index.embedder import Embedder, FakeEmbedder
from knowledge.ctdl.report import ImportReport
from knowledge.schema import KnowledgeBase
from tests.conftest import make_settings


def ask_free_cybersecurity(folder: Path, data_dir: Path, model: Embedder, **settings: object) -> dict[str, object]:
    runtime = load_runtime(make_settings(data_dir, knowledge_path=folder, **settings), embedder=model)
    with TestClient(create_app(runtime.settings, runtime=runtime)) as client:
        response = client.post("/chat", json={"message": "free courses in cybersecurity"})
        assert response.status_code == 200, response.text
        reply: dict[str, object] = response.json()
    return reply


def check_answer(reply: dict[str, object]) -> None:
    cards = reply["results"]
    assert [c["title"] for c in cards] == ["Cybersecurity Fundamentals for Small Business"]  # type: ignore[attr-defined, index]
    (card,) = cards  # type: ignore[misc]
    assert card["cost"] == "Free" and card["provider"] == "Lakeshore Polytechnic"
    assert card["duration"] == "About 24 hours over 6 weeks"
    assert card["url"] == "https://lakeshore-poly.example.ca/ce/cyber-fundamentals"


def test_imported_folder_answers_free_courses_in_an_imported_subject(
    imported: tuple[Path, ImportReport, KnowledgeBase], tmp_path: Path
) -> None:
    check_answer(ask_free_cybersecurity(imported[0], tmp_path / "data", FakeEmbedder()))


@pytest.mark.real
def test_imported_folder_answers_with_the_real_model(
    imported: tuple[Path, ImportReport, KnowledgeBase], tmp_path: Path, real_embedder: Embedder
) -> None:
    check_answer(
        ask_free_cybersecurity(imported[0], tmp_path / "data", real_embedder, embedder="sentence-transformers")
    )
