"""Metadata filters a search must never break."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from knowledge.schema import Credential


@dataclass(frozen=True)
class SearchFilters:
    provider: str | None = None  # provider id
    area: str | None = None  # area name as in areas.yaml
    cost: str | None = None  # free | priced | unknown
    delivery: str | None = None  # a DeliveryMode or Schedule value (online, in_person, evenings, ...)
    status: str | None = None  # available | upcoming | under_development

    def matches(self, credential: Credential) -> bool:
        if self.provider and credential.provider != self.provider:
            return False
        if self.area and self.area not in credential.areas:
            return False
        if self.cost and credential.cost.kind != self.cost:
            return False
        if self.delivery and self.delivery not in {*credential.delivery.modes, *credential.delivery.schedule}:
            return False
        return not (self.status and credential.status != self.status)

    def is_empty(self) -> bool:
        return not any(asdict(self).values())

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}
