"""Honest phrasing of what the knowledge base knows about a credential. Unknown facts are said to be unknown;
nothing is called free, online, available or short unless the record says so."""

from __future__ import annotations

import re
from typing import Any

from actions.eligibility import audience_answer
from knowledge.durations import span_words
from knowledge.schema import Credential, KnowledgeBase

UNKNOWN_COST = "Not published – check with the provider"
_MODE_WORDS = {"online": "online", "in_person": "in person", "blended": "blended (online and in person)"}
_SCHEDULE_WORDS = {
    "evenings": "evenings",
    "weekends": "weekends",
    "compressed": "compressed",
    "self_paced": "self-guided",
}
_STATUS_WORDS = {
    "available": "Offered",
    "upcoming": "Upcoming (not launched yet)",
    "under_development": "Under development (not offered yet)",
    "unknown": "Status not published – check the page",
}


def describe_cost(credential: Credential) -> str:
    cost = credential.cost
    if cost.kind == "free":
        return "Free"
    if cost.kind == "priced" and cost.amount is not None:
        return format_price(cost.amount, cost.currency)
    return UNKNOWN_COST


def format_price(amount: float, currency: str) -> str:
    """The price as the document states it, in its own currency: "$1,200.00 CAD", "450.00 EUR"."""
    sign = "$" if currency in {"CAD", "USD", "AUD", "NZD"} else ""
    return f"{sign}{amount:,.2f} {currency}"


def describe_status(credential: Credential) -> str:
    return _STATUS_WORDS[credential.status]


def describe_delivery(credential: Credential) -> str:
    delivery = credential.delivery
    words = [_MODE_WORDS[m] for m in delivery.modes] + [_SCHEDULE_WORDS[s] for s in delivery.schedule]
    if not words:
        return "Not published"
    listed = ", ".join(words)
    return listed[0].upper() + listed[1:] if delivery.confirmed else f"May be offered {listed} (varies; check)"


def describe_duration(credential: Credential) -> str:
    duration = credential.duration
    if duration.hours is not None:
        over = f" over {span_words(duration.span)}" if duration.span else ""
        return f"About {duration.hours:g} hours{over}"
    if duration.span:
        return span_words(duration.span)[:1].upper() + span_words(duration.span)[1:]
    if duration.text:
        return duration.text
    return "Not published"


def length_overview(kb: KnowledgeBase) -> str:
    """How long micro-credentials take, as far as the records say: those with a published length by name, and
    plainly that the others' isn't published ("what is a micro-credential and how long do they take")."""
    timed = [c for c in kb.credentials if c.duration.hours is not None or c.duration.span]
    if not timed:
        return "How long they take isn't published in my sources; check each one's page."
    named = "; ".join(f"{c.title} ({_lower_first(describe_duration(c))})" for c in timed[:3])
    return (
        f"How long they take: my sources give a length for only {len(timed)} of the "
        f"{len(kb.credentials)} I know: {named}. For the others the length isn't published; check each one's page."
    )


def provider_line(credential: Credential, kb: KnowledgeBase) -> str:
    name = kb.provider_name(credential.provider)
    return f"{name} with {', '.join(credential.partners)}" if credential.partners else name


def result_card(
    credential: Credential, kb: KnowledgeBase, score: float, *, dense_score: float | None = None
) -> dict[str, Any]:
    """The card shape of the /chat contract (bot.schemas.ResultCard); ``dense_score`` (the record's cosine with the
    query) stays in process: the analytics read it to tell a weak result, the /chat reply leaves it out."""
    card = {
        "id": credential.id,
        "title": credential.title,
        "provider": kb.provider_name(credential.provider),
        "area": ", ".join(credential.areas) or "Not yet announced",
        "cost": describe_cost(credential),
        "status": describe_status(credential),
        "delivery": describe_delivery(credential),
        "duration": describe_duration(credential),
        "url": str(credential.url),
        "score": round(float(score), 4),
    }
    if dense_score is not None:
        card["dense_score"] = round(float(dense_score), 4)
    return card


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def result_line(number: int, credential: Credential, kb: KnowledgeBase) -> str:
    """One line per result for plain-text channels: name, provider, status, cost, format, length."""
    return (
        f"{number}. {credential.title} – {provider_line(credential, kb)}. {describe_status(credential)}; "
        f"cost: {_lower_first(describe_cost(credential))}; format: {_lower_first(describe_delivery(credential))}; "
        f"length: {_lower_first(describe_duration(credential))}. {credential.url}"
    )


