"""Pydantic models of the knowledge base, aligned with CTDL (Credential Transparency Description Language).

Each field's docstring names the CTDL term it maps to, so a later export to the Credential Registry is mechanical.
Unknown is a first-class value everywhere: a field the sources do not state stays unknown, and the advisor says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, field_validator

from knowledge.durations import parse_period


def _https_only(url: HttpUrl) -> HttpUrl:
    if url.scheme != "https":
        raise ValueError(f"{url} is not https; link the https page (people follow these links from the advisor)")
    return url


# Every page the advisor links to or cites is https: a plain-http link could be rewritten on the way (review L12).
HttpsUrl = Annotated[HttpUrl, AfterValidator(_https_only)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kind(StrEnum):
    """CTDL ``@type``: single -> ``ceterms:MicroCredential``; bundle -> ``ceterms:LearningOpportunityProfile`` with
    ``ceterms:hasPart``; area -> a provider's area of offerings (``ceterms:CredentialOrganization`` offering, no
    single credential)."""

    SINGLE = "single"
    BUNDLE = "bundle"
    AREA = "area"


class Status(StrEnum):
    """CTDL ``ceterms:credentialStatusType`` / ``ceterms:lifeCycleStatusType`` (Active, upcoming, in development).

    ``unknown``: the record states no status (many registry Courses); the advisor then claims nothing."""

    AVAILABLE = "available"
    UPCOMING = "upcoming"
    UNDER_DEVELOPMENT = "under_development"
    UNKNOWN = "unknown"


class DeliveryMode(StrEnum):
    """CTDL ``ceterms:learningDeliveryType``: OnlineOnly, InPerson, BlendedDelivery."""

    ONLINE = "online"
    IN_PERSON = "in_person"
    BLENDED = "blended"


class Schedule(StrEnum):
    """CTDL ``ceterms:scheduleTimingType`` (scheduleTiming:Evening, ...); self_paced is a self-guided plan."""

    EVENINGS = "evenings"
    WEEKENDS = "weekends"
    COMPRESSED = "compressed"
    SELF_PACED = "self_paced"


class CostKind(StrEnum):
    FREE = "free"
    PRICED = "priced"
    UNKNOWN = "unknown"


class Tristate(StrEnum):
    YES = "yes"
    NO = "no"
    IN_SOME_CASES = "in_some_cases"
    UNKNOWN = "unknown"


class Cost(Strict):
    """CTDL ``ceterms:estimatedCost`` -> ``ceterms:CostProfile`` {price, currency, costDetails}. Free is price 0.

    ``amount`` is in ``currency`` (ISO 4217, as the document states it; nothing is converted)."""

    kind: CostKind = CostKind.UNKNOWN
    amount: float | None = Field(default=None, ge=0)
    currency: str = Field(default="CAD", pattern=r"^[A-Z]{3}$")
    note: str | None = None


class Delivery(Strict):
    """CTDL ``ceterms:learningDeliveryType`` (modes) and ``ceterms:scheduleTimingType`` (schedule).

    ``confirmed`` is false when the source speaks of the provider in general ("flexible wherever possible") rather
    than of this offering; the advisor then says "may be offered"."""

    modes: tuple[DeliveryMode, ...] = ()
    schedule: tuple[Schedule, ...] = ()
    confirmed: bool = False
    note: str | None = None


class Duration(Strict):
    """CTDL ``ceterms:estimatedDuration`` -> ``ceterms:DurationProfile``, keeping CTDL's two meanings apart.

    ``hours`` is ``ceterms:timeRequired``, the engaged time (PT42H30M); ``span`` is ``ceterms:exactDuration``, the
    overall span from start to finish as ISO 8601 (P10W, P6M); ``text`` is the profile's ``ceterms:description``."""

    hours: float | None = Field(default=None, gt=0)
    span: str | None = None
    text: str | None = None

    @field_validator("span")
    @classmethod
    def _span_is_iso(cls, value: str | None) -> str | None:
        if value is not None and parse_period(value) is None:
            raise ValueError("span must be an ISO 8601 duration such as P10W or P6M (CTDL exactDuration)")
        return value


class Flag(Strict):
    """A yes / no / in-some-cases / unknown fact with its wording from the source."""

    value: Tristate = Tristate.UNKNOWN
    note: str | None = None


class Modules(Strict):
    """CTDL ``ceterms:hasPart``: the parts of a bundle, with their count where known."""

    count: int | None = Field(default=None, ge=1)
    names: tuple[str, ...] = ()
    note: str | None = None


class Source(Strict):
    """Provenance (not CTDL): where a fact was read and when."""

    title: str
    url: HttpsUrl
    publisher: str | None = None
    published: dt.date | None = None
    read_on: dt.date
    """When the text was read (imports: the import date). A fact's age is the read_on of the sources it cites."""
    licence: str | None = None
    """The data licence and attribution to show with facts from this source (imports: the registry's)."""


# Fields whose stated values must be covered by a source (see loader.check_sources).
SOURCED_FIELDS = (
    "title", "partners", "areas", "description", "skills", "audience", "status", "cost", "delivery", "duration",
    "stackable", "digital_credential", "modules", "is_part_of", "url", "starts",
)  # fmt: skip


