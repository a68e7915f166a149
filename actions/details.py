"""action_credential_details: one credential in depth, or one fact about it ("is it free?", "how many modules?").

Which credential: the ``credential_id`` entity (buttons), else a reference in the text ("the second one", "the PPE
one", a title), else the credential in focus. The answer uses only what the record holds."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorAction
from actions.describe import (
    answer_cost,
    describe_audience,
    describe_delivery,
    describe_duration,
    describe_flag,
    describe_modules,
    describe_status,
    overview,
    result_card,
)
from actions.freshness import FIELDS, attribution, describe_starts, freshness_note
from actions.references import resolve_reference
from knowledge.schema import Credential, KnowledgeBase

Answer = Callable[[Credential, KnowledgeBase], str]
NO_LONGER_LISTED = (
    "That one is no longer listed: my catalogue was updated since I showed it to you, and it isn't in it any more. "
    "Ask me again (for example the same field) and I'll show you what is listed now."
)

# (attribute, pattern) in priority order; the first that matches the question decides what is answered.
ATTRIBUTES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cost", re.compile(r"\b(free|cost|costs|price|how much|pay|fees?|tuition|expensive|cheap)\b", re.I)),
    ("modules", re.compile(r"\b(modules?|parts?|units?|sections?)\b", re.I)),
    ("duration", re.compile(r"\b(how long|duration|length|hours?|weeks?|months?|take to finish)\b", re.I)),
    ("delivery", re.compile(r"\b(online|in[- ]person|on campus|from home|evenings?|weekends?|format|remote)\b", re.I)),
    ("status", re.compile(r"\b(when|start|starts|starting|dates?|available|offered|open|launch)\b", re.I)),
    ("audience", re.compile(r"\b(who can|eligible|qualify|requirements?|prerequisites?|can i take|allowed)\b", re.I)),
    ("stackable", re.compile(r"\b(stack|stacks|stackable|count towards?|diploma|degree)\b", re.I)),
    ("digital", re.compile(r"\b(badge|certificate|linkedin|digital|proof|resume)\b", re.I)),
    ("link", re.compile(r"\b(link|url|website|web ?page|sign up|register|enrol+)\b", re.I)),
)


def detect_attribute(text: str) -> str | None:
    for name, pattern in ATTRIBUTES:
        if pattern.search(text):
            return name
    return None


def _stackable(c: Credential, _kb: KnowledgeBase) -> str:
    return describe_flag(c.stackable.value, c.stackable.note, unknown="Whether it stacks isn't published; ask them.")


def _digital(c: Credential, _kb: KnowledgeBase) -> str:
    return describe_flag(
        c.digital_credential.value,
        c.digital_credential.note,
        unknown="Whether it gives a digital credential isn't published; ask the provider.",
    )


ANSWERS: dict[str, Answer] = {
    "cost": answer_cost,
    "modules": lambda c, _kb: describe_modules(c),
    "duration": lambda c, _kb: f"Length: {describe_duration(c)}.",
    "delivery": lambda c, _kb: f"Format: {describe_delivery(c)}. {c.delivery.note or ''}".strip(),
    "status": lambda c, _kb: f"{describe_status(c)}. {describe_starts(c)}",
    "audience": lambda c, _kb: describe_audience(c),
    "stackable": _stackable,
    "digital": _digital,
    "link": lambda c, _kb: f"Here is the page to check details and how to register: {c.url}",
}


def answer_about(credential: Credential, kb: KnowledgeBase, attribute: str | None) -> str:
    """The reply for one credential: one fact when asked, else an overview. Always ends with the link."""
    if attribute is None or attribute not in ANSWERS:
        return _dated(overview(credential, kb), credential, kb, None)
    text = ANSWERS[attribute](credential, kb)
    text = text if str(credential.url) in text else f"{credential.title}: {text} Check: {credential.url}"
    return _dated(text, credential, kb, attribute) if attribute in FIELDS else text


def _dated(text: str, credential: Credential, kb: KnowledgeBase, attribute: str | None) -> str:
    """The answer with its age when old ("As of March 2026: ...") and the data licence of imported facts."""
    parts = (text, freshness_note(credential, kb, attribute), attribution(credential, kb))
    return " ".join(part for part in parts if part)


def details_buttons(credential: Credential) -> list[dict[str, str]]:
    buttons = [{"title": "Is it free?", "payload": '/credential_details{"attribute":"cost"}'}]
    if credential.modules.count or credential.kind == "bundle":
        buttons.append({"title": "Modules", "payload": '/credential_details{"attribute":"modules"}'})
    buttons += [
        {"title": "How to enrol", "payload": "/enrolment"},
        {"title": "Talk to someone", "payload": "/human_handoff"},
    ]
    return buttons


class ActionCredentialDetails(AdvisorAction):
    def name(self) -> str:
        return "action_credential_details"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        kb = self.deps.kb
        message = tracker.latest_message or {}
        text = str(message.get("text") or "")
        entities = {e.get("entity"): e.get("value") for e in message.get("entities") or []}
        last_results = [str(i) for i in tracker.get_slot("last_results") or []]
        target = entities.get("credential_id") or resolve_reference(text, last_results, kb)
        target = target or tracker.get_slot("focus")
        credential = kb.credential(str(target)) if target else None
        if credential is None and target:  # shown before the knowledge was reloaded, gone from it since
            dispatcher.utter_message(text=NO_LONGER_LISTED)
            return [SlotSet("focus", None)]
        if credential is None:
            return self._ask_which(dispatcher, kb, last_results)
        attribute = entities.get("attribute") or detect_attribute(text)
        dispatcher.utter_message(
            text=answer_about(credential, kb, attribute if isinstance(attribute, str) else None),
            buttons=details_buttons(credential),
            json_message={"results": [result_card(credential, kb, 1.0)]},
        )
        return [SlotSet("focus", credential.id)]

    @staticmethod
    def _ask_which(dispatcher: CollectingDispatcher, kb: KnowledgeBase, last_results: list[str]) -> list[EventType]:
        shown = [c for c in (kb.credential(i) for i in last_results) if c is not None]
        if shown:
            dispatcher.utter_message(
                text='Which one do you mean? Pick one, or say "the first one".',
                buttons=[
                    {"title": c.title, "payload": f'/credential_details{{"credential_id":"{c.id}"}}'} for c in shown
                ],
            )
        else:
            dispatcher.utter_message(
                text="Which micro-credential do you mean? Tell me a field (like health care or trades) and I'll "
                "show you what I know, then you can ask about any of them.",
                buttons=[{"title": "Show free options", "payload": '/search_credentials{"cost":"free"}'}],
            )
        return []
