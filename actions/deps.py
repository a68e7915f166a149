"""What the actions need (knowledge, searcher, page size), built once per process when none is injected."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from index.search import Searcher
from knowledge.schema import KnowledgeBase


@dataclass(frozen=True)
class AdvisorDeps:
    kb: KnowledgeBase
    searcher: Searcher
    page_size: int = 3


_default: AdvisorDeps | None = None
_lock = threading.Lock()


def default_deps() -> AdvisorDeps:
    """Load settings, knowledge and index the way the service does (for the standalone rasa-sdk action server)."""
    global _default
    with _lock:
        if _default is None:
            from bot.runtime import load_runtime
            from bot.settings import get_settings

            runtime = load_runtime(get_settings())
            _default = AdvisorDeps(kb=runtime.kb, searcher=runtime.searcher, page_size=runtime.settings.page_size)
        return _default
