from __future__ import annotations

import pytest

from bot.dialogue.engine import Advisor
from bot.runtime import Runtime
from bot.store.base import MemoryStore
from tests.bot.dialogue.stories import Story, load_stories, run_story

STORIES = load_stories()


def test_stories_cover_the_acceptance_cases() -> None:
    names = {story.name for story in STORIES}
    assert {"provider_switch", "references", "focus_questions", "session_expiry", "restart", "out_of_scope"} <= names


@pytest.fixture(scope="module")
def real_advisor(real_runtime: Runtime) -> Advisor:
    advisor = Advisor(
        kb=real_runtime.kb,
        searcher=real_runtime.searcher,
        store=MemoryStore(),
        page_size=real_runtime.settings.page_size,
        idle_minutes=60,
        intent_threshold=real_runtime.settings.intent_threshold,
    )
    advisor.warm_up()
    return advisor


@pytest.mark.real
@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_story(real_advisor: Advisor, story: Story) -> None:
    run_story(real_advisor, story)
