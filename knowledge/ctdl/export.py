"""``advisor kb export ctdl``: the knowledge base as one CTDL ``@graph`` document (compact ``ceterms:`` keys, language
maps). What the knowledge base does not know is left out rather than invented; facts the advisor holds only as "may
be offered" and per-field sources have no CTDL property and do not survive (README, "Your own catalogue")."""

from __future__ import annotations

import uuid
from typing import Any

from knowledge.schema import Credential, KnowledgeBase, Provider

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
REGISTRY = "https://credentialengineregistry.org/resources/"
LANGUAGE = "en-US"
# A fixed namespace: a record without a CTID gets the same generated one at every export.
_NAMESPACE = uuid.UUID("8f5a3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b")
_MODES = {"online": "OnlineOnly", "in_person": "InPerson", "blended": "BlendedDelivery"}
_SCHEDULE = {"evenings": "Evening", "weekends": "Weekends"}
_CREDENTIAL_STATUS = {"available": "Active"}
_LIFE_CYCLE = {"available": "Active", "under_development": "Developing"}
_TYPES = {"single": "ceterms:MicroCredential", "bundle": "ceterms:LearningProgram",
          "area": "ceterms:LearningOpportunityProfile"}  # fmt: skip


def ctid_for(identifier: str, known: str | None) -> str:
    return known or f"ce-{uuid.uuid5(_NAMESPACE, identifier)}"


def export_graph(kb: KnowledgeBase) -> dict[str, Any]:
    """The whole knowledge base: every provider as a CredentialOrganization, every record after them."""
    orgs = {pid: _organization(p) for pid, p in kb.providers.items()}
    graph: list[dict[str, Any]] = [_record(c, orgs[c.provider]["@id"], kb) for c in kb.credentials]
    licences = sorted({s.licence for s in kb.sources.values() if s.licence})
    document: dict[str, Any] = {"@context": CONTEXT, "@graph": graph + list(orgs.values())}
    if licences:
        document["attribution"] = licences  # outside the graph: the data licences of imported facts
    return document


def _lang(value: str | list[str]) -> dict[str, Any]:
    return {LANGUAGE: value}


def _term(term: str) -> dict[str, Any]:
    return {"@type": "ceterms:CredentialAlignmentObject", "ceterms:targetNode": term}


def _organization(provider: Provider) -> dict[str, Any]:
    ctid = ctid_for(f"provider:{provider.id}", provider.ctid)
    org: dict[str, Any] = {
        "@id": REGISTRY + ctid,
        "@type": "ceterms:CredentialOrganization",
        "ceterms:ctid": ctid,
        "ceterms:name": _lang(provider.name),
        "ceterms:description": _lang(provider.description),
        "ceterms:subjectWebpage": str(provider.url),
    }
    if provider.short_names:
        org["ceterms:alternateName"] = _lang(list(provider.short_names))
    return org


def _record(credential: Credential, org_id: str, kb: KnowledgeBase) -> dict[str, Any]:
    ctid = ctid_for(f"credential:{credential.id}", credential.ctid)
    kind = _TYPES[credential.kind]
    record: dict[str, Any] = {
        "@id": REGISTRY + ctid,
        "@type": kind,
        "ceterms:ctid": ctid,
        "ceterms:name": _lang(credential.title),
        "ceterms:description": _lang(credential.description),
        "ceterms:subjectWebpage": str(credential.url),
        "ceterms:offeredBy": [org_id],
    }
    is_credential = kind == "ceterms:MicroCredential"
    statuses = _CREDENTIAL_STATUS if is_credential else _LIFE_CYCLE
    if credential.status in statuses:
        scheme = "credentialStat" if is_credential else "lifeCycle"
        key = "ceterms:credentialStatusType" if is_credential else "ceterms:lifeCycleStatusType"
        record[key] = _term(f"{scheme}:{statuses[credential.status]}")
    if cost := _cost(credential):
        record["ceterms:estimatedCost"] = [cost]
    if credential.delivery.confirmed:  # "may be offered" is no fact about this offering: it stays out
        if modes := [_term(f"deliveryType:{_MODES[m]}") for m in credential.delivery.modes]:
            record["ceterms:learningDeliveryType" if is_credential else "ceterms:deliveryType"] = modes
        if timing := [_term(f"scheduleTiming:{_SCHEDULE[s]}") for s in credential.delivery.schedule if s in _SCHEDULE]:
            record["ceterms:scheduleTimingType"] = timing
        if "self_paced" in credential.delivery.schedule:
            record["ceterms:learningMethodType"] = [_term("learnMethod:SelfPaced")]
    if duration := _duration(credential):
        record["ceterms:estimatedDuration"] = [duration]
    if credential.skills:
        record["ceterms:keyword"] = _lang(list(credential.skills))
    if credential.areas:
        record["ceterms:subject"] = [
            {"@type": "ceterms:CredentialAlignmentObject", "ceterms:targetNodeName": _lang(a)} for a in credential.areas
        ]
    if credential.partners:
        record["ceterms:recognizedBy"] = [
            {"@type": "ceterms:CredentialOrganization", "ceterms:name": _lang(p)} for p in credential.partners
        ]
    if credential.starts:
        record["ceterms:hasOffering"] = [
            {"@type": "ceterms:ScheduledOffering", "ceterms:startDate": d.isoformat()} for d in credential.starts
        ]
    return record


def _cost(credential: Credential) -> dict[str, Any] | None:
    cost = credential.cost
    profile: dict[str, Any] = {
        "@type": "ceterms:CostProfile",
        "ceterms:directCostType": _term("costType:AggregateCost"),
    }
    if cost.kind == "free":
        profile |= {"ceterms:price": 0, "ceterms:currency": cost.currency}
    elif cost.kind == "priced" and cost.amount is not None:
        profile |= {"ceterms:price": cost.amount, "ceterms:currency": cost.currency}
    elif not cost.note:
        return None  # unknown and nothing said: left out
    if cost.note:
        profile["ceterms:description"] = _lang(cost.note)
    return profile


def _duration(credential: Credential) -> dict[str, Any] | None:
    duration = credential.duration
    profile: dict[str, Any] = {"@type": "ceterms:DurationProfile"}
    if duration.hours is not None:
        whole, minutes = int(duration.hours), round((duration.hours % 1) * 60)
        profile["ceterms:timeRequired"] = f"PT{whole}H" + (f"{minutes}M" if minutes else "")
    if duration.span:
        profile["ceterms:exactDuration"] = duration.span
    if duration.text:
        profile["ceterms:description"] = _lang(duration.text)
    return profile if len(profile) > 1 else None
