"""Filter slots as a Rasa NLU pipeline fills them ("health", "Ontario Tech") are read through the advisor's own
resolver; values that name nothing known are answered honestly and taken out of the slot."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorDeps
from actions.search import ActionSearchCredentials
from actions.slot_values import excluded_pairs, read_filters
from tests.actions.conftest import make_tracker


def test_read_filters_resolves_names_short_names_and_synonyms(deps: AdvisorDeps) -> None:
    tracker = make_tracker("/search_credentials", "search_credentials", {"area": "health", "provider": "Ontario Tech"})
    reading = read_filters(tracker, deps.kb)
    assert reading.filters.area == "Health Sciences" and reading.filters.provider == "ontario-tech"
    assert {e["name"]: e["value"] for e in reading.events} == {"area": "Health Sciences", "provider": "ontario-tech"}
    assert not reading.unknown


def test_read_filters_leaves_own_values_unchanged(deps: AdvisorDeps) -> None:
    tracker = make_tracker("x", "search_credentials", {"area": "Health Sciences", "cost": "free"})
    assert read_filters(tracker, deps.kb).events == []


def test_search_with_a_raw_entity_value_finds_the_area(deps: AdvisorDeps) -> None:
    dispatcher = CollectingDispatcher()
    events = ActionSearchCredentials(deps).run(
        dispatcher, make_tracker("/search_credentials", "search_credentials", {"area": "health"}), {}
    )
    cards = dispatcher.messages[0]["custom"]["results"]
    assert cards and all("Health Sciences" in card["area"] for card in cards)
    slots = {e["name"]: e["value"] for e in events}
    assert slots["area"] == "Health Sciences" and len(slots["last_results"]) == len(cards)


def test_search_with_an_unknown_value_says_so_and_forgets_it(deps: AdvisorDeps) -> None:
    dispatcher = CollectingDispatcher()
    events = ActionSearchCredentials(deps).run(
        dispatcher, make_tracker("/search_credentials", "search_credentials", {"area": "basket weaving"}), {}
    )
    text = dispatcher.messages[0]["text"]
    assert "I don't know of an area called “basket weaving”" in text
    assert not dispatcher.messages[0].get("custom")  # no results shown as if they matched
    assert {"event": "slot", "name": "area", "value": None} in [
        {k: e[k] for k in ("event", "name", "value")} for e in events
    ]


def test_search_with_an_unknown_provider_lists_the_schools(deps: AdvisorDeps) -> None:
    dispatcher = CollectingDispatcher()
    ActionSearchCredentials(deps).run(
        dispatcher, make_tracker("/search_credentials", "search_credentials", {"provider": "Hogwarts"}), {}
    )
    message = dispatcher.messages[0]
    assert "a school called “Hogwarts”" in message["text"] and "Durham College" in message["text"]
    assert all(b["payload"].startswith("/search_credentials") for b in message["buttons"])


def test_excluded_slot_holds_several_values_per_filter_and_reads_the_older_single_value_form() -> None:
    assert excluded_pairs({"area": ["Information Technology", "Cybersecurity"], "provider": "trent"}) == [
        ("area", "Information Technology"),
        ("area", "Cybersecurity"),
        ("provider", "trent"),
    ]
    assert excluded_pairs({"area": "Health Sciences"}) == [("area", "Health Sciences")]
    assert excluded_pairs(None) == [] and excluded_pairs("Health Sciences") == []


def test_read_filters_excludes_every_ruled_out_value(deps: AdvisorDeps) -> None:
    ruled_out = {"excluded": {"area": ["Information Technology", "Cybersecurity"]}}
    tracker = make_tracker("x", "search_credentials", ruled_out)
    reading = read_filters(tracker, deps.kb)
    assert reading.filters.exclude == (("area", "Cybersecurity"), ("area", "Information Technology"))
