"""One turn of conversation, flowing one way: the message is read once (``bot.dialogue.message.UserMessage``), embedded
once when the model is needed, classified (``intents``), decided on in the context of the slots (``policy``),
applied to the slots (``slots``), answered by a rasa-sdk action (or a short reply of the advisor's own), stored,
replied.

Plain Python: no FastAPI here. The HTTP routes and messaging channels all call ``Advisor.handle``.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import registry
from actions.deps import AdvisorDeps
from actions.describe import length_overview
from actions.details import names_part
from actions.freshness import STALE_DAYS
from actions.handoff import career_help_text, no_call_text
from actions.references import best_said
from actions.turn import TurnQuery, turn_query
from bot.dialogue import phrases, responses
from bot.dialogue.intents import IntentRecognizer, Recognised
from bot.dialogue.message import Opening, UserMessage, finish_reading, read_message, start_reading
from bot.dialogue.policy import Decision, also_decision, decide, facts_decision, topic_of
from bot.dialogue.slots import update_search_slots
from bot.randomness import token_urlsafe
from bot.schemas import Button, ChatReply, Intent, Message, ResultCard
from bot.store.base import Conversation, ConversationStore, number_turn
from index.embedder import Embedder
from index.filters import SearchFilters
from index.patterns import build_pattern_set
from index.search import Searcher
from knowledge.schema import KnowledgeBase

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np
    from numpy.typing import NDArray

    from bot.runtime import Runtime
    from bot.settings import Settings

logger = logging.getLogger(__name__)


def new_session_id() -> str:
    """An unguessable conversation id (128 bits of randomness)."""
    return token_urlsafe(16)


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
        stale_days: int = STALE_DAYS,
    ) -> None:
        self.kb = kb
        self.searcher = searcher
        self.store = store
        self.idle_seconds = idle_minutes * 60
        self.embedder = embedder or searcher.embedder
        self.vocabulary = searcher.vocabulary  # one typo threshold for filters, search and intents
        self.recognizer = recognizer or IntentRecognizer(
            self.embedder, threshold=intent_threshold, vocabulary=self.vocabulary
        )
        deps = AdvisorDeps(kb=kb, searcher=searcher, page_size=page_size, stale_days=stale_days)
        self.actions: dict[str, Action] = {a.name(): a for a in registry.build_actions(deps)}

    @classmethod
    def from_runtime(cls, runtime: Runtime, *, store: ConversationStore, settings: Settings | None = None) -> Advisor:
        """The advisor on ``runtime``'s knowledge and searcher, configured by ``settings`` (default: the runtime's),
        keeping conversations in ``store``."""
        settings = settings or runtime.settings
        return cls(
            kb=runtime.kb,
            searcher=runtime.searcher,
            store=store,
            page_size=settings.page_size,
            idle_minutes=settings.session_idle_minutes,
            intent_threshold=settings.intent_threshold,
            stale_days=settings.stale_days,
        )

    def warm_up(self, cache_dir: Path | None = None, *, embedder_id: str = "") -> None:
        """Embed the intent examples now rather than on the first message (loaded from ``cache_dir`` when saved
        there by an earlier start with the same ``embedder_id`` and examples), and compile the readers' pattern set."""
        self.recognizer.warm_up(cache_dir, embedder_id=embedder_id)
        examples = [text for items in self.recognizer.examples.values() for text in items]
        records = [text for c in self.kb.credentials for text in (c.title, c.description)]
        build_pattern_set([*examples, *records])

    def few_matching(self, filters: SearchFilters, limit: int = 5) -> list[str]:
        """The ids of the records ``filters`` allows when there are at most ``limit`` (else none), from the
        searcher's filter index: "the manufacturing one at Durham College" never walks the catalogue."""
        if filters.is_empty() or self.searcher.count(filters) > limit:
            return []
        return [self.searcher.record(p).id for p in self.searcher.allowed_positions(filters)]

    def _names_part(self, credential_id: str, words: str) -> bool:
        """Whether ``words`` name one part of that record ("stairs and railings" of Construction Jobsite Readiness)."""
        credential = self.kb.credential(credential_id)
        return credential is not None and names_part(credential, words)

    def _best_said(self, credential_ids: list[str], text: str) -> str | None:
        """The one of those records whose own text says most of the words of ``text`` (``best_said``)."""
        return best_said(self.kb, credential_ids, text)

    def read(self, text: str) -> UserMessage:
        """The message read once, at the start of the turn (pure: no model, no store)."""
        return read_message(text, vocabulary=self.vocabulary)

    def start_reading(self, text: str) -> Opening:
        """``read`` in two steps, for a caller that encodes during the second (see ``bot.dialogue.message``)."""
        return start_reading(text, vocabulary=self.vocabulary)

    def finish_reading(self, opening: Opening) -> UserMessage:
        return finish_reading(opening, vocabulary=self.vocabulary)

    def _shown_subject(self, slots: dict[str, Any], *, most: bool = False) -> str | None:
        """The subject area every record in focus (else shown) shares, if any: what "anything similar" is like.
        ``most``: the best match's area when most of those shown share it (a search by plain words shows its
        closest matches, the last of them sometimes of another subject)."""
        ids = [str(slots["focus"])] if slots.get("focus") else [str(i) for i in slots.get("last_results") or []]
        records = [c for i in ids if (c := self.kb.credential(i)) is not None]
        needed = len(records) // 2 + 1 if most else len(records)
        shared = [a for a in records[0].areas if sum(a in c.areas for c in records) >= needed] if records else []
        return shared[0] if shared else None

    @staticmethod
    def _elsewhere(message: UserMessage, slots: dict[str, Any]) -> bool:
        """Whether the message asks for the last search's subject at another school ("not durham college, does
        anywhere else do that?", "anyone besides DC?"), naming no subject of its own, after a search by plain words
        (no field in the slots)."""
        parsed = message.parsed
        # (a school only left out, "and leave out ontario tech too, not going back there", keeps nothing of what was
        # shown: the rest of the search without that school; "not DC, does anyone else do that" asks it elsewhere)
        away = message.other_school or (any(name == "provider" for name, _ in message.excluded) and bool(
            phrases.SAME_SUBJECT.search(message.folded)))
        return bool(away and slots.get("search_query") and not slots.get("area") and not parsed.filters.provider
                    and "area" not in parsed.mentions and not parsed.related_words)  # fmt: skip

    def embed(self, message: UserMessage | Opening) -> NDArray[np.float32]:
        """The one embedding of a message, shared by intent recognition and retrieval: its search text (typos
        corrected, synonyms added), so the search can reuse it as is."""
        vector: NDArray[np.float32] = self.embedder.encode([message.search_text])[0]
        return vector

    def handle(
        self,
        session_id: str | None,
        message: UserMessage | str,
        metadata: dict[str, Any] | None = None,
        *,
        now: float | None = None,
        adopt_unknown: bool = True,
        on_new: Callable[[], None] | None = None,
    ) -> ChatReply:
        """One turn. With ``adopt_unknown=False`` an id the store does not hold is not taken over: the turn starts a
        conversation under a fresh, unguessable id instead (the reply carries it). ``message`` is read here when
        given as text; the caller may have read it (and embedded it) already, elsewhere. ``on_new`` is called before
        a conversation is created (it may raise to refuse, and then nothing is stored)."""
        if isinstance(message, str):
            message = self.read(message)
        now = time.time() if now is None else now
        # An id minted here cannot be in the store yet, and nobody else knows it until the reply leaves: nothing to
        # read, and no other turn to wait for (the lock is four system calls).
        fresh = not session_id
        session_id = session_id or new_session_id()
        with contextlib.nullcontext() if fresh else self.store.lock(session_id):
            conversation = None if fresh else self.store.load(session_id)
            if conversation is None and not adopt_unknown:
                session_id = new_session_id()  # nobody else knows this id, so the lock above need not cover it
            if conversation is None and on_new is not None:
                on_new()
            if conversation is None or now - conversation.updated_at > self.idle_seconds:
                if conversation is not None:
                    logger.info("session idle for over %d s; starting fresh", self.idle_seconds)
                conversation = Conversation(session_id=session_id, created_at=now, updated_at=now)
            reply = self._turn(conversation, message)
            turn = number_turn(
                conversation,
                {
                    "at": now,
                    "user": message.text,
                    "intent": reply.intent.name,
                    "bot": [m.model_dump() for m in reply.messages],
                    "results": [r.id for r in reply.results],
                },
            )
            conversation.updated_at = now
            self.store.save(conversation, turn)  # appends this turn only: the history is never rewritten
        return reply

    def _turn(self, conversation: Conversation, message: UserMessage) -> ChatReply:
        slots = conversation.slots
        if message.needs_embedding and message.vector is None and self.recognizer.embedder is not None:
            message = message.with_vector(self.embed(message))
        recognised = message.decided or self.recognizer.classify(message)
        decision = decide(message, recognised, slots, self.few_matching, names_part=self._names_part,
                          best_said=self._best_said)
        name = decision.name
        if name == "restart":
            slots.clear()
            return self._reply(conversation, decision.recognised, [responses.restart()])
        simple = {
            "greet": responses.greet,
            "help": responses.help_message,
            "goodbye": responses.goodbye,
            "thank": responses.thank,
            "deny": responses.deny,
            "affirm": responses.affirm,
        }
        if name in simple:
            if focus := decision.entities.get("focus"):
                slots["focus"] = focus  # a plain answer about one record ("the pass rate of the cyber one"): still it
            said = _unknown_facts(decision)
            return self._reply(conversation, decision.recognised, [*said, simple[name]()])
        if name == "out_of_scope":
            reply = responses.out_of_scope(
                unsure=decision.recognised.fallback, frustrated=message.abusive or message.frustrated,
                meta=message.meta,
            )
            said = [responses.english_only()] if message.french and not message.meta else []
            # "can you write my resume?": not the advisor's job, but who helps with one for free is
            career = career_help_text(self.kb) if message.off_topic and message.asks_career_help else ""
            after = [Message(text=career)] if career else []
            return self._reply(conversation, decision.recognised, [*said, reply, *after])
        slots["faq_topic"] = topic_of(decision)  # in focus until something else is answered
        # the fact just asked of records ("how long is it"), for "what about the other ones" next
        slots["asked_attribute"] = decision.entities.get("attribute") if name == "credential_details" else None
        if slots["faq_topic"] is not None and len(message.parsed.providers) == 1:
            # "can Durham College's ones stack?", then "how much are they": the school asked of is the one talked of
            slots["provider"] = message.parsed.filters.provider
        kept: dict[str, Any] = {}
        if name == "search_credentials":
            entities = decision.recognised.entities if decision.recognised.from_payload else None
            if message.other_school and not slots.get("provider") and (focus := self.kb.credential(
                str(slots.get("focus") or ""))):
                slots["provider"] = focus.provider  # "anything for teachers somewhere else": not the focus's school
            # "anything I can take right now instead" after the status of ones shown: their subject, offered now
            now_instead = message.follow_up and set(message.parsed.mentions) == {"status"}
            if (message.asks_closest or now_instead) and not slots.get("search_query") and (
                area := self._shown_subject(slots)
            ):
                slots["search_query"], slots["area"] = area, area  # "anything similar": the subject of those shown
            if message.waiting and not slots.get("area") and not (
                message.parsed.mentions.keys() & {"area", "provider"}) and (
                area := self._shown_subject(slots, most=not slots.get("focus"))
            ):
                slots["area"] = area  # "what could she do in the meantime" after an upcoming one: its subject, now
            if self._elsewhere(message, slots) and (area := self._shown_subject(slots, most=True)):
                # "not durham college, does anywhere else do that?" after hands-on work: that subject elsewhere (the
                # search says plainly when no other school offers it), not the closest matches of other subjects
                slots["area"] = area
            if decision.entities.get("none_asked") == "last":  # "so nothing?": the last search's words again
                query = TurnQuery(str(slots["search_query"]))
            elif decision.entities.get("others"):
                # "and the others?" after all of a school's records in one field: the school's others, the field left
                # out (its own name searched, not the field's words again); the field stays the one talked of ("no
                # wait, i meant durham college" next is that field there)
                kept = {"area": slots.get("area"), "excluded": slots.get("excluded")}
                excluded = dict(slots.get("excluded") or {})
                excluded["area"] = [*excluded.get("area", []), str(slots["area"])]
                slots["excluded"], slots["area"] = excluded, None
                query = TurnQuery(self.kb.provider_name(str(slots["provider"])))
            else:
                query = update_search_slots(slots, message, entities=entities)
        else:
            query = TurnQuery(message.text, message.parsed, message.vector)
        assert decision.action is not None
        messages, results, unmet = self._run(conversation, decision, decision.action, message, query)
        if kept:
            slots.update(kept)
        if decision.facts and (shown := [str(i) for i in slots.get("last_results") or []]):
            facts = facts_decision(decision.facts, shown)  # "how long and how much" of the results just shown
            assert facts.action is not None
            messages.extend(self._run(conversation, facts, facts.action, message, None)[0])
        own = len(messages)
        messages[:0] = _unknown_facts(decision)
        if decision.acknowledge:
            messages.insert(0, responses.acknowledge_story())
        elif decision.kind:
            messages.insert(0, responses.kind_line())
        searched = name == "search_credentials"
        answers: list[Message] = []
        for ask in decision.also:
            if ask == "digital_credential" and decision.no_recognition:
                answers.append(responses.no_recognition_info())  # the second ask's plain answer, before its facts
            if ask == "eligibility" and decision.no_age_limit:
                answers.append(responses.no_age_limit())  # "or am I too old?": before who can enrol
            one_school = message.parsed.filters.provider if len(message.parsed.providers) == 1 else None
            second = also_decision(ask, decision.entities.get("credential_id"), provider=one_school, brief=searched)
            assert second.action is not None
            more, _, _ = self._run(conversation, second, second.action, message, None)
            answers.extend(more)
        if searched and message.general_first:
            # "do these stack toward a diploma? also anything in business": the general answer, then the search
            lead = len(messages) - own
            messages[lead:lead] = answers
        else:
            messages.extend(answers)
        if decision.lengths:
            messages.append(Message(text=length_overview(self.kb)))
        if decision.funding_pointer:
            if message.employer_pays:  # "my boss might pay if it's business related": only the employer can say
                messages.append(responses.employer_pays())
            messages.append(responses.funding_pointer(nonprofit=message.audience == "nonprofit workers"))
        if decision.no_call:  # "call me at [phone], anything in health care?": the answer, then who can call back
            provider = message.parsed.filters.provider
            messages.append(Message(text=no_call_text(self.kb, [provider] if provider else None)))
        answered = self._reply(conversation, decision.recognised, messages, results)
        answered.unmet = unmet
        return answered

    def _run(
        self,
        conversation: Conversation,
        decision: Decision,
        action_name: str,
        message: UserMessage,
        query: TurnQuery | None,
    ) -> tuple[list[Message], list[ResultCard], bool]:
        action = self.actions[action_name]
        recognised = decision.recognised
        latest: dict[str, Any] = {
            "text": message.text,
            "intent": {"name": recognised.name, "confidence": recognised.confidence},
            "entities": [{"entity": k, "value": v} for k, v in decision.entities.items()],
        }
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
        with turn_query(query):
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
        unmet = False
        for sent in dispatcher.messages:
            buttons = [Button(title=b["title"], payload=b["payload"]) for b in sent.get("buttons") or []]
            if sent.get("text"):
                messages.append(Message(text=sent["text"], buttons=buttons))
            custom = sent.get("custom") or {}
            results.extend(ResultCard(**card) for card in custom.get("results", []))
            unmet = unmet or bool(custom.get("unmet"))
        return messages, results, unmet

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
            messages=_each_button_once(messages),
            results=results or [],
            slots=public,
        )


