"""Metadata filters a search must never break."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from knowledge.schema import Credential


@dataclass(frozen=True)
class SearchFilters:
    provider: str | None = None  # provider id
    area: str | None = None  # area name as in areas.yaml
    cost: str | None = None  # free | priced | unknown
    delivery: str | None = None  # a DeliveryMode or Schedule value (online, in_person, evenings, ...)
    status: str | None = None  # available | upcoming | under_development
    # (filter name, value) pairs ruled out: "anything but Health Sciences"; also ("partner", name), only ever ruled
    # out: "leave out the TD ones" (the records made with that partner)
    exclude: tuple[tuple[str, str], ...] = ()

    def matches(self, credential: Credential) -> bool:
        if any(value in credential.partners if name == "partner" else SearchFilters.one(name, value).matches(credential)
               for name, value in self.exclude):
            return False
        if self.provider and credential.provider != self.provider:
            return False
        if self.area and self.area not in credential.areas:
            return False
        if self.cost and credential.cost.kind != self.cost:
            return False
        if self.delivery and self.delivery not in {*credential.delivery.modes, *credential.delivery.schedule}:
            return False
        return not (self.status and credential.status != self.status)

    @classmethod
    def one(cls, name: str, value: str) -> SearchFilters:
        """The filter of one ``name`` (provider, area, cost, delivery or status) set to ``value``."""
        if name not in ("provider", "area", "cost", "delivery", "status"):
            raise ValueError(f"unknown filter {name!r}")
        return cls(**{name: value})  # type: ignore[arg-type]

    def is_empty(self) -> bool:
        return not (self.provider or self.area or self.cost or self.delivery or self.status or self.exclude)

    def as_dict(self) -> dict[str, str]:
        # Not dataclasses.asdict (a recursive deep copy): this runs several times in every turn.
        values = {
            "provider": self.provider,
            "area": self.area,
            "cost": self.cost,
            "delivery": self.delivery,
            "status": self.status,
        }
        return {k: v for k, v in values.items() if v}


CONFIRMED = "confirmed delivery"  # posting key of the records whose delivery is stated for the offering itself


class FilterIndex:
    """Positions of the records holding each filter value, so the allowed set of a filter is an intersection of
    sorted arrays rather than a scan of every record (which matters at 100,000 records)."""

    def __init__(self, records: list[Credential]) -> None:
        postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, c in enumerate(records):
            postings["provider", c.provider].append(position)
            for area in c.areas:
                postings["area", area].append(position)
            postings["cost", str(c.cost.kind)].append(position)
            for value in {*c.delivery.modes, *c.delivery.schedule}:
                postings["delivery", str(value)].append(position)
                if c.delivery.confirmed:  # stated for this offering, not "may be offered" of the provider
                    postings[CONFIRMED, str(value)].append(position)
            postings["status", str(c.status)].append(position)
            for partner in c.partners:  # (only ever ruled out: "leave out the TD ones")
                postings["partner", partner].append(position)
        self._postings = {key: np.asarray(v, dtype=np.int64) for key, v in postings.items()}
        self._size = len(records)
        self._cache: dict[SearchFilters, np.ndarray] = {}

    def count_confirmed_delivery(self, filters: SearchFilters) -> int:
        """How many records ``filters`` allows whose delivery (``filters.delivery``) is stated for the offering
        itself, not only as what the provider "may" offer (headlines count the two apart)."""
        if not filters.delivery:
            return 0
        confirmed = self._postings.get((CONFIRMED, filters.delivery), np.zeros(0, dtype=np.int64))
        allowed = self.allowed(filters)
        return len(confirmed) if allowed is None else len(np.intersect1d(allowed, confirmed, assume_unique=True))

    def allowed(self, filters: SearchFilters) -> np.ndarray | None:
        """Sorted positions matching ``filters``; None when ``filters`` is empty (everything is allowed)."""
        if filters.is_empty():
            return None
        cached = self._cache.get(filters)
        if cached is not None:
            return cached
        result: np.ndarray | None = None
        for name, value in filters.as_dict().items():
            positions = self._postings.get((name, value), np.zeros(0, dtype=np.int64))
            result = positions if result is None else np.intersect1d(result, positions, assume_unique=True)
        if filters.exclude:
            result = np.arange(self._size, dtype=np.int64) if result is None else result
            for key in filters.exclude:
                result = np.setdiff1d(result, self._postings.get(key, np.zeros(0, dtype=np.int64)), assume_unique=True)
        assert result is not None
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[filters] = result
        return result
