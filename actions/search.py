"""action_search_credentials: find offerings matching what the person asked, honestly, never breaking a filter."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import numpy as np
from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorAction, AdvisorDeps
from actions.describe import result_card
from index.filters import SearchFilters
from index.search import Hit
from knowledge.schema import KnowledgeBase

if TYPE_CHECKING:
    from numpy.typing import NDArray

FILTER_SLOTS = ("area", "provider", "cost", "delivery", "status")
_FILTER_WORDS = {
    "cost": {"free": "free"},
    "delivery": {
        "online": "online",
        "in_person": "in-person",
        "evenings": "evening",
        "weekends": "weekend",
        "self_paced": "self-guided",
    },
    "status": {"upcoming": "upcoming", "under_development": "planned", "available": "currently offered"},
}


def query_vector(tracker: Tracker, query: str) -> NDArray[np.float32] | None:
    """The turn's embedding when the chat service computed it for this very text (in process only)."""
    message = tracker.latest_message or {}
    vector = message.get("query_vector")
    if vector is None or message.get("text") != query:
        return None
    return np.asarray(vector, dtype=np.float32)


def filters_from_slots(tracker: Tracker) -> SearchFilters:
    values = {name: tracker.get_slot(name) for name in FILTER_SLOTS}
    return SearchFilters(**{k: v for k, v in values.items() if isinstance(v, str) and v})


def describe_filters(filters: SearchFilters, kb: KnowledgeBase, *, count: int = 2) -> str:
    """'free Health Sciences micro-credentials at Durham College' style phrase (singular when ``count`` is 1)."""
    words = [
        _FILTER_WORDS[k][v]
        for k, v in (("cost", filters.cost), ("delivery", filters.delivery), ("status", filters.status))
        if v and v in _FILTER_WORDS[k]
    ]
    noun = "micro-credential offering" if count == 1 else "micro-credentials"
    phrase = " ".join([*words, filters.area or "", noun]).split()
    text = " ".join(phrase)
    if filters.provider:
        text += f" at {kb.provider_name(filters.provider)}"
    return text


def search_buttons(*, more: bool, filters: SearchFilters) -> list[dict[str, str]]:
    buttons = []
    if more:
        buttons.append({"title": "Show more", "payload": "/more_results"})
    if filters.cost != "free":
        buttons.append(
            {"title": "Free options", "payload": '/search_credentials{"cost":"free","area":null,"provider":null}'}
        )
    buttons.append({"title": "Costs and funding", "payload": "/cost_and_funding"})
    buttons.append({"title": "Start over", "payload": "/restart"})
    return buttons


