"""Retake docs/insights-report.png: a report of synthetic events (real model topics) in Debian's Chromium.

.venv/bin/python -m tests.insights.screenshot
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from index.embedder import SentenceTransformerEmbedder
from tests.insights.report_harness import make_demo_report
from tests.widget.widget_harness import REPO_ROOT, run_browser


def main() -> None:
    embedder = SentenceTransformerEmbedder()
    embedder.load()
    with tempfile.TemporaryDirectory() as tmp, run_browser() as browser:
        report = make_demo_report(Path(tmp), embedder=embedder, events=200_000, texts=3_000)
        page = browser.new_page(viewport={"width": 1200, "height": 1500})
        page.goto(report.as_uri())
        target = REPO_ROOT / "docs" / "insights-report.png"
        page.screenshot(path=str(target), full_page=False)
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
