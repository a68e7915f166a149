"""The report's rules on small, hand-made event sets (fake embedder): K, topics, the tables, the charts."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.insights.charts import PALETTE
from bot.insights.events import Event, hour_of
from bot.insights.render import render_html, write_csv
from bot.insights.report import ReportError, build_report
from bot.insights.topics import DIRECT_LIMIT, cluster
from bot.insights.writer import EventWriter
from index.embedder import FakeEmbedder
from knowledge.loader import load_knowledge

NOW = time.time()


def write_events(directory: Path, texts: dict[str, int]) -> None:
    """Each text asked in that many distinct conversations (weak results)."""
    writer = EventWriter(directory, retention_days=30, host="test")
    number = 0
    for text, conversations in texts.items():
        for _ in range(conversations):
            number += 1
            writer.append(
                Event(
                    kind="turn",
                    hour=hour_of(NOW),
                    conversation=f"c{number}",
                    turn_id=f"t{number}.s",
                    channel="chat",
                    intent="search_credentials",
                    outcome="weak_result",
                    text=text,
                    results=["ot-hs-feeding"],
                    top_cosine=0.1,
                ),
                now=NOW,
            )
    writer.close()


def test_topics_below_k_and_phrasings_below_k_are_never_shown(tmp_path: Path) -> None:
    write_events(tmp_path, {"welding courses": 3, "welding courses near me": 2, "glass blowing class": 4})
    report = build_report([tmp_path], kb=load_knowledge(), embedder=FakeEmbedder(), min_people=5, now=NOW)
    topics = next(t for t in report.tables if t.name == "unmet_topics")
    assert [row[:2] for row in topics.rows] == [["welding", 5]]
    assert topics.rows[0][3] == "–", "no single phrasing reached K"
    page = render_html(report)
    assert "glass" not in page and "welding courses" not in page
    assert report.hidden_topics == 1 and report.hidden_people == 4
    csv_text = "".join(p.read_text() for p in write_csv(report, tmp_path / "csv"))
    assert "glass" not in csv_text and "welding,5" in csv_text


def test_a_phrasing_used_by_k_conversation_days_is_an_example(tmp_path: Path) -> None:
    write_events(tmp_path, {"welding courses": 5})
    report = build_report([tmp_path], kb=load_knowledge(), embedder=FakeEmbedder(), now=NOW)
    topics = next(t for t in report.tables if t.name == "unmet_topics")
    assert topics.rows[0][1] == 5 and topics.rows[0][3] == "“welding courses” (5)"


def test_unknown_provider_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="durham-college"):
        build_report([tmp_path], kb=load_knowledge(), embedder=FakeEmbedder(), provider="nowhere")


def test_cli_report_says_what_to_fix_for_a_missing_source(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["insights", "report", "--source", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "No such folder" in result.output


def test_cluster_past_the_direct_limit_keeps_subjects_apart() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(6, 32))
    rows = np.repeat(np.arange(6), (DIRECT_LIMIT + 600) // 6)
    vectors = (centres[rows] + rng.normal(scale=0.05, size=(len(rows), 32))).astype(np.float32)
    labels = cluster(vectors, weights=rng.random(len(rows)))
    assert len(set(labels.tolist())) == 6
    for subject in range(6):
        assert len(set(labels[rows == subject].tolist())) == 1


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", PALETTE)
def test_chart_colours_contrast_with_white(colour: str) -> None:
    assert 1.05 / (_luminance(colour) + 0.05) >= 4.5
