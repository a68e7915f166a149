"""The Rasa domain fragment lists exactly the intents, actions and slots the advisor uses, its slot mappings never run
an action by themselves, and every slot an action sets is declared with a type that holds the value."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorDeps
from actions.registry import ACTION_CLASSES, build_actions
from bot.dialogue.intents import INTENTS
from bot.dialogue.slots import CONVERSATION_SLOTS
from tests.actions.conftest import make_tracker

DOMAIN = Path(__file__).resolve().parents[2] / "actions" / "domain.yml"
# Python types a Rasa 3.x slot of each type accepts (None is always accepted: it empties the slot).
SLOT_TYPES: dict[str, tuple[type, ...]] = {"text": (str,), "list": (list,), "float": (int, float), "bool": (bool,),
                                          "any": (object,)}  # fmt: skip
# Conversation states every action is run in: nothing yet, after a search, after "show me more", odd slot values.
STATES: tuple[dict[str, Any], ...] = (
    {},
    {"area": "Health Sciences", "last_results": ["ot-hs-feeding"], "results_offset": 0,
     "search_filters": '{"area": "Health Sciences"}', "search_query": "health care courses"},
    {"search_filters": "{}", "search_query": "courses", "results_offset": 3, "focus": "ot-td-critical-thinking"},
    {"area": "health", "provider": "Ontario Tech", "cost": "free"},
    {"area": "basket weaving", "provider": "Hogwarts"},
)  # fmt: skip
TEXTS = (
    ("health care courses", "search_credentials"),
    ("tell me about the second one", "credential_details"),
    ("is it free?", "credential_details"),
    ("show me more", "more_results"),
    ("can i stack them", "stacking"),
)


def load_domain() -> dict[str, Any]:
    domain: dict[str, Any] = yaml.safe_load(DOMAIN.read_text())
    return domain


def test_domain_fragment_matches_the_code() -> None:
    domain = load_domain()
    assert domain["intents"] == list(INTENTS)
    assert set(domain["actions"]) == {cls().name() for cls in ACTION_CLASSES}
    assert set(domain["slots"]) == set(CONVERSATION_SLOTS)
    assert all("mappings" in slot for slot in domain["slots"].values())  # Rasa 3.x requires them
    assert domain["session_config"]["session_expiration_time"] == 60


def test_domain_slot_mappings_never_name_an_action() -> None:
    """Rasa 3.x runs a custom mapping's ``action`` after every user message, overwriting the results shown."""
    named = {
        name: mapping["action"]
        for name, slot in load_domain()["slots"].items()
        for mapping in slot["mappings"]
        if "action" in mapping
    }
    assert not named, f"slot mappings that make Rasa run an action on every message: {named}"


def slot_events(deps: AdvisorDeps) -> list[tuple[str, str, Any]]:
    """(action, slot, value) of every SlotSet the actions return in the states above."""
    events = []
    for action, state, (text, intent) in itertools.product(build_actions(deps), STATES, TEXTS):
        for event in action.run(CollectingDispatcher(), make_tracker(text, intent, dict(state)), {}) or []:
            if event.get("event") == "slot":
                events.append((action.name(), event["name"], event["value"]))
    return events


def test_domain_declares_every_slot_an_action_sets_with_its_type(deps: AdvisorDeps) -> None:
    slots = load_domain()["slots"]
    events = slot_events(deps)
    assert {action for action, _, _ in events} >= {"action_search_credentials", "action_more_results",
                                                   "action_credential_details"}  # fmt: skip
    wrong = []
    for action, name, value in events:
        declared = slots.get(name)
        if declared is None:
            wrong.append(f"{action} sets {name}, which the fragment does not declare")
            continue
        kind = declared["type"]
        if kind == "categorical":
            ok = value is None or str(value).lower() in {str(v).lower() for v in declared.get("values", [])}
        else:
            accepted = SLOT_TYPES.get(kind)
            if accepted is None:
                pytest.fail(f"slot {name} has a type this test does not know: {kind}")
            ok = value is None or (isinstance(value, accepted) and not (kind == "float" and isinstance(value, bool)))
        if not ok:
            wrong.append(f"{action} sets {name} ({kind}) to {value!r}")
    assert not wrong, "\n".join(sorted(set(wrong)))
