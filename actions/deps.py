"""What the actions need (knowledge, searcher, page size): injected through the constructor, or built once per
process by the factory the entry module of a standalone action server registers (``actions/entry.py``)."""

from __future__ import annotations

import importlib
import threading
from abc import ABCMeta, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

from rasa_sdk import Action

from actions.freshness import STALE_DAYS
from index.search import Searcher
from knowledge.schema import KnowledgeBase


@dataclass(frozen=True)
class AdvisorDeps:
    kb: KnowledgeBase
    searcher: Searcher
    page_size: int = 3
    stale_days: int = STALE_DAYS  # a fact read longer ago than this says "as of <month year>" (ADVISOR_STALE_DAYS)


_default: AdvisorDeps | None = None
_factory: Callable[[], AdvisorDeps] | None = None
_lock = threading.RLock()  # re-entered when importing actions.entry registers its factory


def use_default_deps(factory: Callable[[], AdvisorDeps]) -> None:
    """Register how actions built without arguments get their dependencies (rasa-sdk builds them that way)."""
    global _factory, _default
    with _lock:
        _factory, _default = factory, None


def default_deps() -> AdvisorDeps:
    """The process's dependencies, built by the registered factory on first use."""
    global _default
    with _lock:
        if _default is None:
            if _factory is None:
                # A Sanic worker unpickles the actions without importing the whole package: the entry module
                # registers the service's loader when imported (it is the one module here that imports ``bot``).
                importlib.import_module("actions.entry")
            if _factory is None:
                raise RuntimeError(
                    "the actions have no dependencies: pass AdvisorDeps to their constructor, or serve them with "
                    "`advisor actions` / `python -m rasa_sdk --actions actions` (which import actions.entry)"
                )
            _default = _factory()
        return _default


class AdvisorAction(Action, metaclass=ABCMeta):
    """Base of the advisor's actions: dependencies through the constructor, or the process defaults (registered by
    ``actions/entry.py``) when the rasa-sdk action server instantiates the class without arguments. Abstract, so
    rasa-sdk does not register it."""

    def __init__(self, deps: AdvisorDeps | None = None) -> None:
        self._deps = deps

    @property
    def deps(self) -> AdvisorDeps:
        if self._deps is None:
            self._deps = default_deps()
        return self._deps

    @abstractmethod
    def name(self) -> str: ...
