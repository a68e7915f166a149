"""Read the filters a message states: cost, delivery, status, provider and subject area."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.filters import SearchFilters
from knowledge.schema import KnowledgeBase

_COST_FREE = re.compile(r"\b(free|no[- ]cost|at no charge|without paying|costs? nothing|no fees?)\b", re.I)
_DELIVERY = (
    (re.compile(r"\b(online|virtual(ly)?|remote(ly)?|from home|e-?learning)\b", re.I), "online"),
    (re.compile(r"\b(in[- ]person|on[- ]campus|face[- ]to[- ]face|hands[- ]on)\b", re.I), "in_person"),
    (re.compile(r"\b(evenings?|nights?|after work)\b", re.I), "evenings"),
    (re.compile(r"\b(weekends?|saturdays?|sundays?)\b", re.I), "weekends"),
    (re.compile(r"\b(self[- ]paced|own pace|self[- ]guided)\b", re.I), "self_paced"),
)
_STATUS = (
    (re.compile(r"\b(upcoming|coming soon|launch(ing)? soon|new ones?)\b", re.I), "upcoming"),
    (re.compile(r"\b(under development|in development|being developed|planned)\b", re.I), "under_development"),
)
# A few plain-language ways to name an area; retrieval's synonym table extends these.
_AREA_ALIASES: dict[str, tuple[str, ...]] = {
    "Health Sciences": ("health", "healthcare", "health care", "health science", "health sciences"),
    "Cybersecurity": ("cyber", "cyber security", "cybersecurity", "infosec"),
    "Information Technology": ("information technology",),
    "Education": ("education", "teaching", "teacher", "teachers", "educator", "educators"),
    "Entrepreneurship": ("entrepreneurship", "entrepreneur", "start a business", "own business", "small business"),
    "Transferable Skills": ("transferable skills", "transferrable skills", "soft skills"),
    "Media/Arts/Design": ("media", "arts", "design", "media arts design"),
    "Trades": ("trades", "trade", "construction", "skilled trades"),
    "Medical Technology": ("medical technology", "medtech", "med tech"),
    "Cannabis Industry": ("cannabis",),
    "Community Services": ("community services", "social services"),
}


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    filters: SearchFilters
    mentions: dict[str, str] = field(default_factory=dict)  # filter name -> the words that stated it


def _find(pattern: str, text: str, *, case_sensitive: bool = False) -> re.Match[str] | None:
    flags = 0 if case_sensitive else re.I
    return re.search(rf"(?<![\w-]){re.escape(pattern)}(?![\w-])", text, flags)


def parse_query(text: str, kb: KnowledgeBase) -> ParsedQuery:
    """Filters stated in ``text``. Longer names win over shorter ones ("Medical Technology" over "technology")."""
    found: dict[str, str | None] = {"provider": None, "area": None, "cost": None, "delivery": None, "status": None}
    mentions: dict[str, str] = {}
    if m := _COST_FREE.search(text):
        found["cost"], mentions["cost"] = "free", m.group(0)
    for pattern, value in _DELIVERY:
        if m := pattern.search(text):
            found["delivery"], mentions["delivery"] = value, m.group(0)
            break
    for pattern, value in _STATUS:
        if m := pattern.search(text):
            found["status"], mentions["status"] = value, m.group(0)
            break
    provider_names = sorted(
        ((name, p.id) for p in kb.providers.values() for name in (p.name, *p.short_names)), key=lambda x: -len(x[0])
    )
    for name, provider_id in provider_names:
        exact = name.isupper() and len(name) <= 4  # acronyms such as DC or OTU only in capitals
        if m := _find(name, text, case_sensitive=exact):
            found["provider"], mentions["provider"] = provider_id, m.group(0)
            break
    area_names = [(a, a) for a in kb.areas] + [(alias, a) for a, aliases in _AREA_ALIASES.items() for alias in aliases]
    for name, area in sorted(area_names, key=lambda x: -len(x[0])):
        if area not in kb.areas:
            continue
        if m := _find(name, text):
            found["area"], mentions["area"] = area, m.group(0)
            break
    if not found["area"] and (m := re.search(r"(?<![\w-])IT(?![\w-])", text)):
        found["area"], mentions["area"] = "Information Technology", m.group(0)
    return ParsedQuery(text=text, filters=SearchFilters(**found), mentions=mentions)
