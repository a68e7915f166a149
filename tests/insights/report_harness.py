"""A report made from synthetic events, for the browser test and the screenshot in docs/."""

from __future__ import annotations

import time
from pathlib import Path

from bench.insights_synth import generate
from bot.insights.render import write_html
from bot.insights.report import build_report
from index.embedder import Embedder
from knowledge.loader import load_knowledge


def make_demo_report(directory: Path, *, embedder: Embedder, events: int = 30_000, texts: int = 1_500) -> Path:
    source = directory / "source"
    generate(source, events=events, distinct_texts=texts, days=180, now=time.time())
    report = build_report([source], kb=load_knowledge(), embedder=embedder, since_days=180)
    return write_html(report, directory / "report.html")
