"""Each action with rasa-sdk's Tracker and CollectingDispatcher, no server (fake embedder)."""

from __future__ import annotations

import re

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorDeps
from actions.details import ActionCredentialDetails, detect_attribute, other_attribute
from actions.faq import TOPIC_OF_INTENT, ActionAnswerFaq
from actions.funding import detect_program
from actions.handoff import ActionHandoff
from actions.providers import ActionListProviders
from actions.references import at_position, name_matches, ordinal_of, pick_named, resolve_reference
from actions.registry import ACTION_CLASSES, build_actions
from actions.search import ActionSearchCredentials
from actions.turn import TurnQuery, turn_query
from knowledge.schema import KnowledgeBase
from tests.actions.conftest import make_tracker


def test_every_action_builds_without_arguments_for_the_action_server() -> None:
    names = [cls().name() for cls in ACTION_CLASSES]  # lazily loaded deps: nothing heavy happens here
    assert len(set(names)) == len(names) == 6


def test_registry_shares_deps(deps: AdvisorDeps) -> None:
    assert {a.name() for a in build_actions(deps)} == {cls().name() for cls in ACTION_CLASSES}


def test_search_uses_the_turn_vector(deps: AdvisorDeps) -> None:
    text = "courses in health care"
    tracker = make_tracker(text, "search_credentials", {"area": "Health Sciences"})
    dispatcher = CollectingDispatcher()
    with turn_query(TurnQuery(text, vector=deps.searcher.encode_query(text))):
        events = ActionSearchCredentials(deps).run(dispatcher, tracker, {})
    slots = {e["name"]: e["value"] for e in events}
    assert slots["last_results"] and slots["search_query"] == text
    cards = dispatcher.messages[0]["custom"]["results"]  # channels render the cards; each carries its link
    assert [c["id"] for c in cards] == slots["last_results"] and all(c["url"].startswith("https://") for c in cards)


@pytest.mark.parametrize(
    ("text", "attribute"),
    [("is it free?", "cost"), ("how many modules", "modules"), ("how long is it", "duration"),
     ("is it online", "delivery"), ("when does it start", "status"), ("can it stack", "stackable"),
     ("do i get a badge", "digital"), ("what's the link", "link"), ("tell me more", None),
     # when it runs, before the words "part" (a part-time job) and "week" (weekdays) are read as parts or length
     ("can i do it at night, i have a part-time job", "delivery"), ("weekends or week days?", "delivery"),
     ("are there set times or is it at my own pace", "delivery"), ("who won the game last night", None),
     ("good evening, i need a course", None), ("is it full time or part time", "delivery"),
     ("is it ready now or coming later", "status"), ("could you tell me if it's full", "places"),
     ("will it lead to a bigger certificate", "stackable"), ("if she does all three what does she get", "stackable"),
     ("a man my age with no diploma", None), ("how many are there?", "modules"), ("what are they called", "modules")],
)  # fmt: skip
def test_detect_attribute(text: str, attribute: str | None) -> None:
    assert detect_attribute(text) == attribute


@pytest.mark.parametrize(
    ("text", "attribute", "other"),
    [("is it free and is it online", "cost", "delivery"), ("how long is it? can i do evenings", "duration",
     "delivery"), ("is it online or in person", "delivery", None), ("/credential_details{\"attribute\":\"cost\"}",
     "cost", None)],
)  # fmt: skip
def test_other_attribute(text: str, attribute: str, other: str | None) -> None:
    assert other_attribute(text, attribute) == other


def test_references(kb: KnowledgeBase) -> None:
    shown = ["ot-hs-feeding", "ot-hs-donning-doffing-ppe", "dc-area-health-sciences"]
    assert at_position(ordinal_of("the second one"), shown) == "ot-hs-donning-doffing-ppe"
    assert at_position(ordinal_of("number 3 please"), shown) == "dc-area-health-sciences"
    assert at_position(ordinal_of("the last one"), shown) == "dc-area-health-sciences"
    assert at_position(ordinal_of("the fifth one"), shown) is None
    assert pick_named(name_matches("the PPE one", kb), shown) == "ot-hs-donning-doffing-ppe"
    assert resolve_reference("tell me about empowered educators", [], kb) == "trent-empowered-educators"
    assert resolve_reference("the weather", shown, kb) is None