_FLAG_WORDS = {"yes": "Yes", "no": "No", "in_some_cases": "In some cases"}


def describe_flag(value: str, note: str | None, *, unknown: str) -> str:
    """A yes / no / in-some-cases fact with the source's wording; unknown stays unknown."""
    if value == "unknown":
        return unknown
    return f"{_FLAG_WORDS[value]}. {note}" if note else f"{_FLAG_WORDS[value]}."


def describe_modules(credential: Credential) -> str:
    modules = credential.modules
    if modules.count is None and not modules.names:
        return "The number of modules isn't published in my sources."
    parts = []
    if modules.count is not None:
        parts.append(f"It has {modules.count} module{'s' if modules.count != 1 else ''}.")
    if modules.names:
        named = "; ".join(modules.names)
        complete = modules.count == len(modules.names)
        parts.append(f"They are: {named}." if complete else f"Named in my sources: {named}.")
    if modules.note:
        parts.append(modules.note)
    return " ".join(parts)


def describe_audience(credential: Credential, kb: KnowledgeBase) -> str:
    """Its stated audience, else its school's general rule (``actions.eligibility``), else unknown."""
    return audience_answer(credential, kb)


def answer_cost(credential: Credential, kb: KnowledgeBase) -> str:
    """'Is it free?' answered from the record only: yes only when recorded free."""
    cost = credential.cost
    if cost.kind == "free":
        return f"Yes, {credential.title} is recorded as free. {cost.note or ''}".strip()
    if cost.kind == "priced" and cost.amount is not None:
        return f"{credential.title} costs {describe_cost(credential)}. {cost.note or ''}".strip()
    provider = kb.providers.get(credential.provider)
    contact = provider.contact[0].url if provider else credential.url
    note = f" {cost.note}" if cost.note else ""
    return (
        # never "whether it is free": a reply that says "it is free", even to deny it, reads as a yes when skimmed
        f"I don't know: the cost of {credential.title} isn't published in my sources, so I can't say whether there "
        f"is a fee.{note} Check with {kb.provider_name(credential.provider)}: {contact}"
    )


def first_sentence(credential: Credential) -> str:
    """The first sentence of the record's description, without its full stop."""
    return credential.description.split(". ")[0].rstrip(".")


def description_sentences(credential: Credential) -> list[str]:
    """The sentences of the record's description, each with its full stop."""
    return re.split(r"(?<=[.!?])\s+", credential.description.strip())


def summary(credential: Credential) -> str:
    """The line that says what it is, without its full stop: the first sentence, and the next one too when the first
    only says who made it ("A Health Sciences micro-credential from Ontario Tech University, developed in collaboration
    with Lakeridge Health. How to put on (don) and take off (doff) personal protective equipment (PPE) safely.")."""
    sentences = description_sentences(credential)
    if len(sentences) > 1 and "developed in collaboration with" in sentences[0]:
        return f"{sentences[0]} {sentences[1]}".rstrip(".")
    return first_sentence(credential)


def plain_status(credential: Credential) -> str:
    """The status as a fact in a list ("Available (offered now)", else the card's words)."""
    return "Available (offered now)" if credential.status == "available" else describe_status(credential)


def overview(credential: Credential, kb: KnowledgeBase) -> str:
    """Title, provider, status, cost, format, length, a line of description and the link to check."""
    description = summary(credential)
    return (
        f"{credential.title} – {provider_line(credential, kb)}. {describe_status(credential)}. "
        f"Cost: {describe_cost(credential)}. Format: {describe_delivery(credential)}. "
        f"Length: {describe_duration(credential)}. {description}. Details: {credential.url}"
    )
