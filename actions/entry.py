"""The entry of a standalone action server: how actions built by rasa-sdk get the advisor's knowledge and index.

rasa-sdk imports every module of this package and builds each action without arguments, in its own Sanic worker
process (``python -m rasa_sdk --actions actions`` or ``advisor actions``). Importing this module registers a factory
that loads settings, knowledge and index the way the service does, on the first action call, in that worker. It is
the only module under ``actions/`` that imports ``bot`` (the composition code); the actions themselves take their
dependencies from their constructor.
"""

from __future__ import annotations

from actions.deps import AdvisorDeps, use_default_deps


def load_deps() -> AdvisorDeps:
    """Settings -> knowledge -> index -> searcher, as ``advisor serve`` loads them."""
    from bot.runtime import load_runtime
    from bot.settings import get_settings

    runtime = load_runtime(get_settings())
    settings = runtime.settings
    return AdvisorDeps(
        kb=runtime.kb, searcher=runtime.searcher, page_size=settings.page_size, stale_days=settings.stale_days
    )


use_default_deps(load_deps)
