from __future__ import annotations

import subprocess
import sys


def test_import_bot_does_not_import_torch() -> None:
    code = (
        "import sys, bot, bot.app, bot.cli, bot.dialogue, actions.search, index.search, index.store;"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'faiss') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing bot pulled in: {out.stdout}"