class ActionSearchCredentials(AdvisorAction):
    def name(self) -> str:
        return "action_search_credentials"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        deps = self.deps
        kb, searcher, k = deps.kb, deps.searcher, deps.page_size
        filters = filters_from_slots(tracker)
        text = (tracker.latest_message or {}).get("text") or ""
        query = text if text and not text.startswith("/") else describe_filters(filters, kb)
        hits = searcher.search(query, filters=filters, k=k, vector=query_vector(tracker, query))
        total = searcher.count(filters) if not filters.is_empty() else searcher.size
        if hits:
            if filters.is_empty():
                intro = "Here are the closest matches I know of"
            elif total <= len(hits):
                intro = f"I know of {total} {describe_filters(filters, kb, count=total)}"
            else:
                intro = f"I know of {total} {describe_filters(filters, kb)}. Here are the best matches"
            self._answer(
                dispatcher,
                kb,
                hits,
                f"{intro}. Check each link for current dates and prices.",
                more=total > len(hits),
                filters=filters,
            )
            return self._events(hits, filters, query)
        return self._nothing_matched(dispatcher, tracker, deps, filters, query)

    def _answer(
        self,
        dispatcher: CollectingDispatcher,
        kb: KnowledgeBase,
        hits: list[Hit],
        text: str,
        *,
        more: bool,
        filters: SearchFilters,
    ) -> None:
        cards = [result_card(h.credential, kb, h.score, dense_score=h.dense_score) for h in hits]
        dispatcher.utter_message(
            text=text, buttons=search_buttons(more=more, filters=filters), json_message={"results": cards}
        )

    def _events(self, hits: list[Hit], filters: SearchFilters, query: str, *, offset: int = 0) -> list[EventType]:
        ids = [h.credential.id for h in hits]
        return [
            SlotSet("last_results", ids),
            SlotSet("results_offset", offset),
            SlotSet("search_filters", json.dumps(filters.as_dict(), sort_keys=True)),
            SlotSet("search_query", query),
            SlotSet("focus", ids[0] if len(ids) == 1 else None),
        ]

    def _nothing_matched(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, deps: AdvisorDeps, filters: SearchFilters, query: str
    ) -> list[EventType]:
        kb, searcher, k = deps.kb, deps.searcher, deps.page_size
        asked = describe_filters(filters, kb)
        relaxations = [
            SearchFilters(area=filters.area, provider=filters.provider),
            SearchFilters(area=filters.area),
            SearchFilters(provider=filters.provider),
        ]
        for relaxed in relaxations:
            if relaxed.is_empty() or relaxed == filters:
                continue
            total = searcher.count(relaxed)
            if total == 0:
                continue
            everything = searcher.search(query, filters=relaxed, k=total)
            names = "; ".join(h.credential.title for h in everything)
            shown = everything[:k]
            text = (
                f"I couldn't find any {asked} in what I know. "
                f"I know of {total} {describe_filters(relaxed, kb, count=total)}: "
                f"{names}." + self._unknown_note(everything, filters)
            )
            self._answer(dispatcher, kb, shown, text, more=total > len(shown), filters=relaxed)
            if filters.cost == "free":
                self._point_to_free(dispatcher, kb)
            return self._events(shown, relaxed, query)
        dispatcher.utter_message(
            text=self._no_match_text(asked, kb),
            buttons=[{"title": a, "payload": f'/search_credentials{{"area":"{a}"}}'} for a in kb.areas[:6]]
            + [{"title": "Start over", "payload": "/restart"}],
        )
        return [SlotSet("last_results", []), SlotSet("focus", None)]

    @staticmethod
    def _unknown_note(hits: list[Hit], filters: SearchFilters) -> str:
        notes = []
        if filters.cost == "free" and all(h.credential.cost.kind == "unknown" for h in hits):
            notes.append(" Their cost is not published, so check with the provider.")
        if filters.delivery and not any(
            filters.delivery in (*h.credential.delivery.modes, *h.credential.delivery.schedule) for h in hits
        ):
            notes.append(" Their format is not published for that option, so ask the provider.")
        return "".join(notes)

    @staticmethod
    def _point_to_free(dispatcher: CollectingDispatcher, kb: KnowledgeBase) -> None:
        free = [c for c in kb.credentials if c.cost.kind == "free" and c.kind != "single"]
        free_singles = [c for c in kb.credentials if c.cost.kind == "free"]
        if not free_singles:
            return
        lead = free[0] if free else free_singles[0]
        dispatcher.utter_message(
            text=(
                f"Free option: {kb.provider_name(lead.provider)} offers the {lead.title}. {lead.cost.note or 'Free.'}"
            ),
            buttons=[
                {
                    "title": "Show free options",
                    "payload": '/search_credentials{"cost":"free","area":null,"provider":null}',
                }
            ],
        )

    @staticmethod
    def _no_match_text(asked: str, kb: KnowledgeBase) -> str:
        contacts = "; ".join(f"{p.name}: {p.contact[0].url}" for p in kb.providers.values())
        return (
            f"I don't know of any {asked} yet. These are the areas I do know about; pick one, or contact the "
            f"schools directly: {contacts}"
        )
