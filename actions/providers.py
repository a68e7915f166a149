"""action_list_providers: the schools the advisor knows, with how to reach them."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorAction
from knowledge.schema import KnowledgeBase, Provider


def provider_summary(provider: Provider, kb: KnowledgeBase) -> str:
    count = sum(1 for c in kb.credentials if c.provider == provider.id)
    first_sentence = provider.description.strip().split(". ")[0].rstrip(".")
    return f"{provider.name} ({count} offering{'s' if count != 1 else ''} I know of): {first_sentence}. {provider.url}"


def provider_button(provider: Provider) -> dict[str, str]:
    payload = json.dumps({"provider": provider.id, "area": None, "cost": None, "delivery": None, "status": None})
    return {"title": f"{provider.name} offerings", "payload": f"/search_credentials{payload}"}


def _schools_in_one_line(kb: KnowledgeBase) -> str:
    named = [f"{p.name} ({sum(1 for c in kb.credentials if c.provider == p.id)})" for p in kb.providers.values()]
    listed = ", ".join(named[:-1]) + f" and {named[-1]}" if len(named) > 1 else "".join(named)
    return f"The micro-credentials I know of in Durham Region are offered by {listed} (the number I know of each)."


class ActionListProviders(AdvisorAction):
    def name(self) -> str:
        return "action_list_providers"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        kb = self.deps.kb
        if any(e.get("entity") == "brief" for e in (tracker.latest_message or {}).get("entities") or []):
            # beside a search ("who offers these, and any cannabis ones"): the schools in one line, each a button
            dispatcher.utter_message(text=_schools_in_one_line(kb), buttons=[provider_button(p) for p in
                                                                              kb.providers.values()])  # fmt: skip
            return []
        lines = [f"{n}. {provider_summary(p, kb)}" for n, p in enumerate(kb.providers.values(), 1)]
        dispatcher.utter_message(
            text="I know the micro-credentials of these schools in Durham Region:\n" + "\n".join(lines),
            buttons=[provider_button(p) for p in kb.providers.values()],
        )
        return []
