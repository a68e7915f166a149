"""Every reply template, walked over records whose cost, delivery, duration, modules and flags are unknown: no
reply may claim a price, "free", a format, a length, a module count or availability the record does not hold."""

from __future__ import annotations

import re
from typing import Any, cast

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.deps import AdvisorDeps
from actions.describe import overview, result_card, result_line
from actions.details import ANSWERS, ActionCredentialDetails, answer_about
from actions.more import ActionMoreResults
from actions.search import ActionSearchCredentials
from index.filters import SearchFilters
from index.search import Hit, Searcher
from index.vocabulary import Vocabulary, vocabulary_for
from knowledge.schema import Cost, Credential, Delivery, Duration, Flag, KnowledgeBase, Modules
from tests.actions.conftest import make_tracker

STATUSES = ("available", "upcoming", "under_development")
# What a record with unknown facts must never be said to be.
CLAIMS = {
    "free": re.compile(r"\bfree\b|no cost|no charge", re.I),
    "price": re.compile(r"\$\s?\d"),
    "format": re.compile(
        r"\b(online|in person|in-person|on campus|blended|evenings?|weekends?|self-guided|"
        r"self-paced|compressed)\b",
        re.I,
    ),
    "length": re.compile(r"\b\d+(\.\d+)?\s*(hours?|h|weeks?|months?|days?)\b|\b(short|quick)\b", re.I),
    "modules": re.compile(r"\b\d+\s+modules?\b|\bhas \d+\b", re.I),
    "flags": re.compile(r"\b(Yes|No|In some cases)\.", re.I),
}
AVAILABLE = re.compile(r"(?<!not )\b(offered|available|open now|running now)\b", re.I)
# Honest sentences that name a claim only to deny it or to repeat what was asked.
ALLOWED = re.compile(r"can't say whether there is a fee|any free|Free options|https?://\S+", re.I)


def unknown_copy(number: int, credential: Credential, status: str) -> Credential:
    return credential.model_copy(
        update={
            "cost": Cost(),
            "delivery": Delivery(),
            "duration": Duration(),
            "modules": Modules(),
            "stackable": Flag(),
            "digital_credential": Flag(),
            "audience": None,
            "skills": (),  # the record's own words, like its title ("online entrepreneurship")
            "status": status,
            "title": f"Sample credential {number}",  # titles are the record's own words, e.g. "Online entrepreneurship"
            "description": "A micro-credential described in the sources without further facts.",
        }
    )


class ListSearcher:
    """Every record matching the filters, in knowledge-base order (enough for walking templates)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    @property
    def size(self) -> int:
        return len(self.kb.credentials)

    def count(self, filters: SearchFilters) -> int:
        return sum(1 for c in self.kb.credentials if filters.matches(c))

    @property
    def vocabulary(self) -> Vocabulary:
        return vocabulary_for(self.kb)

    def count_confirmed_delivery(self, filters: SearchFilters) -> int:
        return sum(1 for c in self.kb.credentials if filters.matches(c) and c.delivery.confirmed)

    def search(self, query: str, *, filters: SearchFilters | None = None, k: int = 3, offset: int = 0,
               vector: Any = None, search_text: str | None = None) -> list[Hit]:  # fmt: skip
        found = [Hit(c, 0.5) for c in self.kb.credentials if (filters or SearchFilters()).matches(c)]
        return found[offset : offset + k]


def assert_honest(text: str, credential_status: str, where: str) -> None:
    cleaned = ALLOWED.sub(" ", text)
    for claim, pattern in CLAIMS.items():
        match = pattern.search(cleaned)
        assert match is None, f"{where}: claims {claim} ({match.group(0)!r}) in: {text}"
    if credential_status != "available":
        match = AVAILABLE.search(cleaned)
        assert match is None, f"{where}: claims availability ({match.group(0)!r}) in: {text}"


@pytest.fixture(params=STATUSES)
def unknown_kb(request: pytest.FixtureRequest, kb: KnowledgeBase) -> KnowledgeBase:
    credentials = tuple(unknown_copy(n, c, request.param) for n, c in enumerate(kb.credentials))
    return kb.model_copy(update={"credentials": credentials})


def _deps(kb: KnowledgeBase) -> AdvisorDeps:
    return AdvisorDeps(kb=kb, searcher=cast(Searcher, ListSearcher(kb)), page_size=3)


def test_describe_templates(unknown_kb: KnowledgeBase) -> None:
    for credential in unknown_kb.credentials:
        status = credential.status
        card = result_card(credential, unknown_kb, 0.5)
        for field in ("cost", "delivery", "duration", "status"):
            assert_honest(card[field], status, f"{credential.id} card.{field}")
        assert_honest(result_line(1, credential, unknown_kb), status, f"{credential.id} result_line")
        assert_honest(overview(credential, unknown_kb), status, f"{credential.id} overview")
        for attribute in (*ANSWERS, None):
            assert_honest(answer_about(credential, unknown_kb, attribute), status, f"{credential.id} {attribute}")


def test_details_action_replies(unknown_kb: KnowledgeBase) -> None:
    action = ActionCredentialDetails(_deps(unknown_kb))
    questions = [
        "tell me more",
        "is it free?",
        "how much is it",
        "how many modules does it have?",
        "how long is it",
        "is it online?",
        "when does it start",
        "who can take it",
        "does it stack",
        "do i get a badge",
    ]
    for credential in unknown_kb.credentials:
        for question in questions:
            dispatcher = CollectingDispatcher()
            action.run(dispatcher, make_tracker(question, "credential_details", {"focus": credential.id}), {})
            text = " ".join(m["text"] for m in dispatcher.messages)
            assert_honest(text, credential.status, f"{credential.id} {question!r}")


@pytest.mark.parametrize(
    "slots",
    [{}, {"area": "Health Sciences"}, {"provider": "ontario-tech"}, {"cost": "free", "area": "Health Sciences"},
     {"delivery": "online", "area": "Trades"}, {"area": "Cybersecurity", "provider": "trent-durham"}],
)  # fmt: skip
def test_search_and_more_replies(unknown_kb: KnowledgeBase, slots: dict[str, str]) -> None:
    deps = _deps(unknown_kb)
    status = unknown_kb.credentials[0].status
    dispatcher = CollectingDispatcher()
    events = ActionSearchCredentials(deps).run(dispatcher, make_tracker("courses", "search_credentials", slots), {})
    # The intro may repeat what was asked ("I couldn't find any free ..."); every result card must stay honest.
    for message in dispatcher.messages:
        for card in (message.get("custom") or {}).get("results", []):
            for field in ("cost", "delivery", "duration", "status"):
                assert_honest(card[field], status, f"search {slots} card.{field}")
        if not slots.get("cost") and not slots.get("delivery"):
            assert_honest(message["text"], status, f"search {slots}")
    after = {**slots, **{e["name"]: e["value"] for e in events}}
    if after.get("search_filters"):
        dispatcher = CollectingDispatcher()
        ActionMoreResults(deps).run(dispatcher, make_tracker("more", "more_results", after), {})
        for message in dispatcher.messages:
            if not slots.get("cost") and not slots.get("delivery"):
                assert_honest(message["text"], status, f"more {slots}")
