"""Shared fixtures. Fast tier: fake embedder, in-memory store. Real tier (marker ``real``): the packaged model."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from bot.runtime import Runtime, load_runtime
from bot.settings import Settings
from bot.web.app import create_app
from index.embedder import Embedder, FakeEmbedder, SentenceTransformerEmbedder
from knowledge.ctdl.importer import import_ctdl
from knowledge.ctdl.report import ImportReport
from knowledge.loader import load_knowledge
from knowledge.schema import KnowledgeBase
from tests.knowledge.ctdl.samples import IMPORT_DAY, SAMPLES


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": data_dir, "embedder": "fake", "store": "memory"}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture(scope="session")
def fake_runtime(tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    settings = make_settings(tmp_path_factory.mktemp("fake-data"))
    return load_runtime(settings, embedder=FakeEmbedder())


@pytest.fixture
def client(fake_runtime: Runtime) -> Iterator[TestClient]:
    app = create_app(fake_runtime.settings, runtime=fake_runtime)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def real_embedder() -> Embedder:
    embedder = SentenceTransformerEmbedder()
    embedder.load()
    return embedder


@pytest.fixture(scope="session")
def onnx_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding both exported ONNX models (fp32, then int8 quantised from it); exported once."""
    from index.onnx_embedder import export_onnx

    data_dir = tmp_path_factory.mktemp("onnx-data")
    export_onnx(data_dir, quantized=True)
    return data_dir


@pytest.fixture(scope="session")
def real_runtime(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Runtime:
    settings = make_settings(tmp_path_factory.mktemp("real-data"), embedder="sentence-transformers")
    return load_runtime(settings, embedder=real_embedder)


@pytest.fixture
def real_client(real_runtime: Runtime) -> Iterator[TestClient]:
    app = create_app(real_runtime.settings, runtime=real_runtime)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport, KnowledgeBase]:
    """The CTDL samples (tests/data/ctdl) imported once into a new knowledge folder: (folder, report, knowledge)."""
    folder = tmp_path_factory.mktemp("ctdl") / "kb"
    report = import_ctdl([SAMPLES], folder, today=IMPORT_DAY)
    return folder, report, load_knowledge(folder)
