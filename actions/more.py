"""action_more_results: the next page of the last search, with the same filters."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorAction
from actions.describe import result_card
from actions.search import describe_filters, name_hits, search_buttons
from actions.slot_values import excluded_pairs
from index.filters import SearchFilters


class ActionMoreResults(AdvisorAction):
    def name(self) -> str:
        return "action_more_results"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        deps = self.deps
        raw = tracker.get_slot("search_filters")
        if raw is None:
            dispatcher.utter_message(
                text="There's no search to continue yet. What kind of training are you looking for?",
                buttons=[
                    {"title": "Health Sciences", "payload": '/search_credentials{"area":"Health Sciences"}'},
                    {"title": "Free options", "payload": '/search_credentials{"cost":"free"}'},
                ],
            )
            return []
        # (what the search left out, kept in its own slot: "not IT or cyber", then "show me more" leaves them out too)
        filters = SearchFilters(**json.loads(raw), exclude=tuple(excluded_pairs(tracker.get_slot("excluded"))))
        entities = {e.get("entity"): e.get("value") for e in (tracker.latest_message or {}).get("entities") or []}
        # ("like what?", "name a few": the page shown again, by name; else the next page, by its count: the cards and
        # the channels' numbered lines list them)
        by_name = bool(entities.get("by_name"))
        offset = int(tracker.get_slot("results_offset") or 0) + (0 if by_name else deps.page_size)
        query = tracker.get_slot("search_query") or describe_filters(filters, deps.kb)
        hits = deps.searcher.search(query, filters=filters, k=deps.page_size, offset=offset)
        total = deps.searcher.count(filters) if not filters.is_empty() else deps.searcher.size
        if not hits:
            dispatcher.utter_message(
                text=f"That's all I know of: {total} in total. You can ask about another area, or start over.",
                buttons=search_buttons(more=False, filters=filters),
            )
            return []
        cards = [result_card(h.credential, deps.kb, h.score) for h in hits]
        shown_to = offset + len(hits)
        dispatcher.utter_message(
            text=f"Here are {offset + 1}–{shown_to} of {total}" + (f": {name_hits(hits)}." if by_name else "."),
            buttons=search_buttons(more=shown_to < total, filters=filters),
            json_message={"results": cards},
        )
        ids = [h.credential.id for h in hits]
        return [SlotSet("last_results", ids), SlotSet("results_offset", offset), SlotSet("focus", None)]
