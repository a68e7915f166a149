from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.deps import AdvisorDeps
from bot.runtime import Runtime
from tests.actions.servers import running


@pytest.fixture(scope="session")
def sdk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """rasa-sdk's own action server with the advisor's actions and the default (real) settings, shared by the tests
    of the protocol and the replay of Rasa's recorded calls."""
    with running([sys.executable, "-m", "rasa_sdk", "--actions", "actions"], tmp_path_factory) as base:
        yield base


@pytest.fixture
def deps(fake_runtime: Runtime) -> AdvisorDeps:
    return AdvisorDeps(kb=fake_runtime.kb, searcher=fake_runtime.searcher, page_size=3)


def make_tracker(
    text: str, intent: str, slots: dict[str, Any] | None = None, entities: dict[str, Any] | None = None
) -> Tracker:
    return Tracker(
        sender_id="t1",
        slots=slots or {},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