def test_details_modules_and_cost(deps: AdvisorDeps) -> None:
    dispatcher = CollectingDispatcher()
    events = ActionCredentialDetails(deps).run(
        dispatcher, make_tracker("how many modules does it have?", "credential_details",
                                 {"focus": "dc-construction-jobsite-readiness"}), {}
    )  # fmt: skip
    assert events[0] == {"event": "slot", "name": "focus", "value": "dc-construction-jobsite-readiness",
                         "timestamp": None}  # fmt: skip
    assert "3 modules" in dispatcher.messages[0]["text"]
    dispatcher = CollectingDispatcher()
    ActionCredentialDetails(deps).run(
        dispatcher, make_tracker("/credential_details", "credential_details", entities={
            "credential_id": "ot-td-story-telling", "attribute": "cost"}), {}
    )  # fmt: skip
    assert "recorded as free" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize("intent", sorted(TOPIC_OF_INTENT))
def test_faq_answers_each_topic_with_sources(deps: AdvisorDeps, intent: str) -> None:
    dispatcher = CollectingDispatcher()
    assert ActionAnswerFaq(deps).run(dispatcher, make_tracker("?", intent), {}) == []
    topic = deps.kb.faq[TOPIC_OF_INTENT[intent]]
    assert dispatcher.messages[0]["text"].startswith(topic.answer.strip()[:40])
    assert dispatcher.messages[0]["buttons"]


@pytest.mark.parametrize(
    ("program", "aspect", "says", "never"),
    [
        ("better_jobs_ontario", None, ["$28,000", "Employment Ontario", "rules change"], ["OSAP"]),
        ("osap", "apply", ["register with the school first"], ["Better Jobs", "$28,000"]),
        ("osap", "who", ["permanent residents"], ["Better Jobs"]),
        (None, "amount", ["$28,000", "the amount depends on need"], ["TD-sponsored"]),
        (None, "free", ["TD-sponsored transferable-skills micro-credentials are free"], ["$28,000", "OSAP"]),
    ],
)
def test_faq_answers_one_funding_program_or_aspect_in_the_faqs_words(
    deps: AdvisorDeps, program: str | None, aspect: str | None, says: list[str], never: list[str]
) -> None:
    dispatcher = CollectingDispatcher()
    entities = {k: v for k, v in (("funding_program", program), ("funding_aspect", aspect)) if v}
    ActionAnswerFaq(deps).run(dispatcher, make_tracker("?", "cost_and_funding", entities=entities), {})
    text = dispatcher.messages[0]["text"]
    assert all(phrase in text for phrase in says), text
    assert not any(phrase in text for phrase in never), text
    faq_text = " ".join(" ".join(t.answer.split()) for t in deps.kb.faq.values())
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.split(" Sources:")[0]):
        assert sentence[1:] in faq_text, f"not the FAQ's words: {sentence}"  # (its first letter may be capitalised)


def test_faq_without_topic_offers_the_topics(deps: AdvisorDeps) -> None:
    dispatcher = CollectingDispatcher()
    ActionAnswerFaq(deps).run(dispatcher, make_tracker("?", "greet"), {})
    assert len(dispatcher.messages[0]["buttons"]) == len(TOPIC_OF_INTENT)


def test_list_providers_and_handoff(deps: AdvisorDeps) -> None:
    dispatcher = CollectingDispatcher()
    ActionListProviders(deps).run(dispatcher, make_tracker("which schools", "list_providers"), {})
    assert all(p.name in dispatcher.messages[0]["text"] for p in deps.kb.providers.values())
    assert len(dispatcher.messages[0]["buttons"]) == len(deps.kb.providers)
    dispatcher = CollectingDispatcher()
    ActionHandoff(deps).run(dispatcher, make_tracker("human", "human_handoff"), {})
    text = dispatcher.messages[0]["text"]
    for provider in deps.kb.providers.values():
        assert str(provider.contact[0].url) in text
    assert "Employment Ontario" in text and "can't put you through" in text


@pytest.mark.parametrize(
    ("text", "program"),
    [
        ("someone told me there's like 28 grand for school??", "better_jobs_ontario"),
        ("is it true you can get $28,000 for training", "better_jobs_ontario"),
        ("I made 28k a year at the warehouse, what can i retrain for", None),  # earned, not given
        ("can osap pay for it", "osap"),
        ("what can I take", None),
    ],
)
def test_a_funding_program_is_named_by_its_name_or_the_amount_it_gives(text: str, program: str | None) -> None:
    assert detect_program(text) == program