class Credential(Strict):
    """One offering: a micro-credential, a bundle of modules, or a provider's area of offerings."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
    """Stable local id; CTDL ``ceterms:ctid`` once registered."""
    title: str = Field(min_length=3)
    """CTDL ``ceterms:name``."""
    provider: str = ""
    """CTDL ``ceterms:offeredBy`` -> ``ceterms:CredentialOrganization`` (set from the provider file)."""
    partners: tuple[str, ...] = ()
    """CTDL ``ceterms:recognizedBy`` (closest fit for industry and sponsor partners)."""
    areas: tuple[str, ...] = ()
    """CTDL ``ceterms:subject`` / ``ceterms:keyword`` (the article's area labels)."""
    kind: Kind
    """CTDL ``@type`` (see Kind)."""
    description: str = Field(min_length=20)
    """CTDL ``ceterms:description``."""
    skills: tuple[str, ...] = ()
    """CTDL ``ceterms:teaches``."""
    audience: str | None = None
    """CTDL ``ceterms:audienceType`` / ``ceterms:requires`` (who may enrol); None means unknown."""
    delivery: Delivery = Delivery()
    """CTDL ``ceterms:learningDeliveryType`` + ``ceterms:scheduleTimingType``."""
    duration: Duration = Duration()
    """CTDL ``ceterms:estimatedDuration``."""
    cost: Cost = Cost()
    """CTDL ``ceterms:estimatedCost``."""
    status: Status
    """CTDL ``ceterms:credentialStatusType`` / ``ceterms:lifeCycleStatusType``."""
    stackable: Flag = Flag()
    """CTDL ``ceterms:isPartOf`` / ``ceterms:isPreparationFor`` (stacking toward higher credentials)."""
    digital_credential: Flag = Flag()
    """Open Badges 3.0 ``achievementType: MicroCredential`` (a shareable digital credential / badge)."""
    modules: Modules = Modules()
    """CTDL ``ceterms:hasPart``."""
    is_part_of: str | None = None
    """CTDL ``ceterms:isPartOf``: id of the bundle this credential belongs to."""
    url: HttpsUrl
    """CTDL ``ceterms:subjectWebpage``: where to check current details."""
    starts: tuple[dt.date, ...] = ()
    """CTDL ``ceterms:startDate`` (of the resource or its ``ceterms:hasOffering``): the intakes the source lists."""
    ctid: str | None = Field(default=None, pattern=r"^ce-[0-9a-f-]{36}$")
    """CTDL ``ceterms:ctid`` when the record came from (or was published to) the Credential Registry."""
    sources: dict[str, tuple[str, ...]] = Field(min_length=1)
    """Provenance: source key (in sources.yaml) -> the fields it supports."""


class ContactRoute(Strict):
    label: str
    url: HttpsUrl


class Provider(Strict):
    """CTDL ``ceterms:CredentialOrganization``."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str
    """CTDL ``ceterms:name``."""
    short_names: tuple[str, ...] = ()
    """CTDL ``ceterms:alternateName``."""
    description: str
    """CTDL ``ceterms:description``."""
    url: HttpsUrl
    """CTDL ``ceterms:subjectWebpage``."""
    contact: tuple[ContactRoute, ...] = Field(min_length=1)
    """CTDL ``ceterms:contactPoint``: how to reach them (web pages only; we never invent phone numbers)."""
    ctid: str | None = Field(default=None, pattern=r"^ce-[0-9a-f-]{36}$")
    """CTDL ``ceterms:ctid`` of the organisation, for imported providers."""
    sources: dict[str, tuple[str, ...]] = Field(min_length=1)


class FaqTopic(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    title: str
    answer: str = Field(min_length=20)
    sources: tuple[str, ...] = Field(min_length=1)


class Area(Strict):
    name: str


class Synonym(Strict):
    """Words people use, mapped to the knowledge base's own vocabulary (not CTDL; a retrieval aid).

    ``area`` with ``names_area: true`` means the terms *name* the area ("cyber security" for Cybersecurity) and so
    state an area filter; otherwise they are related words ("factory" for Manufacturing) that only steer ranking.
    Each entry cites a source key (sources.yaml) or states its rationale."""

    terms: tuple[str, ...] = Field(min_length=1)
    area: str | None = None
    names_area: bool = False
    expands_to: tuple[str, ...] = ()
    """Words added to the query for retrieval (besides the area name)."""
    case_sensitive: bool = False
    """Acronyms such as IT or PSW that are also ordinary words in lower case."""
    source: str | None = None
    rationale: str | None = Field(default=None, min_length=10)


class KnowledgeBase(BaseModel):
    """The validated knowledge base, in the order of its files."""

    model_config = ConfigDict(frozen=True)

    providers: dict[str, Provider]
    credentials: tuple[Credential, ...]
    faq: dict[str, FaqTopic]
    areas: tuple[str, ...]
    sources: dict[str, Source]
    content_hash: str
    synonyms: tuple[Synonym, ...] = ()

    def credential(self, credential_id: str) -> Credential | None:
        return self._by_id.get(credential_id)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> KnowledgeBase:
        """A copy; the id lookup is built again from the copy's own credentials (pydantic copies the instance's
        ``__dict__``, where the cached lookup of the original would otherwise still answer)."""
        copied = super().model_copy(update=update, deep=deep)
        copied.__dict__.pop("_by_id", None)
        return copied

    @cached_property
    def _by_id(self) -> dict[str, Credential]:
        # A lookup table, built on first use: a catalogue of 100,000 records is not scanned for every reference.
        return {c.id: c for c in self.credentials}

    def provider_name(self, provider_id: str) -> str:
        provider = self.providers.get(provider_id)
        return provider.name if provider else provider_id


ProblemKind = Literal["yaml", "schema", "duplicate", "reference", "source"]
