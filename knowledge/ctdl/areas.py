"""Subject areas of an imported record, from its subjects and keywords through the synonyms table (or none)."""

from __future__ import annotations

import re

from knowledge.schema import Synonym


class AreaMatcher:
    """Maps a subject or keyword to the knowledge base's areas: the area's own name, a synonym term that names the
    area, or a phrase equal to any synonym term. Related words that only steer ranking inside a longer keyword do
    not assign an area ("factory" alone does, "factory tours for kids" does not)."""

    def __init__(self, areas: tuple[str, ...], synonyms: tuple[Synonym, ...]) -> None:
        self._exact: dict[str, str] = {area.lower(): area for area in areas}
        self._naming: list[tuple[re.Pattern[str], str]] = []
        for entry in synonyms:
            if entry.area is None:
                continue
            for term in entry.terms:
                key = term if entry.case_sensitive else term.lower()
                self._exact.setdefault(key, entry.area)
                if entry.names_area:
                    flags = 0 if entry.case_sensitive else re.IGNORECASE
                    self._naming.append((re.compile(rf"\b{re.escape(term)}\b", flags), entry.area))
        for area in areas:
            self._naming.append((re.compile(rf"\b{re.escape(area)}\b", re.IGNORECASE), area))

    def areas_of(self, phrases: list[str]) -> tuple[str, ...]:
        found: list[str] = []
        for phrase in phrases:
            area = self._exact.get(phrase.strip()) or self._exact.get(phrase.strip().lower())
            if area is None:
                area = next((a for pattern, a in self._naming if pattern.search(phrase)), None)
            if area is not None and area not in found:
                found.append(area)
        return tuple(found)

    def names_an_area(self, phrase: str) -> bool:
        return bool(self.areas_of([phrase]))
