"""How old a fact is: the ``read_on`` of the sources a record cites for it (one truth; imports set it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.schema import Credential, KnowledgeBase

# The facts that go out of date: what it costs, when it runs, whether it is offered, how it is delivered.
VOLATILE_FIELDS = ("cost", "starts", "status", "delivery")


def read_on(credential: Credential, kb: KnowledgeBase, fields: Iterable[str] = VOLATILE_FIELDS) -> dt.date | None:
    """The oldest ``read_on`` among the sources that cover any of ``fields`` (None when none cover them)."""
    wanted = set(fields)
    dates = [
        source.read_on
        for key, covered in credential.sources.items()
        if wanted & set(covered) and (source := kb.sources.get(key)) is not None
    ]
    return min(dates) if dates else None


def is_stale(date: dt.date | None, *, days: int, today: dt.date | None = None) -> bool:
    return date is not None and ((today or dt.date.today()) - date).days > days


def as_of(date: dt.date) -> str:
    """ "as of March 2026" """
    return f"as of {date.strftime('%B %Y')}"


@dataclass(frozen=True)
class StaleRecord:
    provider: str
    credential: Credential
    read_on: dt.date


def stale_records(kb: KnowledgeBase, *, days: int, today: dt.date | None = None) -> list[StaleRecord]:
    """Records whose cost, dates, status or delivery were read more than ``days`` ago, by provider then age."""
    found = [
        StaleRecord(kb.provider_name(c.provider), c, date)
        for c in kb.credentials
        if (date := read_on(c, kb)) is not None and is_stale(date, days=days, today=today)
    ]
    return sorted(found, key=lambda r: (r.provider, r.read_on, r.credential.title))
