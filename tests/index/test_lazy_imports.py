from __future__ import annotations

import subprocess
import sys


def test_importing_the_service_and_retrieval_modules_loads_no_heavy_library() -> None:
    code = (
        "import sys, bot, bot.cli, bot.cli.retrieval, bot.runtime, index.search, index.query, index.evaluation;"
        "print(','.join(m for m in ('torch', 'faiss', 'bm25s', 'sentence_transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
