"""One turn of conversation: recognise the intent, update slots, run the rasa-sdk action, store, reply.

Plain Python: no FastAPI here. The HTTP routes and messaging channels all call ``Advisor.handle``.
"""

from __future__ import annotations

import inspect
import logging
import secrets
import time
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorDeps
from actions.more import ActionMoreResults
from actions.search import FILTER_SLOTS, ActionSearchCredentials
from bot.intents import Recognised, RuleRecognizer
from bot.schemas import Button, ChatReply, Intent, Message, ResultCard
from bot.store import Conversation, ConversationStore
from index.query import parse_query
from index.search import Searcher
from knowledge.schema import KnowledgeBase

logger = logging.getLogger(__name__)

HELP_TEXT = (
    "I can help you find short, job-focused training (micro-credentials) at Durham College, Ontario Tech University "
    'and Trent University Durham GTA. Tell me a field or a job, like "health care", "cybersecurity" or "I worked '
    'in a factory", or ask for free or online options.'
)
START_BUTTONS = [
    Button(title="Free options", payload='/search_credentials{"cost":"free"}'),
    Button(title="Health Sciences", payload='/search_credentials{"area":"Health Sciences"}'),
    Button(title="Trades", payload='/search_credentials{"area":"Trades"}'),
    Button(title="Cybersecurity", payload='/search_credentials{"area":"Cybersecurity"}'),
]
_FOLLOW_UP = ("what about", "how about", "and ", "what if", "instead", "also")


def new_session_id() -> str:
    """An unguessable conversation id (128 bits of randomness)."""
    return secrets.token_urlsafe(16)


class Advisor:
    def __init__(
        self,
        *,
        kb: KnowledgeBase,
        searcher: Searcher,
        store: ConversationStore,
        page_size: int = 3,
        idle_minutes: int = 60,
    ) -> None:
        self.kb = kb
        self.searcher = searcher
        self.store = store
        self.idle_seconds = idle_minutes * 60
        self.recognizer = RuleRecognizer()
        deps = AdvisorDeps(kb=kb, searcher=searcher, page_size=page_size)
        self.actions: dict[str, Action] = {
            a.name(): a for a in (ActionSearchCredentials(deps), ActionMoreResults(deps))
        }

    def handle(
        self, session_id: str | None, text: str, metadata: dict[str, Any] | None = None, *, now: float | None = None
    ) -> ChatReply:
        now = time.time() if now is None else now
        session_id = session_id or new_session_id()
        with self.store.lock(session_id):
            conversation = self.store.load(session_id)
            if conversation is None or now - conversation.updated_at > self.idle_seconds:
                conversation = Conversation(session_id=session_id, created_at=now, updated_at=now)
            reply = self._turn(conversation, text)
            conversation.turns.append(
                {
                    "at": now,
                    "user": text,
                    "intent": reply.intent.name,
                    "bot": [m.model_dump() for m in reply.messages],
                    "results": [r.id for r in reply.results],
                }
            )
            conversation.updated_at = now
            self.store.save(conversation)
        return reply

    def _turn(self, conversation: Conversation, text: str) -> ChatReply:
        recognised = self.recognizer.recognise(text)
        slots = conversation.slots
        if recognised.name == "restart":
            slots.clear()
            return self._reply(
                conversation, recognised, [Message(text="Okay, let's start fresh. " + HELP_TEXT, buttons=START_BUTTONS)]
            )
        if recognised.name in ("greet", "help"):
            greeting = "Hello! " if recognised.name == "greet" else ""
            return self._reply(conversation, recognised, [Message(text=greeting + HELP_TEXT, buttons=START_BUTTONS)])
        if recognised.name == "more_results":
            return self._run(conversation, recognised, "action_more_results", text)
        self._update_search_slots(slots, recognised, text)
        return self._run(
            conversation,
            Recognised("search_credentials", recognised.confidence, recognised.entities, recognised.from_payload),
            "action_search_credentials",
            text,
        )

    def _update_search_slots(self, slots: dict[str, Any], recognised: Recognised, text: str) -> None:
        if recognised.from_payload:
            for name, value in recognised.entities.items():
                if name in FILTER_SLOTS:
                    slots[name] = value
            return
        stated = parse_query(text, self.kb).filters.as_dict()
        follow_up = text.lower().startswith(_FOLLOW_UP)
        if stated and not follow_up:
            for name in FILTER_SLOTS:
                slots[name] = stated.get(name)
        else:
            slots.update(stated)

    def _run(self, conversation: Conversation, recognised: Recognised, action_name: str, text: str) -> ChatReply:
        action = self.actions[action_name]
        tracker = Tracker(
            sender_id=conversation.session_id,
            slots=dict(conversation.slots),
            latest_message={
                "text": text,
                "intent": {"name": recognised.name, "confidence": recognised.confidence},
                "entities": [{"entity": k, "value": v} for k, v in recognised.entities.items()],
            },
            events=[],
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )
        dispatcher = CollectingDispatcher()
        events = action.run(dispatcher, tracker, {})
        if inspect.isawaitable(events):  # pragma: no cover - our actions are synchronous
            raise TypeError(f"{action_name} must be synchronous to run in process")
        for event in events or []:
            if event.get("event") == "slot":
                conversation.slots[event["name"]] = event["value"]
        messages: list[Message] = []
        results: list[ResultCard] = []
        for sent in dispatcher.messages:
            buttons = [Button(title=b["title"], payload=b["payload"]) for b in sent.get("buttons") or []]
            if sent.get("text"):
                messages.append(Message(text=sent["text"], buttons=buttons))
            custom = sent.get("custom") or {}
            results.extend(ResultCard(**card) for card in custom.get("results", []))
        return self._reply(conversation, recognised, messages, results)

    def _reply(
        self,
        conversation: Conversation,
        recognised: Recognised,
        messages: list[Message],
        results: list[ResultCard] | None = None,
    ) -> ChatReply:
        public = {k: v for k, v in conversation.slots.items() if v is not None}
        return ChatReply(
            session_id=conversation.session_id,
            intent=Intent(name=recognised.name, confidence=round(recognised.confidence, 4)),
            messages=messages,
            results=results or [],
            slots=public,
        )
