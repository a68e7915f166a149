"""The rest of the exported project: responses with the advisor's texts and buttons, rules, test stories, config,
endpoints and credentials."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from bot.dialogue import responses
from bot.schemas import Message

RASA_VERSION = "3.6.21"  # the Rasa Open Source release `make test-rasa` trains and talks to
RANDOM_SEED = 42
# Intents the advisor answers itself (bot/dialogue/engine.py) -> the response the exported assistant utters.
# `restart` runs Rasa's own action_restart, which utters utter_restart and then forgets the conversation.
RESPONSE_OF_INTENT: dict[str, tuple[str, Callable[[], Message]]] = {
    "greet": ("utter_greet", responses.greet),
    "goodbye": ("utter_goodbye", responses.goodbye),
    "thank": ("utter_thank", responses.thank),
    "help": ("utter_help", responses.help_message),
    "affirm": ("utter_affirm", responses.affirm),
    "deny": ("utter_deny", responses.deny),
    "restart": ("utter_restart", responses.restart),
    "out_of_scope": ("utter_out_of_scope", partial(responses.out_of_scope, unsure=False)),
}
UNSURE = partial(responses.out_of_scope, unsure=True)  # NLU below its threshold; no rule fits (utter_default)
FALLBACK_RESPONSES = {"utter_please_rephrase": UNSURE, "utter_default": UNSURE}


def _response(message: Message) -> list[dict[str, Any]]:
    body: dict[str, Any] = {"text": message.text}
    if message.buttons:
        body["buttons"] = [{"title": b.title, "payload": b.payload} for b in message.buttons]
    return [body]


def responses_document() -> dict[str, Any]:
    said = {name: _response(make()) for name, make in RESPONSE_OF_INTENT.values()}
    said |= {name: _response(make()) for name, make in FALLBACK_RESPONSES.items()}
    return {"version": "3.1", "responses": said}


def rules_document(action_of_intent: dict[str, str]) -> dict[str, Any]:
    rules = [
        {"rule": f"{intent} -> {action}", "steps": [{"intent": intent}, {"action": action}]}
        for intent, action in action_of_intent.items()
    ]
    rules += [
        {"rule": f"{intent} -> {utter}", "steps": [{"intent": intent}, {"action": utter}]}
        for intent, (utter, _) in RESPONSE_OF_INTENT.items()
        if intent != "restart"  # Rasa maps restart to action_restart itself
    ]
    unsure = [{"intent": "nlu_fallback"}, {"action": "utter_please_rephrase"}]
    rules.append({"rule": "unsure -> ask to rephrase", "steps": unsure})
    return {"version": "3.1", "rules": rules}


def stories_document(examples: dict[str, list[str]], action_of_intent: dict[str, str]) -> dict[str, Any]:
    """Test stories for `rasa test`: each intent's first example answered by its action or response, and a search
    followed up the way README describes."""

    def answer(intent: str) -> str:
        return action_of_intent.get(intent) or (
            "action_restart" if intent == "restart" else RESPONSE_OF_INTENT[intent][0]
        )

    stories = [
        {
            "story": f"{intent}",
            "steps": [{"user": examples[intent][0], "intent": intent}, {"action": answer(intent)}],
        }
        for intent in examples
    ]
    stories.append(
        {
            "story": "search, page, pick, ask",
            "steps": [
                {"user": examples["search_credentials"][0], "intent": "search_credentials"},
                {"action": "action_search_credentials"},
                {"user": "show me more", "intent": "more_results"},
                {"action": "action_more_results"},
                {"user": "the second one", "intent": "credential_details"},
                {"action": "action_credential_details"},
                {"user": "is it free?", "intent": "credential_details"},
                {"action": "action_credential_details"},
            ],
        }
    )
    return {"version": "3.1", "stories": stories}


def config_document() -> dict[str, Any]:
    """A small pipeline that trains in minutes on two cores; rules decide every action."""
    return {
        "recipe": "default.v1",
        "assistant_id": "credential-advisor",
        "language": "en",
        "pipeline": [
            {"name": "WhitespaceTokenizer"},
            {"name": "RegexFeaturizer", "use_lookup_tables": True},
            {"name": "LexicalSyntacticFeaturizer"},
            {"name": "CountVectorsFeaturizer"},
            {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
            {"name": "DIETClassifier", "epochs": 100, "random_seed": RANDOM_SEED, "constrain_similarities": True},
            {
                "name": "RegexEntityExtractor",
                "case_sensitive": False,
                "use_lookup_tables": True,
                "use_regexes": False,
            },
            {"name": "EntitySynonymMapper"},
            {"name": "FallbackClassifier", "threshold": 0.3},
        ],
        "policies": [
            {
                "name": "RulePolicy",
                "core_fallback_threshold": 0.3,
                "core_fallback_action_name": "action_default_fallback",
                "enable_fallback_prediction": True,
            },
        ],
    }


def endpoints_document(action_url: str, *, token_env: str | None) -> dict[str, Any]:
    endpoint: dict[str, Any] = {"url": action_url}
    if token_env:
        endpoint["token"] = f"${{{token_env}}}"  # Rasa reads it from the environment when it starts
    return {"action_endpoint": endpoint}


def credentials_document() -> dict[str, Any]:
    return {"rest": None}
