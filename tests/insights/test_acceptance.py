"""Issue 16's acceptance, through /chat with the real model: unmet demand counted, K honoured, nothing personal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.runtime import Runtime
from bot.settings import get_settings
from bot.web.app import create_app
from tests.conftest import make_settings
from tests.insights.conftest import read_events

pytestmark = pytest.mark.real

BEEKEEPING = [  # one subject nobody offers, six conversations, six wordings
    "I want to learn beekeeping",
    "beekeeping training near oshawa",
    "how do I get into beekeeping",
    "beekeeping classes for beginners",
    "is there a course on keeping bees and honey",
    "do you have beekeeping",
]
SCUBA = ["where can i learn to scuba dive", "padi scuba course"]  # asked in two conversations: below K
PERSONAL = "my email is jo.doe@example.org and my cell is 905-555-0199, any cybersecurity courses?"
METADATA = {"lang": "en", "page": "https://college.example/apply?student=8812", "utm": "secret-campaign"}


@pytest.fixture
def data_dir(real_runtime: Runtime, tmp_path: Path) -> Iterator[Path]:
    data = tmp_path / "data"
    settings = make_settings(data, embedder="sentence-transformers", analytics=True, insights_secret="k" * 32)
    with TestClient(create_app(settings, runtime=real_runtime)) as client:
        sessions = []
        for text in [*BEEKEEPING, *SCUBA]:
            reply = client.post("/chat", json={"message": text, "metadata": METADATA})
            assert reply.status_code == 200
            sessions.append(reply.json()["session_id"])
        first = client.post("/chat", json={"message": PERSONAL, "metadata": METADATA}).json()
        sessions.append(first["session_id"])
        client.post("/chat", json={"message": "thanks", "session_id": first["session_id"]})
    (data / "sessions.json").write_text(json.dumps(sessions))
    yield data


def test_report_counts_unmet_demand_and_leaks_nothing(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {"DATA_DIR": str(data_dir), "EMBEDDER_BACKEND": "torch", "STORE": "memory"}.items():
        monkeypatch.setenv(f"ADVISOR_{name}", value)
    get_settings.cache_clear()
    out, csv_dir, export = tmp_path / "report.html", tmp_path / "csv", tmp_path / "export"
    runner = CliRunner()
    try:
        result = runner.invoke(cli_app, ["insights", "report", "--out", str(out), "--csv", str(csv_dir)])
        assert result.exit_code == 0, result.output
        exported = runner.invoke(cli_app, ["insights", "export", "--out", str(export)])
        assert exported.exit_code == 0, exported.output
    finally:
        get_settings.cache_clear()

    report = out.read_text()
    csvs = "\n".join(p.read_text() for p in sorted(csv_dir.glob("*.csv")))
    topics = (csv_dir / "unmet_topics.csv").read_text().splitlines()[1:]
    beekeeping = [row for row in topics if row.startswith("beekeeping")]
    assert beekeeping and beekeeping[0].split(",")[1] == "6", topics
    assert "beekeeping" in report
    for text in (report, csvs):
        assert "scuba" not in text.lower() and "padi" not in text.lower()

    events_text = "\n".join(p.read_text() for p in (data_dir / "insights" / "events").glob("day=*/*.jsonl"))
    parquet = next(export.glob("*.parquet"))
    export_text = "\n".join(str(row) for row in duckdb.sql(f"SELECT * FROM '{parquet}'").fetchall())
    assert len(read_events(data_dir)) == len(BEEKEEPING) + len(SCUBA) + 2
    sessions = json.loads((data_dir / "sessions.json").read_text())
    forbidden = [
        "jo.doe",
        "example.org",
        "905-555",
        "555-0199",
        "5550199",
        "college.example",
        "8812",
        "secret-campaign",
        *sessions,
    ]
    for where, text in (("events", events_text), ("export", export_text), ("report", report), ("csv", csvs)):
        leaked = [needle for needle in forbidden if needle in text]
        assert not leaked, f"{where} holds {leaked}"
