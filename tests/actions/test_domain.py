"""The Rasa domain fragment lists exactly the intents, actions and slots the advisor uses."""

from __future__ import annotations

from pathlib import Path

import yaml

from actions.registry import ACTION_CLASSES
from bot.intents import INTENTS
from bot.slots import CONVERSATION_SLOTS

DOMAIN = Path(__file__).resolve().parents[2] / "actions" / "domain.yml"


def test_domain_fragment_matches_the_code() -> None:
    domain = yaml.safe_load(DOMAIN.read_text())
    assert domain["intents"] == list(INTENTS)
    assert set(domain["actions"]) == {cls().name() for cls in ACTION_CLASSES}
    assert set(domain["slots"]) == set(CONVERSATION_SLOTS)
    assert all("mappings" in slot for slot in domain["slots"].values())  # Rasa 3.x requires them
    assert domain["session_config"]["session_expiration_time"] == 60
