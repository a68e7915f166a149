"""One turn of conversation: embed the message once, recognise the intent, read it in context, update the slots,
run the rasa-sdk action (or a short reply of the advisor's own), store, reply.

Plain Python: no FastAPI here. The HTTP routes and messaging channels all call ``Advisor.handle``.
"""

from __future__ import annotations

import inspect
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import registry
from actions.deps import AdvisorDeps
from actions.details import detect_attribute
from actions.references import resolve_reference
from bot import responses
from bot.intents import IntentRecognizer, Recognised, is_abusive
from bot.schemas import Button, ChatReply, Intent, Message, ResultCard
from bot.slots import is_fragment, update_search_slots
from bot.store import Conversation, ConversationStore, number_turn
from index.embedder import Embedder
from index.query import parse_query
from index.search import Searcher
from knowledge.schema import KnowledgeBase

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np
    from numpy.typing import NDArray

logger = logging.getLogger(__name__)

ACTION_OF_INTENT = {
    "search_credentials": "action_search_credentials",
    "more_results": "action_more_results",
    "credential_details": "action_credential_details",
    "explain_microcredentials": "action_answer_faq",
    "cost_and_funding": "action_answer_faq",
    "enrolment": "action_answer_faq",
    "eligibility": "action_answer_faq",
    "stacking": "action_answer_faq",
    "digital_credential": "action_answer_faq",
    "list_providers": "action_list_providers",
    "human_handoff": "action_handoff",
}
# A general question asked about "it" while a credential is in focus is a question about that credential.
_ABOUT_FOCUS = re.compile(r"\b(it|that|this|that one|this one|the course|the program)\b", re.I)
_FAQ_OF_ATTRIBUTE = {"cost": "cost_and_funding", "audience": "eligibility", "stackable": "stacking",
                     "digital": "digital_credential", "link": "enrolment"}  # fmt: skip


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
        embedder: Embedder | None = None,
        recognizer: IntentRecognizer | None = None,
        intent_threshold: float = 0.45,
    ) -> None:
        self.kb = kb
        self.searcher = searcher
        self.store = store
        self.idle_seconds = idle_minutes * 60
        self.embedder = embedder or searcher.embedder
        self.recognizer = recognizer or IntentRecognizer(
            self.embedder, threshold=intent_threshold, kb=kb, prepare=lambda text: searcher.analyse(text).search_text
        )
        deps = AdvisorDeps(kb=kb, searcher=searcher, page_size=page_size)
        self.actions: dict[str, Action] = {a.name(): a for a in registry.build_actions(deps)}

    def warm_up(self, cache_dir: Path | None = None, *, embedder_id: str = "") -> None:
        """Embed the intent examples now rather than on the first message (loaded from ``cache_dir`` when saved
        there by an earlier start with the same ``embedder_id`` and examples)."""
        self.recognizer.warm_up(cache_dir, embedder_id=embedder_id)

    def embed(self, text: str) -> NDArray[np.float32]:
        """The one embedding of a message, shared by intent recognition and retrieval (the place for a cache).

        It is the searcher's query vector (typos corrected, synonyms added), so the search can reuse it as is."""
        return self.searcher.encode_query(text)

    def handle(
        self,
        session_id: str | None,
        text: str,
        metadata: dict[str, Any] | None = None,
        *,
        now: float | None = None,
        adopt_unknown: bool = True,
        vector: NDArray[np.float32] | None = None,
        on_new: Callable[[], None] | None = None,
    ) -> ChatReply:
        """One turn. With ``adopt_unknown=False`` an id the store does not hold is not taken over: the turn starts a
        conversation under a fresh, unguessable id instead (the reply carries it). ``vector`` is ``embed(text)``
        when the caller computed it already (elsewhere, off the event loop). ``on_new`` is called before a
        conversation is created (it may raise to refuse, and then nothing is stored)."""
        now = time.time() if now is None else now
        fresh = not session_id  # an id minted here cannot be in the store yet: nothing to read
        session_id = session_id or new_session_id()
        with self.store.lock(session_id):
            conversation = None if fresh else self.store.load(session_id)
            if conversation is None and not adopt_unknown:
                session_id = new_session_id()  # nobody else knows this id, so the lock above need not cover it
            if conversation is None and on_new is not None:
                on_new()
            if conversation is None or now - conversation.updated_at > self.idle_seconds:
                if conversation is not None:
                    logger.info("session idle for over %d s; starting fresh", self.idle_seconds)
                conversation = Conversation(session_id=session_id, created_at=now, updated_at=now)
            reply = self._turn(conversation, text, vector)
            turn = number_turn(
                conversation,
                {
                    "at": now,
                    "user": text,
                    "intent": reply.intent.name,
                    "bot": [m.model_dump() for m in reply.messages],
                    "results": [r.id for r in reply.results],
                },
            )
            conversation.updated_at = now
            self.store.save(conversation, turn)  # appends this turn only: the history is never rewritten
        return reply

    def prepare(self, text: str) -> None:
        """Read the filters ``text`` states now (remembered), so the turn finds them ready: ``turn_async`` calls
        this while the message is being embedded, overlapping the two."""
        parse_query(text, self.kb)

    def needs_embedding(self, text: str) -> bool:
        """Whether the turn of ``text`` embeds it: payloads and rules decide without the model."""
        return self.recognizer.quick(text) is None

    def recognise(
        self, text: str, slots: dict[str, Any], vector: NDArray[np.float32] | None = None
    ) -> tuple[Recognised, NDArray[np.float32] | None]:
        """The intent of ``text`` in the context of ``slots``, and the message's embedding when one was used
        (``vector`` when given, else computed here)."""
        recognised = self.recognizer.quick(text)  # payloads and rules need no embedding
        if recognised is None:
            vector = self.embed(text) if vector is None else vector
            recognised = self.recognizer.recognise(text, vector=vector)
        else:
            vector = None
        return self._in_context(recognised, slots, text), vector

    def _in_context(self, recognised: Recognised, slots: dict[str, Any], text: str) -> Recognised:
        if recognised.from_payload:
            return recognised
        if recognised.source != "rule" and slots.get("search_query") and self._refines_search(text):
            return replace(recognised, name="search_credentials")  # "free ones?" after a search narrows it
        focus = slots.get("focus")
        last_results = list(slots.get("last_results") or [])
        attribute = detect_attribute(text)
        if recognised.name in _FAQ_OF_ATTRIBUTE.values() and focus and attribute and _ABOUT_FOCUS.search(text):
            return replace(recognised, name="credential_details")
        if recognised.name != "credential_details":
            return recognised
        if focus or resolve_reference(text, last_results, self.kb):
            return recognised
        if last_results:
            return recognised  # the action asks which one
        if attribute in _FAQ_OF_ATTRIBUTE:  # "is it free?" with nothing shown yet: the general answer
            return replace(recognised, name=_FAQ_OF_ATTRIBUTE[attribute])
        return replace(recognised, name="search_credentials")

    def _refines_search(self, text: str) -> bool:
        parsed = parse_query(text, self.kb)
        return bool(parsed.mentions) and is_fragment(text, parsed)

    def _turn(self, conversation: Conversation, text: str, vector: NDArray[np.float32] | None) -> ChatReply:
        slots = conversation.slots
        recognised, vector = self.recognise(text, slots, vector)
        name = recognised.name
        if name == "restart":
            slots.clear()
            return self._reply(conversation, recognised, [responses.restart()])
        simple = {
            "greet": responses.greet,
            "help": responses.help_message,
            "goodbye": responses.goodbye,
            "thank": responses.thank,
            "deny": responses.deny,
        }
        if name in simple:
            return self._reply(conversation, recognised, [simple[name]()])
        if name == "affirm":
            return self._reply(conversation, recognised, [responses.affirm()])
        if name == "out_of_scope":
            return self._reply(
                conversation,
                recognised,
                [responses.out_of_scope(unsure=recognised.fallback, frustrated=is_abusive(text))],
            )
        if name == "search_credentials":
            entities = recognised.entities if recognised.from_payload else None
            update_search_slots(slots, text, self.kb, entities=entities)
        return self._run(conversation, recognised, ACTION_OF_INTENT[name], text, vector)

    def _run(
        self,
        conversation: Conversation,
        recognised: Recognised,
        action_name: str,
        text: str,
        vector: NDArray[np.float32] | None = None,
    ) -> ChatReply:
        action = self.actions[action_name]
        latest: dict[str, Any] = {
            "text": text,
            "intent": {"name": recognised.name, "confidence": recognised.confidence},
            "entities": [{"entity": k, "value": v} for k, v in recognised.entities.items()],
        }
        if vector is not None:
            latest["query_vector"] = vector  # in process only: the search reuses this turn's embedding
        tracker = Tracker(
            sender_id=conversation.session_id,
            slots=dict(conversation.slots),
            latest_message=latest,
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
            elif event.get("event") == "reset_slots":
                conversation.slots.clear()
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
