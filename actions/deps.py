"""What the actions need (knowledge, searcher, page size), built once per process when none is injected."""

from __future__ import annotations

import threading
from abc import ABCMeta, abstractmethod
from dataclasses import dataclass

from rasa_sdk import Action

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


class AdvisorAction(Action, metaclass=ABCMeta):
    """Base of the advisor's actions: dependencies through the constructor, or the process defaults when the
    rasa-sdk action server instantiates the class without arguments. Abstract, so rasa-sdk does not register it."""

    def __init__(self, deps: AdvisorDeps | None = None) -> None:
        self._deps = deps

    @property
    def deps(self) -> AdvisorDeps:
        if self._deps is None:
            self._deps = default_deps()
        return self._deps

    @abstractmethod
    def name(self) -> str: ...
