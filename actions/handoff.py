"""action_handoff: how to reach people who can help. The advisor never pretends a person has joined the chat."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorAction
from actions.search import joined
from knowledge.schema import KnowledgeBase

CAREER_TOPIC = "career_help"
_PHONE = re.compile(r"\b(phone|telephone|number|ring|call)\b", re.I)


def contact_lines(kb: KnowledgeBase, provider_ids: list[str] | None = None) -> list[str]:
    """Each school's contact routes (only ``provider_ids``' when given), from the knowledge base."""
    providers = [kb.providers[i] for i in provider_ids if i in kb.providers] if provider_ids else kb.providers.values()
    return [f"{p.name}: " + "; ".join(f"{route.label} – {route.url}" for route in p.contact) for p in providers]


def asked_schools(kb: KnowledgeBase, entities: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The schools a contact ask is about (a school named, or the credentials it points at), and those
    credentials' titles: "who do I phone about this one" is answered with that one's school first."""
    credentials = [c for c in (kb.credential(str(i)) for i in entities.get("credential_ids") or []) if c]
    provider = entities.get("provider")
    schools = [str(provider)] if provider in kb.providers else [c.provider for c in credentials]
    return list(dict.fromkeys(schools)), [c.title for c in credentials] if not provider else []


def no_call_text(kb: KnowledgeBase, provider_ids: list[str] | None = None) -> str:
    """After an answer to someone who left a number or an e-mail and asked to be called: the advisor can't call or
    write, and where a person can be reached (the school named, else every school)."""
    lines = "\n".join(f"- {line}" for line in contact_lines(kb, provider_ids))
    return f"I'm an automated advisor, so I can't call or e-mail you. To talk to a person, contact the school:\n{lines}"


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
        message = tracker.latest_message or {}
        entities = {e.get("entity"): e.get("value") for e in message.get("entities") or []}
        schools, titles = asked_schools(kb, entities)
        if entities.get("pages"):  # "just give me the website then": the schools' pages, no hand-off
            dispatcher.utter_message(
                text="These are the schools' pages I know of:\n" + "\n".join(f"- {line}" for line in
                                                                            contact_lines(kb, schools)),
                buttons=[{"title": "How to enrol", "payload": "/enrolment"},
                         {"title": "Back to search", "payload": "/help"}],
            )  # fmt: skip
            return []
        text = "I'm an automated advisor, so I can't put you through to a person in this chat. "
        if schools:
            about = f"About {joined(titles)}, ask" if titles and len(titles) <= 2 else "Ask"
            others = [i for i in kb.providers if i not in schools]
            text += f"{about}:\n" + "\n".join(f"- {line}" for line in contact_lines(kb, schools))
            if others:
                text += "\nThe other schools:\n" + "\n".join(f"- {line}" for line in contact_lines(kb, others))
        else:
            text += "These people can help:\n" + "\n".join(f"- {line}" for line in contact_lines(kb))
        if _PHONE.search(str(message.get("text") or "")):  # never a number the sources don't give
            text += "\nMy sources don't give a phone number; the school's page above is where to look for one."
        career = career_help_text(kb)
        dispatcher.utter_message(
            text=text + (f"\n{career}" if career else ""),
            buttons=[
                {"title": "Costs and funding", "payload": "/cost_and_funding"},
                {"title": "Back to search", "payload": "/help"},
            ],
        )
        return []
