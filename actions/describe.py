"""Honest phrasing of what the knowledge base knows about a credential. Unknown facts are said to be unknown;
nothing is called free, online, available or short unless the record says so."""

from __future__ import annotations

from typing import Any

from knowledge.schema import Credential, KnowledgeBase

UNKNOWN_COST = "Cost not published – check with the provider"
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
}


def describe_cost(credential: Credential) -> str:
    cost = credential.cost
    if cost.kind == "free":
        return "Free"
    if cost.kind == "priced" and cost.amount_cad is not None:
        return f"${cost.amount_cad:,.2f} CAD"
    return UNKNOWN_COST


def describe_status(credential: Credential) -> str:
    return _STATUS_WORDS[credential.status]


def describe_delivery(credential: Credential) -> str:
    delivery = credential.delivery
    words = [_MODE_WORDS[m] for m in delivery.modes] + [_SCHEDULE_WORDS[s] for s in delivery.schedule]
    if not words:
        return "Format not published"
    listed = ", ".join(words)
    return listed[0].upper() + listed[1:] if delivery.confirmed else f"May be offered {listed} (varies; check)"


def describe_duration(credential: Credential) -> str:
    duration = credential.duration
    if duration.hours is not None:
        return f"About {duration.hours:g} hours"
    if duration.text:
        return duration.text
    return "Length not published"


def provider_line(credential: Credential, kb: KnowledgeBase) -> str:
    name = kb.provider_name(credential.provider)
    return f"{name} with {', '.join(credential.partners)}" if credential.partners else name


def result_card(credential: Credential, kb: KnowledgeBase, score: float) -> dict[str, Any]:
    """The card shape of the /chat contract (bot.schemas.ResultCard)."""
    return {
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


def result_line(number: int, credential: Credential, kb: KnowledgeBase) -> str:
    """One line per result for plain-text channels: name, provider, status, cost, format, length."""
    return (
        f"{number}. {credential.title} – {provider_line(credential, kb)}. {describe_status(credential)}; "
        f"{describe_cost(credential).lower() if credential.cost.kind != 'free' else 'free'}; "
        f"{describe_delivery(credential)[0].lower() + describe_delivery(credential)[1:]}; "
        f"{describe_duration(credential)[0].lower() + describe_duration(credential)[1:]}."
    )
