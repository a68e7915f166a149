"""Map CTDL resources to the knowledge base's records and providers, field by field (the schema forbids extra keys,
so nothing unknown is passed through). What real data gets wrong is reported in the ImportReport, never fatal."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from knowledge.ctdl.areas import AreaMatcher
from knowledge.ctdl.reader import Catalogue, Node
from knowledge.ctdl.report import ImportReport
from knowledge.ctdl.vocabularies import (
    BADGE_TYPES,
    CREDENTIAL_TYPES,
    DELIVERY,
    DELIVERY_KNOWN,
    LEARN_METHOD,
    LEARNING_TYPES,
    ORGANIZATION_TYPES,
    SCHEDULE,
    SCHEDULE_KNOWN,
    STATUS,
    STATUS_KNOWN,
    WITHDRAWN,
    as_list,
    concept_terms,
    currency_code,
    local_name,
    text,
    texts,
)
from knowledge.durations import parse_period, period_hours

REGISTRY = "https://credentialengineregistry.org/resources/"
CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Properties read (or deliberately passed over as bookkeeping); everything else on a record counts as unmapped.
MAPPED = frozenset({
    "@context", "@id", "@type", "ceterms:ctid", "ceterms:name", "ceterms:description", "ceterms:subjectWebpage",
    "ceterms:availableOnlineAt", "ceterms:offeredBy", "ceterms:ownedBy", "ceterms:keyword", "ceterms:subject",
    "ceterms:teaches", "ceterms:estimatedCost", "ceterms:estimatedDuration", "ceterms:deliveryType",
    "ceterms:learningDeliveryType", "ceterms:scheduleTimingType", "ceterms:learningMethodType",
    "ceterms:credentialStatusType", "ceterms:lifeCycleStatusType", "ceterms:hasPart", "ceterms:recognizedBy",
    "ceterms:accreditedBy", "ceterms:approvedBy", "ceterms:startDate", "ceterms:hasOffering", "ceterms:availableAt",
    "ceterms:inLanguage", "ceterms:dateEffective",
})  # fmt: skip
RECORD_FIELDS = ("title", "description", "url", "status", "cost", "delivery", "duration", "skills", "areas",
                 "modules", "partners", "digital_credential", "starts")  # fmt: skip


@dataclass(frozen=True)
class MappedProvider:
    key: str  # the organisation's normalised @id (or its name when it has none)
    data: dict[str, Any]  # a Provider's fields


@dataclass(frozen=True)
class MappedRecord:
    ctid: str
    provider: MappedProvider
    data: dict[str, Any]  # a Credential's fields, without provider
    source: dict[str, Any]  # its sources.yaml entry
    file: str


def slug(value: str, *, limit: int = 60) -> str:
    words = re.findall(r"[a-z0-9]+", value.lower())
    return "-".join(words)[:limit].strip("-") or "provider"


class Mapper:
    def __init__(
        self,
        catalogue: Catalogue,
        *,
        areas: AreaMatcher,
        report: ImportReport,
        today: dt.date,
        licence: str,
        region: str | None = None,
    ) -> None:
        self.catalogue, self.areas, self.report = catalogue, areas, report
        self.today, self.licence = today, licence
        self.region = _region_names(region) if region else None
        self.withdrawn: set[str] = set()
        self.seen: dict[str, set[str]] = {}  # input file -> CTIDs read from it

    def main_resources(self) -> list[Node]:
        """Nodes that are credentials or learning opportunities (others are organisations, profiles, bnodes)."""
        return [n for n in self.catalogue.nodes if set(n.types) & (CREDENTIAL_TYPES | LEARNING_TYPES)]

    def map_all(self) -> list[MappedRecord]:
        records: dict[str, MappedRecord] = {}
        for node in self.main_resources():
            self.report.read += 1
            mapped = self.map_record(node)
            if mapped is not None:
                records[mapped.ctid] = mapped  # the same CTID twice in one run: the later document wins
        return list(records.values())

    # -- one record ----------------------------------------------------------------------------------------------

    def map_record(self, node: Node) -> MappedRecord | None:
        data, file = node.data, node.file
        ctid = str(data.get("ceterms:ctid") or "").strip().lower()
        where = ctid or node.position
        for key in data:
            if key not in MAPPED:
                self.report.unmapped[key] += 1
        self._check_references(node, where)
        if not CTID.match(ctid):
            self._skip(file, where, "ceterms:ctid", "missing required property ceterms:ctid")
            return None
        self.seen.setdefault(file, set()).add(ctid)
        title, description = text(data.get("ceterms:name")), text(data.get("ceterms:description"))
        url = text(data.get("ceterms:subjectWebpage")) or text(data.get("ceterms:availableOnlineAt"))
        if not title or len(title) < 3:
            self._skip(file, where, "ceterms:name", "missing required property ceterms:name")
            return None
        if not description or len(description) < 20:
            self._skip(file, where, "ceterms:description", "missing required property ceterms:description")
            return None
        if not url or not url.startswith(("http://", "https://")):
            self._skip(file, where, "ceterms:subjectWebpage", "missing required property ceterms:subjectWebpage")
            return None
        status_terms = concept_terms(data.get("ceterms:credentialStatusType")) + concept_terms(
            data.get("ceterms:lifeCycleStatusType")
        )
        for term in status_terms:
            if term not in STATUS_KNOWN:
                self.report.find(file, ctid, "status", f"term {term!r} outside the credentialStat/lifeCycle vocabulary")
        if withdrawn := [t for t in status_terms if t in WITHDRAWN]:
            self.withdrawn.add(ctid)
            self.report.skip(f"withdrawn ({withdrawn[0]})")
            return None
        provider = self._provider(node, ctid)
        if provider is None:
            return None
        delivery = self._delivery(data, file, ctid)
        if self.region is not None and not self._in_region(node, provider, delivery):
            self.report.skip("outside --region")
            return None
        status = next((STATUS[t] for t in status_terms if t in STATUS), "unknown")
        record: dict[str, Any] = {
            "id": ctid,
            "ctid": ctid,
            "title": title,
            "kind": "bundle" if data.get("ceterms:hasPart") and set(node.types) & LEARNING_TYPES else "single",
            "description": description,
            "status": status,
            "url": url,
        }
        record["cost"] = self._cost(data, file, ctid)
        if delivery["modes"] or delivery["schedule"]:
            record["delivery"] = delivery
        if duration := self._duration(data, file, ctid):
            record["duration"] = duration
        subjects = texts([s.get("ceterms:targetNodeName") if isinstance(s, dict) else s
                          for s in as_list(data.get("ceterms:subject"))])  # fmt: skip
        keywords = texts(data.get("ceterms:keyword"))
        if areas := self.areas.areas_of(subjects + keywords):
            record["areas"] = list(areas)
        skills = _unique(keywords + [s for s in subjects if not self.areas.names_an_area(s)] + self._teaches(data))
        if skills:
            record["skills"] = skills[:30]
        if modules := self._modules(data):
            record["modules"] = modules
        if partners := self._names(data, ("ceterms:recognizedBy", "ceterms:accreditedBy", "ceterms:approvedBy")):
            record["partners"] = partners
        if set(node.types) & BADGE_TYPES:
            record["digital_credential"] = {"value": "yes", "note": "Issued as a digital badge."}
        if starts := self._starts(data):
            record["starts"] = starts
        stated = [f for f in RECORD_FIELDS if f in record]
        source = {
            "title": f"Credential Registry: {title}",
            "url": data["@id"] if str(data.get("@id", "")).startswith("http") else REGISTRY + ctid,
            "publisher": provider.data["name"],
            "read_on": self.today.isoformat(),
            "licence": self.licence,
        }
        if node.updated_at and (published := _date(node.updated_at)) is not None:
            source["published"] = published.isoformat()
        record["sources"] = {f"ctdl-{ctid}": stated}
        return MappedRecord(ctid, provider, record, source, file)

    def _skip(self, file: str, record: str, field_name: str, reason: str, detail: str | None = None) -> None:
        self.report.skip(reason)
        self.report.find(file, record, field_name, detail or reason)

    def _check_references(self, node: Node, where: str) -> None:
        for key, value in node.data.items():
            for item in as_list(value):
                ref = item.get("@id") if isinstance(item, dict) and len(item) == 1 else item
                if isinstance(ref, str) and ref.startswith("_:") and self.catalogue.resolve(ref) is None:
                    self.report.find(node.file, where, key, f"unresolved blank node {ref}")

    # -- providers -----------------------------------------------------------------------------------------------

    def _provider(self, node: Node, ctid: str) -> MappedProvider | None:
        refs = as_list(node.data.get("ceterms:offeredBy")) + as_list(node.data.get("ceterms:ownedBy"))
        for ref in refs:
            org = self.catalogue.resolve(ref)
            if org is not None and set(org.types) & ORGANIZATION_TYPES and text(org.data.get("ceterms:name")):
                return self._map_org(org)
        field_name = "ceterms:offeredBy" if node.data.get("ceterms:offeredBy") else "ceterms:ownedBy"
        if refs:
            shown = refs[0].get("@id") if isinstance(refs[0], dict) else refs[0]
            reason = "provider not described in this import"
            self._skip(node.file, ctid, field_name, reason, f"provider {shown} not described in this import")
        else:
            self._skip(node.file, ctid, field_name, "missing required property ceterms:offeredBy/ownedBy")
        return None

    def _map_org(self, org: Node) -> MappedProvider:
        data = org.data
        name = text(data.get("ceterms:name")) or "Unnamed organisation"
        url = text(data.get("ceterms:subjectWebpage"))
        ctid = str(data.get("ceterms:ctid") or "").strip().lower()
        fields = ["name", "description"] + (["url", "contact"] if url else [])
        provider: dict[str, Any] = {
            "id": slug(name),
            "name": name,
            "description": text(data.get("ceterms:description")) or f"{name}, as listed in the Credential Registry.",
            "url": url or (REGISTRY + ctid if CTID.match(ctid) else "https://credentialengineregistry.org/"),
            "contact": [{"label": f"{name} website", "url": url or REGISTRY + ctid}],
            "sources": {},
        }
        if alternate := texts(data.get("ceterms:alternateName")):
            provider["short_names"] = alternate
        if CTID.match(ctid):
            provider["ctid"] = ctid
        provider["_source_fields"] = fields
        provider["_registry_url"] = data["@id"] if str(data.get("@id", "")).startswith("http") else None
        provider["_places"] = _places(self._resolved(data.get("ceterms:address")))
        provider["_read_on"], provider["_licence"] = self.today.isoformat(), self.licence
        key = org.id or name
        return MappedProvider(key=key, data=provider)

    def _in_region(self, node: Node, provider: MappedProvider, delivery: dict[str, Any]) -> bool:
        assert self.region is not None
        places: list[str] = provider.data["_places"] + _places(self._resolved(node.data.get("ceterms:availableAt")))
        if any(p in self.region for p in places):
            return True
        return bool(delivery["modes"] == ["online"])

    def _resolved(self, references: Any) -> list[dict[str, Any]]:
        return [node.data for node in (self.catalogue.resolve(r) for r in as_list(references)) if node is not None]

    # -- values --------------------------------------------------------------------------------------------------

    def _delivery(self, data: dict[str, Any], file: str, ctid: str) -> dict[str, Any]:
        modes: list[str] = []
        schedule: list[str] = []
        for term in concept_terms(data.get("ceterms:deliveryType")) + concept_terms(
            data.get("ceterms:learningDeliveryType")
        ):
            if term not in DELIVERY_KNOWN:
                self.report.find(file, ctid, "deliveryType", f"term {term!r} outside the deliveryType vocabulary")
            elif term in DELIVERY and DELIVERY[term] not in modes:
                modes.append(DELIVERY[term])
        for term in concept_terms(data.get("ceterms:scheduleTimingType")):
            if term not in SCHEDULE_KNOWN:
                self.report.find(
                    file, ctid, "scheduleTimingType", f"term {term!r} outside the scheduleTiming vocabulary"
                )
            elif term in SCHEDULE and SCHEDULE[term] not in schedule:
                schedule.append(SCHEDULE[term])
        for term in concept_terms(data.get("ceterms:learningMethodType")):
            if term in LEARN_METHOD and LEARN_METHOD[term] not in schedule:
                schedule.append(LEARN_METHOD[term])
        return {"modes": modes, "schedule": schedule, "confirmed": True}

    def _cost(self, data: dict[str, Any], file: str, ctid: str) -> dict[str, Any]:
        profiles = [self.catalogue.resolve(p) for p in as_list(data.get("ceterms:estimatedCost"))]
        priced: list[tuple[str, float, str]] = []  # (cost type, price, currency)
        notes: list[str] = []
        for profile in (p.data for p in profiles if p is not None):
            kinds = concept_terms(profile.get("ceterms:directCostType")) or ["cost"]
            note = text(profile.get("ceterms:description"))
            details = text(profile.get("ceterms:costDetails"))
            notes += [n for n in (note, details) if n]
            price = profile.get("ceterms:price")
            if price is None:
                continue
            try:
                amount = float(price)
            except (TypeError, ValueError):
                self.report.find(file, ctid, "estimatedCost.price", f"price {price!r} is not a number")
                continue
            raw_currency = profile.get("ceterms:currency")
            currency = currency_code(raw_currency)
            if currency is None and amount > 0:
                self.report.find(file, ctid, "estimatedCost.currency", f"currency {raw_currency!r} is not ISO 4217")
                notes.append(f"{local_name(kinds[0])}: {amount:g} {raw_currency or '(no currency)'}")
                continue
            priced.append((local_name(kinds[0]), amount, currency or "CAD"))
        if priced and all(amount == 0 for _, amount, _ in priced):
            return {"kind": "free", "note": _join(notes)} if notes else {"kind": "free"}
        paying = [p for p in priced if p[1] > 0]
        if paying:
            chosen = next((p for p in paying if p[0] == "AggregateCost"), None)
            chosen = chosen or next((p for p in paying if p[0] == "Tuition"), paying[0])
            others = [f"{k} {a:,.2f} {c}" for k, a, c in paying if (k, a, c) != chosen]
            note = _join(([f"Also listed: {'; '.join(others)}."] if others else []) + notes)
            cost = {"kind": "priced", "amount": chosen[1], "currency": chosen[2]}
            return cost | ({"note": note} if note else {})
        return {"kind": "unknown", "note": _join(notes)} if notes else {"kind": "unknown"}

    def _duration(self, data: dict[str, Any], file: str, ctid: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for profile in (self.catalogue.resolve(p) for p in as_list(data.get("ceterms:estimatedDuration"))):
            if profile is None:
                continue
            values = profile.data
            exact, required = values.get("ceterms:exactDuration"), values.get("ceterms:timeRequired")
            if isinstance(required, str) and (hours := period_hours(required)) is not None:
                out.setdefault("hours", hours)
            elif required is not None:
                self.report.find(file, ctid, "timeRequired", f"{required!r} is not an ISO 8601 time period")
            if isinstance(exact, str) and parse_period(exact) is not None:
                out.setdefault("span", exact.strip().upper())
            elif exact is not None:
                self.report.find(file, ctid, "exactDuration", f"{exact!r} is not an ISO 8601 duration")
            low, high = values.get("ceterms:minimumDuration"), values.get("ceterms:maximumDuration")
            if description := text(values.get("ceterms:description")):
                out.setdefault("text", description)
            elif isinstance(low, str) and isinstance(high, str) and parse_period(low) and parse_period(high):
                from knowledge.durations import span_words

                out.setdefault("text", f"{span_words(low)} to {span_words(high)}")
        return out

    def _teaches(self, data: dict[str, Any]) -> list[str]:
        out = []
        for item in as_list(data.get("ceterms:teaches")):
            node = self.catalogue.resolve(item)
            values = node.data if node else {}
            name = text(values.get("ceterms:targetNodeName")) or text(values.get("ceasn:competencyText"))
            if name:
                out.append(name)
        return out

    def _names(self, data: dict[str, Any], properties: tuple[str, ...]) -> list[str]:
        names = []
        for prop in properties:
            for ref in as_list(data.get(prop)):
                node = self.catalogue.resolve(ref)
                if node is not None and (name := text(node.data.get("ceterms:name"))):
                    names.append(name)
        return _unique(names)

    def _modules(self, data: dict[str, Any]) -> dict[str, Any]:
        parts = as_list(data.get("ceterms:hasPart"))
        if not parts:
            return {}
        names = [n for n in (self.catalogue.resolve(p) for p in parts) if n is not None]
        titles = [t for t in (text(n.data.get("ceterms:name")) for n in names) if t]
        return {"count": len(parts), "names": titles}

    def _starts(self, data: dict[str, Any]) -> list[str]:
        dates = [data.get("ceterms:startDate")]
        for offering in as_list(data.get("ceterms:hasOffering")):
            node = self.catalogue.resolve(offering)
            if node is not None:
                dates.append(node.data.get("ceterms:startDate"))
        parsed = sorted({d for d in (_date(v) for v in dates if isinstance(v, str)) if d is not None})
        return [d.isoformat() for d in parsed]


def _date(value: str) -> dt.date | None:
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _places(value: Any) -> list[str]:
    names = []
    for place in as_list(value):
        if isinstance(place, dict):
            for key in ("ceterms:addressRegion", "ceterms:addressLocality"):
                if name := text(place.get(key)):
                    names.append(name.strip().lower())
    return names


def _region_names(region: str) -> frozenset[str]:
    """``ON`` and ``Ontario`` name the same province; a city is matched as written (case-insensitive)."""
    provinces = {"on": "ontario", "qc": "quebec", "bc": "british columbia", "ab": "alberta", "mb": "manitoba",
                 "sk": "saskatchewan", "ns": "nova scotia", "nb": "new brunswick", "nl": "newfoundland and labrador",
                 "pe": "prince edward island"}  # fmt: skip
    key = region.strip().lower()
    names = {key}
    names |= {provinces[key]} if key in provinces else {k for k, v in provinces.items() if v == key}
    return frozenset(names)


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.strip().lower(), value.strip())
    return [v for v in seen.values() if v]


def _join(notes: list[str]) -> str | None:
    return " ".join(_unique(notes)) or None
