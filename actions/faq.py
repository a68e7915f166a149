"""action_answer_faq: answers about micro-credentials themselves, from ``knowledge/faq.yaml`` with their sources."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorAction
from actions.eligibility import TOPIC as ELIGIBILITY
from actions.eligibility import school_answer, status_note
from actions.funding import PROGRAMS, funding_answer
from knowledge.schema import KnowledgeBase

# Which FAQ topic answers which intent (intent names are the API; topic ids are knowledge/faq.yaml's).
TOPIC_OF_INTENT = {
    "explain_microcredentials": "what_is",
    "cost_and_funding": "cost_and_funding",
    "enrolment": "enrolment",
    "eligibility": "eligibility",
    "stacking": "stacking",
    "digital_credential": "digital_credential",
}
_NEXT = {
    "what_is": ("Find one for me", "/help"),
    "cost_and_funding": ("Show free options", '/search_credentials{"cost":"free","area":null,"provider":null}'),
    "enrolment": ("Who can enrol?", "/eligibility"),
    "eligibility": ("How do I enrol?", "/enrolment"),
    "stacking": ("Digital credentials", "/digital_credential"),
    "digital_credential": ("Can they stack?", "/stacking"),
    "flexible_delivery": ("Online options", '/search_credentials{"delivery":"online"}'),
    "career_help": ("Talk to someone", "/human_handoff"),
}


# The sentences of an FAQ answer that say whom it is for ("Assisted services are for people who are unemployed ...").
_AUDIENCE_SENTENCE = re.compile(r"\b(are for|is for|open to|need you to|eligible|unemployed)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def audience_sentences(answer: str) -> str:
    """Whom an FAQ answer says it is for: its sentences that say so, else the whole answer."""
    found = [s for s in _SENTENCE.split(answer.strip()) if _AUDIENCE_SENTENCE.search(s)]
    return " ".join(found) or answer.strip()


def topic_for(tracker: Tracker, kb: KnowledgeBase) -> str | None:
    """The topic entity when given (``/cost_and_funding{"faq_topic":"..."}``), else the one for the intent."""
    message = tracker.latest_message or {}
    for entity in message.get("entities") or []:
        if entity.get("entity") == "faq_topic" and entity.get("value") in kb.faq:
            return str(entity["value"])
    intent = (message.get("intent") or {}).get("name")
    return TOPIC_OF_INTENT.get(str(intent))


def _entity(tracker: Tracker, name: str) -> str | None:
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == name and isinstance(entity.get("value"), str):
            return str(entity["value"])
    return None


def source_links(topic_sources: tuple[str, ...], kb: KnowledgeBase, *, limit: int = 3) -> str:
    links = [str(kb.sources[key].url) for key in topic_sources if key in kb.sources and key != "article"]
    return " Sources: " + " ; ".join(links[:limit]) if links else ""


class ActionAnswerFaq(AdvisorAction):
    def name(self) -> str:
        return "action_answer_faq"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        kb = self.deps.kb
        program, aspect = _entity(tracker, "funding_program"), _entity(tracker, "funding_aspect")
        if program in PROGRAMS or aspect:
            # One program, or one aspect of paying ("how much", "what does it cover"): the FAQ's own sentences.
            found = funding_answer(kb, program, aspect)
            if found is not None:
                text, sources = found
                if _entity(tracker, "payer") == "employer":  # "will my work pay for it": only the employer knows
                    text = ("Whether your employer will pay for it isn't something my sources say: ask your employer. "
                            f"What my sources do say about funding: {text}")
                dispatcher.utter_message(
                    text=text + source_links(sources, kb),
                    buttons=[
                        {"title": "Costs and funding", "payload": "/cost_and_funding"},
                        {"title": "Find a micro-credential", "payload": "/help"},
                    ],
                )
                return []
        topic_id = topic_for(tracker, kb)
        topic = kb.faq.get(topic_id) if topic_id else None
        if topic is None:
            dispatcher.utter_message(
                text="I can answer what micro-credentials are, what they cost and how to pay, who can enrol, how "
                "to enrol, stacking and digital credentials. Which would help?",
                buttons=[
                    {"title": kb.faq[t].title, "payload": f"/{intent}"}
                    for intent, t in TOPIC_OF_INTENT.items()
                    if t in kb.faq
                ],
            )
            return []
        title, payload = _NEXT.get(topic.id, ("Start over", "/restart"))
        answer = topic.answer.strip()
        if _entity(tracker, "faq_aspect") == "audience":  # "who is that for?" right after this answer
            answer = audience_sentences(answer)
        # "I'm on a study permit, can I enrol": whether the status matters is the school's to confirm
        note = status_note(str((tracker.latest_message or {}).get("text") or "")) if topic.id == ELIGIBILITY else ""
        text = answer + note + source_links(topic.sources, kb)
        provider = _entity(tracker, "provider")
        events: list[EventType] = []
        # "can I take Ontario Tech courses?": that school's rule, not every school's ("what if he gets his GED first"
        # after it: what that rule says nothing of said plainly, then the rule that speaks of a GED)
        asked = str((tracker.latest_message or {}).get("text") or "")
        if topic.id == ELIGIBILITY and provider and (school := school_answer(kb, provider, asked=asked)):
            text = school + note
            # the school is now in focus: "what are they?" next asks for its records
            events = [SlotSet("provider", provider)]
        dispatcher.utter_message(
            text=text,
            buttons=[{"title": title, "payload": payload}, {"title": "Find a micro-credential", "payload": "/help"}],
        )
        return events
