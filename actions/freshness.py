"""How fresh a stated fact is, in words: "as of March 2026" when its source was read more than ADVISOR_STALE_DAYS
ago, and the data licence of imported facts beside the link. Used by the answers about cost, dates, status and
delivery (actions/details.py)."""

from __future__ import annotations

import datetime as dt

from knowledge.freshness import as_of, is_stale, read_on
from knowledge.schema import Credential, KnowledgeBase

FIELDS = {"cost": ("cost",), "status": ("status", "starts"), "delivery": ("delivery",)}


STALE_DAYS = 180  # ADVISOR_STALE_DAYS's default; the service passes its setting through AdvisorDeps


def freshness_note(
    credential: Credential,
    kb: KnowledgeBase,
    attribute: str | None,
    *,
    stale_days: int = STALE_DAYS,
    today: dt.date | None = None,
) -> str:
    """' (As of March 2026: check the page for today's details.)' for an old fact; '' for a fresh one."""
    fields = FIELDS.get(attribute or "", ("cost", "status", "starts", "delivery"))
    date = read_on(credential, kb, fields)
    if date is None or not is_stale(date, days=stale_days, today=today):
        return ""
    return f"{as_of(date)[:1].upper()}{as_of(date)[1:]}: check the page for today's details."


def attribution(credential: Credential, kb: KnowledgeBase) -> str:
    """'Data: <licence>.' when a source of the record carries a licence (imported catalogues); else ''."""
    licences = sorted({s.licence for key in credential.sources if (s := kb.sources.get(key)) and s.licence})
    return f"Data: {'; '.join(licences)}." if licences else ""


def describe_starts(credential: Credential) -> str:
    """The intakes the record lists, or that dates aren't in the sources."""
    if not credential.starts:
        return "Dates aren't in my sources; the page has the current ones."
    dates = ", ".join(f"{d.day} {d.strftime('%B %Y')}" for d in credential.starts)
    return f"Starts: {dates}."
