"""action_handoff: how to reach people who can help. The advisor never pretends a person has joined the chat."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorAction
from knowledge.schema import KnowledgeBase

CAREER_TOPIC = "career_help"


def contact_lines(kb: KnowledgeBase) -> list[str]:
    return [
        f"{p.name}: " + "; ".join(f"{route.label} – {route.url}" for route in p.contact) for p in kb.providers.values()
    ]


def career_help_text(kb: KnowledgeBase) -> str:
    topic = kb.faq.get(CAREER_TOPIC)
    if topic is None:
        return ""
    links = [str(kb.sources[key].url) for key in topic.sources if key in kb.sources]
    return f"For career advice: {topic.answer.strip()}" + (f" ({links[0]})" if links else "")


class ActionHandoff(AdvisorAction):
    def name(self) -> str:
        return "action_handoff"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        kb = self.deps.kb
        text = (
            "I'm an automated advisor, so I can't put you through to a person in this chat. These people can "
            "help:\n" + "\n".join(f"- {line}" for line in contact_lines(kb))
        )
        career = career_help_text(kb)
        dispatcher.utter_message(
            text=text + (f"\n{career}" if career else ""),
            buttons=[
                {"title": "Costs and funding", "payload": "/cost_and_funding"},
                {"title": "Back to search", "payload": "/help"},
            ],
        )
        return []