def _each_button_once(messages: list[Message]) -> list[Message]:
    """A reply of several answers offers each button once, where it first appears ("Costs and funding" after a
    search and again after the funding pointer was one button too many)."""
    seen: set[str] = set()
    kept: list[Message] = []
    for message in messages:
        buttons = [b for b in message.buttons if b.payload not in seen]
        seen.update(b.payload for b in message.buttons)
        same = len(buttons) == len(message.buttons)
        kept.append(message if same else message.model_copy(update={"buttons": buttons}))
    return kept


def _unknown_facts(decision: Decision) -> list[Message]:
    """What the sources never say, said plainly first: a job guarantee or outcomes, pay, campus and travel, how
    employers recognise micro-credentials in general (and,
    asked, that the advisor is a program, not a person)."""
    said = [responses.identity()] if decision.identity else []
    if decision.no_setup:
        said.append(responses.no_setup())
    if decision.no_guarantee:
        said.append(responses.no_guarantee())
    if decision.no_job_help:
        said.append(responses.no_job_help_info())
    if decision.no_pay:
        said.append(responses.no_pay_info())
    if decision.no_logistics:
        said.append(responses.no_logistics_info())
    if decision.no_ei:
        said.append(responses.no_ei_info())
    if decision.no_age_limit and "eligibility" not in decision.also:  # else said before that answer
        said.append(responses.no_age_limit())
    if decision.no_recognition and "digital_credential" not in decision.also:  # else said before that answer
        said.append(responses.no_recognition_info())
    if decision.no_language:
        said.append(responses.no_language_info())
    if decision.no_class_size:
        said.append(responses.no_class_size_info())
    if decision.no_detail:
        said.append(responses.no_detail_info())
    return said
